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
    {{ f.doc|kdoc(4) }}var {{ f.name }}: {{ f.t.label }}{% if let Some(d) = f.default %} = {% call kt::default_value(d) %}{% endcall %}{% endif %}{% if !loop.last %},{% endif %}
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
{%- if let Some(l) = r.layout %}

/**
 * `{{ l.class }}` at its fixed layout ({{ l.size }} bytes in the machine's byte order) for the
 * functions the native library calls directly, in the direct buffers of `UniffiRecordBuffers`.
 * @suppress
 */
internal object {{ l.object }} {
    const val SIZE: Int = {{ l.size }}

    fun read(b: ByteBuffer, o: Int): {{ l.class }} = {{ l.class }}(
{%- for f in l.fields %}
{%- match f.kind %}
{%- when LayoutKind::Prim { rust, accessor, to_jvm, from_jvm } %}
        b.get{{ accessor }}(o + {{ f.offset }}){{ from_jvm }},
{%- when LayoutKind::Bool %}
        b.get(o + {{ f.offset }}).toInt() != 0,
{%- when LayoutKind::Enum { path, class, variants } %}
        {{ class }}.entries[b.getInt(o + {{ f.offset }})],
{%- endmatch %}
{%- endfor %}
    )

    fun write(v: {{ l.class }}, b: ByteBuffer, o: Int) {
{%- for f in l.fields %}
{%- match f.kind %}
{%- when LayoutKind::Prim { rust, accessor, to_jvm, from_jvm } %}
        b.put{{ accessor }}(o + {{ f.offset }}, v.{{ f.name }}{{ to_jvm }})
{%- when LayoutKind::Bool %}
        b.put(o + {{ f.offset }}, (if (v.{{ f.name }}) 1 else 0).toByte())
{%- when LayoutKind::Enum { path, class, variants } %}
        b.putInt(o + {{ f.offset }}, v.{{ f.name }}.ordinal)
{%- endmatch %}
{%- endfor %}
    }

    /** A result: its count (an `Int`, then 4 bytes of padding) and the records, in `b`. */
    fun lift(b: ByteBuffer): {{ l.class }} = read(b, 8)

    fun liftList(b: ByteBuffer): List<{{ l.class }}> {
        val n = b.getInt(0)
        val out = ArrayList<{{ l.class }}>(n)
        var o = 8
        for (i in 0 until n) {
            out.add(read(b, o))
            o += SIZE
        }
        return out
    }

    fun lower(v: {{ l.class }}, slot: Int): ByteBuffer {
        val b = UniffiRecordBuffers.get(slot, SIZE)
        write(v, b, 0)
        return b
    }

    fun lowerList(v: List<{{ l.class }}>, slot: Int): ByteBuffer {
        val b = UniffiRecordBuffers.get(slot, Math.multiplyExact(v.size, SIZE))
        var o = 0
        for (x in v) {
            write(x, b, o)
            o += SIZE
        }
        return b
    }
}
{%- endif %}
