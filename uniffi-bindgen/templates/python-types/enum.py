{%- import "python-types/fields.py" as fields %}
{#- A non-error enum, shaped as uniffi's Python bindings shape it: an `enum.Enum` when flat,
    otherwise a class with one nested subclass per variant. -#}
{%- if e.flat %}

class {{ e.name }}(enum.Enum):
    {{ e.doc|docstring(4) -}}
{%- for v in e.variants %}
    {{ v.name }} = {{ v.discr }}
    {{ v.doc|docstring(4) -}}
{% endfor %}
{%- else %}

class {{ e.name }}:
    {{ e.doc|docstring(4) -}}
    def __init__(self):
        raise RuntimeError("{{ e.name }} cannot be instantiated directly")
{% for v in e.variants %}
    class {{ v.name }}:
        {{ v.doc|docstring(8) -}}
{%- if v.unnamed %}
        def __init__(self, *values):
            if len(values) != {{ v.fields.len() }}:
                raise TypeError(f"Expected {{ v.fields.len() }} arguments, found {len(values)}")
            self._values = values

        def __getitem__(self, index):
            return self._values[index]

{%- if e.traits.display.is_none() %}

        def __str__(self):
            return f"{{ e.name }}.{{ v.name }}{self._values!r}"
{%- endif %}
{%- if e.traits.eq.is_none() %}

        def __eq__(self, other):
            if not isinstance(other, {{ e.name }}):
                return NotImplemented
            if not other.is_{{ v.name }}():
                return False
            return self._values == other._values
{%- endif %}
{%- else %}
        def __init__(self{% call fields::params(v.fields.as_slice()) %}{% endcall %}):
{%- call fields::inits(v.fields.as_slice(), "            ") %}{% endcall %}
            pass

{%- if e.traits.display.is_none() %}

        def __str__(self):
            return {% call fields::str_format(e.name ~ "." ~ v.name, v.fields.as_slice()) %}{% endcall %}
{%- endif %}
{%- if e.traits.eq.is_none() %}

        def __eq__(self, other):
            if not isinstance(other, {{ e.name }}):
                return NotImplemented
            if not other.is_{{ v.name }}():
                return False
{%- call fields::eqs(v.fields.as_slice(), "            ") %}{% endcall %}
            return True
{%- endif %}
{%- endif %}

{%- if e.traits.hash.is_none() %}

        __hash__ = None  # type: ignore
{%- endif %}
{%- if e.traits.debug.is_none() %}

        def __repr__(self):
            return "{{ e.name }}.{{ v.name }}()"
{%- endif %}
{% endfor %}
{%- for v in e.variants %}
    def is_{{ v.name }}(self) -> bool:
        return isinstance(self, {{ e.name }}.{{ v.name }})
{%- if v.name != v.snake_name %}

    def is_{{ v.snake_name }}(self) -> bool:
        return isinstance(self, {{ e.name }}.{{ v.name }})
{%- endif %}

{% endfor %}
{%- for v in e.variants %}
{{ e.name }}.{{ v.name }} = type("{{ e.name }}.{{ v.name }}", ({{ e.name }}.{{ v.name }}, {{ e.name }},), {})  # type: ignore
{%- endfor %}
{%- endif %}
