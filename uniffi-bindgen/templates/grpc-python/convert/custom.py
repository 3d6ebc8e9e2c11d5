class {{ conv.name }}:
    # The custom type `{{ class }}`: its builtin on the wire.
    @staticmethod
    def check_lower(value):
        {{ builtin }}.check_lower({% if let Some(f) = lower %}{{ f }}(value){% else %}value{% endif %})

    @staticmethod
    def lower(value):
        return {{ builtin }}.lower({% if let Some(f) = lower %}{{ f }}(value){% else %}value{% endif %})
{%- if conv.wrapper.is_none() %}

    @staticmethod
    def lower_elem(value):
        return {{ builtin }}.lower_elem({% if let Some(f) = lower %}{{ f }}(value){% else %}value{% endif %})

    @staticmethod
    def lift_elem(value):
        return {% if let Some(f) = lift %}{{ f }}({{ builtin }}.lift_elem(value)){% else %}{{ builtin }}.lift_elem(value){% endif %}
{%- endif %}

    @staticmethod
    def lift_field(message, name):
        return {% if let Some(f) = lift %}{{ f }}({{ builtin }}.lift_field(message, name)){% else %}{{ builtin }}.lift_field(message, name){% endif %}
