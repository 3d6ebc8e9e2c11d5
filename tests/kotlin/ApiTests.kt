// The greet interface through the Kotlin bindings, item by item: functions, Greeter,
// Locale, records, enums, typed errors, the foreign Decorator, threads and async.
package greettest

import java.nio.charset.CharacterCodingException
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import uniffi.greet.Decorator
import uniffi.greet.GreetException
import uniffi.greet.GreetOptions
import uniffi.greet.Greeter
import uniffi.greet.Greeting
import uniffi.greet.Locale
import uniffi.greet.Salutation
import uniffi.greet.Tone
import uniffi.greet.greet
import uniffi.greet.maxNameLength
import uniffi.greet.supportedLocales

private val TAGS = listOf("ar", "en", "es", "fr", "haw", "he", "ja")

/** Upper-cases greetings; remembers what it was given. */
class Shout : Decorator {
    val seen = java.util.Collections.synchronizedList(ArrayList<String>())
    override fun decorate(greeting: String): String {
        seen.add(greeting)
        return greeting.uppercase()
    }
}

/** Wraps greetings and counts calls, for the threaded test. */
class Counting : Decorator {
    val calls = AtomicInteger()
    override fun decorate(greeting: String): String {
        calls.incrementAndGet()
        return "<$greeting>"
    }
}

/** Refuses the way the interface documents: with a GreetException. */
class Refuse(private val error: GreetException) : Decorator {
    override fun decorate(greeting: String): String = throw error
}

/** Fails with an ordinary Kotlin exception, not a GreetException. */
class Broken : Decorator {
    override fun decorate(greeting: String): String = throw IllegalStateException("broken decorator: $greeting")
}

object ApiTests {
    fun runAll() {
        Check.test("greet function") { greetFunction() }
        Check.test("supportedLocales, maxNameLength") { namespaceFunctions() }
        Check.test("Locale: constructor, methods, Display/Eq/Hash") { locale() }
        Check.test("Greeter constructors, locale(), toString") { greeterConstructors() }
        Check.test("GreetOptions defaults, greetWith, Tone") { options() }
        Check.test("Salutation: Phrasebook and Custom") { salutation() }
        Check.test("typed errors") { errors() }
        Check.test("greetAll") { greetAll() }
        Check.test("counts, countFor, total, lastGreeting") { tally() }
        Check.test("Decorator implemented in Kotlin") { decorator() }
        Check.test("object lifecycle (close/destroy)") { lifecycle() }
        Check.test("8 threads x 1000 calls on one Greeter") { threads() }
        Check.test("async greetLater from coroutines") { async() }
    }

    private fun greetFunction() {
        val w = "greet"
        Check.eq(w, greet("Hello", "world"), "Hello, world")
        Check.eq(w, greet("", ""), ", ")
        Check.eq(w, greet(" a ", "\tb\n"), " a , \tb\n", "no trimming")
        Check.eq(w, greet("👋🏽", "𝔘\u0000x"), "👋🏽, 𝔘\u0000x", "non-BMP and NUL")
        val big = "y".repeat(3_000_000)
        Check.eq(w, greet("Hi", big), "Hi, $big", "3M-char name")
        // Kotlin strings may hold lone surrogates; the bindings refuse to encode them
        // (before Rust is reached) instead of substituting U+FFFD.
        Check.throws<CharacterCodingException>("$w lone surrogate") { greet("Hi", "\uD800") }
    }

    private fun namespaceFunctions() {
        val w = "namespace"
        Check.eq(w, maxNameLength(), 256u, "maxNameLength()")
        val locales = supportedLocales()
        Check.eq(w, locales.map { it.tag() }, TAGS, "supportedLocales() tags, ordered by tag")
        Check.eq(w, locales.map { it.tag() }, locales.map { it.tag() }.sorted(), "ordered")
        Check.eq(w, locales.filter { it.isRtl() }.map { it.tag() }, listOf("ar", "he"), "RTL locales")
        Check.eq(w, locales.toSet().size, TAGS.size, "distinct under equals/hashCode")
        for (l in locales) {
            Check.eq(w, Locale(l.tag()), l, "Locale(tag) == listed locale ${l.tag()}")
            Check.isTrue(w, l.nativeName().isNotBlank()) { "${l.tag()} native name blank" }
            Check.isTrue(w, l.phrase(Tone.INFORMAL).isNotBlank() && l.phrase(Tone.FORMAL).isNotBlank()) { "${l.tag()} phrases" }
        }
        locales.forEach { it.close() }
    }

    private fun locale() {
        val w = "Locale"
        val ar = Locale("AR")
        Check.eq(w, ar.tag(), "ar", "tag lower-cased")
        Check.eq(w, ar.nativeName(), "العربية")
        Check.eq(w, ar.isRtl(), true)
        Check.eq(w, ar.phrase(Tone.INFORMAL), "مرحبا")
        Check.eq(w, ar.phrase(Tone.FORMAL), "السلام عليكم")
        Check.eq(w, ar.toString(), "ar", "toString (Display) is the tag")
        Check.eq(w, "$ar", "ar", "string template")
        val ja = Locale("ja")
        Check.eq(w, ja.nativeName(), "日本語")
        Check.eq(w, ja.isRtl(), false)
        Check.eq(w, Locale("en").phrase(Tone.FORMAL), "Good day")
        // Eq and Hash: two distinct objects with the same tag.
        val en1 = Locale("en")
        val en2 = Locale("EN")
        Check.isTrue(w, en1 !== en2) { "distinct objects expected" }
        Check.eq(w, en1, en2, "Locale(\"en\") == Locale(\"EN\")")
        Check.eq(w, en1.hashCode(), en2.hashCode(), "equal locales hash alike")
        Check.ne(w, en1, Locale("fr"), "en vs fr")
        Check.isTrue(w, !en1.equals("en")) { "a Locale must not equal a String" }
        Check.isTrue(w, !en1.equals(null)) { "a Locale must not equal null" }
        Check.eq(w, hashSetOf(en1, en2, Locale("fr")).size, 2, "HashSet size")
        Check.eq(w, hashMapOf(en1 to 1)[en2], 1, "HashMap lookup by an equal Locale")
        Check.eq(w, Greeter.forLocale("ja").locale(), ja, "Greeter.locale() equals Locale(tag)")
        // Errors.
        Check.throws<GreetException.UnknownLocale>(w) { Locale("xx") }?.let {
            Check.eq(w, it.locale, "xx", "UnknownLocale.locale")
        }
        Check.throws<GreetException.UnknownLocale>(w) { Locale("") }
        Check.throws<GreetException.UnknownLocale>(w) { Locale(" en") }
    }

    private fun greeterConstructors() {
        val w = "Greeter"
        val g = Greeter()
        Check.eq(w, g.locale().tag(), "en", "primary constructor is English")
        Check.eq(w, g.greet("friend"), "Hi, friend")
        Check.eq(w, g.toString(), "Greeter(locale=en, greeted=1)", "toString (Display)")
        val ja = Greeter.forLocale("JA")
        Check.eq(w, ja.locale().tag(), "ja", "forLocale is case-insensitive")
        Check.eq(w, ja.greet("友達"), "やあ、友達")
        Check.eq(w, ja.toString(), "Greeter(locale=ja, greeted=1)")
        for (tag in TAGS) {
            Greeter.forLocale(tag).use { Check.eq(w, it.locale().tag(), tag, "forLocale($tag)") }
        }
        Check.throws<GreetException.UnknownLocale>(w) { Greeter.forLocale("xx") }?.let {
            Check.eq(w, it.locale, "xx", "UnknownLocale.locale")
            Check.eq(w, it.message, "locale=xx", "message")
        }
        Check.throws<GreetException.UnknownLocale>(w) { Greeter.forLocale("") }
        // Greeters are independent.
        Check.eq(w, Greeter().total(), 0uL, "a new greeter has greeted nobody")
    }

    private fun options() {
        val w = "GreetOptions"
        val d = GreetOptions()
        Check.eq(w, d.tone, Tone.INFORMAL, "default tone")
        Check.eq(w, d.title, null, "default title")
        Check.eq(w, d.exclaim, false, "default exclaim")
        Check.eq(w, d, GreetOptions(Tone.INFORMAL, null, false), "data class equality")
        Check.eq(w, d.copy(exclaim = true).exclaim, true, "copy")
        Check.eq(w, Tone.values().toList(), listOf(Tone.FORMAL, Tone.INFORMAL), "Tone values")
        val g = Greeter()
        Check.eq(w, g.greetWith("you", GreetOptions()), "Hi, you")
        Check.eq(w, g.greetWith("you", GreetOptions(tone = Tone.FORMAL)), "Good day, you")
        Check.eq(w, g.greetWith("Ada", GreetOptions(title = "Dr.", exclaim = true)), "Hi, Dr. Ada!")
        Check.eq(w, g.greetWith("Ada", GreetOptions(title = " ")), "Hi, Ada", "blank title ignored")
        Check.eq(w, Greeter.forLocale("es").greetWith("amigo", GreetOptions(exclaim = true)), "¡Hola, amigo!")
        Check.eq(w, Greeter.forLocale("fr").greetWith("ami", GreetOptions(Tone.FORMAL, null, true)), "Bonjour, ami !")
        Check.eq(w, Greeter.forLocale("ja").greetWith("友達", GreetOptions(exclaim = true)), "やあ、友達！")
        Check.throws<GreetException.EmptyName>(w) { g.greetWith(" ", GreetOptions(title = "Dr.")) }
    }

    private fun salutation() {
        val w = "Salutation"
        val g = Greeter.forLocale("he")
        val formal = Salutation.Phrasebook(Tone.FORMAL)
        val custom = Salutation.Custom("Yo")
        Check.eq(w, formal.tone, Tone.FORMAL)
        Check.eq(w, custom.text, "Yo")
        Check.eq(w, formal, Salutation.Phrasebook(Tone.FORMAL), "data class equality")
        Check.ne<Salutation>(w, formal, Salutation.Phrasebook(Tone.INFORMAL))
        Check.eq(w, g.salute(formal, "חבר"), "שלום, חבר", "phrasebook formal")
        Check.eq(w, g.salute(Salutation.Phrasebook(Tone.INFORMAL), "חבר"), "היי, חבר", "phrasebook informal")
        Check.eq(w, g.salute(custom, "dude"), "Yo, dude", "custom ignores the locale")
        Check.eq(w, g.salute(Salutation.Custom(" Yo "), "dude"), " Yo , dude", "custom kept as given")
        val described = when (val s: Salutation = custom) { // sealed: exhaustive
            is Salutation.Phrasebook -> "phrasebook"
            is Salutation.Custom -> "custom ${s.text}"
        }
        Check.eq(w, described, "custom Yo")
        Check.throws<GreetException.EmptySalutation>(w) { g.salute(Salutation.Custom(" \t"), "x") }
        Check.throws<GreetException.EmptySalutation>(w) { g.salute(Salutation.Custom(""), "x") }
        Check.throws<GreetException.EmptyName>(w) { g.salute(Salutation.Custom(""), "") }
        Check.eq(w, g.total(), 4uL, "only successful salutes count")
    }

    private fun errors() {
        val w = "errors"
        val g = Greeter()
        Check.throws<GreetException.EmptyName>(w) { g.greet(" \n") }?.let {
            Check.eq(w, it.name, " \n", "EmptyName.name is the name as given")
            Check.eq(w, it.message, "name= \n", "message")
            Check.isTrue(w, (it as Any) is GreetException && (it as Any) is Exception) { "is a GreetException and an Exception" }
        }
        Check.throws<GreetException.NameTooLong>(w) { g.greet("é".repeat(257)) }?.let {
            Check.eq(w, it.length, 257u, "NameTooLong.length counts scalar values")
            Check.eq(w, it.max, 256u, "NameTooLong.max")
            Check.eq(w, it.message, "length=257, max=256", "message")
        }
        Check.throws<GreetException.NameTooLong>(w) { g.greet("😀".repeat(300)) }?.let {
            Check.eq(w, it.length, 300u, "non-BMP names count scalar values, not UTF-16 units")
        }
        Check.throws<GreetException.NameTooLong>(w) { g.greet("x".repeat(1 shl 20)) }?.let {
            Check.eq(w, it.length, (1u shl 20), "1 MiB name")
        }
        Check.eq(w, g.greet("😀".repeat(256)), "Hi, " + "😀".repeat(256), "256 non-BMP scalars = 512 UTF-16 units is fine")
        Check.throws<GreetException.EmptySalutation>(w) { g.salute(Salutation.Custom(""), "x") }?.let {
            Check.eq(w, it.message, "", "EmptySalutation message")
        }
        // Catchable as the sealed base class, with an exhaustive `when`.
        val caught = try { g.greet(""); "no error" } catch (e: GreetException) {
            when (e) {
                is GreetException.EmptyName -> "EmptyName"
                is GreetException.NameTooLong -> "NameTooLong"
                is GreetException.UnknownLocale -> "UnknownLocale"
                is GreetException.EmptySalutation -> "EmptySalutation"
                is GreetException.DecoratorFailed -> "DecoratorFailed"
            }
        }
        Check.eq(w, caught, "EmptyName", "catch as GreetException")
        Check.eq(w, g.total(), 1uL, "failed calls are not counted")
        Check.eq(w, g.lastGreeting()?.name, "😀".repeat(256), "failed calls leave lastGreeting alone")
    }

    private fun greetAll() {
        val w = "greetAll"
        val g = Greeter.forLocale("he")
        Check.eq(w, g.greetAll(listOf("א", "b", "🙂", "b")), listOf("היי, א", "היי, b", "היי, 🙂", "היי, b"), "in order")
        Check.eq(w, g.greetAll(emptyList()), emptyList<String>(), "empty list")
        Check.eq(w, g.total(), 4uL, "one count per name")
        Check.eq(w, g.countFor("b"), 2uL, "repeated name counted twice")
        Check.eq(w, g.lastGreeting()?.text, "היי, b", "last greeting is the last name's")
        Check.throws<GreetException.EmptyName>(w) { g.greetAll(listOf("ok", "", "also ok")) }
        Check.throws<GreetException.NameTooLong>(w) { g.greetAll(listOf("ok", "x".repeat(257))) }
        Check.eq(w, g.countFor("ok"), 0uL, "fails on the first bad name without counting any")
        Check.eq(w, g.total(), 4uL, "total unchanged by failed greetAll")
        Check.eq(w, g.lastGreeting()?.text, "היי, b", "lastGreeting unchanged by failed greetAll")
    }

    private fun tally() {
        val w = "tally"
        val g = Greeter.forLocale("fr")
        Check.eq(w, g.counts(), emptyMap<String, ULong>(), "fresh counts")
        Check.eq(w, g.total(), 0uL, "fresh total")
        Check.eq(w, g.countFor("nobody"), 0uL, "unknown name")
        Check.eq(w, g.lastGreeting(), null, "fresh lastGreeting")
        val before = Instant.now()
        g.greet("Zoë")
        g.greet("Zoë")
        g.greetWith("Ana", GreetOptions(tone = Tone.FORMAL))
        g.salute(Salutation.Custom("Coucou"), "Zoë")
        val after = Instant.now()
        Check.eq(w, g.counts(), mapOf("Zoë" to 3uL, "Ana" to 1uL), "counts()")
        Check.eq(w, g.countFor("Zoë"), 3uL)
        Check.eq(w, g.countFor("zoë"), 0uL, "names are case-sensitive")
        Check.eq(w, g.total(), 4uL)
        val last: Greeting? = g.lastGreeting()
        Check.isTrue(w, last != null) { "lastGreeting is set" }
        if (last != null) {
            Check.eq(w, last.text, "Coucou, Zoë")
            Check.eq(w, last.name, "Zoë")
            Check.eq(w, last.locale, "fr")
            val at: Instant = last.at
            // Both clocks are the wall clock; allow for the JVM's coarser Instant.now().
            val slack = Duration.ofMillis(5)
            Check.isTrue(w, !at.isBefore(before.minus(slack)) && !at.isAfter(after.plus(slack))) {
                "timestamp $at not within [$before, $after]"
            }
        }
        Thread.sleep(5)
        g.greet("Ana")
        val later = g.lastGreeting()!!
        Check.isTrue(w, last != null && later.at.isAfter(last.at)) { "later greeting has a later timestamp" }
        Check.eq(w, later, later.copy(), "Greeting data class equality")
        // Greeting is a plain record that Kotlin can build too.
        val made = Greeting("t", "n", "en", Instant.EPOCH)
        Check.eq(w, made.at, Instant.EPOCH)
    }

    private fun decorator() {
        val w = "Decorator"
        val g = Greeter()
        val shout = Shout()
        g.setDecorator(shout)
        Check.eq(w, g.greet("ada"), "HI, ADA", "greet is decorated")
        Check.eq(w, g.greetWith("ada", GreetOptions(tone = Tone.FORMAL, exclaim = true)), "GOOD DAY, ADA!", "greetWith is decorated")
        Check.eq(w, g.salute(Salutation.Custom("Yo"), "ada"), "YO, ADA", "salute(Custom) is decorated")
        Check.eq(w, g.greetAll(listOf("a", "b")), listOf("HI, A", "HI, B"), "greetAll decorates each")
        Check.eq(w, shout.seen.toList(), listOf("Hi, ada", "Good day, ada!", "Yo, ada", "Hi, a", "Hi, b"), "decorator saw the undecorated greetings")
        Check.eq(w, g.lastGreeting()?.text, "HI, B", "lastGreeting records the decorated text")
        Check.eq(w, g.countFor("ada"), 3uL, "decorated greetings are counted")
        val asyncResult = runBlocking { g.greetLater("ada", Duration.ZERO) }
        Check.eq(w, asyncResult, "HI, ADA", "greetLater is decorated")

        // Refusing with a GreetException: the variant and its fields reach the caller.
        g.setDecorator(Refuse(GreetException.DecoratorFailed("no greetings today")))
        Check.throws<GreetException.DecoratorFailed>(w) { g.greet("bob") }?.let {
            Check.eq(w, it.reason, "no greetings today", "reason passes through unchanged")
        }
        g.setDecorator(Refuse(GreetException.UnknownLocale("tlh")))
        Check.throws<GreetException.UnknownLocale>(w) { g.greet("bob") }?.let {
            Check.eq(w, it.locale, "tlh", "any GreetException variant passes through")
        }
        Check.throws<GreetException.DecoratorFailed>("$w async") {
            g.setDecorator(Refuse(GreetException.DecoratorFailed("later, no")))
            runBlocking { g.greetLater("bob", Duration.ofMillis(1)) }
        }

        // A non-GreetException from Kotlin code becomes GreetException.DecoratorFailed.
        g.setDecorator(Broken())
        Check.throws<GreetException.DecoratorFailed>(w) { g.greet("bob") }?.let {
            Check.isTrue(w, it.reason.contains("IllegalStateException") && it.reason.contains("broken decorator: Hi, bob")) {
                "reason should describe the Kotlin exception, got ${Check.show(it.reason)}"
            }
        }
        Check.throws<GreetException.DecoratorFailed>(w) { g.greetAll(listOf("x", "y")) }
        Check.throws<GreetException.DecoratorFailed>(w) { runBlocking { g.greetLater("bob", Duration.ZERO) } }
        // A decorator returning a string the bindings cannot encode fails the same way.
        g.setDecorator(object : Decorator { override fun decorate(greeting: String) = greeting + "\uDC00" })
        Check.throws<GreetException.DecoratorFailed>("$w lone surrogate") { g.greet("bob") }
        Check.eq(w, g.countFor("bob"), 0uL, "refused greetings are not counted")
        Check.eq(w, g.lastGreeting()?.text, "HI, ADA", "refused greetings leave lastGreeting alone")

        // Removing the decorator.
        g.setDecorator(null)
        Check.eq(w, g.greet("bob"), "Hi, bob", "setDecorator(null) removes it")
        Check.eq(w, shout.seen.size, 6, "removed decorator is no longer called")

        // Shared between greeters; lambdas work via an anonymous object.
        val prefix = object : Decorator { override fun decorate(greeting: String) = "» $greeting" }
        val ja = Greeter.forLocale("ja")
        ja.setDecorator(prefix)
        g.setDecorator(prefix)
        Check.eq(w, ja.greet("友達"), "» やあ、友達")
        Check.eq(w, g.greet("x"), "» Hi, x")
        ja.setDecorator(null)
        g.setDecorator(null)
        ja.close()
        g.close()
        // Rust released every Kotlin decorator it held (handle map is internal to the
        // bindings, visible here because they are compiled into the same module).
        Check.eq(w, uniffi.greet.FfiConverterTypeDecorator.handleMap.size, 0, "decorator handles left in the handle map")
    }

    private fun lifecycle() {
        val w = "lifecycle"
        val g = Greeter()
        val l = g.locale()
        g.use { Check.eq(w, it.greet("x"), "Hi, x") }
        Check.throws<IllegalStateException>(w) { g.greet("x") }
        g.destroy() // idempotent
        Check.eq(w, l.tag(), "en", "a Locale outlives the Greeter it came from")
        l.close()
        Check.throws<IllegalStateException>(w) { l.tag() }
    }

    private fun threads() {
        val w = "threads"
        val g = Greeter.forLocale("es")
        val counting = Counting()
        g.setDecorator(counting)
        val threads = 8
        val perThread = 1000
        val start = CountDownLatch(1)
        val errors = java.util.Collections.synchronizedList(ArrayList<String>())
        val workers = (0 until threads).map { t ->
            Thread {
                start.await()
                val name = "worker-$t"
                try {
                    for (i in 0 until perThread) {
                        val got = when (i % 4) {
                            0 -> g.greet(name)
                            1 -> g.greetWith(name, GreetOptions())
                            2 -> g.salute(Salutation.Phrasebook(Tone.INFORMAL), name)
                            else -> g.greetAll(listOf(name)).single()
                        }
                        if (got != "<Hola, $name>") errors.add("thread $t call $i: ${Check.show(got)}")
                        if (i % 100 == 0) g.countFor(name) // readers interleaved with writers
                    }
                } catch (e: Throwable) {
                    errors.add("thread $t: $e")
                }
            }.also { it.start() }
        }
        start.countDown()
        workers.forEach { it.join(120_000) }
        Check.isTrue(w, workers.none { it.isAlive }) { "threads did not finish" }
        Check.eq(w, errors.toList(), emptyList<String>(), "per-call results")
        Check.eq(w, g.total(), (threads * perThread).toULong(), "total")
        Check.eq(w, g.counts(), (0 until threads).associate { "worker-$it" to perThread.toULong() }, "counts")
        for (t in 0 until threads) Check.eq(w, g.countFor("worker-$t"), perThread.toULong(), "countFor(worker-$t)")
        Check.eq(w, counting.calls.get(), threads * perThread, "decorator calls from all threads")
        Check.eq(w, g.toString(), "Greeter(locale=es, greeted=8000)")
        g.setDecorator(null)
    }

    private fun async() {
        val w = "async"
        val g = Greeter.forLocale("ja")
        runBlocking {
            Check.eq(w, g.greetLater("友達", Duration.ZERO), "やあ、友達", "zero delay")
            val t0 = System.nanoTime()
            Check.eq(w, g.greetLater("友達", Duration.ofMillis(100)), "やあ、友達", "100 ms delay")
            val ms = (System.nanoTime() - t0) / 1_000_000
            Check.isTrue(w, ms >= 95) { "greetLater returned after $ms ms, before its 100 ms delay" }

            Check.throws<GreetException.EmptyName>(w) { runBlocking { g.greetLater(" ", Duration.ofSeconds(30)) } }
            Check.throws<GreetException.NameTooLong>(w) { runBlocking { g.greetLater("x".repeat(257), Duration.ZERO) } }
            Check.throws<IllegalArgumentException>("$w negative delay") { runBlocking { g.greetLater("x", Duration.ofMillis(-1)) } }

            // 50 concurrent calls on runBlocking's single thread: if greetLater blocked the
            // thread they would take 50 x 300 ms = 15 s; awaiting them together takes ~300 ms.
            val t1 = System.nanoTime()
            val ticks = AtomicInteger()
            val ticker = async { repeat(10) { delay(20); ticks.incrementAndGet() } }
            val results = (0 until 50).map { i -> async { g.greetLater("c$i", Duration.ofMillis(300)) } }.awaitAll()
            ticker.await()
            val concurrentMs = (System.nanoTime() - t1) / 1_000_000
            Check.eq(w, results, (0 until 50).map { "やあ、c$it" }, "concurrent results, in order")
            Check.isTrue(w, concurrentMs < 5_000) { "50 concurrent 300 ms calls took $concurrentMs ms: not concurrent" }
            Check.eq(w, ticks.get(), 10, "the caller's thread kept running other coroutines")

            // Many more on a multi-threaded dispatcher.
            val multi = withContext(Dispatchers.Default) {
                (0 until 200).map { i -> async { g.greetLater("m${i % 10}", Duration.ofMillis(10L + i % 7)) } }.awaitAll()
            }
            Check.eq(w, multi.size, 200)
            Check.isTrue(w, multi.withIndex().all { (i, s) -> s == "やあ、m${i % 10}" }) { "multi-threaded results" }
            for (k in 0 until 10) Check.eq(w, g.countFor("m$k"), 20uL, "countFor(m$k)")

            // Cancellation: the Rust future is dropped and nothing is counted.
            Check.throws<TimeoutCancellationException>("$w cancel") {
                runBlocking { withTimeout(100) { g.greetLater("cancelled", Duration.ofMillis(1_000)) } }
            }
        }
        Thread.sleep(1_200) // past the cancelled call's delay
        Check.eq(w, g.countFor("cancelled"), 0uL, "a cancelled greetLater is not counted")
        Check.eq(w, g.total(), (2 + 50 + 200).toULong(), "total after async calls")
        Check.eq(w, g.lastGreeting()?.locale, "ja")
    }
}
