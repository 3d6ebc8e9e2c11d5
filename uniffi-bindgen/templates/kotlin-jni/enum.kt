{%- import "kotlin-jni/macros.kt" as kt %}
{%- if e.is_flat %}
{{ e.e.docstring|kdoc(0) }}enum class {{ e.name }}{% if let Some(d) = e.discr_type %}(val value: {{ d }}){% endif %} {
{%- for v in e.variants %}
    {{ v.doc|kdoc(4) }}{{ v.name }}{% if let Some(d) = v.discr %}({% call kt::default_value(d) %}{% endcall %}){% endif %}{% if loop.last %};{% else %},{% endif %}
{%- endfor %}
{%- for f in e.methods %}
{%- call kt::func_decl("", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(e.traits, e.name) %}{% endcall %}

    companion object
}

/**
 * @suppress
 */
public object FfiConverterType{{ e.e.name }} : FfiConverter<{{ e.name }}> {
    override fun read(buf: ByteBuffer): {{ e.name }} = try {
        {{ e.name }}.entries[buf.getInt() - 1]
    } catch (e: IndexOutOfBoundsException) {
        throw RuntimeException("invalid enum value, something is very wrong!!", e)
    }

    override fun write(value: {{ e.name }}, buf: UniffiWriter) {
        buf.putInt(value.ordinal + 1)
    }
}
{%- else if e.is_flat_error %}
{{ e.e.docstring|kdoc(0) }}sealed class {{ e.name }}(message: String) : kotlin.Exception(message){% if e.traits.ord.is_some() %}, Comparable<{{ e.name }}>{% endif %} {
{%- for v in e.variants %}
    {{ v.doc|kdoc(4) }}class {{ v.name }}(message: String) : {{ e.name }}(message)
{%- endfor %}
{%- for f in e.methods %}
{%- call kt::func_decl("", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(e.traits, e.name) %}{% endcall %}
}

/**
 * @suppress
 */
public object FfiConverterType{{ e.e.name }} : FfiConverter<{{ e.name }}> {
    override fun read(buf: ByteBuffer): {{ e.name }} {
        return when (buf.getInt()) {
{%- for v in e.variants %}
            {{ loop.index }} -> {{ e.name }}.{{ v.name }}(FfiConverterString.read(buf))
{%- endfor %}
            else -> throw RuntimeException("invalid error enum value, something is very wrong!!")
        }
    }

    override fun write(value: {{ e.name }}, buf: UniffiWriter) {
        // The variant, and the message Rust reads with it.
        when (value) {
{%- for v in e.variants %}
            is {{ e.name }}.{{ v.name }} -> buf.putInt({{ loop.index }})
{%- endfor %}
        }
        FfiConverterString.write(value.message ?: "", buf)
    }
}
{%- else %}
{{ e.e.docstring|kdoc(0) }}sealed class {{ e.name }}{% if e.is_error %} : kotlin.Exception(){% endif %}{% if e.has_objects %}{% if e.is_error %}, {% else %} : {% endif %}Disposable{% endif %}{% if e.traits.ord.is_some() %}{% if e.is_error || e.has_objects %}, {% else %} : {% endif %}Comparable<{{ e.name }}>{% endif %} {
{%- for v in e.variants %}
{%- if e.is_error %}
    {{ v.doc|kdoc(4) }}class {{ v.name }}(
{%- for f in v.fields %}
        {{ f.doc|kdoc(8) }}val {{ f.name }}: {{ f.t.label }}{% if !loop.last %},{% endif %}
{%- endfor %}
    ) : {{ e.name }}() {
        override val message
            get() = "{% for f in v.fields %}{{ f.name|unquote }}=${ {{ f.name }} }{% if !loop.last %}, {% endif %}{% endfor %}"
    }
{%- else if v.fields.is_empty() %}
    {{ v.doc|kdoc(4) }}object {{ v.name }} : {{ e.name }}()
{%- else %}
    {{ v.doc|kdoc(4) }}data class {{ v.name }}(
{%- for f in v.fields %}
        {{ f.doc|kdoc(8) }}val {{ f.name }}: {{ f.t.label }}{% if let Some(d) = f.default %} = {% call kt::default_value(d) %}{% endcall %}{% endif %}{% if !loop.last %},{% endif %}
{%- endfor %}
    ) : {{ e.name }}() {
{%- call kt::trait_impls(e.traits, e.name) %}{% endcall %}
        companion object
    }
{%- endif %}
{%- endfor %}
{%- if e.has_objects %}

    override fun destroy() {
        when (this) {
{%- for v in e.variants %}
            is {{ e.name }}.{{ v.name }} -> {% if v.fields.is_empty() %}Unit{% else %}Disposable.destroy({% for f in v.fields %}this.{{ f.name }}{% if !loop.last %}, {% endif %}{% endfor %}){% endif %}
{%- endfor %}
        }.let { }
    }
{%- endif %}
{%- for f in e.methods %}
{%- call kt::func_decl("", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(e.traits, e.name) %}{% endcall %}
{%- if !e.is_error %}

    companion object
{%- endif %}
}

/**
 * @suppress
 */
public object FfiConverterType{{ e.e.name }} : FfiConverter<{{ e.name }}> {
    override fun read(buf: ByteBuffer): {{ e.name }} {
        return when (buf.getInt()) {
{%- for v in e.variants %}
            {{ loop.index }} -> {{ e.name }}.{{ v.name }}{% if e.is_error || !v.fields.is_empty() %}({% for f in v.fields %}{{ f.t.conv }}.read(buf), {% endfor %}){% endif %}
{%- endfor %}
            else -> throw RuntimeException("invalid enum value, something is very wrong!!")
        }
    }

    override fun write(value: {{ e.name }}, buf: UniffiWriter) {
        when (value) {
{%- for v in e.variants %}
            is {{ e.name }}.{{ v.name }} -> {
                buf.putInt({{ loop.index }})
{%- for f in v.fields %}
                {{ f.t.conv }}.write(value.{{ f.name }}, buf)
{%- endfor %}
            }
{%- endfor %}
        }.let { }
    }
}
{%- endif %}
