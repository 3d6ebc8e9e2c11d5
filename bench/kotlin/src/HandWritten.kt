// The hand-written JNI baseline (bench/jni-greet, libjni_greet): what one writes by hand to
// call greet from Kotlin, measured against the generated JNI backend.
package greetbench

object HandWritten {
    init {
        System.loadLibrary("jni_greet")
    }

    /** Thrown by `greeterGreet` with the Rust error's message. */
    class GreetError(message: String) : Exception(message)

    @JvmStatic external fun greet(greeting: String, name: String): String
    @JvmStatic external fun newGreeter(): Long
    @JvmStatic external fun freeGreeter(greeter: Long)
    @JvmStatic external fun greeterGreet(greeter: Long, name: String): String
}
