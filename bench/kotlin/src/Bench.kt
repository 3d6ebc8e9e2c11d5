// Per-call cost of greet on the JVM, in one JVM, after warm-up: uniffi's Kotlin bindings (JNA),
// the generated JNI backend, hand-written JNI (bench/jni-greet) and the same work in pure
// Kotlin. Run by scripts/bench.sh:
//
//   java -Djna.library.path=LIB -Djava.library.path=LIB -cp BENCH_CP greetbench.BenchKt \
//        REPEATS TARGET_MS WARMUP_MS OUT.json UNIFFI_CP JNI_CP
//
// UNIFFI_CP and JNI_CP are the class paths of the two bindings (tests/kotlin/greet-uniffi and
// greet-jni: bindings, their BenchAdapter, and JNA for the first); both define the package
// uniffi.greet, so each gets a class loader of its own and is called through JDK interfaces.
// Cases mirror bench/python/bench.py: greet() with two short ASCII strings, CJK + emoji, a
// 1 MiB name; Greeter().greet(name); Greeter().greet("") raising EmptyName. Every result is
// checked before and after timing; a wrong one exits with status 1.
package greetbench

import java.io.File
import java.net.URLClassLoader
import java.util.function.BiFunction
import java.util.function.Function
import java.util.function.Predicate

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

/** One way of calling greet: its function, a greeter's greet, and its EmptyName check. */
class Approach(
    val name: String,
    val greet: BiFunction<String, String, String>,
    val greeterGreet: Function<String, String>,
    val isEmptyName: Predicate<Throwable>,
)

/** The bindings at `classPath`, in a class loader of their own, through their BenchAdapter. */
fun loadBindings(name: String, classPath: String, expectedBackend: String): Approach {
    val urls = classPath.split(File.pathSeparator).filter { it.isNotEmpty() }.map { File(it).toURI().toURL() }.toTypedArray()
    val loader = URLClassLoader("greet-$name", urls, Approach::class.java.classLoader)
    val adapter = loader.loadClass("greettest.BenchAdapter")
    fun <T> call(method: String): T {
        @Suppress("UNCHECKED_CAST")
        return adapter.getMethod(method).invoke(null) as T
    }
    val backend: String = call("backend")
    if (backend != expectedBackend) throw Mismatch("$name: the class path $classPath holds the $backend bindings, not $expectedBackend")
    return Approach(name, call("greetFunction"), call("greeterGreet"), call("isEmptyName"))
}

fun handWritten(): Approach {
    val greeter = HandWritten.newGreeter()
    return Approach(
        "handwritten",
        { g, n -> HandWritten.greet(g, n) },
        { n -> HandWritten.greeterGreet(greeter, n) },
        { e -> e is HandWritten.GreetError && e.message.orEmpty().startsWith("name must not be empty") },
    )
}

fun pureKotlin(): Approach {
    val greeter = Pure.Greeter()
    return Approach("kotlin", { g, n -> Pure.greet(g, n) }, { n -> greeter.greet(n) }, { e -> e is Pure.EmptyName })
}

class Cell(val approach: String, val case: String, val run: (Int) -> Long, val check: () -> Unit)

class Mismatch(message: String) : Exception(message)

fun short(s: String) = if (s.length <= 60) "\"$s\"" else "\"${s.take(40)}...\" (${s.length} chars)"

fun cells(approaches: List<Approach>): List<Cell> {
    val payloads = linkedMapOf(
        "short" to ("Salutations" to "friend"),
        "non-ascii" to ("こんにちは" to "世界🌏👋"),
        "1mib" to ("Hello" to "x".repeat(1 shl 20)),
    )
    val out = ArrayList<Cell>()
    for (a in approaches) {
        for ((case, payload) in payloads) {
            val (g, n) = payload
            val expected = "$g, $n"
            out += Cell(a.name, case,
                run = { calls -> var sink = 0L; repeat(calls) { sink += a.greet.apply(g, n).length }; sink },
                check = {
                    val got = a.greet.apply(g, n)
                    if (got != expected) throw Mismatch("${a.name}/$case: got ${short(got)}, want ${short(expected)}")
                })
        }
        out += Cell(a.name, "greeter",
            run = { calls -> var sink = 0L; repeat(calls) { sink += a.greeterGreet.apply("friend").length }; sink },
            check = {
                val got = a.greeterGreet.apply("friend")
                if (got != "Hi, friend") throw Mismatch("${a.name}/greeter: got ${short(got)}")
            })
        out += Cell(a.name, "error",
            run = { calls ->
                var sink = 0L
                repeat(calls) {
                    try {
                        a.greeterGreet.apply("")
                    } catch (e: Exception) {
                        if (a.isEmptyName.test(e)) sink += 1 else throw e
                    }
                }
                sink
            },
            check = {
                val raised = try { a.greeterGreet.apply(""); null } catch (e: Exception) { e }
                if (raised == null || !a.isEmptyName.test(raised)) {
                    throw Mismatch("${a.name}/error: raised ${raised?.javaClass?.name}, want EmptyName")
                }
            })
    }
    return out
}

fun main(args: Array<String>) {
    require(args.size == 6) { "usage: BenchKt REPEATS TARGET_MS WARMUP_MS OUT.json UNIFFI_CP JNI_CP" }
    val repeats = args[0].toInt()
    val targetNs = args[1].toDouble() * 1e6
    val warmupNs = args[2].toDouble() * 1e6
    val outPath = args[3]
    var blackhole = 0L
    try {
        val approaches = listOf(
            loadBindings("uniffi", args[4], "uniffi"),
            loadBindings("jni", args[5], "jni"),
            handWritten(),
            pureKotlin(),
        )
        val all = cells(approaches)
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
        json.append(" \"kotlin\": \"${KotlinVersion.CURRENT}\",\n")
        json.append(" \"date\": \"${java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))} UTC\",\n")
        json.append(" \"loadavg\": \"${File("/proc/loadavg").takeIf { it.exists() }?.readText()?.split(" ")?.take(3)?.joinToString(" ") ?: "?"}\",\n")
        json.append(" \"cells\": {\n")
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
            println("kotlin: %-22s median %12.1f ns  min %12.1f ns".format(
                "${cell.approach}/${cell.case}", sorted[sorted.size / 2], sorted.first()))
        }
        System.err.println("kotlin: (blackhole $blackhole)")
    } catch (e: Mismatch) {
        System.err.println("kotlin: FAILED: ${e.message}")
        kotlin.system.exitProcess(1)
    }
}
