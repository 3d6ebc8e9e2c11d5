class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
        if not isinstance(value, str):
            raise TypeError("argument must be str, not {}".format(type(value).__name__))

    # A lone surrogate raises UnicodeEncodeError when the message is made, before any rpc.
    @staticmethod
    def lower(value):
        return value
{% include "grpc-python/convert/scalar_lift.py" %}
