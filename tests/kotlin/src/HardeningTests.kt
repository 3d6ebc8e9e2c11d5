// Hardening through the Kotlin bindings, quick version (JUnit, both backends): unpaired surrogates,
// over-limit input, foreign throws (incl. java.lang.Error: Known gap 1 with uniffi, fixed with JNI),
// cancelled calls and dead dispatchers, threads with concurrent async calls.
// The heavy versions (soak, 8 x 100,000 threads, panics via the fault-injection library) are
// in HardeningSoak.kt, run by scripts/soak.sh. See docs/hardening.md.
package greettest

import java.nio.charset.CharacterCodingException
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import uniffi.greet.Decorator
import uniffi.greet.GreetException
import uniffi.greet.GreetOptions
import uniffi.greet.Greeter
import uniffi.greet.Locale
import uniffi.greet.Salutation
import uniffi.greet.Tone
import uniffi.greet.greet

/**
 * The guard this project recommends around any Kotlin `Decorator` that may throw a
 * `java.lang.Error` (assertions, StackOverflowError, OutOfMemoryError, ...): the generated
 * bindings catch only `kotlin.Exception` in callbacks, and an Error escaping one makes the
 * greeting silently come back as "" (docs/hardening.md, "Known gaps").
 */
class ErrorGuardDecorator(private val inner: Decorator) : Decorator {
    override fun decorate(greeting: String): String =
        try {
            inner.decorate(greeting)
        } catch (e: GreetException) {
            throw e
        } catch (e: Throwable) {
            throw GreetException.DecoratorFailed("${e.javaClass.name}: ${e.message}")
        }
}

/** Throws what it is given from `decorate`. */
class Throwing(private val t: Throwable) : Decorator {
    override fun decorate(greeting: String): String = throw t
}

class HardeningTests {
    @Test
    @DisplayName("hardening: unpaired surrogates are refused before Rust is called")
    fun surrogates() {
        val w = "surrogates"
        val lone = "a\uD800b"
        val g = Greeter()
        g.greet("before")
        val calls: List<Pair<String, () -> Any?>> = listOf(
            "greet.greeting" to { greet(lone, "x") },
            "greet.name" to { greet("x", lone) },
            "Greeter.greet" to { g.greet(lone) },
            "greetWith.title" to { g.greetWith("ok", GreetOptions(title = "\uDFFF")) },
            "salute.text" to { g.salute(Salutation.Custom(lone), "ok") },
            "salute.name" to { g.salute(Salutation.Custom("Yo"), lone) },
            "greetAll.third" to { g.greetAll(listOf("ok", "fine", "\uDC00")) },
            "countFor" to { g.countFor("\uD83D") },
            "forLocale" to { Greeter.forLocale("\uD800") },
            "Locale" to { Locale("e\uDFFFn") },
            "greetLater" to { runBlocking { g.greetLater(lone, Duration.ZERO) } },
            "reversed pair" to { g.greet("\uDE00\uD83D") },
        )
        for ((what, call) in calls) assertThrows<CharacterCodingException>("$w $what") { call() }
        assertEquals(1uL, g.total(), "$w: nothing applied by refused calls")
        assertEquals(mapOf("before" to 1uL), g.counts(), "$w: counts unchanged")
        assertEquals("before", g.lastGreeting()?.name, "$w: lastGreeting unchanged")
        // A proper pair is one scalar value: fine, and counted as one.
        assertEquals("Hi, 😀", g.greet("\uD83D\uDE00"), "$w: surrogate pair")
        assertEquals("Hi, " + "😀".repeat(256), g.greet("😀".repeat(256)), "$w: 256 pairs = 256 scalars")
        assertEquals("\uFEFF, \u0000", greet("\uFEFF", "\u0000"), "$w: odd but valid text passes unchanged")
        g.close()
    }

    @Test
    @DisplayName("hardening: over-limit names are typed errors")
    fun overLimit() {
        val w = "overLimit"
        val g = Greeter()
        for (name in listOf("x".repeat(257), "😀".repeat(257), "x".repeat(8 shl 20))) {
            assertThrows<GreetException.NameTooLong>("$w") { g.greet(name) }?.let {
                assertEquals(name.codePointCount(0, name.length).toUInt(), it.length, "$w: length in scalar values")
                assertEquals(256u, it.max, "$w: max")
            }
            assertThrows<GreetException.NameTooLong>("$w async") { runBlocking { g.greetLater(name, Duration.ZERO) } }
            assertThrows<GreetException.NameTooLong>("$w greetAll") { g.greetAll(listOf("ok", name)) }
        }
        assertThrows<GreetException.EmptyName>("$w") { g.greet(" ".repeat(1 shl 20)) }
        assertEquals(0uL, g.total(), "$w: nothing counted")
        val big = "ü".repeat(4 shl 20)
        assertTrue(greet("Hi", big) == "Hi, $big") { "greet() passes 8 MiB through unchanged" }
        g.close()
    }

    @Test
    @DisplayName("hardening: foreign throws reach the caller as defined exceptions")
    fun foreignThrows() {
        val w = "foreignThrows"
        val g = Greeter()
        val cases: List<Pair<Exception, (Throwable) -> Boolean>> = listOf(
            GreetException.DecoratorFailed("no") to { e -> e is GreetException.DecoratorFailed && e.reason == "no" },
            GreetException.UnknownLocale("tlh") to { e -> e is GreetException.UnknownLocale && e.locale == "tlh" },
            IllegalArgumentException("bad") to { e -> e is GreetException.DecoratorFailed && e.reason.contains("IllegalArgumentException") },
            java.io.IOException("io") to { e -> e is GreetException.DecoratorFailed && e.reason.contains("IOException") },
            CancellationException("cancel inside decorate") to { e -> e is GreetException.DecoratorFailed },
        )
        for ((thrown, ok) in cases) {
            g.setDecorator(Throwing(thrown))
            val paths: List<Pair<String, () -> Any?>> = listOf(
                "greet" to { g.greet("a") },
                "greetAll" to { g.greetAll(listOf("a", "b")) },
                "salute" to { g.salute(Salutation.Phrasebook(Tone.FORMAL), "a") },
                "greetLater" to { runBlocking { g.greetLater("a", Duration.ofMillis(1)) } },
            )
            for ((what, call) in paths) {
                val got = try { call(); null } catch (e: Throwable) { e }
                assertTrue(got != null && ok(got)) {
                    "got ${got?.javaClass?.name}: ${got?.message?.take(200)}"
                }
            }
        }
        assertEquals(0uL, g.total(), "$w: nothing counted")
        // From 8 threads at once: every call throws, none hangs.
        g.setDecorator(Throwing(IllegalStateException("x")))
        val thrown = AtomicInteger()
        val threads = (0 until 8).map {
            Thread {
                repeat(200) {
                    try { g.greet("a") } catch (e: GreetException.DecoratorFailed) { thrown.incrementAndGet() }
                }
            }.also { it.start() }
        }
        threads.forEach { it.join(300_000) } // a hang guard, not a timing check
        assertTrue(threads.none { it.isAlive }) { "threads hung" }
        assertEquals(1600, thrown.get(), "$w: every threaded call raised DecoratorFailed")
        g.setDecorator(null)
        assertEquals("Hi, a", g.greet("a"), "$w: works after")
        g.close()
    }

    @Test
    @DisplayName("hardening: java.lang.Error in a Decorator (uniffi: KNOWN GAP 1, JNI: a typed error), and the guard")
    fun errorInDecorator() {
        val w = "Error in Decorator (${Backend.NAME})"
        Backend.capturingCallbackErrors { reported ->
            val g = Greeter()
            var unguardedCounted = 0uL
            for (error in listOf(AssertionError("assert"), StackOverflowError(), OutOfMemoryError("oom"), NotImplementedError())) {
                val before = reported.size
                g.setDecorator(Throwing(error))
                val got = try { g.greet("bob") } catch (e: Throwable) { e }
                if (Backend.ERRORS_IN_DECORATORS_ARE_TYPED) {
                    // Every Throwable becomes the declared error, naming it; nothing is counted.
                    assertTrue(got is GreetException.DecoratorFailed) { "$w ${error.javaClass.simpleName}: got $got" }
                    assertTrue((got as GreetException.DecoratorFailed).reason.startsWith(error.javaClass.name)) { "$w: reason ${got.reason}" }
                    assertThrows<GreetException.DecoratorFailed>("$w async") { runBlocking { g.greetLater("bob", Duration.ZERO) } }
                    assertThrows<GreetException.DecoratorFailed>("$w greetAll") { g.greetAll(listOf("a")) }
                } else {
                    // KNOWN GAP 1, pinned: the Error escapes the bindings' `catch (e: Exception)`,
                    // the callback returns with no status and no value, and Rust sees "".
                    assertEquals("", got, "$w ${error.javaClass.simpleName}: today's behaviour: an empty greeting")
                    assertEquals(listOf(error.javaClass), reported.drop(before).map { it.javaClass }, "$w ${error.javaClass.simpleName}: JNA saw the Error")
                    unguardedCounted++
                }
                // The guard turns it into the defined exception, on every path, with either backend.
                g.setDecorator(ErrorGuardDecorator(Throwing(error)))
                assertThrows<GreetException.DecoratorFailed>("$w guarded") { g.greet("bob") }.let {
                    assertTrue(it.reason.startsWith(error.javaClass.name)) { "reason ${it.reason}" }
                }
                assertThrows<GreetException.DecoratorFailed>("$w guarded async") { runBlocking { g.greetLater("bob", Duration.ZERO) } }
                assertThrows<GreetException.DecoratorFailed>("$w guarded greetAll") { g.greetAll(listOf("a")) }
            }
            assertEquals(unguardedCounted, g.total(), "$w: only the unguarded uniffi calls were counted, with empty text")
            g.setDecorator(ErrorGuardDecorator(Shout()))
            assertEquals("HI, OK", g.greet("ok"), "$w: the guard passes results through")
            g.setDecorator(ErrorGuardDecorator(Throwing(GreetException.UnknownLocale("x"))))
            assertThrows<GreetException.UnknownLocale>(w) { g.greet("ok") }
            g.close()
        }
    }

    @Test
    @DisplayName("hardening: cancelled greetLater frees the Rust future")
    fun cancellation() {
        val w = "cancellation"
        val before = Backend.handles()
        val g = Greeter()
        g.setDecorator(Shout())
        assertEquals(before.first + 1, Backend.handles().first, "$w: decorator held by Rust")
        runBlocking {
            assertThrows<TimeoutCancellationException>("$w") {
                runBlocking { withTimeout(20) { g.greetLater("slow", Duration.ofSeconds(30)) } }
            }
            val jobs = (0 until 20).map { i -> launch { g.greetLater("c$i", Duration.ofSeconds(30)) } }
            delay(20)
            jobs.forEach { it.cancel() }
            jobs.forEach { it.join() }
            assertTrue(jobs.all { it.isCancelled }) { "jobs cancelled" }
            assertEquals("HI, FAST", g.greetLater("fast", Duration.ofMillis(1)), "$w: works after cancellations")
        }
        assertEquals(1uL, g.total(), "$w: cancelled calls are not counted")
        assertEquals(before.second, Backend.handles().second, "$w: no continuation left pending")
        // The futures held the Greeter; with them freed, closing it releases the decorator.
        g.close()
        assertEquals(before.first, Backend.handles().first, "$w: decorator released: Greeter and futures freed")
    }

    @Test
    @DisplayName("hardening: dispatcher shut down with a call pending")
    fun deadDispatcher() {
        val w = "deadDispatcher"
        val before = Backend.handles()
        val g = Greeter()
        g.setDecorator(Shout())
        val executor = Executors.newSingleThreadExecutor()
        val scope = CoroutineScope(executor.asCoroutineDispatcher())
        val outcome = java.util.concurrent.CompletableFuture<String>()
        val calling = CountDownLatch(1)
        val job = scope.launch {
            try {
                calling.countDown()
                outcome.complete(g.greetLater("pending", Duration.ofMillis(200)))
            } catch (e: Throwable) {
                outcome.complete(e.javaClass.simpleName)
                throw e
            }
        }
        calling.await() // the coroutine is running the call (so shutdownNow cannot drop it unstarted)
        executor.shutdownNow() // its thread goes away while Rust still holds the continuation
        assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS)) { "executor did not stop" }
        // When Rust wakes it, kotlinx cannot dispatch to the dead executor: it cancels the job
        // and finishes it on another dispatcher; the bindings' `finally` frees the Rust future.
        // (Under heavy load the call may even finish before the shutdown; both are fine.)
        val got = outcome.get(120, TimeUnit.SECONDS) // a hang guard, not a timing check
        runBlocking { job.join() }
        assertTrue(got == "CancellationException" || got == "HI, PENDING") { "outcome $got" }
        assertTrue(g.countFor("pending") <= 1uL) { "counted ${g.countFor("pending")} times" }
        assertEquals(before.second, Backend.handles().second, "$w: no continuation left pending")
        g.close()
        assertEquals(before.first, Backend.handles().first, "$w: decorator released: Greeter and future freed")
        assertEquals("Hi, again", runBlocking { Greeter().use { it.greetLater("again", Duration.ZERO) } }, "$w: works after")
    }

    @Test
    @DisplayName("hardening: 8 threads x 1000 + 200 async on one Greeter")
    fun threadsWithAsync() {
        Hardening.threadsWithAsync(1_000, 200)
    }
}

/** The threads-with-async workload, shared by the test above and the soak (HardeningSoak.kt). */
object Hardening {
    /** T threads x n sync calls on one Greeter while coroutines make `asyncCalls` async calls. */
    fun threadsWithAsync(n: Int, asyncCalls: Int, threads: Int = 8, where: String = "threads+async", drainEvery: Int = 0): Pair<Long, ULong> {
        val w = where
        val g = Greeter.forLocale("es")
        val counting = Counting()
        g.setDecorator(counting)
        val start = CountDownLatch(1)
        // Every `drainEvery` calls all workers meet and wait for JNA's Cleaner to catch up.
        val pause = java.util.concurrent.CyclicBarrier(threads) { CleanerBacklog.drain(floor = 10_000) }
        val errors = java.util.Collections.synchronizedList(ArrayList<String>())
        val wrong = AtomicInteger()
        val workers = (0 until threads).map { t ->
            Thread {
                start.await()
                val name = "worker-$t"
                val want = "<Hola, $name>"
                val options = GreetOptions()
                val phrase = Salutation.Phrasebook(Tone.INFORMAL)
                try {
                    for (i in 0 until n) {
                        val got = when (i % 4) {
                            0 -> g.greet(name)
                            1 -> g.greetWith(name, options)
                            2 -> g.salute(phrase, name)
                            else -> g.greetAll(listOf(name)).single()
                        }
                        if (got != want) wrong.incrementAndGet()
                        if (i % 1000 == 0) g.countFor(name)
                        if (drainEvery > 0 && (i + 1) % drainEvery == 0) pause.await(600, TimeUnit.SECONDS)
                    }
                } catch (e: Throwable) {
                    errors.add("thread $t: $e")
                }
            }.also { it.start() }
        }
        var asyncResults: List<String> = emptyList()
        val asyncThread = Thread {
            start.await()
            try {
                asyncResults = runBlocking(Dispatchers.Default) {
                    (0 until asyncCalls).chunked(100).flatMap { chunk ->
                        chunk.map { i -> async { g.greetLater("async", Duration.ofMillis((i % 3).toLong())) } }.awaitAll()
                    }
                }
            } catch (e: Throwable) {
                errors.add("async: $e")
            }
        }.also { it.start() }
        val t0 = System.nanoTime()
        start.countDown()
        (workers + asyncThread).forEach { it.join(3_600_000) } // a hang guard, not a timing check
        val ms = (System.nanoTime() - t0) / 1_000_000
        assertTrue((workers + asyncThread).none { it.isAlive }) { "threads did not finish: deadlock?" }
        assertEquals(emptyList<String>(), errors.toList(), "$w: errors")
        assertEquals(0, wrong.get(), "$w: wrong results")
        assertEquals((threads.toLong() * n + asyncCalls).toULong(), g.total(), "$w: total")
        assertEquals(threads * n + asyncCalls, counting.calls.get(), "$w: decorator calls")
        for (t in 0 until threads) assertEquals(n.toULong(), g.countFor("worker-$t"), "$w: countFor(worker-$t)")
        assertEquals(asyncCalls.toULong(), g.countFor("async"), "$w: async count")
        assertTrue(asyncResults.size == asyncCalls && asyncResults.all { it == "<Hola, async>" }) { "async results" }
        val total = g.total()
        g.setDecorator(null)
        g.close()
        return ms to total
    }
}
