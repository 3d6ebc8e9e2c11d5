// Per-call cost of the generated Kotlin bindings (uniffi over JNA) against the same work in
// pure Kotlin, in one JVM, after warm-up. Compiled with generated/kotlin/uniffi/greet/greet.kt
// and run by scripts/bench.sh:
//
//   java -Djna.library.path=DIR -cp bench.jar:JNA:COROUTINES:STDLIB greetbench.BenchKt \
//        REPEATS TARGET_MS WARMUP_MS OUT.json
//
// Cases mirror bench/python/bench.py: greet() with two short ASCII strings, CJK + emoji, a
// 1 MiB name; Greeter().greet(name); Greeter().greet("") raising EmptyName. Every result is
// checked before and after timing; a wrong one exits with status 1.
package greetbench

import java.io.File
import uniffi.greet.GreetException
import uniffi.greet.Greeter as UniffiGreeter
import uniffi.greet.greet as uniffiGreet

/** The pure-Kotlin floor: what the Rust component does, written in Kotlin. */
object Pure {
    fun greet(greeting: String, name: String): String = "$greeting, $name"

    class EmptyName(val name: String) : Exception("name must not be empty or only whitespace (got \"$name\")")
    class NameTooLong(length: Int) : Exception("name is $length characters long; the limit is 256")

    class Greeter {
        private val lock = Any()
        private val counts = HashMap<String, Long>()
        private var total = 0L
        private var last: Triple<String, String, Long>? = null

        fun greet(name: String): String {
            if (name.isBlank()) throw EmptyName(name)
            val length = name.codePointCount(0, name.length)
            if (length > 256) throw NameTooLong(length)
            val text = "Hi, $name"
            val at = System.currentTimeMillis()
            synchronized(lock) {
                counts[name] = (counts[name] ?: 0L) + 1
                total += 1
                last = Triple(text, name, at)
            }
            return text
        }
    }
}

class Cell(val approach: String, val case: String, val run: (Int) -> Long, val check: () -> Unit)

class Mismatch(message: String) : Exception(message)

fun short(s: String) = if (s.length <= 60) "\"$s\"" else "\"${s.take(40)}...\" (${s.length} chars)"

fun cells(): List<Cell> {
    val payloads = linkedMapOf(
        "short" to ("Salutations" to "friend"),
        "non-ascii" to ("こんにちは" to "世界🌏👋"),
        "1mib" to ("Hello" to "x".repeat(1 shl 20)),
    )
    val out = ArrayList<Cell>()
    val functions = linkedMapOf<String, (String, String) -> String>(
        "uniffi" to { g, n -> uniffiGreet(g, n) },
        "kotlin" to { g, n -> Pure.greet(g, n) },
    )
    for ((approach, fn) in functions) {
        for ((case, payload) in payloads) {
            val (g, n) = payload
            val expected = "$g, $n"
            out += Cell(approach, case,
                run = { calls -> var sink = 0L; repeat(calls) { sink += fn(g, n).length }; sink },
                check = {
                    val got = fn(g, n)
                    if (got != expected) throw Mismatch("$approach/$case: got ${short(got)}, want ${short(expected)}")
                })
        }
    }
    val uniffiGreeter = UniffiGreeter()
    val pureGreeter = Pure.Greeter()
    val greeters = linkedMapOf<String, (String) -> String>(
        "uniffi" to { n -> uniffiGreeter.greet(n) },
        "kotlin" to { n -> pureGreeter.greet(n) },
    )
    val isEmptyName = linkedMapOf<String, (Throwable) -> Boolean>(
        "uniffi" to { e -> e is GreetException.EmptyName },
        "kotlin" to { e -> e is Pure.EmptyName },
    )
    for ((approach, greet) in greeters) {
        out += Cell(approach, "greeter",
            run = { calls -> var sink = 0L; repeat(calls) { sink += greet("friend").length }; sink },
            check = {
                val got = greet("friend")
                if (got != "Hi, friend") throw Mismatch("$approach/greeter: got ${short(got)}")
            })
        val expectedError = isEmptyName.getValue(approach)
        out += Cell(approach, "error",
            run = { calls ->
                var sink = 0L
                repeat(calls) {
                    try {
                        greet("")
                    } catch (e: Exception) {
                        if (expectedError(e)) sink += 1 else throw e
                    }
                }
                sink
            },
            check = {
                val raised = try { greet(""); null } catch (e: Exception) { e }
                if (raised == null || !expectedError(raised)) {
                    throw Mismatch("$approach/error: raised ${raised?.javaClass?.name}, want EmptyName")
                }
            })
    }
    return out
}

fun main(args: Array<String>) {
    require(args.size == 4) { "usage: BenchKt REPEATS TARGET_MS WARMUP_MS OUT.json" }
    val repeats = args[0].toInt()
    val targetNs = args[1].toDouble() * 1e6
    val warmupNs = args[2].toDouble() * 1e6
    val outPath = args[3]
    var blackhole = 0L
    try {
        val all = cells()
        all.forEach { it.check() }
        // Warm-up: every cell in turn until the JIT has had warmupNs of wall time.
        val warmStart = System.nanoTime()
        var calls = 1
        while (System.nanoTime() - warmStart < warmupNs) {
            for (cell in all) blackhole += cell.run(if (cell.case == "1mib") 1 else calls)
            calls = minOf(calls * 2, 4096)
        }
        // Calls per measurement: about targetNs each.
        val plan = all.map { cell ->
            var n = 1
            var elapsed: Long
            while (true) {
                val t0 = System.nanoTime()
                blackhole += cell.run(n)
                elapsed = System.nanoTime() - t0
                if (elapsed >= targetNs / 5 || n >= 100_000_000) break
                n *= 2
            }
            cell to maxOf(1, minOf(100_000_000.0, targetNs / (elapsed.toDouble() / n)).toInt())
        }
        val results = plan.associate { (cell, _) -> cell to ArrayList<Double>() }
        for (r in 0 until repeats) {
            val shift = r * plan.size / repeats
            for ((cell, n) in plan.drop(shift) + plan.take(shift)) {
                val t0 = System.nanoTime()
                blackhole += cell.run(n)
                results.getValue(cell) += (System.nanoTime() - t0).toDouble() / n
            }
        }
        all.forEach { it.check() }
        val json = StringBuilder()
        json.append("{\n \"repeats\": $repeats,\n \"java\": \"${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}\",\n")
        json.append(" \"kotlin\": \"${KotlinVersion.CURRENT}\",\n \"cells\": {\n")
        json.append(plan.joinToString(",\n") { (cell, n) ->
            val ns = results.getValue(cell)
            val sorted = ns.sorted()
            val median = if (sorted.size % 2 == 1) sorted[sorted.size / 2]
                else (sorted[sorted.size / 2 - 1] + sorted[sorted.size / 2]) / 2
            "  \"${cell.approach}/${cell.case}\": {\"approach\": \"${cell.approach}\", \"case\": \"${cell.case}\", " +
                "\"calls_per_repeat\": $n, \"median_ns\": $median, \"min_ns\": ${sorted.first()}, " +
                "\"ns\": [${ns.joinToString(", ")}]}"
        })
        json.append("\n }\n}\n")
        File("$outPath.tmp").writeText(json.toString())
        File("$outPath.tmp").renameTo(File(outPath))
        for ((cell, _) in plan) {
            val sorted = results.getValue(cell).sorted()
            println("kotlin: %-18s median %12.1f ns  min %12.1f ns".format(
                "${cell.approach}/${cell.case}", sorted[sorted.size / 2], sorted.first()))
        }
        System.err.println("kotlin: (blackhole $blackhole)")
    } catch (e: Mismatch) {
        System.err.println("kotlin: FAILED: ${e.message}")
        kotlin.system.exitProcess(1)
    }
}
