{#- Kotlin calls into the glue: arguments in their JVM form (primitives, strings) and the rest
    serialized into one buffer; the result lifted back. -#}

{#- A default value (`KtDefault`), as uniffi's Kotlin writes it. #}
{% macro default_value(d) %}{% match d %}{% when KtDefault::Zero(n) %}{% match n %}{% when Num::I8 %}0.toByte(){% when Num::I16 %}0.toShort(){% when Num::I32 %}0{% when Num::I64 %}0L{% when Num::U8 %}0u.toUByte(){% when Num::U16 %}0u.toUShort(){% when Num::U32 %}0u{% when Num::U64 %}0uL{% when Num::F32 %}0.0f{% when Num::F64 %}0.0{% endmatch %}
{%- when KtDefault::Number { digits, num } %}{% match num %}{% when Num::I8 %}({{ digits }}).toByte(){% when Num::I16 %}({{ digits }}).toShort(){% when Num::I32 %}{{ digits }}{% when Num::I64 %}{{ digits }}L{% when Num::U8 %}{{ digits }}u.toUByte(){% when Num::U16 %}{{ digits }}u.toUShort(){% when Num::U32 %}{{ digits }}u{% when Num::U64 %}{{ digits }}uL{% when Num::F32 %}{{ digits }}f{% when Num::F64 %}{{ digits }}{% endmatch %}
{%- when KtDefault::Boolean(b) %}{{ b }}
{%- when KtDefault::Str(s) %}{{ s|kotlin_string }}
{%- when KtDefault::EmptyBytes %}byteArrayOf()
{%- when KtDefault::Epoch %}java.time.Instant.EPOCH
{%- when KtDefault::ZeroDuration %}java.time.Duration.ZERO
{%- when KtDefault::Null %}null
{%- when KtDefault::EmptyList %}listOf()
{%- when KtDefault::EmptyMap %}mapOf()
{%- when KtDefault::EmptySet %}setOf()
{%- when KtDefault::Record { class } %}{{ class }}()
{%- when KtDefault::Object { class } %}{{ class }}()
{%- when KtDefault::Variant { class, variant } %}{{ class }}.{{ variant }}
{%- endmatch %}{% endmacro %}

{% macro params(f, decl) -%}
{%- for a in f.args %}{{ a.name }}: {{ a.t.label }}{% if decl %}{% if let Some(d) = a.default %} = {% call default_value(d) %}{% endcall %}{% endif %}{% endif %}{% if !loop.last %}, {% endif %}{% endfor -%}
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

{#- A direct call (`DirectCall`): each argument in its JVM form, the native's result in the API's. #}
{% macro direct_arg(a) %}{% match a.form %}{% when DirectForm::Scalar %}{{ a.name }}{{ a.t.to_jvm }}{% when DirectForm::Str { .. } %}{{ a.name }}{% when DirectForm::Bytes %}{{ a.name }}{% when DirectForm::Array { kind, .. } %}{{ a.name }}.to{{ kind }}Array(){% when DirectForm::Enum { .. } %}{{ a.name }}.ordinal{% when DirectForm::Record { layout, list: true, slot, .. } %}{{ layout.object }}.lowerList({{ a.name }}, {{ slot }}), {{ a.name }}.size{% when DirectForm::Record { layout, list: false, slot, .. } %}{{ layout.object }}.lower({{ a.name }}, {{ slot }}){% endmatch %}{% endmacro %}
{% macro direct_lift_open(r) %}{% match r.form %}{% when DirectForm::Scalar %}{% if !r.t.from_jvm.is_empty() %}({% endif %}{% when DirectForm::Enum { class, .. } %}{{ class }}.entries[{% when DirectForm::Record { layout, list: true, .. } %}{{ layout.object }}.liftList({% when DirectForm::Record { layout, list: false, .. } %}{{ layout.object }}.lift({% when DirectForm::Str { .. } %}{% when DirectForm::Bytes %}{% when DirectForm::Array { .. } %}{% endmatch %}{% endmacro %}
{% macro direct_lift_close(r) %}{% match r.form %}{% when DirectForm::Scalar %}{% if !r.t.from_jvm.is_empty() %}){{ r.t.from_jvm }}{% endif %}{% when DirectForm::Array { .. } %}.asList(){% when DirectForm::Enum { .. } %}]{% when DirectForm::Record { .. } %}){% when DirectForm::Str { .. } %}{% when DirectForm::Bytes %}{% endmatch %}{% endmacro %}
{% macro direct_call(d, native) %}{% if let Some(r) = d.ret %}{% call direct_lift_open(r) %}{% endcall %}{% endif %}UniffiLib.{{ native }}({% for a in d.args %}{% call direct_arg(a) %}{% endcall %}{% if !loop.last %}, {% endif %}{% endfor %}{% if d.returns_record() %}{% if !d.args.is_empty() %}, {% endif %}UniffiRecordBuffers.result(){% endif %}){% if let Some(r) = d.ret %}{% call direct_lift_close(r) %}{% endcall %}{% endif %}{% endmacro %}

{#- A function or method body's expression. #}
{% macro call_expr(f) -%}
{%- if let Some(d) = f.direct -%}
{% call direct_call(d, f.native) %}{% endcall %}
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
