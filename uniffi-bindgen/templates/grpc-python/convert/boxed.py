class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        {{ inner }}.check_lower(value)

    @staticmethod
    def lower(value):
        return {{ inner }}.lower(value)

    @staticmethod
    def lower_elem(value):
        return {{ inner }}.lower_elem(value)

    @staticmethod
    def lift_field(message, name):
        return {{ inner }}.lift_field(message, name)

    @staticmethod
    def lift_elem(value):
        return {{ inner }}.lift_elem(value)
