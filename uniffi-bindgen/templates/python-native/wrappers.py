{#- Python-level pieces of a callable: the introspection data of sync calls, the `async def`
    of async calls. #}
{% macro params(f) -%}
({% for a in f.args %}("{{ a.name }}", {% match a.default %}{% when Some(d) %}{{ d.arg_literal|py_str }}{% when None %}None{% endmatch %}), {% endfor %})
{%- endmacro %}

{% macro annotations(f) -%}
{ {%- for a in f.args %}"{{ a.name }}": {{ a.annotation|py_str }}, {% endfor %}"return": {{ f.return_annotation|py_str }}}
{%- endmacro %}

{#- `target` is the extension's callable; methods pass `self` through. #}
{% macro async_def(f, class, target) %}
async def {% if !class.is_empty() %}_uniffi_{{ class }}_{% endif %}{{ f.name }}({% if f.kind == PyCallableKind::Method %}self{% if !f.args.is_empty() %}, {% endif %}{% endif %}{% for a in f.args %}{{ a.name }}: {{ a.annotation }}{% if let Some(d) = a.default %} = {{ d.arg_literal }}{% endif %}{% if !loop.last %}, {% endif %}{% endfor %}) -> {{ f.return_annotation }}:
    {{ f.doc|docstring(4) -}}
{%- for a in f.args %}
{%- if let Some(d) = a.default %}
{%- if !d.is_arg_literal() %}
    if {{ a.name }} is _DEFAULT:
        {{ a.name }} = {{ d.py_default }}
{%- endif %}
{%- endif %}
{%- endfor %}
    return await {{ target }}({% if f.kind == PyCallableKind::Method %}self{% if !f.args.is_empty() %}, {% endif %}{% endif %}{% for a in f.args %}{{ a.name }}{% if !loop.last %}, {% endif %}{% endfor %})
{%- if !class.is_empty() %}


_uniffi_{{ class }}_{{ f.name }}.__name__ = "{{ f.name }}"
_uniffi_{{ class }}_{{ f.name }}.__qualname__ = "{{ class }}.{{ f.name }}"
{%- endif %}
{%- endmacro %}
