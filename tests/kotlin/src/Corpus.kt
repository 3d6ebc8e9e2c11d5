// The shared conformance corpus (tests/conformance/corpus.json), case by case, through the
// Kotlin bindings. Same contract as tests/conformance.rs (Rust) and tests/python/corpus.py:
// each case calls `call` and expects `expect` (a value) or `error` (a GreetError variant
// name). Every case is one JUnit dynamic test; an unknown `call` or a malformed case fails it.
// The JSON is read with Gson.
package greettest

import com.google.gson.JsonElement
import com.google.gson.JsonParser
import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import uniffi.greet.GreetException
import uniffi.greet.GreetOptions
import uniffi.greet.Greeter
import uniffi.greet.Locale
import uniffi.greet.Salutation
import uniffi.greet.Tone

/** A corpus case that cannot be run as written (unknown call, missing field, ...). */
class BadCase(message: String) : Exception(message)

/** The corpus as JUnit tests: one dynamic test per case, so each has its own report entry. */
class CorpusTest {
    @TestFactory
    @DisplayName("conformance corpus")
    fun corpus(): List<DynamicTest> {
        val file = Corpus.file()
        val doc = Corpus.read(file)
        assertTrue(doc["about"] is String) { "$file: missing \"about\"" }
        assertEquals(uniffi.greet.maxNameLength().toLong(), doc["max_name_length"], "$file: max_name_length vs maxNameLength()")
        val cases = doc["cases"] as? List<*> ?: fail("$file: \"cases\" is not an array")
        assertTrue(cases.size >= 50) { "corpus too small: ${cases.size} cases" }
        val seen = HashSet<String>()
        return cases.mapIndexed { index, raw ->
            val case = raw as? Map<*, *>
            val id = (case?.get("id") as? String) ?: "#$index"
            val duplicate = !seen.add(id)
            DynamicTest.dynamicTest(id) {
                if (case == null) fail<Unit>("case $id: case is not an object")
                if (case!!["id"] !is String) fail<Unit>("case $id: case has no string \"id\"")
                if (duplicate) fail<Unit>("case $id: duplicate case id")
                try {
                    Corpus.runCase(id, case)
                } catch (e: BadCase) {
                    fail<Unit>("case $id: malformed case: ${e.message}")
                }
            }
        }
    }
}

object Corpus {
    /** `$GREET_CORPUS`, else tests/conformance/corpus.json under the repository root. */
    fun file(): File {
        System.getenv("GREET_CORPUS")?.takeIf { it.isNotEmpty() }?.let { return File(it) }
        return File(repoRoot(), "tests/conformance/corpus.json")
    }

    /** The corpus as plain values: maps, lists, strings, booleans, null, and Long or Double numbers. */
    fun read(file: File): Map<*, *> {
        val tree = file.reader(Charsets.UTF_8).use { JsonParser.parseReader(it) }
        return plain(tree) as? Map<*, *> ?: fail("$file: the top level is not an object")
    }

    private fun plain(e: JsonElement): Any? = when {
        e.isJsonNull -> null
        e.isJsonObject -> e.asJsonObject.entrySet().associate { (k, v) -> k to plain(v) }
        e.isJsonArray -> e.asJsonArray.map { plain(it) }
        e.asJsonPrimitive.isBoolean -> e.asBoolean
        e.asJsonPrimitive.isString -> e.asString
        else -> e.asBigDecimal.let { d -> if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) d.longValueExact() else d.toDouble() }
    }

    fun runCase(id: String, case: Map<*, *>) {
        val where = "case $id"
        val hasExpect = case.containsKey("expect")
        val hasError = case.containsKey("error")
        if (hasExpect == hasError) throw BadCase("needs exactly one of \"expect\" and \"error\"")
        val outcome: Result<Any?> = try {
            Result.success(call(case))
        } catch (e: GreetException) {
            Result.failure(e)
        }
        // Anything else (BadCase, a JVM exception) propagates and fails the case.
        if (hasError) {
            val want = case["error"] as? String ?: throw BadCase("\"error\" is not a string")
            if (want !in VARIANTS) throw BadCase("\"error\" names no GreetError variant: ${show(want)}")
            outcome.fold(
                onSuccess = { fail("$where: expected GreetException.$want, got ${show(it)}") },
                onFailure = { assertEquals(want, variant(it as GreetException), "$where: error variant") },
            )
        } else {
            val want = expand(case["expect"])
            outcome.fold(
                onSuccess = { assertEquals(want, it, "$where: result") },
                onFailure = { fail("$where: expected ${show(want)}, got ${it.javaClass.name}(${it.message})") },
            )
        }
    }

    private val VARIANTS = setOf("EmptyName", "NameTooLong", "UnknownLocale", "EmptySalutation", "DecoratorFailed")

    fun variant(e: GreetException): String = when (e) {
        is GreetException.EmptyName -> "EmptyName"
        is GreetException.NameTooLong -> "NameTooLong"
        is GreetException.UnknownLocale -> "UnknownLocale"
        is GreetException.EmptySalutation -> "EmptySalutation"
        is GreetException.DecoratorFailed -> "DecoratorFailed"
    }

    /** A corpus string: plain, {"repeat": s, "times": n} or {"concat": [parts]}. */
    fun text(v: Any?): String = when {
        v is String -> v
        v is Map<*, *> && v.keys == setOf("repeat", "times") -> {
            val s = v["repeat"] as? String ?: throw BadCase("\"repeat\" is not a string")
            val n = v["times"] as? Long ?: throw BadCase("\"times\" is not an integer")
            if (n < 0 || n > Int.MAX_VALUE / maxOf(1, s.length)) throw BadCase("bad \"times\": $n")
            s.repeat(n.toInt())
        }
        v is Map<*, *> && v.keys == setOf("concat") -> {
            val parts = v["concat"] as? List<*> ?: throw BadCase("\"concat\" is not an array")
            parts.joinToString("") { text(it) }
        }
        else -> throw BadCase("not a corpus string: ${show(v)}")
    }

    private fun isStringForm(v: Any?) = v is Map<*, *> && (v.containsKey("repeat") || v.containsKey("concat"))

    /** Expected values may use the string forms anywhere a string goes. */
    fun expand(v: Any?): Any? = when {
        isStringForm(v) -> text(v)
        v is List<*> -> v.map { expand(it) }
        v is Map<*, *> -> v.entries.associate { (k, x) -> k to expand(x) }
        else -> v
    }

    private fun field(case: Map<*, *>, key: String): Any? {
        if (!case.containsKey(key)) throw BadCase("missing \"$key\"")
        return case[key]
    }

    private fun str(case: Map<*, *>, key: String) = text(field(case, key))

    private fun tone(v: Any?): Tone = when (v) {
        "Formal" -> Tone.FORMAL
        "Informal" -> Tone.INFORMAL
        else -> throw BadCase("unknown tone ${show(v)}")
    }

    /** `locale` absent or null: the primary constructor; otherwise `forLocale(tag)`. */
    private fun greeter(case: Map<*, *>): Greeter = when (val tag = case["locale"]) {
        null -> Greeter()
        else -> Greeter.forLocale(text(tag))
    }

    private fun options(v: Any?): GreetOptions {
        val o = v as? Map<*, *> ?: throw BadCase("\"options\" is not an object")
        val unknown = o.keys - setOf("tone", "title", "exclaim")
        if (unknown.isNotEmpty()) throw BadCase("unknown option(s) $unknown")
        val options = GreetOptions() // fields left out take the GreetOptions defaults
        if (o.containsKey("tone")) options.tone = tone(o["tone"])
        if (o.containsKey("title")) options.title = o["title"]?.let { text(it) }
        if (o.containsKey("exclaim")) options.exclaim = o["exclaim"] as? Boolean ?: throw BadCase("\"exclaim\" is not a boolean")
        return options
    }

    private fun salutation(v: Any?): Salutation {
        val o = v as? Map<*, *> ?: throw BadCase("\"salutation\" is not an object")
        return when (o.keys) {
            setOf("custom") -> Salutation.Custom(text(o["custom"]))
            setOf("phrasebook") -> Salutation.Phrasebook(tone(o["phrasebook"]))
            else -> throw BadCase("salutation must be {\"phrasebook\": tone} or {\"custom\": text}")
        }
    }

    /** Runs one case's call; the outcome as a JSON-like value. GreetException propagates. */
    private fun call(case: Map<*, *>): Any? = when (val call = case["call"]) {
        "greet" -> uniffi.greet.greet(str(case, "greeting"), str(case, "name"))
        "Greeter.greet" -> greeter(case).use { it.greet(str(case, "name")) }
        "Greeter.greet_with" -> greeter(case).use { it.greetWith(str(case, "name"), options(field(case, "options"))) }
        "Greeter.salute" -> greeter(case).use { it.salute(salutation(field(case, "salutation")), str(case, "name")) }
        "Greeter.greet_all" -> {
            val names = field(case, "names") as? List<*> ?: throw BadCase("\"names\" is not an array")
            greeter(case).use { it.greetAll(names.map { n -> text(n) }) }
        }
        "Greeter.for_locale" -> Greeter.forLocale(str(case, "tag")).use { g -> g.locale().use { it.tag() } }
        "Locale" -> Locale(str(case, "tag")).use { l ->
            mapOf(
                "tag" to l.tag(),
                "native_name" to l.nativeName(),
                "is_rtl" to l.isRtl(),
                "informal" to l.phrase(Tone.INFORMAL),
                "formal" to l.phrase(Tone.FORMAL),
            )
        }
        else -> throw BadCase("unknown call ${show(call)}")
    }
}
