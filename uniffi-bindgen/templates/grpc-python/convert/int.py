class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        try:
            value = value.__index__()
        except Exception:
            raise TypeError("'{}' object cannot be interpreted as an integer".format(type(value).__name__))
        if not isinstance(value, int):
            raise TypeError("__index__ returned non-int (type {})".format(type(value).__name__))
        if not {{ min }} <= value < {{ max }}:
            raise ValueError("{} requires {} <= value < {}".format("{{ class }}", {{ min }}, {{ max }}))

    @staticmethod
    def lower(value):
        return value.__index__()
{% include "grpc-python/convert/scalar_lift.py" %}
