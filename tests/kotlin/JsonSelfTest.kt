// The corpus is only as trustworthy as the parser that reads it: check the parser first.
package greettest

object JsonSelfTest {
    private const val W = "json"

    private fun ok(text: String, expected: Any?) {
        val got = try { Json.parse(text) } catch (e: JsonException) { "error: ${e.message}" }
        Check.eq(W, got, expected, "parse ${Check.show(text)}")
    }

    private fun bad(text: String) {
        Check.throws<JsonException>("$W rejects ${Check.show(text)}") { Json.parse(text) }
    }

    fun run() {
        ok("null", null)
        ok(" true ", true)
        ok("false", false)
        ok("0", 0L)
        ok("-12", -12L)
        ok("1048576", 1048576L)
        ok("1.5", 1.5)
        ok("-2e3", -2000.0)
        ok("1E+2", 100.0)
        ok("9223372036854775808", 9.223372036854775808e18)
        ok("\"\"", "")
        ok("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\u000C\n\r\t")
        ok("\"\\u0000\\u001f\\u00e9\\u20AC\"", "\u0000\u001F\u00E9\u20AC")
        ok("\"\\ud83d\\ude00\"", "😀")                    // surrogate pair escape
        ok("\"\\uD834\\uDD1E x\"", "\uD834\uDD1E x")     // upper-case hex
        ok("\"😀 é 日本\"", "😀 é 日本")                  // raw non-ASCII
        ok("[]", emptyList<Any?>())
        ok("[1, \"a\", [true], {}]", listOf(1L, "a", listOf(true), emptyMap<String, Any?>()))
        ok("{\"a\": {\"b\": [null]}, \"c\": 2}", mapOf("a" to mapOf("b" to listOf(null)), "c" to 2L))
        ok("\t\r\n{ \"k\" : \"v\" }\n", mapOf("k" to "v"))
        Check.eq(W, (Json.parse("{\"z\":1,\"a\":2,\"m\":3}") as Map<*, *>).keys.toList(), listOf("z", "a", "m"), "key order kept")
        Check.isTrue(W, (Json.parse("{\"k\": null}") as Map<*, *>).containsKey("k")) { "null member kept" }

        bad("")
        bad("[1,]")
        bad("{\"a\":1,}")
        bad("{\"a\" 1}")
        bad("{a:1}")
        bad("{\"a\":1,\"a\":2}")            // duplicate key
        bad("[1] x")                        // trailing garbage
        bad("01")
        bad("1.")
        bad(".5")
        bad("-")
        bad("1e")
        bad("+1")
        bad("tru")
        bad("nul")
        bad("'a'")
        bad("\"abc")
        bad("\"a\nb\"")                     // raw control character
        bad("\"\\x\"")                      // invalid escape
        bad("\"\\u12\"")
        bad("\"\\u12G4\"")
        bad("\"\\u１２３４\"")              // full-width digits are not hex
        bad("\"\\ud83d\"")                  // lone high surrogate
        bad("\"\\ud83dx\"")
        bad("\"\\ud83d\\u0041\"")           // high surrogate + non-low
        bad("\"\\ude00\"")                  // lone low surrogate
        bad("[".repeat(1000) + "]".repeat(1000))
    }
}
