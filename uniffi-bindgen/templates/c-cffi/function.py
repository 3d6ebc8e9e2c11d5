{#- Functions, methods and constructors: arguments converted to C, the C function called,
    the result converted back (or the error raised). `pad` is the indentation of the body;
    `recv` the receiver: "" (none), "ptr" (an object: `self._ptr`), "value" (a record or
    enum: converted like an argument). -#}

{% macro params(f, first) -%}
({{ first }}{% for a in f.py.args %}{% if !first.is_empty() || !loop.first %}, {% endif %}{{ a.name }}: {{ a.annotation }}{% if let Some(d) = a.default %} = {{ d.arg_literal }}{% endif %}{% endfor %})
{%- endmacro %}

{% macro defaults(f, pad) %}
{%- for a in f.py.args %}
{%- if let Some(d) = a.default %}
{%- if !d.is_arg_literal() %}
{{ pad }}if {{ a.name }} is _DEFAULT:
{{ pad }}    {{ a.name }} = {{ d.py_default }}
{%- endif %}
{%- endif %}
{%- endfor %}
{%- endmacro %}

{#- Converts the arguments (before the `try`). #}
{% macro prepare(f, pad, recv) %}
{%- if recv.to_string() == "value" %}
{{ pad }}_cs = _new("{{ f.receiver_c() }} *")
{%- endif %}
{%- for a in f.args %}
{%- match a.ty.pass %}
{%- when Pass::Pair(PairKind::Str) %}
{%- if a.conv == "string" %}
{{ pad }}_a{{ loop.index0 }} = _encode({{ a.py.name }})
{%- else %}
{{ pad }}_a{{ loop.index0 }} = _new("{{ a.ty.c }} *")
{%- endif %}
{%- when Pass::Pair(PairKind::Bytes) %}
{%- if a.conv == "bytes" %}
{{ pad }}_a{{ loop.index0 }} = _as_bytes({{ a.py.name }})
{%- else %}
{{ pad }}_a{{ loop.index0 }} = _new("{{ a.ty.c }} *")
{%- endif %}
{%- else %}
{%- if !a.scalar %}
{{ pad }}_a{{ loop.index0 }} = _new("{{ a.ty.c }} *")
{%- endif %}
{%- endmatch %}
{%- endfor %}
{%- endmacro %}

{#- Fills the C arguments that need it (inside the `try`). #}
{% macro give(f, pad, recv) %}
{%- if recv.to_string() == "value" %}
{{ pad }}_give_{{ f.receiver_conv.as_deref().unwrap_or_default() }}(_cs, self)
{%- endif %}
{%- for a in f.args %}
{%- if a.needs_give() %}
{{ pad }}_give_{{ a.conv }}(_a{{ loop.index0 }}, {{ a.py.name }})
{%- endif %}
{%- endfor %}
{%- endmacro %}

{#- The receiver and arguments, as the C function takes them. #}
{% macro args(f, recv) -%}
{%- if recv.to_string() == "ptr" %}self._ptr, {% else if recv.to_string() == "value" %}{% if f.receiver_by_value() %}_cs[0]{% else %}_cs{% endif %}, {% endif -%}
{%- for a in f.args -%}
{%- match a.ty.pass -%}
{%- when Pass::Pair(PairKind::Str) -%}
{%- if a.conv == "string" %}_a{{ loop.index0 }}, len(_a{{ loop.index0 }}){% else %}_a{{ loop.index0 }}.ptr, _a{{ loop.index0 }}.len{% endif -%}
{%- when Pass::Pair(PairKind::Bytes) -%}
{%- if a.conv == "bytes" %}_from_buffer("uint8_t[]", _a{{ loop.index0 }}), len(_a{{ loop.index0 }}){% else %}_a{{ loop.index0 }}.ptr, _a{{ loop.index0 }}.len{% endif -%}
{%- when Pass::Value -%}
{%- if let Some((lo, hi)) = a.int_range %}_int({{ a.py.name }}, {{ lo }}, {{ hi }}, "{{ a.conv }}"){% else if a.scalar %}{{ a.py.name }}{% else %}_a{{ loop.index0 }}[0]{% endif -%}
{%- when Pass::Ref -%}_a{{ loop.index0 }}
{%- endmatch -%}
, {% endfor -%}
{%- endmacro %}

{#- Frees what the arguments own (in the `finally`). #}
{% macro release(f, pad, recv) %}
{%- if recv.to_string() == "value" %}
{%- if let Some(free) = f.receiver_free() %}
{{ pad }}_lib.{{ free }}(_cs)
{%- endif %}
{%- endif %}
{%- for a in f.args %}
{%- if let Some(free) = a.free_after() %}
{{ pad }}{{ free }}(_a{{ loop.index0 }}{% if a.ty.is_object %}[0]{% endif %})
{%- endif %}
{%- endfor %}
{%- endmacro %}

{#- Converts a successful call's result (`source`, a pointer to it) and returns it. #}
{% macro returns(f, pad, source) %}
{%- if let Some(r) = f.ret %}
{{ pad }}_r = _lift_{{ r }}({{ source }})
{%- if let Some(free) = f.ret_free() %}
{{ pad }}_lib.{{ free }}({{ source }})
{%- endif %}
{{ pad }}return _r
{%- endif %}
{%- endmacro %}

{#- The body of a synchronous call. #}
{% macro sync_body(f, pad, recv) %}
{%- call defaults(f, pad) %}{% endcall %}
{%- if let Some(helper) = f.helper %}
{%- for a in f.args %}
{%- if !a.scalar %}
{{ pad }}_a{{ loop.index0 }} = _encode({{ a.py.name }})
{%- endif %}
{%- endfor %}
{{ pad }}_p = {{ helper }}({% call args(f, recv) %}{% endcall %})
{{ pad }}if _p:
{{ pad }}    _r = _string(_p).decode()
{{ pad }}    _string_done()
{{ pad }}    return _r
{{ pad }}return _string_outcome({{ f.err.fail }}, _lib.{{ f.err_slot() }}())
{%- else %}
{%- call prepare(f, pad, recv) %}{% endcall %}
{%- if f.has_release(recv) %}
{{ pad }}try:
{%- call call_and_return(f, pad ~ "    ", recv) %}{% endcall %}
{{ pad }}finally:
{%- call release(f, pad ~ "    ", recv) %}{% endcall %}
{%- else %}
{%- call call_and_return(f, pad, recv) %}{% endcall %}
{%- endif %}
{%- endif %}
{%- endmacro %}

{% macro call_and_return(f, pad, recv) %}
{%- call give(f, pad, recv) %}{% endcall %}
{%- if let Some(r) = f.ret %}
{{ pad }}_out = _new("{{ f.c.c_ret() }} *")
{%- endif %}
{{ pad }}_err = _new("{{ f.err.c }} *")
{{ pad }}_st = _lib.{{ f.c.c_name }}({% call args(f, recv) %}{% endcall %}{% if f.ret.is_some() %}_out, {% endif %}_err)
{{ pad }}if _st:
{{ pad }}    raise {{ f.err.fail }}(_st, _err)
{%- if f.is_primary() %}
{{ pad }}self._ptr = _out[0]
{%- else %}
{%- call returns(f, pad, "_out") %}{% endcall %}
{%- endif %}
{%- endmacro %}

{#- The body of an async call: returns the awaited result. #}
{% macro async_body(f, pad, recv) %}
{%- call defaults(f, pad) %}{% endcall %}
{{ pad }}def _uniffi_settle(_st, _result, _error):
{{ pad }}    if _st:
{{ pad }}        raise {{ f.err.fail }}(_st, _error)
{%- call returns(f, pad ~ "    ", "_result") %}{% endcall %}
{%- call prepare(f, pad, recv) %}{% endcall %}
{%- if f.has_release(recv) %}
{{ pad }}try:
{%- call give(f, pad ~ "    ", recv) %}{% endcall %}
{{ pad }}    _future = _start_async(lambda _cb, _data: _lib.{{ f.c.c_name }}({% call args(f, recv) %}{% endcall %}_cb, _data), _lib.{{ f.completion }}, _uniffi_settle)
{{ pad }}finally:
{%- call release(f, pad ~ "    ", recv) %}{% endcall %}
{%- else %}
{%- call give(f, pad, recv) %}{% endcall %}
{{ pad }}_future = _start_async(lambda _cb, _data: _lib.{{ f.c.c_name }}({% call args(f, recv) %}{% endcall %}_cb, _data), _lib.{{ f.completion }}, _uniffi_settle)
{%- endif %}
{{ pad }}return await _future
{%- endmacro %}

{% macro body(f, pad, recv) %}
{%- if f.c.is_async %}
{%- call async_body(f, pad, recv) %}{% endcall %}
{%- else %}
{%- call sync_body(f, pad, recv) %}{% endcall %}
{%- endif %}
{%- endmacro %}
