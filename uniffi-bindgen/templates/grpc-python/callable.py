{#- The parameters of a callable as uniffi's Python writes them (`CallableArgs.py`). #}
{% macro params(f) -%}
{%- for a in f.args -%}
{{ a.name }}: {% match a.default %}{% when Some(d) %}{% if d.is_arg_literal() %}{{ a.annotation }}{% else %}typing.Union[object, {{ a.annotation }}]{% endif %} = {{ d.arg_literal }}{% when None %}{{ a.annotation }}{% endmatch %}{% if !loop.last %}, {% endif %}
{%- endfor -%}
{%- endmacro %}

{#- Checks every argument, then makes the rpc (routed by the handle it carries, if any):
    `_uniffi_reply` holds the reply. #}
{% macro body(call) -%}
{%- for (a, conv, _) in call.args %}
{%- if let Some(d) = a.default %}
{%- if !d.is_arg_literal() %}
if {{ a.name }} is _DEFAULT:
    {{ a.name }} = {{ d.py_default }}
{%- endif %}
{%- endif %}
{{ conv }}.check_lower({{ a.name }})
{%- endfor %}
{%- if let Some(conv) = call.receiver_conv %}
{{ conv }}.check_lower(self)
{%- endif %}
_uniffi_request = _pb.{{ call.rpc.request.py }}(
{%- if let Some(field) = call.receiver %}
{%- match call.receiver_conv %}
{%- when Some(conv) %}
    {{ field }}={{ conv }}.lower(self),
{%- when None %}
    {{ field }}=self._uniffi_live_handle(),
{%- endmatch %}
{%- endif %}
{%- for (a, conv, field) in call.args %}
    {{ field }}={{ conv }}.lower({{ a.name }}),
{%- endfor %}
)
_uniffi_reply = {% if call.f.is_async %}await _uniffi_call_async{% else %}_uniffi_call{% endif %}("{{ call.rpc.name }}", _uniffi_request{% if let Some(route) = call.route %}, _uniffi_request.{{ route }}{% endif %})
{%- endmacro %}

{#- A method of a record or enum: a function over an rpc, set on the class. #}
{% macro value_method(class, f) %}
{%- if let Some(call) = c.call(f) %}


{% if f.is_async %}async {% endif %}def _uniffi_{{ class }}_{{ f.name }}({% if f.kind == PyCallableKind::Constructor %}cls{% else %}self{% endif %}{% if !f.args.is_empty() %}, {% endif %}{% call params(f) %}{% endcall %}) -> {{ f.return_annotation }}:
    {{ f.doc|docstring(4) -}}
{%- filter indent(4) %}
{% call body(call) %}{% endcall %}
{%- endfilter %}
{%- match call.ret %}
{%- when Some(ret) %}
    return {{ ret }}.lift_field(_uniffi_reply, "value")
{%- when None %}
{%- endmatch %}


{% if f.kind == PyCallableKind::Constructor -%}
{{ class }}.{{ f.name }} = classmethod(_uniffi_{{ class }}_{{ f.name }})  # type: ignore
{%- else -%}
{{ class }}.{{ f.name }} = _uniffi_{{ class }}_{{ f.name }}  # type: ignore
{%- endif %}
{%- endif %}
{%- endmacro %}

{#- `__str__`, `__eq__`, ... of a record or enum over the rpc of its exported Rust trait. #}
{% macro value_dunder(class, dunder, call) %}


def _uniffi_{{ class }}_{{ dunder }}(self{% for (a, _, _) in call.args %}, {{ a.name }}{% endfor %}) -> {{ call.f.return_annotation }}:
{%- if dunder == "__eq__" || dunder == "__ne__" %}
    if not isinstance(other, {{ class }}):
        return NotImplemented
{%- endif %}
{%- filter indent(4) %}
{% call body(call) %}{% endcall %}
{%- endfilter %}
    return {{ call.ret.as_deref().unwrap_or("") }}.lift_field(_uniffi_reply, "value")


{{ class }}.{{ dunder }} = _uniffi_{{ class }}_{{ dunder }}  # type: ignore
{%- if dunder == "__rust_cmp__" %}
{{ class }}.__lt__ = lambda self, other: self.__rust_cmp__(other) < 0  # type: ignore
{{ class }}.__le__ = lambda self, other: self.__rust_cmp__(other) <= 0  # type: ignore
{{ class }}.__gt__ = lambda self, other: self.__rust_cmp__(other) > 0  # type: ignore
{{ class }}.__ge__ = lambda self, other: self.__rust_cmp__(other) >= 0  # type: ignore
{%- endif %}
{%- endmacro %}
