class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        for item in value:
            {{ inner }}.check_lower(item)

    @staticmethod
    def lower(value):
        return [{{ inner }}.lower_elem(item) for item in value]

    @staticmethod
    def lift_field(message, name):
        return {% if set %}{ {{ inner }}.lift_elem(item) for item in getattr(message, name) }{% else %}[{{ inner }}.lift_elem(item) for item in getattr(message, name)]{% endif %}
