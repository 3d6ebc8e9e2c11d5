
    lower_elem = lower

    @staticmethod
    def lift_field(message, name):
        return getattr(message, name)

    @staticmethod
    def lift_elem(value):
        return value
