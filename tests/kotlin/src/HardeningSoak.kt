// Heavy hardening runs of the Kotlin bindings, a separate entry point from the test run:
//
//   java -Djna.library.path=DIR -Djava.library.path=DIR -cp ... greettest.HardeningSoakKt SUBCOMMAND [--key value ...]
//
// compiled into each backend's test classes (tests/kotlin/greet-{uniffi,jni}), so the same
// runs measure uniffi's JNA bindings and the JNI backend.
//
//   soak     --greet-calls N --cycles M [--samples S]   greet() calls, then Greeter create/use/drop cycles
//                                         (sync, Kotlin Decorator, async, cancelled async;
//                                         half closed, half left to the Cleaner); RSS growth
//   threads  --threads T --calls N --async-calls A [--drain-every K]   T threads x N calls on one
//                                         Greeter plus concurrent coroutine calls; counts exact;
//                                         workers pause every K calls for JNA's Cleaner (0: never)
//   fault    --panics N                   with a library built with --features fault-injection:
//                                         Rust panics become InternalException, all keeps working
//   inputs   --big-mib N --leak-calls K   big and over-limit inputs; what an argument converted
//                                         before one that cannot be encoded costs (uniffi: Known
//                                         gap 2, a leak; JNI: nothing)
//
// Prints `kotlin.<backend>.<key>: <value>` figures; exits 1 on any failed check. scripts/soak.sh runs it
// with a fixed, pre-touched heap (-Xms=-Xmx, -XX:+AlwaysPreTouch) so that resident-memory
// growth is native memory, not the heap growing; RSS is sampled after JNA's Cleaner caught up
// (CleanerBacklog, docs/hardening.md "Known gaps"). No check compares a duration to a threshold.
package greettest

import java.io.File
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess
import kotlinx.coroutines.launch
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.assertThrows
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import uniffi.greet.Decorator
import uniffi.greet.GreetException
import uniffi.greet.GreetOptions
import uniffi.greet.Greeter
import uniffi.greet.InternalException
import uniffi.greet.Salutation
import uniffi.greet.Tone
import uniffi.greet.greet

private fun report(key: String, value: Any?) = println("kotlin.${Backend.NAME}.$key: $value")

private fun status(field: String): Long =
    File("/proc/self/status").readLines().first { it.startsWith("$field:") }.split(Regex("\\s+"))[1].toLong()

/** Resident set size in MiB once a GC ran and (uniffi/JNA) JNA's Cleaner caught up (see CleanerBacklog). */
private fun settledRssMib(): Double {
    System.gc()
    Thread.sleep(100)
    CleanerBacklog.drain(floor = 1_000, guardS = 120)
    return status("VmRSS") / 1024.0
}

private class Sampler(val key: String) {
    private val samples = ArrayList<Double>()
    fun sample() { samples.add(settledRssMib()) }
    fun report() {
        val base = samples.first()
        report("$key.rss_after_warmup_mib", "%.1f".format(base))
        report("$key.rss_end_mib", "%.1f".format(samples.last()))
        report("$key.rss_growth_after_warmup_mib", "%+.2f".format(samples.last() - base))
        report("$key.rss_max_growth_after_warmup_mib", "%+.2f".format(samples.max() - base))
        report("$key.rss_samples_mib", samples.joinToString(" ") { "%.1f".format(it) })
    }
}

private class Upper : Decorator {
    override fun decorate(greeting: String) = greeting.uppercase()
}

private fun soakGreet(calls: Int, samples: Int) {
    val greetings = listOf("Hi", "Salutations", "やあ", "مرحبا", "", "  padded\t", "x".repeat(1024))
    val names = listOf("friend", "友達", "😀🧑‍🚀", "e\u0301", "a\u0000b", "שלום", "y".repeat(4096))
    val pairs = greetings.flatMap { g -> names.map { n -> Triple(g, n, "$g, $n") } }
    // A longer warm-up than Python's: the JIT compiles the hot paths in the first ~100,000 calls.
    val warmup = minOf(maxOf(calls / 5, 1), 200_000)
    val chunk = maxOf((calls - warmup) / samples, 1)
    val sampler = Sampler("soak.greet")
    var wrong = 0
    val t0 = System.nanoTime()
    for (i in 0 until calls) {
        if (i == warmup || (i > warmup && (i - warmup) % chunk == 0)) sampler.sample()
        val (g, n, want) = pairs[i % pairs.size]
        if (greet(g, n) != want) wrong++
    }
    sampler.sample()
    report("soak.greet.calls", calls)
    report("soak.greet.warmup_calls", warmup)
    report("soak.greet.wrong_results", wrong)
    report("soak.greet.seconds", "%.1f".format((System.nanoTime() - t0) / 1e9))
    sampler.report()
    assertEquals(0, wrong, "soak.greet: wrong results")
}

private fun soakCycles(cycles: Int, samples: Int) {
    val tags = listOf("ar", "en", "es", "fr", "haw", "he", "ja")
    val names = listOf("ann", "友達", "😀", "שלום", "z".repeat(256))
    val warmup = minOf(maxOf(cycles / 5, 1), 20_000)
    val chunk = maxOf((cycles - warmup) / samples, 1)
    val sampler = Sampler("soak.cycles")
    var wrong = 0
    var foreignErrors = 0
    var cancelled = 0
    val before = Backend.handles()
    val t0 = System.nanoTime()
    runBlocking {
        for (i in 0 until cycles) {
            if (i == warmup || (i > warmup && (i - warmup) % chunk == 0)) sampler.sample()
            val g = if (i % 2 == 1) Greeter() else Greeter.forLocale(tags[i % tags.size])
            val name = names[i % names.size]
            val locale = g.locale()
            val plain = locale.phrase(Tone.INFORMAL) + (if (locale.tag() == "ar") "، " else if (locale.tag() == "ja") "、" else ", ") + name
            locale.close()
            var ok = g.greet(name) == plain
            g.greetWith(name, GreetOptions(tone = Tone.FORMAL, title = "Dr.", exclaim = true))
            ok = ok && g.salute(Salutation.Custom("Yo"), name) == "Yo, $name"
            ok = ok && g.greetAll(listOf(name, "b")).first() == plain
            try { g.greet(" "); ok = false } catch (e: GreetException.EmptyName) { }
            ok = ok && g.greetLater(name, Duration.ZERO) == plain
            g.setDecorator(Upper()) // the foreign-trait path
            ok = ok && g.greet(name) == plain.uppercase()
            ok = ok && g.greetLater(name, Duration.ZERO) == plain.uppercase()
            if (i % 10 == 0) {
                for (bad in listOf(Throwing(GreetException.DecoratorFailed("refused")), Throwing(IllegalStateException("broken")))) {
                    g.setDecorator(bad)
                    try { g.greet(name); ok = false } catch (e: GreetException.DecoratorFailed) { foreignErrors++ }
                    try { g.greetLater(name, Duration.ZERO); ok = false } catch (e: GreetException.DecoratorFailed) { foreignErrors++ }
                }
                g.setDecorator(Upper())
            }
            if (i % 100 == 0) {
                // Deterministic: the call can only finish on this thread, which cancels it first.
                val job = launch { g.greetLater(name, Duration.ofMillis(20)) }
                yield() // the call starts, Rust returns Pending, the coroutine suspends
                job.cancel()
                job.join()
                if (job.isCancelled) cancelled++ else ok = false
            }
            ok = ok && g.total() == 8uL && g.countFor(name) == 7uL
            ok = ok && g.lastGreeting()?.text == plain.uppercase()
            ok = ok && g.toString().endsWith("greeted=8)")
            if (!ok) wrong++
            // Half are closed; the other half, decorator still set, are left to the Cleaner.
            if (i % 2 == 0) g.close()
            if (i % 1000 == 0) yield()
        }
    }
    val seconds = (System.nanoTime() - t0) / 1e9
    sampler.sample()
    Thread.sleep(100) // the cancelled calls' delay threads end
    val after = Backend.handles()
    report("soak.cycles.cycles", cycles)
    report("soak.cycles.warmup_cycles", warmup)
    report("soak.cycles.wrong_cycles", wrong)
    report("soak.cycles.foreign_errors_raised", foreignErrors)
    report("soak.cycles.cancelled_async_calls", cancelled)
    report("soak.cycles.decorators_still_held_by_rust", after.first - before.first)
    report("soak.cycles.continuations_still_pending", after.second - before.second)
    report("soak.cycles.seconds", "%.1f".format(seconds))
    sampler.report()
    assertEquals(0, wrong, "soak.cycles: wrong cycles")
    assertEquals(4 * ((cycles + 9) / 10), foreignErrors, "soak.cycles: foreign errors")
    assertEquals((cycles + 99) / 100, cancelled, "soak.cycles: cancelled calls")
    assertEquals(before, after, "soak.cycles: handles left (decorators, continuations)")
}

private const val PANIC = "greet-fault-injection:panic"
private const val PANIC_LOCKED = "greet-fault-injection:panic-locked"

private fun fault(panics: Int) {
    val w = "fault"
    val g = Greeter()
    g.greet("before")
    val paths: List<Pair<String, () -> Any?>> = listOf(
        "Greeter.greet" to { g.greet(PANIC) },
        "Greeter.greetWith" to { g.greetWith(PANIC, GreetOptions()) },
        "Greeter.salute" to { g.salute(Salutation.Custom("Yo"), PANIC) },
        "Greeter.greetAll" to { g.greetAll(listOf("fine", PANIC)) },
        "Greeter.greetLater (async)" to { runBlocking { g.greetLater(PANIC, Duration.ZERO) } },
        "Greeter.greet (lock held)" to { g.greet(PANIC_LOCKED) },
        "Greeter.greetAll (lock held)" to { g.greetAll(listOf("fine", PANIC_LOCKED)) },
    )
    for ((what, call) in paths) {
        assertThrows<InternalException>("$w $what") { call() }?.let {
            assertTrue(it.message.orEmpty().contains("fault injection")) { "message ${it.message}" }
        }
        assertEquals("Hi, after", g.greet("after"), "$w $what: the same Greeter keeps working")
    }
    report("fault.paths_that_panicked_into_InternalException", paths.size)
    assertEquals(listOf(0uL, 0uL, 0uL), listOf(g.countFor(PANIC), g.countFor(PANIC_LOCKED), g.countFor("fine")), "$w: nothing partly applied")
    assertEquals((1 + paths.size).toULong(), g.total(), "$w: total")
    assertEquals("after", g.lastGreeting()?.name, "$w: lastGreeting")
    // Concurrent panics interleaved with good calls.
    val per = panics / 8
    val bad = AtomicInteger()
    val before = g.total()
    val threads = (0 until 8).map { t ->
        Thread {
            repeat(per) { i ->
                try { g.greet(if (i % 2 == 1) PANIC else PANIC_LOCKED); bad.incrementAndGet() } catch (e: InternalException) { }
                g.greet("t$t")
            }
        }.also { it.start() }
    }
    threads.forEach { it.join(600_000) } // a hang guard
    report("fault.concurrent_panics", per * 8)
    assertTrue(threads.none { it.isAlive }) { "threads hung" }
    assertEquals(0, bad.get(), "$w: calls that did not throw")
    assertEquals(before + (per * 8).toULong(), g.total(), "$w: counts exact after concurrent panics")
    report("fault.greeter_after_panics", g.toString())
    g.close()
}

private fun inputs(bigMib: Int, leakCalls: Int) {
    // uniffi's bindings leak here (docs/hardening.md, Known gap 2): an argument already lowered
    // into a Rust buffer is never freed when a later one cannot be encoded. The JNI backend
    // converts every argument before anything is allocated for Rust: it must grow nothing.
    val first = "a".repeat(1 shl 20)
    val rss0 = settledRssMib()
    repeat(leakCalls) { try { greet(first, "\uD800") } catch (e: java.nio.charset.CharacterCodingException) { } }
    val leaked = settledRssMib() - rss0
    val rss1 = settledRssMib()
    repeat(leakCalls) { try { greet("\uD800", first) } catch (e: java.nio.charset.CharacterCodingException) { } }
    report("inputs.bad_second_argument.calls", leakCalls)
    report("inputs.bad_second_argument.first_argument_bytes", 1 shl 20)
    report("inputs.bad_second_argument.rss_growth_mib", "%+.1f".format(leaked))
    report("inputs.bad_first_argument.rss_growth_mib", "%+.1f".format(settledRssMib() - rss1))
    // Large and over-limit inputs: after the leak figure, since freeing them leaves resident
    // free memory that later allocations would reuse unseen.
    val w = "inputs"
    val g = Greeter()
    val hwm0 = status("VmHWM") / 1024.0
    for ((what, name) in listOf("name_ascii" to "x".repeat(bigMib shl 20), "name_4byte_utf8" to "😀".repeat(bigMib shl 18))) {
        assertThrows<GreetException.NameTooLong>("$w $what") { g.greet(name) }?.let {
            report("inputs.$what.outcome", "NameTooLong(length=${it.length}, max=${it.max})")
        }
    }
    assertThrows<GreetException.EmptyName>("$w") { g.greet(" ".repeat(bigMib shl 20)) }
    report("inputs.name_whitespace.outcome", "EmptyName")
    val big = "ü".repeat(bigMib shl 19)
    assertTrue(greet(big, big).length == 2 * big.length + 2) { "big greet()" }
    report("inputs.greet_function.outcome", "returned ${2 * bigMib} MiB (UTF-8), byte for byte")
    report("inputs.big_${bigMib}MiB_cases.peak_rss_increase_mib", "%.0f".format(status("VmHWM") / 1024.0 - hwm0))
    assertEquals(0uL, g.total(), "$w: nothing counted")

    g.close()
}

fun main(args: Array<String>) {
    val cmd = args.firstOrNull() ?: run { System.err.println("usage: soak|threads|fault|inputs [--key value ...]"); exitProcess(2) }
    val opts = args.drop(1).chunked(2).associate { (k, v) -> k.removePrefix("--") to v.toInt() }
    println("kotlin.${Backend.NAME}.$cmd.library_dir: ${System.getProperty(if (Backend.NAME == "jni") "java.library.path" else "jna.library.path")}")
    try {
        runStep(cmd, opts)
    } catch (e: Throwable) {
        println("kotlin.${Backend.NAME}.$cmd: FAILED: $e")
        e.printStackTrace()
        exitProcess(1)
    }
    println("kotlin.${Backend.NAME}.$cmd: ok")
    exitProcess(0) // do not wait for Rust's delay threads or a cleaner thread
}

private fun runStep(cmd: String, opts: Map<String, Int>) {
    when (cmd) {
        "soak" -> {
            val (_, peak) = CleanerBacklog.peakDuring {
                soakGreet(opts["greet-calls"] ?: 1_000_000, opts["samples"] ?: 20)
                soakCycles(opts["cycles"] ?: 100_000, opts["samples"] ?: 20)
            }
            report("soak.${CleanerBacklog.WHAT}_peak_blocks", peak)
        }
        "threads" -> {
            val t = opts["threads"] ?: 8
            val n = opts["calls"] ?: 100_000
            val a = opts["async-calls"] ?: 10_000
            // JNA 5.13's single Cleaner thread cannot keep up with 8 calling threads (JNA issue
            // #1535): pause the workers every `drain-every` calls until it has caught up, or the
            // heap fills with blocks awaiting cleanup. --drain-every 0: never pause.
            val drainEvery = opts["drain-every"] ?: 5_000
            report("threads.workers_pause_for_jna_cleaner_every_calls", drainEvery)
            // Resident memory every 2 s while the threads run (no GC forced: what the process holds).
            val rss = java.util.Collections.synchronizedList(ArrayList<Double>())
            val sampling = java.util.concurrent.atomic.AtomicBoolean(true)
            val sampler = Thread {
                while (sampling.get()) {
                    rss.add(status("VmRSS") / 1024.0)
                    Thread.sleep(2_000)
                }
            }.apply { isDaemon = true; start() }
            val (result, peak) = try {
                CleanerBacklog.peakDuring { Hardening.threadsWithAsync(n, a, t, "threads", drainEvery) }
            } finally {
                sampling.set(false)
                sampler.join()
            }
            val samples = synchronized(rss) { rss.toList() }
            val steady = samples.drop(samples.size / 5) // after the first fifth: JIT and heap warm-up
            if (steady.isNotEmpty()) {
                report("threads.rss_samples_mib", samples.joinToString(" ") { "%.0f".format(it) })
                report("threads.rss_growth_after_first_fifth_mib", "%+.1f".format(steady.last() - steady.first()))
                report("threads.rss_max_minus_min_after_first_fifth_mib", "%.1f".format(steady.max() - steady.min()))
            }
            val (ms, total) = result
            val (left, drainS) = CleanerBacklog.drain()
            report("threads.total", total)
            report("threads.${CleanerBacklog.WHAT}_peak_blocks", peak)
            report("threads.${CleanerBacklog.WHAT}_after_drain_blocks", "$left (after %.1f s of GC)".format(drainS))
            report("threads.rss_end_mib", "%.1f".format(settledRssMib()))
            report("threads.peak_rss_mib", "%.1f".format(status("VmHWM") / 1024.0))
            report("threads.threads", t)
            report("threads.calls_per_thread", n)
            report("threads.concurrent_async_calls", a)
            report("threads.expected_total", t.toLong() * n + a)
            report("threads.seconds", "%.1f".format(ms / 1000.0))
            report("threads.calls_per_second", "%.0f".format((t.toLong() * n + a) * 1000.0 / maxOf(ms, 1)))
        }
        "fault" -> fault(opts["panics"] ?: 8_000)
        "inputs" -> inputs(opts["big-mib"] ?: 64, opts["leak-calls"] ?: 100)
        else -> { System.err.println("unknown subcommand $cmd"); exitProcess(2) }
    }
}
