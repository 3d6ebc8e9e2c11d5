class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        try:
            value = value.__float__()
        except Exception:
            raise TypeError("must be real number, not {}".format(type(value).__name__))
        if not isinstance(value, float):
            raise TypeError("__float__ returned non-float (type {})".format(type(value).__name__))

    @staticmethod
    def lower(value):
        return value.__float__()
{% include "grpc-python/convert/scalar_lift.py" %}
