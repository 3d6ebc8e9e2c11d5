{#- A record, shaped as uniffi's Python bindings shape it: keyword-only fields with their
    defaults, `str()` listing the fields, `==` comparing them. -#}

class {{ r.name }}:
    {{ r.doc|docstring(4) -}}
{%- if !r.fields.is_empty() %}
    def __init__(self, *{% for f in r.fields %}, {{ f.name }}: {{ f.annotation }}{% if let Some(d) = f.default %} = {{ d.arg_literal }}{% endif %}{% endfor %}):
{%- for f in r.fields %}
{%- match f.default %}
{%- when Some(d) %}
{%- if d.is_arg_literal() %}
        self.{{ f.name }} = {{ f.name }}
{%- else %}
        if {{ f.name }} is _DEFAULT:
            self.{{ f.name }} = {{ d.py_default }}
        else:
            self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- when None %}
        self.{{ f.name }} = {{ f.name }}
{%- endmatch %}
{%- endfor %}
{%- endif %}

{%- if r.traits.display.is_none() %}

    def __str__(self):
        return "{{ r.name }}({% for f in r.fields %}{{ f.name }}={}{% if !loop.last %}, {% endif %}{% endfor %})".format({% for f in r.fields %}self.{{ f.name }}{% if !loop.last %}, {% endif %}{% endfor %})
{%- endif %}
{%- if r.traits.eq.is_none() %}

    def __eq__(self, other):
{%- for f in r.fields %}
        if self.{{ f.name }} != other.{{ f.name }}:
            return False
{%- endfor %}
        return True
{%- endif %}

{%- if r.traits.hash.is_none() %}

    __hash__ = None  # type: ignore
{%- endif %}
{%- if r.traits.debug.is_none() %}

    def __repr__(self):
        return "{{ r.name }}()"
{%- endif %}
