// Assertion helpers for a plain `main` (no JUnit: Maven Central is unreachable).
// Every check counts; failures are collected with where they happened, never thrown,
// so one run reports all of them. Thread-safe: checks may run on many threads.
package greettest

import java.util.concurrent.atomic.AtomicInteger

object Check {
    private val passedCount = AtomicInteger()
    private val failureList = java.util.Collections.synchronizedList(ArrayList<String>())

    val passed: Int get() = passedCount.get()
    val failures: List<String> get() = synchronized(failureList) { failureList.toList() }

    fun pass() { passedCount.incrementAndGet() }

    fun fail(where: String, message: String) {
        failureList.add("[$where] $message")
    }

    /** Checks a condition; `message` is built only on failure. */
    fun isTrue(where: String, cond: Boolean, message: () -> String = { "expected true" }): Boolean {
        if (cond) pass() else fail(where, message())
        return cond
    }

    fun <T> eq(where: String, actual: T, expected: T, what: String = "value"): Boolean =
        isTrue(where, actual == expected) { "$what: expected ${show(expected)}, got ${show(actual)}" }

    fun <T> ne(where: String, actual: T, unexpected: T, what: String = "value"): Boolean =
        isTrue(where, actual != unexpected) { "$what: expected anything but ${show(unexpected)}" }

    /** Runs `block`, expecting it to throw exactly an `E` (or subclass); returns it. */
    inline fun <reified E : Throwable> throws(where: String, block: () -> Any?): E? {
        val got: Any? = try {
            block()
        } catch (e: Throwable) {
            if (e is E) { pass(); return e }
            fail(where, "expected ${E::class.qualifiedName}, got ${e.javaClass.name}: ${show(e.message)}")
            return null
        }
        fail(where, "expected ${E::class.qualifiedName}, but the call returned ${show(got)}")
        return null
    }

    /** Runs one named test; an unexpected exception fails it without stopping the run. */
    fun test(name: String, block: () -> Unit) {
        val before = failureList.size
        val started = System.nanoTime()
        try {
            block()
        } catch (e: Throwable) {
            fail(name, "unexpected ${e.javaClass.name}: ${show(e.message)}\n${e.stackTraceToString().lines().take(12).joinToString("\n")}")
        }
        val ms = (System.nanoTime() - started) / 1_000_000
        val status = if (failureList.size == before) "ok  " else "FAIL"
        println("  $status $name (${ms} ms)")
    }

    /** A readable, bounded rendering of a value for failure messages. */
    fun show(v: Any?): String = when (v) {
        null -> "null"
        is String -> {
            val sb = StringBuilder("\"")
            for (ch in v.take(120)) {
                when {
                    ch == '"' -> sb.append("\\\"")
                    ch == '\\' -> sb.append("\\\\")
                    ch < ' ' || ch in '\u007F'..'\u009F' || ch in '\u202A'..'\u202E' || ch in '\u2066'..'\u2069' ->
                        sb.append("\\u%04X".format(ch.code))
                    else -> sb.append(ch)
                }
            }
            if (v.length > 120) sb.append("…(${v.length} UTF-16 units)")
            sb.append('"').toString()
        }
        is List<*> -> if (v.size > 20) "[${v.take(20).joinToString(", ") { show(it) }}, …(${v.size})]"
                      else v.joinToString(", ", "[", "]") { show(it) }
        is Map<*, *> -> v.entries.joinToString(", ", "{", "}") { "${show(it.key)}: ${show(it.value)}" }
        else -> v.toString()
    }
}
