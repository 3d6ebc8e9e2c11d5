// ---- runtime: the same for every component ------------------------------------------------

/**
 * A panic in Rust, or a value the bindings could not convert.
 */
class InternalException(message: String) : kotlin.Exception(message)

/**
 * A string argument holds an unpaired surrogate, which no UTF-8 string can carry: thrown
 * before Rust is called. A `CharacterCodingException`, as uniffi's bindings throw.
 */
class UniffiUnpairedSurrogateException(
    /** The argument (or, inside a record or collection, the argument that holds it). */
    val argument: String,
    /** The UTF-16 index of the surrogate. */
    val index: Int,
    /** The surrogate itself. */
    val unit: Int,
) : java.nio.charset.MalformedInputException(1) {
    override val message: String
        get() = "$argument: unpaired surrogate U+%04X at UTF-16 index $index; strings passed to Rust must be valid Unicode".format(unit)
}

/**
 * Interface implemented by anything that can contain an object reference: `destroy()` frees
 * the contained objects (`use` calls it).
 */
interface Disposable {
    fun destroy()

    companion object {
        fun destroy(vararg args: Any?) {
            for (arg in args) {
                when (arg) {
                    is Disposable -> arg.destroy()
                    is ArrayList<*> -> {
                        for (idx in arg.indices) {
                            val element = arg[idx]
                            if (element is Disposable) {
                                element.destroy()
                            }
                        }
                    }
                    is Map<*, *> -> {
                        for (element in arg.values) {
                            if (element is Disposable) {
                                element.destroy()
                            }
                        }
                    }
                    is Iterable<*> -> {
                        for (element in arg) {
                            if (element is Disposable) {
                                element.destroy()
                            }
                        }
                    }
                }
            }
        }
    }
}

/**
 * @suppress
 */
inline fun <T : Disposable?, R> T.use(block: (T) -> R) =
    try {
        block(this)
    } finally {
        try {
            this?.destroy()
        } catch (e: Throwable) {
            // swallow
        }
    }

/**
 * Marks the constructor that wraps a handle the component gave out.
 *
 * @suppress
 */
object UniffiWithHandle

/**
 * Used to instantiate an interface without an actual handle, for fakes in tests.
 *
 * @suppress
 */
object NoHandle

/**
 * Frees the Rust object of a Kotlin object that was never closed, once it is unreachable.
 * `java.lang.ref.Cleaner` where the platform has it (JVM 9+, Android 13+), else a daemon thread
 * over a `ReferenceQueue`.
 *
 * @suppress
 */
interface UniffiCleaner {
    interface Cleanable {
        fun clean()
    }

    fun register(value: Any, cleanUpTask: Runnable): UniffiCleaner.Cleanable

    companion object {
        fun create(): UniffiCleaner = try {
            Class.forName("java.lang.ref.Cleaner")
            UniffiJavaLangRefCleaner()
        } catch (e: ClassNotFoundException) {
            UniffiQueueCleaner()
        }
    }
}

private class UniffiJavaLangRefCleaner : UniffiCleaner {
    val cleaner: java.lang.ref.Cleaner = java.lang.ref.Cleaner.create()

    override fun register(value: Any, cleanUpTask: Runnable): UniffiCleaner.Cleanable {
        val cleanable = cleaner.register(value, cleanUpTask)
        return object : UniffiCleaner.Cleanable {
            override fun clean() = cleanable.clean()
        }
    }
}

private class UniffiQueueCleaner : UniffiCleaner {
    private val queue = java.lang.ref.ReferenceQueue<Any>()
    private val live = java.util.Collections.newSetFromMap(java.util.concurrent.ConcurrentHashMap<Ref, Boolean>())

    private inner class Ref(value: Any, val task: Runnable) : java.lang.ref.PhantomReference<Any>(value, queue), UniffiCleaner.Cleanable {
        private val done = AtomicBoolean(false)

        override fun clean() {
            if (done.compareAndSet(false, true)) {
                live.remove(this)
                task.run()
            }
        }
    }

    init {
        val thread = Thread({
            while (true) {
                try {
                    (queue.remove() as Ref).clean()
                } catch (e: InterruptedException) {
                    return@Thread
                } catch (e: Throwable) {
                    // A failing clean-up must not stop the others.
                }
            }
        }, "uniffi-cleaner")
        thread.isDaemon = true
        thread.start()
    }

    override fun register(value: Any, cleanUpTask: Runnable): UniffiCleaner.Cleanable = Ref(value, cleanUpTask).also { live.add(it) }
}

/**
 * Reads and writes one type in uniffi's buffer format (big-endian).
 *
 * @suppress
 */
public interface FfiConverter<KotlinType> {
    fun read(buf: ByteBuffer): KotlinType
    fun write(value: KotlinType, buf: UniffiWriter)
}

/**
 * A type passed as a handle: objects, and traits or callback interfaces Kotlin implements.
 *
 * @suppress
 */
public interface UniffiHandleConverter<KotlinType> : FfiConverter<KotlinType> {
    /** A handle Rust takes over: a clone of an object's, or a new one for a Kotlin object. */
    fun lower(value: KotlinType): Long
    fun lift(handle: Long): KotlinType
    /** Frees a handle from `lower` that was never passed to Rust. */
    fun release(handle: Long)

    override fun read(buf: ByteBuffer): KotlinType = lift(buf.getLong())

    override fun write(value: KotlinType, buf: UniffiWriter) = buf.putHandle(this, value)
}

/**
 * Serializes the arguments of one call. Handles are taken last, in `finish`, once everything
 * that can fail (encoding strings) has succeeded; if taking one fails, the ones already
 * taken are released, so a failed call leaks nothing.
 *
 * @suppress
 */
public class UniffiWriter {
    // A heap ByteBuffer (big-endian, uniffi's order): its multi-byte puts are single stores on
    // the JVM, where writing byte by byte is not.
    private var buf: ByteBuffer = ByteBuffer.allocate(64)
    private var handles: ArrayList<Any?>? = null

    /** The argument being written, named in encoding errors. */
    @JvmField var arg: String = "argument"

    /** Makes room for `n` more bytes (a sequence reserves for all its elements at once). */
    fun reserve(n: Int) {
        if (buf.remaining() < n) {
            grow(n)
        }
    }

    private fun grow(n: Int) {
        val pos = buf.position()
        val bigger = ByteBuffer.allocate(maxOf(buf.capacity() * 2, pos + n))
        System.arraycopy(buf.array(), 0, bigger.array(), 0, pos)
        bigger.position(pos)
        buf = bigger
    }

    fun putByte(v: Byte) {
        if (buf.remaining() < 1) grow(1)
        buf.put(v)
    }

    fun putShort(v: Short) {
        if (buf.remaining() < 2) grow(2)
        buf.putShort(v)
    }

    fun putInt(v: Int) {
        if (buf.remaining() < 4) grow(4)
        buf.putInt(v)
    }

    fun putLong(v: Long) {
        if (buf.remaining() < 8) grow(8)
        buf.putLong(v)
    }

    fun putFloat(v: Float) {
        if (buf.remaining() < 4) grow(4)
        buf.putFloat(v)
    }

    fun putDouble(v: Double) {
        if (buf.remaining() < 8) grow(8)
        buf.putDouble(v)
    }

    fun putBytes(b: ByteArray) {
        if (buf.remaining() < b.size) grow(b.size)
        buf.put(b)
    }

    // Primitive arrays in bulk (sequences of Short, Int, Long, Float, Double).
    fun putShorts(a: ShortArray) {
        reserve(a.size * 2)
        buf.asShortBuffer().put(a)
        buf.position(buf.position() + a.size * 2)
    }

    fun putInts(a: IntArray) {
        reserve(a.size * 4)
        buf.asIntBuffer().put(a)
        buf.position(buf.position() + a.size * 4)
    }

    fun putLongs(a: LongArray) {
        reserve(a.size * 8)
        buf.asLongBuffer().put(a)
        buf.position(buf.position() + a.size * 8)
    }

    fun putFloats(a: FloatArray) {
        reserve(a.size * 4)
        buf.asFloatBuffer().put(a)
        buf.position(buf.position() + a.size * 4)
    }

    fun putDoubles(a: DoubleArray) {
        reserve(a.size * 8)
        buf.asDoubleBuffer().put(a)
        buf.position(buf.position() + a.size * 8)
    }

    fun <T> putHandle(converter: UniffiHandleConverter<T>, value: T) {
        val list = handles ?: ArrayList<Any?>().also { handles = it }
        list.add(buf.position())
        list.add(converter)
        list.add(value)
        putLong(0)
    }

    /** The bytes, with every handle taken. */
    fun finish(): ByteArray {
        val list = handles
        if (list != null) {
            var taken = 0
            try {
                while (taken < list.size) {
                    val at = list[taken] as Int
                    val converter = list[taken + 1] as UniffiHandleConverter<Any?>
                    buf.putLong(at, converter.lower(list[taken + 2]))
                    taken += 3
                }
            } catch (e: Throwable) {
                var i = 0
                while (i < taken) {
                    (list[i + 1] as UniffiHandleConverter<Any?>).release(buf.getLong(list[i] as Int))
                    i += 3
                }
                throw e
            }
        }
        val bytes = buf.array()
        val pos = buf.position()
        return if (pos == bytes.size) bytes else bytes.copyOf(pos)
    }
}

/** Serializes values into a buffer for one call. */
internal inline fun uniffiBuffer(block: (UniffiWriter) -> Unit): ByteArray {
    val w = UniffiWriter()
    block(w)
    return w.finish()
}

/** Reads one value of a buffer the glue returned. */
internal fun <T> uniffiRead(bytes: ByteArray, converter: FfiConverter<T>): T {
    val buf = ByteBuffer.wrap(bytes)
    val value = converter.read(buf)
    if (buf.hasRemaining()) {
        throw InternalException("${buf.remaining()} bytes left over after reading a value")
    }
    return value
}

/** Throws `UniffiUnpairedSurrogateException` at the first unpaired surrogate of `s`. */
internal fun uniffiCheckString(s: String, argument: String) {
    var i = 0
    val n = s.length
    while (i < n) {
        val c = s[i]
        if (c.isSurrogate()) {
            if (c.isHighSurrogate() && i + 1 < n && s[i + 1].isLowSurrogate()) {
                i += 2
                continue
            }
            throw UniffiUnpairedSurrogateException(argument, i, c.code)
        }
        i++
    }
}

/**
 * @suppress
 */
public object FfiConverterUInt8 : FfiConverter<UByte> {
    override fun read(buf: ByteBuffer): UByte = buf.get().toUByte()
    override fun write(value: UByte, buf: UniffiWriter) = buf.putByte(value.toByte())
}

/**
 * @suppress
 */
public object FfiConverterInt8 : FfiConverter<Byte> {
    override fun read(buf: ByteBuffer): Byte = buf.get()
    override fun write(value: Byte, buf: UniffiWriter) = buf.putByte(value)
}

/**
 * @suppress
 */
public object FfiConverterUInt16 : FfiConverter<UShort> {
    override fun read(buf: ByteBuffer): UShort = buf.getShort().toUShort()
    override fun write(value: UShort, buf: UniffiWriter) = buf.putShort(value.toShort())
}

/**
 * @suppress
 */
public object FfiConverterInt16 : FfiConverter<Short> {
    override fun read(buf: ByteBuffer): Short = buf.getShort()
    override fun write(value: Short, buf: UniffiWriter) = buf.putShort(value)
}

/**
 * @suppress
 */
public object FfiConverterUInt32 : FfiConverter<UInt> {
    override fun read(buf: ByteBuffer): UInt = buf.getInt().toUInt()
    override fun write(value: UInt, buf: UniffiWriter) = buf.putInt(value.toInt())
}

/**
 * @suppress
 */
public object FfiConverterInt32 : FfiConverter<Int> {
    override fun read(buf: ByteBuffer): Int = buf.getInt()
    override fun write(value: Int, buf: UniffiWriter) = buf.putInt(value)
}

/**
 * @suppress
 */
public object FfiConverterUInt64 : FfiConverter<ULong> {
    override fun read(buf: ByteBuffer): ULong = buf.getLong().toULong()
    override fun write(value: ULong, buf: UniffiWriter) = buf.putLong(value.toLong())
}

/**
 * @suppress
 */
public object FfiConverterInt64 : FfiConverter<Long> {
    override fun read(buf: ByteBuffer): Long = buf.getLong()
    override fun write(value: Long, buf: UniffiWriter) = buf.putLong(value)
}

/**
 * @suppress
 */
public object FfiConverterFloat32 : FfiConverter<Float> {
    override fun read(buf: ByteBuffer): Float = buf.getFloat()
    override fun write(value: Float, buf: UniffiWriter) = buf.putFloat(value)
}

/**
 * @suppress
 */
public object FfiConverterFloat64 : FfiConverter<Double> {
    override fun read(buf: ByteBuffer): Double = buf.getDouble()
    override fun write(value: Double, buf: UniffiWriter) = buf.putDouble(value)
}

/**
 * @suppress
 */
public object FfiConverterBoolean : FfiConverter<Boolean> {
    override fun read(buf: ByteBuffer): Boolean = buf.get().toInt() != 0
    override fun write(value: Boolean, buf: UniffiWriter) = buf.putByte(if (value) 1 else 0)
}

/**
 * @suppress
 */
public object FfiConverterString : FfiConverter<String> {
    override fun read(buf: ByteBuffer): String {
        val len = buf.getInt()
        val s = String(buf.array(), buf.arrayOffset() + buf.position(), len, Charsets.UTF_8)
        buf.position(buf.position() + len)
        return s
    }

    override fun write(value: String, buf: UniffiWriter) {
        uniffiCheckString(value, buf.arg)
        val bytes = value.toByteArray(Charsets.UTF_8)
        buf.putInt(bytes.size)
        buf.putBytes(bytes)
    }
}

/**
 * @suppress
 */
public object FfiConverterBytes : FfiConverter<ByteArray> {
    override fun read(buf: ByteBuffer): ByteArray {
        val len = buf.getInt()
        val bytes = ByteArray(len)
        buf.get(bytes)
        return bytes
    }

    override fun write(value: ByteArray, buf: UniffiWriter) {
        buf.putInt(value.size)
        buf.putBytes(value)
    }
}

/**
 * @suppress
 */
public object FfiConverterTimestamp : FfiConverter<java.time.Instant> {
    override fun read(buf: ByteBuffer): java.time.Instant {
        val seconds = buf.getLong()
        // Type mismatch (should be u32) but we check for overflow/underflow below
        val nanoseconds = buf.getInt().toLong()
        if (nanoseconds < 0) {
            throw java.time.DateTimeException("Instant nanoseconds exceed minimum or maximum supported by uniffi")
        }
        return if (seconds >= 0) {
            java.time.Instant.EPOCH.plus(java.time.Duration.ofSeconds(seconds, nanoseconds))
        } else {
            java.time.Instant.EPOCH.minus(java.time.Duration.ofSeconds(-seconds, nanoseconds))
        }
    }

    override fun write(value: java.time.Instant, buf: UniffiWriter) {
        var epochOffset = java.time.Duration.between(java.time.Instant.EPOCH, value)
        var sign = 1
        if (epochOffset.isNegative()) {
            sign = -1
            epochOffset = epochOffset.negated()
        }
        if (epochOffset.nano < 0) {
            // Java docs provide guarantee that nano will always be positive, so this should be impossible
            // See: https://docs.oracle.com/javase/8/docs/api/java/time/Instant.html
            throw IllegalArgumentException("Invalid timestamp, nano value must be non-negative")
        }
        buf.putLong(sign * epochOffset.seconds)
        buf.putInt(epochOffset.nano)
    }
}

/**
 * @suppress
 */
public object FfiConverterDuration : FfiConverter<java.time.Duration> {
    override fun read(buf: ByteBuffer): java.time.Duration {
        // Type mismatch (should be u64) but we check for overflow/underflow below
        val seconds = buf.getLong()
        // Type mismatch (should be u32) but we check for overflow/underflow below
        val nanoseconds = buf.getInt().toLong()
        if (seconds < 0) {
            throw java.time.DateTimeException("Duration exceeds minimum or maximum value supported by uniffi")
        }
        if (nanoseconds < 0) {
            throw java.time.DateTimeException("Duration nanoseconds exceed minimum or maximum supported by uniffi")
        }
        return java.time.Duration.ofSeconds(seconds, nanoseconds)
    }

    override fun write(value: java.time.Duration, buf: UniffiWriter) {
        if (value.seconds < 0) {
            // Rust does not support negative Durations
            throw IllegalArgumentException("Invalid duration, must be non-negative")
        }
        if (value.nano < 0) {
            // Java docs provide guarantee that nano will always be positive, so this should be impossible
            // See: https://docs.oracle.com/javase/8/docs/api/java/time/Duration.html
            throw IllegalArgumentException("Invalid duration, nano value must be non-negative")
        }
        buf.putLong(value.seconds)
        buf.putInt(value.nano)
    }
}
{%- if m.has_async %}

/** Drives a Rust future to completion from a coroutine; cancelling the coroutine drops it. */
internal suspend inline fun <T> uniffiAwait(future: Long, complete: (Long) -> T): T {
    try {
        while (!suspendCancellableCoroutine<Boolean> { continuation ->
                if (UniffiLib.uniffiFuturePoll(future, continuation)) {
                    continuation.resume(true)
                }
            }) {
            // Woken: poll again.
        }
        return complete(future)
    } finally {
        UniffiLib.uniffiFutureFree(future)
    }
}
{%- endif %}
{%- if m.has_layouts %}

/**
 * Direct buffers in the machine's byte order that records of primitives cross in, for the
 * functions the native library calls directly, reused per thread while they are at most 4 MiB
 * (a larger one serves one call): one per record argument of a call, which Kotlin writes and the
 * library reads, and one for the result, which the library writes (asking for a larger one
 * through `UniffiCallbacks.recordBuffer` when the result does not fit) and Kotlin reads.
 * @suppress
 */
internal object UniffiRecordBuffers {
    private const val KEEP: Int = 4 shl 20

    private class Local {
        var args: Array<ByteBuffer?> = arrayOfNulls(2)
        var result: ByteBuffer? = null
    }

    // Not `ThreadLocal.withInitial`: Android has it from API 26 only.
    private val local = object : ThreadLocal<Local>() {
        override fun initialValue(): Local = Local()
    }

    private fun allocate(size: Int, old: ByteBuffer?): ByteBuffer =
        ByteBuffer.allocateDirect(maxOf(size, minOf(KEEP, 2 * (old?.capacity() ?: 128)))).order(ByteOrder.nativeOrder())

    /** Argument `slot`'s buffer, of at least `size` bytes. */
    fun get(slot: Int, size: Int): ByteBuffer {
        val l = local.get()
        val b = if (slot < l.args.size) l.args[slot] else null
        if (b != null && b.capacity() >= size) return b
        if (size > KEEP) return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder())
        val fresh = allocate(size, b)
        if (slot >= l.args.size) l.args = l.args.copyOf(slot + 1)
        l.args[slot] = fresh
        return fresh
    }

    /** The result buffer. */
    fun result(): ByteBuffer {
        val l = local.get()
        return l.result ?: allocate(0, null).also { l.result = it }
    }

    /** A result buffer of at least `size` bytes, for a result that does not fit the current one. */
    fun grow(size: Int): ByteBuffer {
        if (size > KEEP) return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder())
        val l = local.get()
        return allocate(size, l.result).also { l.result = it }
    }
}
{%- endif %}
