class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        seconds = value.seconds + value.days * 24 * 3600
        if seconds < 0:
            raise ValueError("Invalid duration, must be non-negative")

    @staticmethod
    def lower(value):
        return _duration_pb2.Duration(seconds=value.seconds + value.days * 24 * 3600, nanos=value.microseconds * 1000)

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(d):
        return datetime.timedelta(seconds=d.seconds, microseconds=d.nanos // 1000)
