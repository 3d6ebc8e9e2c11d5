class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
{%- for (v, _) in variants %}
        if value == {{ class }}.{{ v }}:
            return
{%- endfor %}
        raise ValueError(value)

    @staticmethod
    def lower(value):
{%- for (v, n) in variants %}
        if value == {{ class }}.{{ v }}:
            return {{ n }}
{%- endfor %}
        raise ValueError(value)

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(value):
{%- for (v, n) in variants %}
        if value == {{ n }}:
            return {{ class }}.{{ v }}
{%- endfor %}
        raise InternalError("{} is not a value of {{ class }}".format(value))
