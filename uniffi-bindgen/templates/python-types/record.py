{%- import "python-types/fields.py" as fields %}
{#- A record, shaped as uniffi's Python bindings shape it: keyword-only fields with their
    defaults, `str()` listing the fields, `==` comparing them. -#}

class {{ r.name }}:
    {{ r.doc|docstring(4) -}}
{%- if !r.fields.is_empty() %}
    def __init__(self, *{% call fields::params(r.fields.as_slice()) %}{% endcall %}):
{%- call fields::inits(r.fields.as_slice(), "        ") %}{% endcall %}
{%- endif %}
{%- if r.traits.display.is_none() %}

    def __str__(self):
        return {% call fields::str_format(r.name, r.fields.as_slice()) %}{% endcall %}
{%- endif %}
{%- if r.traits.eq.is_none() %}

    def __eq__(self, other):
{%- call fields::eqs(r.fields.as_slice(), "        ") %}{% endcall %}
        return True
{%- endif %}
{%- if r.traits.hash.is_none() %}

    __hash__ = None  # type: ignore
{%- endif %}
{%- if r.traits.debug.is_none() %}

    def __repr__(self):
        return "{{ r.name }}()"
{%- endif %}
