// A tiny consumer of the greet Kotlin jars, as someone without this repository would write it.
// tests/packaging/test-kotlin.sh builds it with Maven against uniffi.greet:greet-kotlin (JNA) and
// against uniffi.greet:greet-kotlin-jni (JNI) by their coordinates, then runs it with Maven's
// class path only: no -Djna.library.path, no java.library.path, no LD_LIBRARY_PATH; the native
// library comes out of the jar (linux-x86-64/).
import uniffi.greet.Decorator
import uniffi.greet.GreetException
import uniffi.greet.GreetOptions
import uniffi.greet.Greeter
import uniffi.greet.Salutation
import uniffi.greet.Tone
import uniffi.greet.greet
import uniffi.greet.supportedLocales

class Shout : Decorator {
    override fun decorate(greeting: String): String = greeting.uppercase()
}

fun main() {
    println(greet("Aloha", "amigo"))

    val japanese = Greeter.forLocale("ja")
    println(japanese.greet("友達"))
    println(Greeter().greetWith("Ruiz", GreetOptions(tone = Tone.FORMAL, title = "Dr.")))
    println(japanese.salute(Salutation.Custom("Hola"), "amigo"))
    println(supportedLocales().joinToString(",") { it.tag() })

    val greeter = Greeter()
    greeter.setDecorator(Shout())
    println(greeter.greet("friend"))

    try {
        Greeter.forLocale("xx")
        println("no error")
    } catch (e: GreetException.UnknownLocale) {
        println("unknown locale ${e.locale}")
    }
}
