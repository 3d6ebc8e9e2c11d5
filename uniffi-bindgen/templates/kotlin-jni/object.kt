{%- import "kotlin-jni/macros.kt" as kt %}
{%- if !o.has_foreign %}
{{ o.i.docstring|kdoc(0) }}public interface {{ o.interface }} {
{%- for f in o.methods %}
    {{ f.doc|kdoc(4) }}{% if f.is_async %}suspend {% endif %}fun {{ f.name }}({% call kt::params(f, true) %}{% endcall %}){% if let Some(r) = f.ret %}: {{ r.label }}{% endif %}
{%- endfor %}

    companion object
}
{% endif %}
{{ o.i.docstring|kdoc(0) }}open class {{ o.class }} : {% if o.is_error %}kotlin.Exception, {% endif %}Disposable, AutoCloseable, {{ o.interface }}{% for t in o.trait_impls %}, {{ t }}{% endfor %}{% if o.traits.ord.is_some() %}, Comparable<{{ o.class }}>{% endif %} {
    /**
     * @suppress
     */
    constructor(withHandle: UniffiWithHandle, handle: Long) {
        this.handle = handle
        this.cleanable = UniffiLib.CLEANER.register(this, UniffiCleanAction(handle))
    }

    /**
     * @suppress
     *
     * This constructor can be used to instantiate a fake object. Only used for tests. Any
     * attempt to actually use an object constructed this way will fail as there is no
     * connected Rust object.
     */
    constructor(noHandle: NoHandle) {
        this.handle = 0
        this.cleanable = null
    }
{%- if let Some(f) = o.primary %}

    {{ f.doc|kdoc(4) }}constructor({% call kt::params(f, true) %}{% endcall %}) :
        this(UniffiWithHandle, {% call kt::raw_call(f) %}{% endcall %})
{%- endif %}

    protected val handle: Long
    protected val cleanable: UniffiCleaner.Cleanable?

    private val wasDestroyed = AtomicBoolean(false)
    private val callCounter = AtomicLong(1)

    /**
     * Whether the current object has been destroyed and its reference is gone in the Rust side.
     */
    val uniffiIsDestroyed: Boolean get() = wasDestroyed.get()

    override fun destroy() {
        if (this.wasDestroyed.compareAndSet(false, true)) {
            if (this.callCounter.decrementAndGet() == 0L) {
                cleanable?.clean()
            }
        }
    }

    @Synchronized
    override fun close() {
        this.destroy()
    }

    /** Keeps the Rust object alive for the duration of `block`, which borrows its handle. */
    internal inline fun <R> callWithHandle(block: (handle: Long) -> R): R {
        do {
            val c = this.callCounter.get()
            if (c == 0L) {
                throw IllegalStateException("${this.javaClass.simpleName} object has already been destroyed")
            }
            if (c == Long.MAX_VALUE) {
                throw IllegalStateException("${this.javaClass.simpleName} call counter would overflow")
            }
        } while (!this.callCounter.compareAndSet(c, c + 1L))
        try {
            if (handle == 0L) {
                throw InternalException("${this.javaClass.simpleName} object has no Rust object (NoHandle)")
            }
            return block(this.handle)
        } finally {
            if (this.callCounter.decrementAndGet() == 0L) {
                cleanable?.clean()
            }
        }
    }

    // A static class, so the clean-up action does not hold on to `this`.
    private class UniffiCleanAction(private val handle: Long) : Runnable {
        override fun run() {
            if (handle != 0L) {
                UniffiLib.{{ o.free }}(handle)
            }
        }
    }

    /**
     * A new handle to the same Rust object, owned by the caller.
     *
     * @suppress
     */
    fun uniffiCloneHandle(): Long = callWithHandle { UniffiLib.{{ o.clone }}(it) }
{%- for f in o.methods %}
{% call kt::func_decl("override ", f, "    ") %}{% endcall %}
{%- endfor %}
{%- call kt::trait_impls(o.traits, o.class) %}{% endcall %}

{%- if !o.secondary.is_empty() %}

    companion object {
{%- for f in o.secondary %}
        {{ f.doc|kdoc(8) }}{% if let Some(e) = f.throws_class %}@Throws({{ e }}::class)
        {% endif %}{% if f.is_async %}suspend {% endif %}fun {{ f.name }}({% call kt::params(f, true) %}{% endcall %}): {{ o.class }} {
            return {% if f.is_async %}uniffiAwait({% call kt::raw_call(f) %}{% endcall %}) { uniffiFuture -> {{ o.class }}(UniffiWithHandle, UniffiLib.{{ f.native }}Complete(uniffiFuture)) }{% else %}{{ o.class }}(UniffiWithHandle, {% call kt::raw_call(f) %}{% endcall %}){% endif %}
        }
{%- endfor %}
    }
{%- else %}

    /**
     * @suppress
     */
    companion object
{%- endif %}
}

/**
 * @suppress
 */
public object {{ o.conv }} : UniffiHandleConverter<{% if o.has_foreign %}{{ o.interface }}{% else %}{{ o.class }}{% endif %}> {
{%- if o.has_foreign %}
    override fun lower(value: {{ o.interface }}): Long =
        if (value is {{ o.class }}) value.uniffiCloneHandle() else UniffiLib.{{ o.native_new }}(value)

    override fun lift(handle: Long): {{ o.interface }} =
        if ((handle and 1L) == 0L) {{ o.class }}(UniffiWithHandle, handle) else UniffiLib.{{ o.native_take }}(handle) as {{ o.interface }}

    override fun release(handle: Long) =
        if ((handle and 1L) == 0L) UniffiLib.{{ o.free }}(handle) else UniffiLib.{{ o.native_release }}(handle)
{%- else %}
    override fun lower(value: {{ o.class }}): Long = value.uniffiCloneHandle()

    override fun lift(handle: Long): {{ o.class }} = {{ o.class }}(UniffiWithHandle, handle)

    override fun release(handle: Long) = UniffiLib.{{ o.free }}(handle)
{%- endif %}
}
