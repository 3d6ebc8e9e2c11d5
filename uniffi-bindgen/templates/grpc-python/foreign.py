class {{ conv.name }}:
    # A `{{ protocol }}` the server may call: this client's own objects travel as keys into the
    # table of its callback stream{% if impl_class.is_some() %}, Rust implementations as handles{% endif %}.
    @staticmethod
    def check_lower(value):
{%- if *check %}
        if not isinstance(value, {{ protocol }}):
            raise TypeError("Expected {{ protocol }} subclass, {} found".format(type(value).__name__))
{%- else %}
        pass
{%- endif %}

    @staticmethod
    def lower(value):
{%- if let Some(impl_class) = impl_class %}
        if isinstance(value, {{ impl_class }}):
            return value._uniffi_live_handle()
{%- endif %}
        return _uniffi_callback_stream().insert(value)

    lower_elem = lower

    @classmethod
    def lift_field(cls, message, name):
        return cls.lift_elem(getattr(message, name))

    @staticmethod
    def lift_elem(value):
{%- if let Some(impl_class) = impl_class %}
        if value >> 48:
            return {{ impl_class }}._uniffi_make_instance(value)
{%- endif %}
        return _uniffi_callback_take(value)
