// The entry points the JVM benchmark (bench/kotlin) calls in each backend's class loader: the
// uniffi (JNA) and JNI bindings both define uniffi.greet, so the benchmark loads each with its
// tests' classes in a loader of its own and reaches them through JDK interfaces only.
package greettest

import java.util.function.BiFunction
import java.util.function.Function
import java.util.function.Predicate
import uniffi.greet.GreetException
import uniffi.greet.Greeter
import uniffi.greet.greet

object BenchAdapter {
    @JvmStatic fun backend(): String = Backend.NAME

    /** `greet(greeting, name)`. */
    @JvmStatic fun greetFunction(): BiFunction<String, String, String> = BiFunction { g, n -> greet(g, n) }

    /** `greeter.greet(name)` on one `Greeter()` for the whole run. */
    @JvmStatic fun greeterGreet(): Function<String, String> {
        val greeter = Greeter()
        return Function { n -> greeter.greet(n) }
    }

    /** Whether a Throwable is `GreetException.EmptyName`. */
    @JvmStatic fun isEmptyName(): Predicate<Throwable> = Predicate { it is GreetException.EmptyName }
}
