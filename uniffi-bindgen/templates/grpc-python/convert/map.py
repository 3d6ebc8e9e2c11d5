class {{ conv.name }}:
    @staticmethod
    def check_lower(items):
        for (key, value) in items.items():
            {{ key }}.check_lower(key)
            {{ value }}.check_lower(value)
{%- match entry %}
{%- when Some(entry) %}

    # The key cannot be a protobuf map key: a list of `{{ entry }}` messages.
    @staticmethod
    def lower(items):
        return [{{ entry }}(key={{ key }}.lower_elem(k), value={{ value }}.lower_elem(v)) for (k, v) in items.items()]

    @staticmethod
    def lift_field(message, name):
        return { {{ key }}.lift_elem(e.key): {{ value }}.lift_elem(e.value) for e in getattr(message, name) }
{%- when None %}

    @staticmethod
    def lower(items):
        return { {{ key }}.lower_elem(k): {{ value }}.lower_elem(v) for (k, v) in items.items() }

    @staticmethod
    def lift_field(message, name):
        return { {{ key }}.lift_elem(k): {{ value }}.lift_elem(v) for (k, v) in getattr(message, name).items() }
{%- endmatch %}
