// A tiny consumer of dist/greet-kotlin-VERSION.jar, as someone without this repository would
// write it. tests/packaging/test-kotlin.sh compiles it against the jar and JNA, then runs it with
// only the jar and JNA on the class path: no -Djna.library.path, no LD_LIBRARY_PATH; JNA finds
// libgreet.so inside the jar (linux-x86-64/libgreet.so).
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
