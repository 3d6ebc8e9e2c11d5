// The runner of the JVM surface benchmark: every approach's cases in one JVM, each approach's
// classes in a class loader of its own (the generated bindings share a package), cells
// interleaved round-robin, median and min ns per op after JIT warm-up, results checked before
// and after timing (a mismatch fails the run). Writes the jvm.json of bench/surface/README.md.
package surfacebench

import java.io.File
import java.net.URLClassLoader

/** One benchmark case of one approach: `op` is one operation; `check` validates its result. */
class Case(val name: String, val op: () -> Any?, val check: (Any?) -> Boolean)

/** What each approach's module implements (class `surfacebench.cases.Cases`). */
interface Approach {
    fun cases(): List<Case>
}

private class Cell(val approach: String, val case: Case) {
    var iterations = 1L
    val samples = ArrayList<Double>()
    @Volatile var sink: Any? = null

    fun verify() {
        val result = try {
            case.op()
        } catch (e: Throwable) {
            throw IllegalStateException("${case.name} [$approach] threw $e", e)
        }
        if (!case.check(result)) {
            throw IllegalStateException("${case.name} [$approach]: wrong result ${describe(result)}")
        }
    }

    /** ns per op of `iterations` ops. */
    fun time(n: Long): Double {
        val op = case.op
        var last: Any? = null
        val t0 = System.nanoTime()
        var i = 0L
        while (i < n) {
            last = op()
            i++
        }
        val t1 = System.nanoTime()
        sink = last
        return (t1 - t0).toDouble() / n
    }

    /** Warms up for about `ms` and sizes `iterations` so that one sample takes about `sampleMs`. */
    fun warm(ms: Long, sampleMs: Double) {
        val deadline = System.nanoTime() + ms * 1_000_000
        var n = 1L
        var perOp = time(1)
        while (System.nanoTime() < deadline) {
            perOp = time(n)
            if (perOp * n < 10_000_000) n *= 2
        }
        iterations = maxOf(1L, (sampleMs * 1e6 / perOp).toLong())
    }
}

private fun describe(v: Any?): String = when (v) {
    is List<*> -> "list of ${v.size}: ${v.take(3)}..."
    is ByteArray -> "ByteArray(${v.size})"
    else -> v.toString()
}

private fun median(xs: List<Double>): Double {
    val s = xs.sorted()
    return if (s.size % 2 == 1) s[s.size / 2] else (s[s.size / 2 - 1] + s[s.size / 2]) / 2
}

private fun jsonString(s: String): String =
    "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""

/**
 * Arguments: `--out FILE` `--repeats N` `--warm-ms MS` `--sample-ms MS` `--only CASE,...`
 * then `NAME=CLASSES_DIR_OR_JAR[#CLASS]` per approach (in report order; the class defaults to
 * `surfacebench.cases.Cases`).
 */
fun main(args: Array<String>) {
    var out: String? = null
    var repeats = 9
    var warmMs = 300L
    var sampleMs = 30.0
    var only: Set<String>? = null
    val approaches = ArrayList<Pair<String, String>>()
    var i = 0
    while (i < args.size) {
        when (val a = args[i]) {
            "--out" -> out = args[++i]
            "--repeats" -> repeats = args[++i].toInt()
            "--warm-ms" -> warmMs = args[++i].toLong()
            "--sample-ms" -> sampleMs = args[++i].toDouble()
            "--only" -> only = args[++i].split(",").toSet()
            else -> {
                val eq = a.indexOf('=')
                require(eq > 0) { "unknown argument $a" }
                approaches.add(a.substring(0, eq) to a.substring(eq + 1))
            }
        }
        i++
    }
    val cells = LinkedHashMap<String, MutableList<Cell>>()
    for ((name, path) in approaches) {
        val dir = path.substringBefore('#')
        val cls = if ('#' in path) path.substringAfter('#') else "surfacebench.cases.Cases"
        val loader = URLClassLoader("surface-$name", arrayOf(File(dir).toURI().toURL()), Approach::class.java.classLoader)
        val approach = loader.loadClass(cls).getDeclaredConstructor().newInstance() as Approach
        for (case in approach.cases()) {
            if (only != null && case.name !in only) continue
            cells.getOrPut(case.name) { ArrayList() }.add(Cell(name, case))
        }
    }
    System.err.println("surface-jvm: ${cells.size} cases x ${approaches.map { it.first }}, $repeats repeats")
    val started = System.nanoTime()
    // Correctness first, then warm-up and sizing, then interleaved repeats (order rotated).
    for (row in cells.values) for (c in row) c.verify()
    for (row in cells.values) for (c in row) c.warm(warmMs, sampleMs)
    for (r in 0 until repeats) {
        for (row in cells.values) {
            for (k in row.indices) {
                val c = row[(k + r) % row.size]
                c.samples.add(c.time(c.iterations))
            }
        }
    }
    for (row in cells.values) for (c in row) c.verify()
    System.err.printf("surface-jvm: timed in %.1f s%n", (System.nanoTime() - started) / 1e9)

    val machine = buildString {
        val cpu = try {
            File("/proc/cpuinfo").readLines().firstOrNull { it.startsWith("model name") }?.substringAfter(":")?.trim()
        } catch (e: Exception) { null }
        append(cpu ?: System.getProperty("os.arch"))
        append(", ${Runtime.getRuntime().availableProcessors()} cores, ${System.getProperty("os.name")} ${System.getProperty("os.version")}")
    }
    val json = StringBuilder()
    json.append("{\n  \"language\": \"jvm\",\n  \"versions\": {")
    json.append("\"java\": ${jsonString(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))}, ")
    json.append("\"kotlin\": ${jsonString(KotlinVersion.CURRENT.toString())}, \"uniffi\": \"0.32.2\", \"boltffi\": \"0.32.1\"},\n")
    json.append("  \"machine\": ${jsonString(machine)},\n  \"results\": [\n")
    val rows = ArrayList<String>()
    for ((name, row) in cells) {
        val line = StringBuilder("${"%-28s".format(name)}")
        for (c in row) {
            val med = median(c.samples)
            val min = c.samples.min()
            rows.add("    {\"case\": ${jsonString(name)}, \"approach\": ${jsonString(c.approach)}, \"median_ns\": $med, \"min_ns\": $min, \"instructions\": null, \"note\": null}")
            line.append("  %s %12.1f".format(c.approach, med))
        }
        println(line)
    }
    json.append(rows.joinToString(",\n")).append("\n  ]\n}\n")
    if (out != null) File(out).writeText(json.toString())
}
