class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        if value is not None:
            {{ inner }}.check_lower(value)

    @staticmethod
    def lower(value):
        return None if value is None else {{ inner }}.lower_elem(value)

    @staticmethod
    def lift_field(message, name):
        return {{ inner }}.lift_elem(getattr(message, name)) if message.HasField(name) else None
