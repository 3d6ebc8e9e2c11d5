class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        pass

    # A value that is not an aware datetime raises TypeError here, as in uniffi's Python.
    @staticmethod
    def lower(value):
        delta = value - _UNIFFI_EPOCH
        return _timestamp_pb2.Timestamp(seconds=delta.days * 86400 + delta.seconds, nanos=delta.microseconds * 1000)

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(ts):
        return _UNIFFI_EPOCH + datetime.timedelta(seconds=ts.seconds, microseconds=ts.nanos // 1000)
