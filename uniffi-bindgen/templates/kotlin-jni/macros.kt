{#- Kotlin calls into the glue: arguments in their JVM form (primitives, strings) and the rest
    serialized into one buffer; the result lifted back. -#}

{% macro params(f, decl) -%}
{%- for a in f.args %}{{ a.name }}: {{ a.t.label }}{% if decl %}{% if let Some(d) = a.default %} = {{ d }}{% endif %}{% endif %}{% if !loop.last %}, {% endif %}{% endfor -%}
{%- endmacro %}

{% macro buffer(f) -%}
uniffiBuffer { uniffiW ->
{%- if f.receiver == Receiver::Value %}
{%- if let Some(rt) = f.receiver_type %} uniffiW.arg = "self"; {{ rt.conv }}.write(this, uniffiW);{% endif %}
{%- endif %}
{%- for a in f.args %}{% if !a.direct() %} uniffiW.arg = "{{ a.name }}"; {{ a.t.conv }}.write({{ a.name }}, uniffiW);{% endif %}{% endfor %} }
{%- endmacro %}

{% macro native_args(f) -%}
{%- if f.receiver == Receiver::Handle %}uniffiHandle, {% endif %}
{%- for a in f.args %}{% if a.direct() %}{{ a.name }}{{ a.t.to_jvm }}, {% endif %}{% endfor %}
{%- if f.has_buffer() %}{% call buffer(f) %}{% endcall %}, {% endif %}
{%- endmacro %}

{#- The native call, inside `callWithHandle` for object methods. -#}
{% macro raw_call(f) -%}
{%- if f.receiver == Receiver::Handle -%}
callWithHandle { uniffiHandle -> UniffiLib.{{ f.native }}({% call native_args(f) %}{% endcall %}) }
{%- else -%}
UniffiLib.{{ f.native }}({% call native_args(f) %}{% endcall %})
{%- endif -%}
{%- endmacro %}

{#- Lifting a result of the type's Rust -> Kotlin form: open and close around the expression. #}
{% macro lift_open(t) %}{% match t.into_kotlin %}{% when Jni::Handle %}{{ t.conv }}.lift({% when Jni::Buffer %}uniffiRead({% else %}{% if !t.from_jvm.is_empty() %}({% endif %}{% endmatch %}{% endmacro %}
{% macro lift_close(t) %}{% match t.into_kotlin %}{% when Jni::Handle %}){% when Jni::Buffer %}, {{ t.conv }}){% else %}{% if !t.from_jvm.is_empty() %}){{ t.from_jvm }}{% endif %}{% endmatch %}{% endmacro %}

{#- A function or method body's expression. #}
{% macro call_expr(f) -%}
{%- if let Some(d) = f.direct -%}
{{ d.kotlin_call(f.native) }}
{%- elif f.is_async -%}
uniffiAwait({% call raw_call(f) %}{% endcall %}) { uniffiFuture -> {% if let Some(r) = f.ret %}{% call lift_open(r) %}{% endcall %}{% endif %}UniffiLib.{{ f.native }}Complete(uniffiFuture){% if let Some(r) = f.ret %}{% call lift_close(r) %}{% endcall %}{% endif %} }
{%- else -%}
{% if let Some(r) = f.ret %}{% call lift_open(r) %}{% endcall %}{% endif %}{% call raw_call(f) %}{% endcall %}{% if let Some(r) = f.ret %}{% call lift_close(r) %}{% endcall %}{% endif %}
{%- endif -%}
{%- endmacro %}

{% macro func_decl(modifier, f, pad) %}
{{ pad }}{{ f.doc|kdoc_pad(pad) }}
{%- if let Some(e) = f.throws_class %}@Throws({{ e }}::class)
{{ pad }}{% endif -%}
{{ modifier }}{% if f.is_async %}suspend {% endif %}fun {{ f.name }}({% call params(f, modifier.is_empty()) %}{% endcall %}){% if let Some(r) = f.ret %}: {{ r.label }}{% endif %} {
{{ pad }}    return {% call call_expr(f) %}{% endcall %}
{{ pad }}}
{%- endmacro %}

{#- toString/equals/hashCode/compareTo from exported Rust traits. #}
{% macro trait_impls(t, class) %}
{%- if let Some(f) = t.to_string %}

    // The Rust `Display` (else `Debug`) implementation.
    override fun toString(): String {
        return {% call call_expr(f) %}{% endcall %}
    }
{%- endif %}
{%- if let Some(f) = t.eq %}
{%- if let Some(other) = f.args.first() %}

    // The Rust `Eq` implementation.
    override fun equals(other: Any?): Boolean {
        if (other !is {{ other.t.label }}) return false
        return {% call call_expr(f) %}{% endcall %}
    }
{%- endif %}
{%- endif %}
{%- if let Some(f) = t.hash %}

    // The Rust `Hash` implementation.
    override fun hashCode(): Int {
        return ({% call call_expr(f) %}{% endcall %}).toInt()
    }
{%- endif %}
{%- if let Some(f) = t.ord %}
{%- if let Some(other) = f.args.first() %}

    // The Rust `Ord` implementation.
    override fun compareTo(other: {{ other.t.label }}): Int {
        return ({% call call_expr(f) %}{% endcall %}).toInt()
    }
{%- endif %}
{%- endif %}
{%- endmacro %}
