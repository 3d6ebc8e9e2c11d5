class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        try:
            memoryview(value)
        except TypeError:
            raise TypeError("a bytes-like object is required, not {!r}".format(type(value).__name__))

    @staticmethod
    def lower(value):
        return bytes(value)
{% include "grpc-python/convert/scalar_lift.py" %}
