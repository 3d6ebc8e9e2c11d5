class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        if not isinstance(value, {{ class }}):
            raise TypeError("Expected {{ class }} instance, {} found".format(type(value).__name__))

    @staticmethod
    def lower(value):
        return value._uniffi_live_handle()

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(handle):
        return {{ class }}._uniffi_make_instance(handle)
