{#- Methods of records and enums: Python methods over the extension's functions. #}
{% macro value_method(class, f) %}

def _uniffi_{{ class }}_{{ f.name }}(self{% for a in f.args %}, {{ a.name }}: {{ a.annotation }}{% if let Some(d) = a.default %} = {{ d.arg_literal }}{% endif %}{% endfor %}) -> {{ f.return_annotation }}:
    {{ f.doc|docstring(4) -}}
    return _native._uniffi_{{ class }}_{{ f.name }}(self{% for a in f.args %}, {{ a.name }}{% endfor %})


{{ class }}.{{ f.name }} = _uniffi_{{ class }}_{{ f.name }}  # type: ignore
{%- endmacro %}

{% macro dunder(class, dunder, f) %}

{%- if dunder == "__eq__" || dunder == "__ne__" %}

def _uniffi_{{ class }}_{{ dunder }}(self, other: object) -> {{ f.return_annotation }}:
    if not isinstance(other, {{ class }}):
        return NotImplemented
    return _native._uniffi_{{ class }}_{{ f.name }}(self, other)
{%- else %}

def _uniffi_{{ class }}_{{ dunder }}(self{% for a in f.args %}, {{ a.name }}{% endfor %}) -> {{ f.return_annotation }}:
    return _native._uniffi_{{ class }}_{{ f.name }}(self{% for a in f.args %}, {{ a.name }}{% endfor %})
{%- endif %}


{{ class }}.{{ dunder }} = _uniffi_{{ class }}_{{ dunder }}  # type: ignore
{%- if dunder == "__rust_cmp__" %}
{{ class }}.__lt__ = lambda self, other: self.__rust_cmp__(other) < 0  # type: ignore
{{ class }}.__le__ = lambda self, other: self.__rust_cmp__(other) <= 0  # type: ignore
{{ class }}.__gt__ = lambda self, other: self.__rust_cmp__(other) > 0  # type: ignore
{{ class }}.__ge__ = lambda self, other: self.__rust_cmp__(other) >= 0  # type: ignore
{%- endif %}
{%- endmacro %}
