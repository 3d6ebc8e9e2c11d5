{%- import "python-types/fields.py" as fields %}
{#- A record, shaped as uniffi's Python bindings shape it: keyword-only fields with their
    defaults, `str()` listing the fields, `==` comparing them. -#}

{%- if let Some(store) = r.stored_in %}

@{{ store }}
{% endif -%}
class {{ r.name }}:
    {{ r.doc|docstring(4) -}}
{%- if r.stored_in.is_some() %}
    # This body's methods are moved onto a type of the extension that keeps the fields in the
    # object (no `__dict__`); it pickles and copies by its fields.

    def __getstate__(self):
        return {{ "{" }}{% for f in r.fields %}"{{ f.name }}": self.{{ f.name }}{% if !loop.last %}, {% endif %}{% endfor %}{{ "}" }}

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)
{% endif %}
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
