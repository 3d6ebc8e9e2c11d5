{%- if t.is_callback_interface %}
{{ t.doc|kdoc(0) }}public interface {{ t.interface }} {
{%- for meth in t.methods %}
    {{ meth.doc|kdoc(4) }}{% if let Some(e) = meth.throws_class %}@Throws({{ e }}::class)
    {% endif %}{% if meth.is_async %}suspend {% endif %}fun {{ meth.name }}({% for a in meth.args %}{{ a.name }}: {{ a.t.label }}{% if !loop.last %}, {% endif %}{% endfor %}){% if let Some(r) = meth.ret %}: {{ r.label }}{% endif %}
{%- endfor %}

    companion object
}

/**
 * Kotlin implementations handed to Rust, which holds each until it lets go.
 *
 * @suppress
 */
public object {{ t.conv }} : UniffiHandleConverter<{{ t.interface }}> {
    override fun lower(value: {{ t.interface }}): Long = UniffiLib.{{ t.native_new }}(value)

    override fun lift(handle: Long): {{ t.interface }} = UniffiLib.{{ t.native_take }}(handle) as {{ t.interface }}

    override fun release(handle: Long) = UniffiLib.{{ t.native_release }}(handle)

    /** How many Kotlin implementations Rust holds. */
    fun handleCount(): Int = UniffiLib.{{ t.native_count }}()
}
{%- else %}
{{ t.doc|kdoc(0) }}public interface {{ t.interface }} {
{%- for meth in t.methods %}
    {{ meth.doc|kdoc(4) }}{% if let Some(e) = meth.throws_class %}@Throws({{ e }}::class)
    {% endif %}{% if meth.is_async %}suspend {% endif %}fun {{ meth.name }}({% for a in meth.args %}{{ a.name }}: {{ a.t.label }}{% if !loop.last %}, {% endif %}{% endfor %}){% if let Some(r) = meth.ret %}: {{ r.label }}{% endif %}
{%- endfor %}

    companion object
}

/**
 * How many Kotlin implementations of `{{ t.interface }}` Rust holds.
 *
 * @suppress
 */
public fun uniffi{{ t.interface }}HandleCount(): Int = UniffiLib.{{ t.native_count }}()
{%- endif %}
