class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        return not not value

    @staticmethod
    def lower(value):
        return not not value
{% include "grpc-python/convert/scalar_lift.py" %}
