{#- What records and enum variants share: field assignments with their defaults, field-wise
    `==`, and `str()` listing the fields. `pad` is the indentation of the emitted lines. -#}
{% macro inits(fields, pad) %}
{%- for f in fields %}
{%- match f.default %}
{%- when Some(d) %}
{%- if d.is_arg_literal() %}
{{ pad }}self.{{ f.name }} = {{ f.name }}
{%- else %}
{{ pad }}if {{ f.name }} is _DEFAULT:
{{ pad }}    self.{{ f.name }} = {{ d.py_default }}
{{ pad }}else:
{{ pad }}    self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- when None %}
{{ pad }}self.{{ f.name }} = {{ f.name }}
{%- endmatch %}
{%- endfor %}
{%- endmacro %}

{% macro eqs(fields, pad) %}
{%- for f in fields %}
{{ pad }}if self.{{ f.name }} != other.{{ f.name }}:
{{ pad }}    return False
{%- endfor %}
{%- endmacro %}

{% macro str_format(name, fields) -%}
"{{ name }}({% for f in fields %}{{ f.name }}={}{% if !loop.last %}, {% endif %}{% endfor %})".format({% for f in fields %}self.{{ f.name }}{% if !loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{#- The signature of a field-taking `__init__`, after `self`. #}
{% macro params(fields) %}{% for f in fields %}, {{ f.name }}: {{ f.annotation }}{% if let Some(d) = f.default %} = {{ d.arg_literal }}{% endif %}{% endfor %}{% endmacro %}
