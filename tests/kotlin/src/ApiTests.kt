// The greet interface through the Kotlin bindings, item by item: functions, Greeter,
// Locale, records, enums, typed errors, the foreign Decorator, threads and async.
// The same source runs against both backends (uniffi/JNA and JNI); see Backend.kt.
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
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
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

class ApiTests {
    @Test
    @DisplayName("greet function")
    fun greetFunction() {
        val w = "greet"
        assertEquals("Hello, world", greet("Hello", "world"), "$w")
        assertEquals(", ", greet("", ""), "$w")
        assertEquals(" a , \tb\n", greet(" a ", "\tb\n"), "$w: no trimming")
        assertEquals("👋🏽, 𝔘\u0000x", greet("👋🏽", "𝔘\u0000x"), "$w: non-BMP and NUL")
        val big = "y".repeat(3_000_000)
        assertEquals("Hi, $big", greet("Hi", big), "$w: 3M-char name")
        // Kotlin strings may hold lone surrogates; the bindings refuse to encode them
        // (before Rust is reached) instead of substituting U+FFFD.
        assertThrows<CharacterCodingException>("$w lone surrogate") { greet("Hi", "\uD800") }
    }

    @Test
    @DisplayName("supportedLocales, maxNameLength")
    fun namespaceFunctions() {
        val w = "namespace"
        assertEquals(256u, maxNameLength(), "$w: maxNameLength()")
        val locales = supportedLocales()
        assertEquals(TAGS, locales.map { it.tag() }, "$w: supportedLocales() tags, ordered by tag")
        assertEquals(locales.map { it.tag() }.sorted(), locales.map { it.tag() }, "$w: ordered")
        assertEquals(listOf("ar", "he"), locales.filter { it.isRtl() }.map { it.tag() }, "$w: RTL locales")
        assertEquals(TAGS.size, locales.toSet().size, "$w: distinct under equals/hashCode")
        for (l in locales) {
            assertEquals(l, Locale(l.tag()), "$w: Locale(tag) == listed locale ${l.tag()}")
            assertTrue(l.nativeName().isNotBlank()) { "${l.tag()} native name blank" }
            assertTrue(l.phrase(Tone.INFORMAL).isNotBlank() && l.phrase(Tone.FORMAL).isNotBlank()) { "${l.tag()} phrases" }
        }
        locales.forEach { it.close() }
    }

    @Test
    @DisplayName("Locale: constructor, methods, Display/Eq/Hash")
    fun locale() {
        val w = "Locale"
        val ar = Locale("AR")
        assertEquals("ar", ar.tag(), "$w: tag lower-cased")
        assertEquals("العربية", ar.nativeName(), "$w")
        assertEquals(true, ar.isRtl(), "$w")
        assertEquals("مرحبا", ar.phrase(Tone.INFORMAL), "$w")
        assertEquals("السلام عليكم", ar.phrase(Tone.FORMAL), "$w")
        assertEquals("ar", ar.toString(), "$w: toString (Display) is the tag")
        assertEquals("ar", "$ar", "$w: string template")
        val ja = Locale("ja")
        assertEquals("日本語", ja.nativeName(), "$w")
        assertEquals(false, ja.isRtl(), "$w")
        assertEquals("Good day", Locale("en").phrase(Tone.FORMAL), "$w")
        // Eq and Hash: two distinct objects with the same tag.
        val en1 = Locale("en")
        val en2 = Locale("EN")
        assertTrue(en1 !== en2) { "distinct objects expected" }
        assertEquals(en2, en1, "$w: Locale(\"en\") == Locale(\"EN\")")
        assertEquals(en2.hashCode(), en1.hashCode(), "$w: equal locales hash alike")
        assertNotEquals(Locale("fr"), en1, "$w: en vs fr")
        assertTrue(!en1.equals("en")) { "a Locale must not equal a String" }
        assertTrue(!en1.equals(null)) { "a Locale must not equal null" }
        assertEquals(2, hashSetOf(en1, en2, Locale("fr")).size, "$w: HashSet size")
        assertEquals(1, hashMapOf(en1 to 1)[en2], "$w: HashMap lookup by an equal Locale")
        assertEquals(ja, Greeter.forLocale("ja").locale(), "$w: Greeter.locale() equals Locale(tag)")
        // Errors.
        assertThrows<GreetException.UnknownLocale>("$w") { Locale("xx") }?.let {
            assertEquals("xx", it.locale, "$w: UnknownLocale.locale")
        }
        assertThrows<GreetException.UnknownLocale>("$w") { Locale("") }
        assertThrows<GreetException.UnknownLocale>("$w") { Locale(" en") }
    }

    @Test
    @DisplayName("Greeter constructors, locale(), toString")
    fun greeterConstructors() {
        val w = "Greeter"
        val g = Greeter()
        assertEquals("en", g.locale().tag(), "$w: primary constructor is English")
        assertEquals("Hi, friend", g.greet("friend"), "$w")
        assertEquals("Greeter(locale=en, greeted=1)", g.toString(), "$w: toString (Display)")
        val ja = Greeter.forLocale("JA")
        assertEquals("ja", ja.locale().tag(), "$w: forLocale is case-insensitive")
        assertEquals("やあ、友達", ja.greet("友達"), "$w")
        assertEquals("Greeter(locale=ja, greeted=1)", ja.toString(), "$w")
        for (tag in TAGS) {
            Greeter.forLocale(tag).use { assertEquals(tag, it.locale().tag(), "$w: forLocale($tag)") }
        }
        assertThrows<GreetException.UnknownLocale>("$w") { Greeter.forLocale("xx") }?.let {
            assertEquals("xx", it.locale, "$w: UnknownLocale.locale")
            assertEquals("locale=xx", it.message, "$w: message")
        }
        assertThrows<GreetException.UnknownLocale>("$w") { Greeter.forLocale("") }
        // Greeters are independent.
        assertEquals(0uL, Greeter().total(), "$w: a new greeter has greeted nobody")
    }

    @Test
    @DisplayName("GreetOptions defaults, greetWith, Tone")
    fun options() {
        val w = "GreetOptions"
        val d = GreetOptions()
        assertEquals(Tone.INFORMAL, d.tone, "$w: default tone")
        assertEquals(null, d.title, "$w: default title")
        assertEquals(false, d.exclaim, "$w: default exclaim")
        assertEquals(GreetOptions(Tone.INFORMAL, null, false), d, "$w: data class equality")
        assertEquals(true, d.copy(exclaim = true).exclaim, "$w: copy")
        assertEquals(listOf(Tone.FORMAL, Tone.INFORMAL), Tone.values().toList(), "$w: Tone values")
        val g = Greeter()
        assertEquals("Hi, you", g.greetWith("you", GreetOptions()), "$w")
        assertEquals("Good day, you", g.greetWith("you", GreetOptions(tone = Tone.FORMAL)), "$w")
        assertEquals("Hi, Dr. Ada!", g.greetWith("Ada", GreetOptions(title = "Dr.", exclaim = true)), "$w")
        assertEquals("Hi, Ada", g.greetWith("Ada", GreetOptions(title = " ")), "$w: blank title ignored")
        assertEquals("¡Hola, amigo!", Greeter.forLocale("es").greetWith("amigo", GreetOptions(exclaim = true)), "$w")
        assertEquals("Bonjour, ami !", Greeter.forLocale("fr").greetWith("ami", GreetOptions(Tone.FORMAL, null, true)), "$w")
        assertEquals("やあ、友達！", Greeter.forLocale("ja").greetWith("友達", GreetOptions(exclaim = true)), "$w")
        assertThrows<GreetException.EmptyName>("$w") { g.greetWith(" ", GreetOptions(title = "Dr.")) }
    }

    @Test
    @DisplayName("Salutation: Phrasebook and Custom")
    fun salutation() {
        val w = "Salutation"
        val g = Greeter.forLocale("he")
        val formal = Salutation.Phrasebook(Tone.FORMAL)
        val custom = Salutation.Custom("Yo")
        assertEquals(Tone.FORMAL, formal.tone, "$w")
        assertEquals("Yo", custom.text, "$w")
        assertEquals(Salutation.Phrasebook(Tone.FORMAL), formal, "$w: data class equality")
        assertNotEquals(Salutation.Phrasebook(Tone.INFORMAL) as Salutation, formal, w)
        assertEquals("שלום, חבר", g.salute(formal, "חבר"), "$w: phrasebook formal")
        assertEquals("היי, חבר", g.salute(Salutation.Phrasebook(Tone.INFORMAL), "חבר"), "$w: phrasebook informal")
        assertEquals("Yo, dude", g.salute(custom, "dude"), "$w: custom ignores the locale")
        assertEquals(" Yo , dude", g.salute(Salutation.Custom(" Yo "), "dude"), "$w: custom kept as given")
        val described = when (val s: Salutation = custom) { // sealed: exhaustive
            is Salutation.Phrasebook -> "phrasebook"
            is Salutation.Custom -> "custom ${s.text}"
        }
        assertEquals("custom Yo", described, "$w")
        assertThrows<GreetException.EmptySalutation>("$w") { g.salute(Salutation.Custom(" \t"), "x") }
        assertThrows<GreetException.EmptySalutation>("$w") { g.salute(Salutation.Custom(""), "x") }
        assertThrows<GreetException.EmptyName>("$w") { g.salute(Salutation.Custom(""), "") }
        assertEquals(4uL, g.total(), "$w: only successful salutes count")
    }

    @Test
    @DisplayName("typed errors")
    fun errors() {
        val w = "errors"
        val g = Greeter()
        assertThrows<GreetException.EmptyName>("$w") { g.greet(" \n") }?.let {
            assertEquals(" \n", it.name, "$w: EmptyName.name is the name as given")
            assertEquals("name= \n", it.message, "$w: message")
            assertTrue((it as Any) is GreetException && (it as Any) is Exception) { "is a GreetException and an Exception" }
        }
        assertThrows<GreetException.NameTooLong>("$w") { g.greet("é".repeat(257)) }?.let {
            assertEquals(257u, it.length, "$w: NameTooLong.length counts scalar values")
            assertEquals(256u, it.max, "$w: NameTooLong.max")
            assertEquals("length=257, max=256", it.message, "$w: message")
        }
        assertThrows<GreetException.NameTooLong>("$w") { g.greet("😀".repeat(300)) }?.let {
            assertEquals(300u, it.length, "$w: non-BMP names count scalar values, not UTF-16 units")
        }
        assertThrows<GreetException.NameTooLong>("$w") { g.greet("x".repeat(1 shl 20)) }?.let {
            assertEquals((1u shl 20), it.length, "$w: 1 MiB name")
        }
        assertEquals("Hi, " + "😀".repeat(256), g.greet("😀".repeat(256)), "$w: 256 non-BMP scalars = 512 UTF-16 units is fine")
        assertThrows<GreetException.EmptySalutation>("$w") { g.salute(Salutation.Custom(""), "x") }?.let {
            assertEquals("", it.message, "$w: EmptySalutation message")
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
        assertEquals("EmptyName", caught, "$w: catch as GreetException")
        assertEquals(1uL, g.total(), "$w: failed calls are not counted")
        assertEquals("😀".repeat(256), g.lastGreeting()?.name, "$w: failed calls leave lastGreeting alone")
    }

    @Test
    @DisplayName("greetAll")
    fun greetAll() {
        val w = "greetAll"
        val g = Greeter.forLocale("he")
        assertEquals(listOf("היי, א", "היי, b", "היי, 🙂", "היי, b"), g.greetAll(listOf("א", "b", "🙂", "b")), "$w: in order")
        assertEquals(emptyList<String>(), g.greetAll(emptyList()), "$w: empty list")
        assertEquals(4uL, g.total(), "$w: one count per name")
        assertEquals(2uL, g.countFor("b"), "$w: repeated name counted twice")
        assertEquals("היי, b", g.lastGreeting()?.text, "$w: last greeting is the last name's")
        assertThrows<GreetException.EmptyName>("$w") { g.greetAll(listOf("ok", "", "also ok")) }
        assertThrows<GreetException.NameTooLong>("$w") { g.greetAll(listOf("ok", "x".repeat(257))) }
        assertEquals(0uL, g.countFor("ok"), "$w: fails on the first bad name without counting any")
        assertEquals(4uL, g.total(), "$w: total unchanged by failed greetAll")
        assertEquals("היי, b", g.lastGreeting()?.text, "$w: lastGreeting unchanged by failed greetAll")
    }

    @Test
    @DisplayName("counts, countFor, total, lastGreeting")
    fun tally() {
        val w = "tally"
        val g = Greeter.forLocale("fr")
        assertEquals(emptyMap<String, ULong>(), g.counts(), "$w: fresh counts")
        assertEquals(0uL, g.total(), "$w: fresh total")
        assertEquals(0uL, g.countFor("nobody"), "$w: unknown name")
        assertEquals(null, g.lastGreeting(), "$w: fresh lastGreeting")
        val before = Instant.now()
        g.greet("Zoë")
        g.greet("Zoë")
        g.greetWith("Ana", GreetOptions(tone = Tone.FORMAL))
        g.salute(Salutation.Custom("Coucou"), "Zoë")
        val after = Instant.now()
        assertEquals(mapOf("Zoë" to 3uL, "Ana" to 1uL), g.counts(), "$w: counts()")
        assertEquals(3uL, g.countFor("Zoë"), "$w")
        assertEquals(0uL, g.countFor("zoë"), "$w: names are case-sensitive")
        assertEquals(4uL, g.total(), "$w")
        val last: Greeting? = g.lastGreeting()
        assertTrue(last != null) { "lastGreeting is set" }
        if (last != null) {
            assertEquals("Coucou, Zoë", last.text, "$w")
            assertEquals("Zoë", last.name, "$w")
            assertEquals("fr", last.locale, "$w")
            val at: Instant = last.at
            // Both clocks are the wall clock; allow for the JVM's coarser Instant.now().
            val slack = Duration.ofMillis(5)
            assertTrue(!at.isBefore(before.minus(slack)) && !at.isAfter(after.plus(slack))) {
                "timestamp $at not within [$before, $after]"
            }
        }
        Thread.sleep(5)
        g.greet("Ana")
        val later = g.lastGreeting()!!
        assertTrue(last != null && later.at.isAfter(last.at)) { "later greeting has a later timestamp" }
        assertEquals(later.copy(), later, "$w: Greeting data class equality")
        // Greeting is a plain record that Kotlin can build too.
        val made = Greeting("t", "n", "en", Instant.EPOCH)
        assertEquals(Instant.EPOCH, made.at, "$w")
    }

    @Test
    @DisplayName("Decorator implemented in Kotlin")
    fun decorator() {
        val w = "Decorator"
        val g = Greeter()
        val shout = Shout()
        g.setDecorator(shout)
        assertEquals("HI, ADA", g.greet("ada"), "$w: greet is decorated")
        assertEquals("GOOD DAY, ADA!", g.greetWith("ada", GreetOptions(tone = Tone.FORMAL, exclaim = true)), "$w: greetWith is decorated")
        assertEquals("YO, ADA", g.salute(Salutation.Custom("Yo"), "ada"), "$w: salute(Custom) is decorated")
        assertEquals(listOf("HI, A", "HI, B"), g.greetAll(listOf("a", "b")), "$w: greetAll decorates each")
        assertEquals(listOf("Hi, ada", "Good day, ada!", "Yo, ada", "Hi, a", "Hi, b"), shout.seen.toList(), "$w: decorator saw the undecorated greetings")
        assertEquals("HI, B", g.lastGreeting()?.text, "$w: lastGreeting records the decorated text")
        assertEquals(3uL, g.countFor("ada"), "$w: decorated greetings are counted")
        val asyncResult = runBlocking { g.greetLater("ada", Duration.ZERO) }
        assertEquals("HI, ADA", asyncResult, "$w: greetLater is decorated")

        // Refusing with a GreetException: the variant and its fields reach the caller.
        g.setDecorator(Refuse(GreetException.DecoratorFailed("no greetings today")))
        assertThrows<GreetException.DecoratorFailed>("$w") { g.greet("bob") }?.let {
            assertEquals("no greetings today", it.reason, "$w: reason passes through unchanged")
        }
        g.setDecorator(Refuse(GreetException.UnknownLocale("tlh")))
        assertThrows<GreetException.UnknownLocale>("$w") { g.greet("bob") }?.let {
            assertEquals("tlh", it.locale, "$w: any GreetException variant passes through")
        }
        assertThrows<GreetException.DecoratorFailed>("$w async") {
            g.setDecorator(Refuse(GreetException.DecoratorFailed("later, no")))
            runBlocking { g.greetLater("bob", Duration.ofMillis(1)) }
        }

        // A non-GreetException from Kotlin code becomes GreetException.DecoratorFailed.
        g.setDecorator(Broken())
        assertThrows<GreetException.DecoratorFailed>("$w") { g.greet("bob") }?.let {
            assertTrue(it.reason.contains("IllegalStateException") && it.reason.contains("broken decorator: Hi, bob")) {
                "reason should describe the Kotlin exception, got ${show(it.reason)}"
            }
        }
        assertThrows<GreetException.DecoratorFailed>("$w") { g.greetAll(listOf("x", "y")) }
        assertThrows<GreetException.DecoratorFailed>("$w") { runBlocking { g.greetLater("bob", Duration.ZERO) } }
        // A decorator returning a string the bindings cannot encode fails the same way.
        g.setDecorator(object : Decorator { override fun decorate(greeting: String) = greeting + "\uDC00" })
        assertThrows<GreetException.DecoratorFailed>("$w lone surrogate") { g.greet("bob") }
        assertEquals(0uL, g.countFor("bob"), "$w: refused greetings are not counted")
        assertEquals("HI, ADA", g.lastGreeting()?.text, "$w: refused greetings leave lastGreeting alone")

        // Removing the decorator.
        g.setDecorator(null)
        assertEquals("Hi, bob", g.greet("bob"), "$w: setDecorator(null) removes it")
        assertEquals(6, shout.seen.size, "$w: removed decorator is no longer called")

        // Shared between greeters; lambdas work via an anonymous object.
        val prefix = object : Decorator { override fun decorate(greeting: String) = "» $greeting" }
        val ja = Greeter.forLocale("ja")
        ja.setDecorator(prefix)
        g.setDecorator(prefix)
        assertEquals("» やあ、友達", ja.greet("友達"), "$w")
        assertEquals("» Hi, x", g.greet("x"), "$w")
        ja.setDecorator(null)
        g.setDecorator(null)
        ja.close()
        g.close()
        // Rust released every Kotlin decorator it held.
        assertEquals(0, Backend.handles().first, "$w: Kotlin decorators still held by Rust")
    }

    @Test
    @DisplayName("object lifecycle (close/destroy)")
    fun lifecycle() {
        val w = "lifecycle"
        val g = Greeter()
        val l = g.locale()
        g.use { assertEquals("Hi, x", it.greet("x"), "$w") }
        assertThrows<IllegalStateException>("$w") { g.greet("x") }
        g.destroy() // idempotent
        assertEquals("en", l.tag(), "$w: a Locale outlives the Greeter it came from")
        l.close()
        assertThrows<IllegalStateException>("$w") { l.tag() }
    }

    @Test
    @DisplayName("8 threads x 1000 calls on one Greeter")
    fun threads() {
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
                        if (got != "<Hola, $name>") errors.add("thread $t call $i: ${show(got)}")
                        if (i % 100 == 0) g.countFor(name) // readers interleaved with writers
                    }
                } catch (e: Throwable) {
                    errors.add("thread $t: $e")
                }
            }.also { it.start() }
        }
        start.countDown()
        workers.forEach { it.join(120_000) }
        assertTrue(workers.none { it.isAlive }) { "threads did not finish" }
        assertEquals(emptyList<String>(), errors.toList(), "$w: per-call results")
        assertEquals((threads * perThread).toULong(), g.total(), "$w: total")
        assertEquals((0 until threads).associate { "worker-$it" to perThread.toULong() }, g.counts(), "$w: counts")
        for (t in 0 until threads) assertEquals(perThread.toULong(), g.countFor("worker-$t"), "$w: countFor(worker-$t)")
        assertEquals(threads * perThread, counting.calls.get(), "$w: decorator calls from all threads")
        assertEquals("Greeter(locale=es, greeted=8000)", g.toString(), "$w")
        g.setDecorator(null)
    }

    @Test
    @DisplayName("async greetLater from coroutines")
    fun async() {
        val w = "async"
        val g = Greeter.forLocale("ja")
        runBlocking {
            assertEquals("やあ、友達", g.greetLater("友達", Duration.ZERO), "$w: zero delay")
            val t0 = System.nanoTime()
            assertEquals("やあ、友達", g.greetLater("友達", Duration.ofMillis(100)), "$w: 100 ms delay")
            val ms = (System.nanoTime() - t0) / 1_000_000
            assertTrue(ms >= 95) { "greetLater returned after $ms ms, before its 100 ms delay" }

            assertThrows<GreetException.EmptyName>("$w") { runBlocking { g.greetLater(" ", Duration.ofSeconds(30)) } }
            assertThrows<GreetException.NameTooLong>("$w") { runBlocking { g.greetLater("x".repeat(257), Duration.ZERO) } }
            assertThrows<IllegalArgumentException>("$w negative delay") { runBlocking { g.greetLater("x", Duration.ofMillis(-1)) } }

            // 50 concurrent calls on runBlocking's single thread: if greetLater blocked the
            // thread they would take 50 x 300 ms = 15 s; awaiting them together takes ~300 ms.
            val t1 = System.nanoTime()
            val ticks = AtomicInteger()
            val ticker = async { repeat(10) { delay(20); ticks.incrementAndGet() } }
            val results = (0 until 50).map { i -> async { g.greetLater("c$i", Duration.ofMillis(300)) } }.awaitAll()
            ticker.await()
            val concurrentMs = (System.nanoTime() - t1) / 1_000_000
            assertEquals((0 until 50).map { "やあ、c$it" }, results, "$w: concurrent results, in order")
            assertTrue(concurrentMs < 5_000) { "50 concurrent 300 ms calls took $concurrentMs ms: not concurrent" }
            assertEquals(10, ticks.get(), "$w: the caller's thread kept running other coroutines")

            // Many more on a multi-threaded dispatcher.
            val multi = withContext(Dispatchers.Default) {
                (0 until 200).map { i -> async { g.greetLater("m${i % 10}", Duration.ofMillis(10L + i % 7)) } }.awaitAll()
            }
            assertEquals(200, multi.size, "$w")
            assertTrue(multi.withIndex().all { (i, s) -> s == "やあ、m${i % 10}" }) { "multi-threaded results" }
            for (k in 0 until 10) assertEquals(20uL, g.countFor("m$k"), "$w: countFor(m$k)")

            // Cancellation: the Rust future is dropped and nothing is counted.
            assertThrows<TimeoutCancellationException>("$w cancel") {
                runBlocking { withTimeout(100) { g.greetLater("cancelled", Duration.ofMillis(1_000)) } }
            }
        }
        Thread.sleep(1_200) // past the cancelled call's delay
        assertEquals(0uL, g.countFor("cancelled"), "$w: a cancelled greetLater is not counted")
        assertEquals((2 + 50 + 200).toULong(), g.total(), "$w: total after async calls")
        assertEquals("ja", g.lastGreeting()?.locale, "$w")
    }
}
