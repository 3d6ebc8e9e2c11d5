// What the shared suites need to know about the backend under test, for the JNI backend
// (generated/kotlin-jni). Its twin for uniffi's JNA bindings is backend-uniffi/Backend.kt;
// everything else in tests/kotlin/src is the same source for both.
package greettest

import uniffi.greet.UniffiLib
import uniffi.greet.uniffiDecoratorHandleCount

object Backend {
    const val NAME = "jni"

    /**
     * Whether a `java.lang.Error` thrown by a Kotlin `Decorator` reaches the caller as
     * `GreetException.DecoratorFailed`: yes, the glue catches every Throwable a Kotlin
     * implementation throws.
     */
    const val ERRORS_IN_DECORATORS_ARE_TYPED = true

    /** Kotlin decorators Rust holds, and Rust futures Kotlin has not freed yet. */
    fun handles(): Pair<Int, Int> = uniffiDecoratorHandleCount() to UniffiLib.uniffiPendingFutures()

    /** The JNI glue reports nothing out of band: every Throwable becomes the call's result. */
    fun <T> capturingCallbackErrors(block: (List<Throwable>) -> T): T = block(emptyList())
}

/**
 * The JNI backend allocates nothing per call that a background thread frees: there is no
 * backlog to wait for.
 */
object CleanerBacklog {
    const val WHAT = "native_blocks_awaiting_a_cleaner_thread"

    fun size(): Int = 0

    fun <T> peakDuring(block: () -> T): Pair<T, Int> = block() to 0

    fun drain(floor: Int = 100, guardS: Long = 300): Pair<Int, Double> = 0 to 0.0
}
