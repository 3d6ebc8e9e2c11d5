{#- Spellings shared by the header's declarations. -#}

{#- `type name`: `uint32_t count`, `greet_Counter *main`. #}
{% macro decl(c, name) %}{{ c }}{% if !c.ends_with('*') %} {% endif %}{{ name }}{% endmacro %}

{#- The C parameter(s) of an argument: a pointer and a length, a value, or a pointer to one. #}
{% macro c_param(ty, name) -%}
{%- match ty.pass -%}
{%- when Pass::Pair(PairKind::Str) -%}const char *{{ name }}, size_t {{ name }}_len
{%- when Pass::Pair(PairKind::Bytes) -%}const uint8_t *{{ name }}, size_t {{ name }}_len
{%- when Pass::Value -%}{% call decl(ty.arg_c, name) %}{% endcall %}
{%- when Pass::Ref -%}const {{ ty.c }} *{{ name }}
{%- endmatch -%}
{%- endmacro %}

{#- One function of the API with its documentation: what it does, who owns what. #}
{% macro function(m, f) %}
/**
{{ f.doc|c_doc_lines(0) }}
{%- if f.is_async %} * Async: returns at once; `callback` is called exactly once with `callback_data`, on this
 * thread before the call returns or on one of the library's completion threads (never on
 * the thread that woke the Rust future), with the status and the result
 * {%- if let Some(r) = f.ret %} ({{ r.udl }}{{ r.free_hint() }}){% endif %} or the error (free it with {{ f.err.free_fn }}()).
 * The callback owns both. Returns the call's id for {{ m.ns }}_async_cancel(), or 0 when the
 * callback has already been called.
{%- else %}
{%- if let Some(r) = f.ret %} * `out`: on {{ m.upper }}_STATUS_OK, {% if f.is_constructor %}the new object{% else %}the result ({{ r.udl }}){% endif %}, yours{{ r.free_hint() }}.
{% endif %} * `out_error`: on failure,
{%- if let Some(e) = f.err.declared %} the `{{ e }}` error ({{ m.upper }}_STATUS_ERROR) or only
 * a message (other statuses), yours; free it with {{ f.err.free_fn }}().
{%- else %} the message, yours; free it with {{ f.err.free_fn }}().
{%- endif %}
{%- endif %}
 */
{% if f.is_async %}{{ m.ns }}_async_call{% else %}{{ m.ns }}_status{% endif %} {{ f.c_name }}(
{%- match f.receiver %}
{%- when Receiver::None %}
{%- when Receiver::Object { c, .. } %}const {{ c }} *self{{ ", " }}
{%- when Receiver::Trait { c, .. } %}const {{ c }} *self{{ ", " }}
{%- when Receiver::Value { ty } %}{% call c_param(ty, "self") %}{% endcall %}{{ ", " }}
{%- endmatch %}
{%- for a in f.args %}{% call c_param(a.ty, a.name) %}{% endcall %}{{ ", " }}{% endfor %}
{%- if f.is_async %}{{ f.callback }} callback, void *callback_data
{%- else %}
{%- if let Some(r) = f.ret %}{% call decl(r.c, "*out") %}{% endcall %}{{ ", " }}{% endif %}{{ f.err.c }} *out_error
{%- endif %});
{%- endmacro %}
