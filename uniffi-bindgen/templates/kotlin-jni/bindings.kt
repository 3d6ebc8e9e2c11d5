{%- import "kotlin-jni/macros.kt" as kt -%}
// Kotlin bindings of the `{{ m.namespace }}` component over JNI: the public API of uniffi's Kotlin
// bindings, each call made through the native library `lib{{ m.lib_name }}` (the JNI glue generated
// beside this file, statically linked with the component). No JNA.
{{ m.doc|kdoc(0) }}
@file:Suppress("NAME_SHADOWING", "RemoveRedundantBackticks", "UNUSED_PARAMETER", "UNUSED_VARIABLE", "unused", "RedundantVisibilityModifier", "UNCHECKED_CAST", "FunctionName", "ClassName", "PropertyName", "LocalVariableName", "OPT_IN_USAGE")

package {{ m.package }}

import java.nio.ByteBuffer
{%- if m.has_layouts %}
import java.nio.ByteOrder
{%- endif %}
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
{%- if m.has_async || m.has_foreign_async %}
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
{%- endif %}
{%- for i in m.imports %}
import {{ i }}
{%- endfor %}

{% include "kotlin-jni/runtime.kt" %}

// ---- the native library ------------------------------------------------------------------

/**
 * The native library `lib{{ m.lib_name }}` does not match these bindings: it was built from
 * bindings generated for another interface of the component, or with another version of the
 * component than the one its glue was generated for. Thrown when the library loads (the first
 * use of the package), before anything is called; the message names the library file, what
 * differs, and the commands that regenerate the bindings and rebuild the library. A
 * `LinkageError`, as a missing library's `UnsatisfiedLinkError` is; later uses of the package
 * throw `NoClassDefFoundError` caused by it.
 */
public class IncompatibleLibraryError(message: String) : UnsatisfiedLinkError(message)

/**
 * The natives of `lib{{ m.lib_name }}`, loaded on first use: with `System.loadLibrary` (the
 * application's library path, Android's `jniLibs/<abi>/`), else from this jar's
 * `<os>-<arch>/` folder (JNA's names, e.g. `linux-x86-64/lib{{ m.lib_name }}.so`), copied to a
 * temporary file. The system property `uniffi.component.{{ m.namespace }}.libraryOverride` names
 * another library (a name for `System.loadLibrary`, or a path for `System.load`).
 *
 * @suppress
 */
internal object UniffiLib {
    init {
        val override = System.getProperty("uniffi.component.{{ m.namespace }}.libraryOverride")
        when {
            override == null -> try {
                System.loadLibrary("{{ m.lib_name }}")
            } catch (e: UnsatisfiedLinkError) {
                if (!uniffiLoadBundled("{{ m.lib_name }}")) throw e
            }
            override.contains('/') || override.contains('\\') -> System.load(override)
            else -> System.loadLibrary(override)
        }
        uniffiCheckLibrary(override ?: System.mapLibraryName("{{ m.lib_name }}"))
    }

    /**
     * Refuses a library that does not match these sources or the component it was built with:
     * calling it could crash the process. Runs once, before any other native.
     */
    private fun uniffiCheckLibrary(library: String) {
        val problem = try {
            uniffiCheckNative(UNIFFI_INTERFACE_FINGERPRINT)
        } catch (e: UnsatisfiedLinkError) {
            "$library does not match its bindings: it has no interface check, so it was built from " +
                "older bindings than the Kotlin package `{{ m.package }}`; " + {{ m.remedy|kt_str }}
        }
        if (problem != null) throw IncompatibleLibraryError(problem)
    }

    /** The interface these sources were generated for; the library must have been built from them. */
    const val UNIFFI_INTERFACE_FINGERPRINT = "{{ m.fingerprint }}"

    @JvmStatic external fun uniffiCheckNative(fingerprint: String): String?

    /** Loads `name` from the jar's `<os>-<arch>/` resource folder; false when it has none. */
    private fun uniffiLoadBundled(name: String): Boolean {
        val os = System.getProperty("os.name").lowercase()
        val platform = when {
            os.startsWith("linux") -> "linux"
            os.startsWith("mac") || os.startsWith("darwin") -> "darwin"
            os.startsWith("windows") -> "win32"
            else -> os.replace(' ', '-')
        }
        val arch = when (val a = System.getProperty("os.arch").lowercase()) {
            "amd64", "x86_64" -> "x86-64"
            "arm64" -> "aarch64"
            else -> a
        }
        val file = System.mapLibraryName(name)
        val resource = UniffiLib::class.java.getResource("/$platform-$arch/$file") ?: return false
        val dir = java.nio.file.Files.createTempDirectory("uniffi-{{ m.namespace }}")
        val target = dir.resolve(file)
        resource.openStream().use { java.nio.file.Files.copy(it, target) }
        target.toFile().deleteOnExit()
        dir.toFile().deleteOnExit()
        System.load(target.toAbsolutePath().toString())
        return true
    }

    /** Frees objects that were never closed. */
    val CLEANER: UniffiCleaner = UniffiCleaner.create()
{% for f in m.all_callables() %}
{%- if let Some(d) = f.direct %}
    @JvmStatic external fun {{ f.native }}({% for a in d.args %}{{ a.name }}: {{ a.jni_kotlin() }}, {% if let DirectForm::Record { list: true, slot, .. } = a.form %}uniffiCount{{ slot }}: Int, {% endif %}{% endfor %}{% if d.returns_record() %}uniffiOut: ByteBuffer, {% endif %}): {{ d.ret_jni_kotlin() }}
{%- else %}
    @JvmStatic external fun {{ f.native }}({% if f.receiver == Receiver::Handle %}uniffiHandle: Long, {% endif %}{% for a in f.args %}{% if a.direct() %}{{ a.name }}: {{ a.t.into_rust.kotlin() }}, {% endif %}{% endfor %}{% if f.has_buffer() %}uniffiBuffer: ByteArray, {% endif %}): {% if f.is_async %}Long{% else %}{{ f.ret_jni().kotlin() }}{% endif %}
{%- if f.is_async %}
    @JvmStatic external fun {{ f.native }}Complete(uniffiFuture: Long): {{ f.ret_jni().kotlin() }}
{%- endif %}
{%- endif %}
{%- endfor %}
{%- for o in m.objects %}
    @JvmStatic external fun {{ o.free }}(handle: Long)
    @JvmStatic external fun {{ o.clone }}(handle: Long): Long
{%- endfor %}
{%- for t in m.foreign %}
    @JvmStatic external fun {{ t.native_new }}(obj: Any): Long
    @JvmStatic external fun {{ t.native_take }}(handle: Long): Any
    @JvmStatic external fun {{ t.native_release }}(handle: Long)
    @JvmStatic external fun {{ t.native_count }}(): Int
{%- for meth in t.methods %}
{%- if meth.is_async %}
    @JvmStatic external fun {{ meth.native_complete }}(completer: Long{% if let Some(r) = meth.ret %}, value: {{ r.into_rust.kotlin() }}{% endif %})
    @JvmStatic external fun {{ meth.native_fail }}(completer: Long, error: ByteArray?, message: String)
{%- endif %}
{%- endfor %}
{%- endfor %}
    @JvmStatic external fun uniffiFuturePoll(future: Long, continuation: Any): Boolean
    @JvmStatic external fun uniffiFutureFree(future: Long)
    @JvmStatic external fun uniffiPendingFutures(): Int
}

/**
 * What the glue calls in Kotlin: error construction and lowering, resuming coroutines, and
 * the methods of Kotlin implementations of traits and callback interfaces. Looked up once,
 * when the library loads.
 *
 * @suppress
 */
internal object UniffiCallbacks {
    @JvmStatic fun internalException(message: String): Throwable = InternalException(message)

    @JvmStatic fun badString(argument: String, index: Int, unit: Int): Throwable =
        UniffiUnpairedSurrogateException(argument, index, unit)

    @JvmStatic fun describe(e: Throwable): String = try {
        e.stackTraceToString()
    } catch (t: Throwable) {
        e.javaClass.name
    }

    @JvmStatic fun resume(continuation: Any) {
{%- if m.has_async %}
        try {
            (continuation as CancellableContinuation<Boolean>).resume(false)
        } catch (e: Throwable) {
            // Already resumed by a cancellation: nothing waits for this wake-up.
        }
{%- endif %}
    }

    @JvmStatic fun cancelJob(job: Any) {
{%- if m.has_foreign_async %}
        (job as Job).cancel()
{%- endif %}
    }

    @JvmStatic fun cancelled(): Throwable = java.util.concurrent.CancellationException("the Rust future was cancelled")
{%- if m.has_layouts %}

    @JvmStatic fun recordBuffer(size: Int): ByteBuffer = UniffiRecordBuffers.grow(size)
{%- endif %}
{%- for e in m.errors %}

    @JvmStatic fun {{ e.make }}(bytes: ByteArray): Throwable = uniffiRead(bytes, {{ e.t.conv }})

    @JvmStatic fun {{ e.lower }}(e: Throwable): ByteArray? =
        if (e is {{ e.class }}) uniffiBuffer { uniffiW -> {{ e.t.conv }}.write(e, uniffiW) } else null
{%- endfor %}
{%- for t in m.foreign %}
{%- for meth in t.methods %}

    @JvmStatic fun {{ meth.bridge }}(uniffiObj: Any, {% for a in meth.args %}{% if a.t.into_kotlin != Jni::Buffer %}{{ a.name }}: {{ a.t.into_kotlin.kotlin() }}, {% endif %}{% endfor %}{% if meth.has_buffer() %}uniffiBuffer: ByteArray, {% endif %}{% if meth.is_async %}uniffiCompleter: Long, {% endif %}): {% if meth.is_async %}Any{% else %}{{ meth.ret_jni().kotlin() }}{% endif %} {
{%- if meth.has_buffer() %}
        val uniffiBuf = ByteBuffer.wrap(uniffiBuffer)
{%- endif %}
{%- for a in meth.args %}
        val {{ a.name }}Value = {% match a.t.into_kotlin %}{% when Jni::Buffer %}{{ a.t.conv }}.read(uniffiBuf){% when Jni::Handle %}{{ a.t.conv }}.lift({{ a.name }}){% else %}{{ a.name }}{{ a.t.from_jvm }}{% endmatch %}
{%- endfor %}
{%- if meth.is_async %}
        return GlobalScope.launch(start = CoroutineStart.ATOMIC) {
            val uniffiResult = try {
                (uniffiObj as {{ t.interface }}).{{ meth.name }}({% for a in meth.args %}{{ a.name }}Value{% if !loop.last %}, {% endif %}{% endfor %})
            } catch (e: Throwable) {
                UniffiLib.{{ meth.native_fail }}(uniffiCompleter, {% if let Some(err) = meth.throws %}if (e is {{ meth.throws_class.as_deref().unwrap_or("Nothing") }}) uniffiBuffer { uniffiW -> {{ err.conv }}.write(e, uniffiW) } else null{% else %}null{% endif %}, describe(e))
                return@launch
            }
{%- if let Some(r) = meth.ret %}
            val uniffiValue = try {
                {% if r.into_rust == Jni::Buffer %}uniffiBuffer { uniffiW -> {{ r.conv }}.write(uniffiResult, uniffiW) }{% else %}uniffiResult{{ r.to_jvm }}{% endif %}
            } catch (e: Throwable) {
                UniffiLib.{{ meth.native_fail }}(uniffiCompleter, null, describe(e))
                return@launch
            }
            UniffiLib.{{ meth.native_complete }}(uniffiCompleter, uniffiValue)
{%- else %}
            UniffiLib.{{ meth.native_complete }}(uniffiCompleter)
{%- endif %}
        }
{%- else %}
        val uniffiResult = (uniffiObj as {{ t.interface }}).{{ meth.name }}({% for a in meth.args %}{{ a.name }}Value{% if !loop.last %}, {% endif %}{% endfor %})
{%- if let Some(r) = meth.ret %}
        return {% if r.into_rust == Jni::Buffer %}uniffiBuffer { uniffiW -> {{ r.conv }}.write(uniffiResult, uniffiW) }{% else %}uniffiResult{{ r.to_jvm }}{% endif %}
{%- endif %}
{%- endif %}
    }
{%- endfor %}
{%- endfor %}
}

// ---- custom types ------------------------------------------------------------------------
{% for c in m.customs %}
{%- if let Some(cfg) = c.config %}
{%- if let Some(type_name) = cfg.type_name %}
{{ c.doc|kdoc(0) }}public typealias {{ c.name }} = {{ type_name }}
{%- endif %}

/**
 * `{{ c.name }}` from and to its builtin `{{ c.builtin }}`, with the conversions of
 * `[bindings.kotlin.custom_types]`.
 *
 * @suppress
 */
public object {{ cfg.conv }} : FfiConverter<{{ c.name }}> {
    override fun read(buf: ByteBuffer): {{ c.name }} {
        val builtinValue = {{ cfg.builtin_conv }}.read(buf)
        return {{ cfg.lift }}
    }

    override fun write(value: {{ c.name }}, buf: UniffiWriter) {
        val builtinValue = {{ cfg.lower }}
        {{ cfg.builtin_conv }}.write(builtinValue, buf)
    }
}
{%- else %}
{{ c.doc|kdoc(0) }}public typealias {{ c.name }} = {{ c.builtin }}
{%- endif %}
{% endfor %}
// ---- records -----------------------------------------------------------------------------
{% for r in m.records %}
{%- include "kotlin-jni/record.kt" %}
{% endfor %}
// ---- enums and errors --------------------------------------------------------------------
{% for e in m.enums %}
{%- include "kotlin-jni/enum.kt" %}
{% endfor %}
// ---- objects -----------------------------------------------------------------------------
{% for o in m.objects %}
{%- include "kotlin-jni/object.kt" %}
{% endfor %}
// ---- traits and callback interfaces implemented in Kotlin --------------------------------
{% for t in m.foreign %}
{%- include "kotlin-jni/foreign.kt" %}
{% endfor %}
// ---- optionals, sequences, sets and maps -------------------------------------------------
{% for c in m.compounds %}
/**
 * @suppress
 */
public object {{ c.conv }} : FfiConverter<{{ c.label }}> {
{%- match c.kind %}
{%- when "optional" %}
{%- if let Some(inner) = c.inner %}
    override fun read(buf: ByteBuffer): {{ c.label }} = if (buf.get().toInt() == 0) null else {{ inner.conv }}.read(buf)

    override fun write(value: {{ c.label }}, buf: UniffiWriter) {
        if (value == null) {
            buf.putByte(0)
        } else {
            buf.putByte(1)
            {{ inner.conv }}.write(value, buf)
        }
    }
{%- endif %}
{%- when "sequence" %}
{%- if let Some(inner) = c.inner %}
{%- if !c.bulk.is_empty() %}
    override fun read(buf: ByteBuffer): {{ c.label }} {
        val len = buf.getInt()
        if (len < 0 || len > buf.remaining() / {{ c.fixed }}) {
            throw InternalException("a sequence of $len elements in a buffer of ${buf.remaining()} bytes")
        }
        val values = {{ c.bulk }}Array(len)
        buf.as{{ c.bulk }}Buffer().get(values)
        buf.position(buf.position() + len * {{ c.fixed }})
        return values.asList()
    }
{%- else %}
    override fun read(buf: ByteBuffer): {{ c.label }} {
        val len = buf.getInt()
        return List<{{ inner.label }}>(len) { {{ inner.conv }}.read(buf) }
    }
{%- endif %}

    override fun write(value: {{ c.label }}, buf: UniffiWriter) {
{%- if !c.bulk.is_empty() %}
        val values = value.to{{ c.bulk }}Array()
        buf.putInt(values.size)
        buf.put{{ c.bulk }}s(values)
{%- else %}
{%- if c.fixed > 0 %}
        buf.reserve(4 + value.size * {{ c.fixed }})
{%- endif %}
        buf.putInt(value.size)
        for (item in value) {
            {{ inner.conv }}.write(item, buf)
        }
{%- endif %}
    }
{%- endif %}
{%- when "set" %}
{%- if let Some(inner) = c.inner %}
    override fun read(buf: ByteBuffer): {{ c.label }} {
        val len = buf.getInt()
        return List<{{ inner.label }}>(len) { {{ inner.conv }}.read(buf) }.toSet()
    }

    override fun write(value: {{ c.label }}, buf: UniffiWriter) {
        buf.putInt(value.size)
        value.forEach { {{ inner.conv }}.write(it, buf) }
    }
{%- endif %}
{%- else %}
{%- if let Some(key) = c.key %}
{%- if let Some(v) = c.value %}
    override fun read(buf: ByteBuffer): {{ c.label }} {
        val len = buf.getInt()
        return buildMap<{{ key.label }}, {{ v.label }}>(len) {
            repeat(len) {
                val k = {{ key.conv }}.read(buf)
                val v = {{ v.conv }}.read(buf)
                this[k] = v
            }
        }
    }

    override fun write(value: {{ c.label }}, buf: UniffiWriter) {
        buf.putInt(value.size)
        value.forEach { (k, v) ->
            {{ key.conv }}.write(k, buf)
            {{ v.conv }}.write(v, buf)
        }
    }
{%- endif %}
{%- endif %}
{%- endmatch %}
}
{% endfor %}
// ---- functions ---------------------------------------------------------------------------
{% for f in m.functions %}
{%- call kt::func_decl("", f, "") %}{% endcall %}
{% endfor %}
