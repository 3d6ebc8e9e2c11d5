class {{ conv.name }}:
    @staticmethod
    def check_lower(value):
{%- for v in variants %}
{%- if is_error %}
        if isinstance(value, {{ class }}.{{ v.name }}):
{%- else %}
        if value.is_{{ v.name }}():
{%- endif %}
{%- for f in v.fields %}
{%- if v.unnamed %}
            {{ f.conv }}.check_lower(value._values[{{ loop.index0 }}])
{%- else %}
            {{ f.conv }}.check_lower(value.{{ f.attr }})
{%- endif %}
{%- endfor %}
            return
{%- if flat_error %}
        # The variant's class stands for the variant, as in uniffi (`Dict(e=Error.Variant)`).
        if value is {{ class }}.{{ v.name }}:
            return
{%- endif %}
{%- endfor %}
{%- if is_error %}
        raise TypeError("Expected {{ class }} instance, {} found".format(type(value).__name__))
{%- else %}
        raise ValueError(value)
{%- endif %}

    @staticmethod
    def lower(value):
{%- for v in variants %}
{%- if is_error %}
        if isinstance(value, {{ class }}.{{ v.name }}):
{%- else %}
        if value.is_{{ v.name }}():
{%- endif %}
{%- if flat_error %}
            return {{ pb }}({{ v.case }}={{ v.pb }}(message=str(value)))
        if value is {{ class }}.{{ v.name }}:
            return {{ pb }}({{ v.case }}={{ v.pb }}(message=""))
{%- else %}
            return {{ pb }}({{ v.case }}={{ v.pb }}(
{%- for f in v.fields %}
{%- if v.unnamed %}
                {{ f.proto }}={{ f.conv }}.lower(value._values[{{ loop.index0 }}]),
{%- else %}
                {{ f.proto }}={{ f.conv }}.lower(value.{{ f.attr }}),
{%- endif %}
{%- endfor %}
            ))
{%- endif %}
{%- endfor %}
        raise ValueError(value)

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(message):
        which = message.WhichOneof("{{ oneof }}")
{%- for v in variants %}
        if which == "{{ v.case }}":
            variant = message.{{ v.case }}
{%- if flat_error %}
            return {{ class }}.{{ v.name }}(variant.message)
{%- else if v.unnamed %}
            return {{ class }}.{{ v.name }}({% for f in v.fields %}{{ f.conv }}.lift_field(variant, "{{ f.proto }}"){% if !loop.last %}, {% endif %}{% endfor %})
{%- else %}
            return {{ class }}.{{ v.name }}({% for f in v.fields %}{{ f.attr }}={{ f.conv }}.lift_field(variant, "{{ f.proto }}"){% if !loop.last %}, {% endif %}{% endfor %})
{%- endif %}
{%- endfor %}
        raise InternalError("the server sent a {{ class }} without a variant")
