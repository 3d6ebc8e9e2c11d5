{%- import "kotlin-jni/macros.kt" as kt %}
{%- if r.fields.is_empty() %}
{{ r.r.docstring|kdoc(0) }}class {{ r.name }}{% if r.traits.ord.is_some() %} : Comparable<{{ r.name }}>{% endif %} {
{%- for f in r.methods %}
{%- call kt::func_decl("", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(r.traits, r.name) %}{% endcall %}
{%- if r.traits.eq.is_none() %}

    override fun equals(other: Any?): Boolean {
        return other is {{ r.name }}
    }

    override fun hashCode(): Int {
        return javaClass.hashCode()
    }
{%- endif %}

    companion object
}
{%- else %}
{{ r.r.docstring|kdoc(0) }}data class {{ r.name }} (
{%- for f in r.fields %}
    {{ f.doc|kdoc(4) }}var {{ f.name }}: {{ f.t.label }}{% if let Some(d) = f.default %} = {{ d }}{% endif %}{% if !loop.last %},{% endif %}
{%- endfor %}
){% if r.has_objects && r.traits.ord.is_some() %} : Disposable, Comparable<{{ r.name }}>{% else if r.has_objects %} : Disposable{% else if r.traits.ord.is_some() %} : Comparable<{{ r.name }}>{% endif %} {
{%- for f in r.methods %}
{%- call kt::func_decl("", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(r.traits, r.name) %}{% endcall %}
{%- if r.has_objects %}

    override fun destroy() {
        Disposable.destroy({% for f in r.fields %}this.{{ f.name }}{% if !loop.last %}, {% endif %}{% endfor %})
    }
{%- endif %}

    companion object
}
{%- endif %}

/**
 * @suppress
 */
public object FfiConverterType{{ r.r.name }} : FfiConverter<{{ r.name }}> {
    override fun read(buf: ByteBuffer): {{ r.name }} {
        return {{ r.name }}(
{%- for f in r.fields %}
            {{ f.t.conv }}.read(buf),
{%- endfor %}
        )
    }

    override fun write(value: {{ r.name }}, buf: UniffiWriter) {
{%- for f in r.fields %}
        {{ f.t.conv }}.write(value.{{ f.name }}, buf)
{%- endfor %}
    }
}
