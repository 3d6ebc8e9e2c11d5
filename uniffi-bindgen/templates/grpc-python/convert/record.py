class {{ conv.name }}:
    # Fields are read by attribute, as uniffi's Python reads them.
    @staticmethod
    def check_lower(value):
{%- for f in fields %}
        {{ f.conv }}.check_lower(value.{{ f.attr }})
{%- else %}
        pass
{%- endfor %}

    @staticmethod
    def lower(value):
        return {{ pb }}(
{%- for f in fields %}
            {{ f.proto }}={{ f.conv }}.lower(value.{{ f.attr }}),
{%- endfor %}
        )

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(message):
        return {{ class }}(
{%- for f in fields %}
            {{ f.attr }}={{ f.conv }}.lift_field(message, "{{ f.proto }}"),
{%- endfor %}
        )
