// What the shared suites need to know about the backend under test, for uniffi's Kotlin
// bindings over JNA (generated/kotlin). Its twin for the JNI backend is backend-jni/Backend.kt;
// everything else in tests/kotlin/src is the same source for both.
package greettest

import com.sun.jna.Callback
import com.sun.jna.Native
import uniffi.greet.FfiConverterTypeDecorator
import uniffi.greet.uniffiContinuationHandleMap

object Backend {
    const val NAME = "uniffi"

    /**
     * Whether a `java.lang.Error` thrown by a Kotlin `Decorator` reaches the caller as
     * `GreetException.DecoratorFailed`. Not with uniffi's bindings: they catch only
     * `kotlin.Exception` in callbacks, and the greeting silently comes back as "" (Known gap 1).
     */
    const val ERRORS_IN_DECORATORS_ARE_TYPED = false

    /** Kotlin decorators Rust holds, and async calls still waiting for a wake-up. */
    fun handles(): Pair<Int, Int> = FfiConverterTypeDecorator.handleMap.size to uniffiContinuationHandleMap.size

    /** Runs `block`, collecting what JNA reports through its callback exception handler. */
    fun <T> capturingCallbackErrors(block: (List<Throwable>) -> T): T {
        val reported = java.util.Collections.synchronizedList(ArrayList<Throwable>())
        val saved = Native.getCallbackExceptionHandler()
        Native.setCallbackExceptionHandler { _: Callback, e: Throwable -> reported.add(e) }
        try {
            return block(reported)
        } finally {
            Native.setCallbackExceptionHandler(saved)
        }
    }
}

/**
 * Native blocks JNA allocated (for the by-value Structures of every call) that its single
 * Cleaner thread has not freed yet: JNA's own registry, read by reflection. -1 if unavailable.
 */
object CleanerBacklog {
    private val registry: Map<*, *>? = try {
        val field = com.sun.jna.Memory::class.java.getDeclaredField("allocatedMemory")
        field.isAccessible = true
        field.get(null) as Map<*, *>
    } catch (e: Throwable) {
        null
    }

    const val WHAT = "jna_cleaner_backlog"

    fun size(): Int = registry?.size ?: -1

    /** Samples the backlog every 100 ms while `block` runs; returns the largest sample. */
    fun <T> peakDuring(block: () -> T): Pair<T, Int> {
        val peak = java.util.concurrent.atomic.AtomicInteger(size())
        val done = java.util.concurrent.atomic.AtomicBoolean(false)
        val sampler = Thread {
            while (!done.get()) {
                peak.accumulateAndGet(size(), ::maxOf)
                Thread.sleep(100)
            }
        }.apply { isDaemon = true; start() }
        try {
            return block() to peak.get()
        } finally {
            done.set(true)
            sampler.join()
        }
    }

    /** Collects garbage until the backlog is down to `floor` (hang guard: `guardS`). */
    fun drain(floor: Int = 100, guardS: Long = 300): Pair<Int, Double> {
        val t0 = System.nanoTime()
        while (size() > floor && System.nanoTime() - t0 < guardS * 1_000_000_000) {
            System.gc()
            Thread.sleep(100)
        }
        return size() to (System.nanoTime() - t0) / 1e9
    }
}
