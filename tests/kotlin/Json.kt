// A small, strict JSON (RFC 8259) parser: no JSON library is available offline.
//
// Values map to: object -> LinkedHashMap<String, Any?> (document order, duplicate keys
// rejected), array -> List<Any?>, string -> String, number -> Long when it is an integer
// that fits, otherwise Double, true/false -> Boolean, null -> null.
// Strings accept every escape, including \uXXXX surrogate pairs; lone surrogates, raw
// control characters, bad escapes, trailing commas, leading zeros and trailing garbage
// are errors. Input must be valid UTF-8 (decoded strictly, not with replacement).
package greettest

import java.io.File
import java.nio.ByteBuffer
import java.nio.charset.CodingErrorAction

class JsonException(message: String) : Exception(message)

object Json {
    fun parse(text: String): Any? = Parser(text).parseDocument()

    fun parseFile(file: File): Any? {
        val decoder = Charsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        val text = try {
            decoder.decode(ByteBuffer.wrap(file.readBytes())).toString()
        } catch (e: java.nio.charset.CharacterCodingException) {
            throw JsonException("$file is not valid UTF-8: $e")
        }
        return parse(text.removePrefix("\uFEFF"))
    }

    private class Parser(private val s: String) {
        private var i = 0

        fun parseDocument(): Any? {
            skipWs()
            val v = value(0)
            skipWs()
            if (i != s.length) fail("trailing characters after the JSON value")
            return v
        }

        private fun fail(msg: String): Nothing {
            val line = 1 + s.substring(0, minOf(i, s.length)).count { it == '\n' }
            throw JsonException("JSON error at offset $i (line $line): $msg")
        }

        private fun skipWs() {
            while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++
        }

        private fun expectLiteral(word: String) {
            if (!s.startsWith(word, i)) fail("invalid literal")
            i += word.length
        }

        private fun value(depth: Int): Any? {
            if (depth > 512) fail("nesting too deep")
            if (i >= s.length) fail("unexpected end of input")
            return when (val c = s[i]) {
                '{' -> obj(depth)
                '[' -> arr(depth)
                '"' -> str()
                't' -> { expectLiteral("true"); true }
                'f' -> { expectLiteral("false"); false }
                'n' -> { expectLiteral("null"); null }
                else -> if (c == '-' || c in '0'..'9') num() else fail("unexpected character '${c}'")
            }
        }

        private fun obj(depth: Int): Map<String, Any?> {
            val out = LinkedHashMap<String, Any?>()
            i++ // {
            skipWs()
            if (i < s.length && s[i] == '}') { i++; return out }
            while (true) {
                skipWs()
                if (i >= s.length || s[i] != '"') fail("expected a string key")
                val key = str()
                skipWs()
                if (i >= s.length || s[i] != ':') fail("expected ':'")
                i++
                skipWs()
                if (out.containsKey(key)) fail("duplicate key \"$key\"")
                out[key] = value(depth + 1)
                skipWs()
                if (i >= s.length) fail("unterminated object")
                when (s[i]) {
                    ',' -> i++
                    '}' -> { i++; return out }
                    else -> fail("expected ',' or '}'")
                }
            }
        }

        private fun arr(depth: Int): List<Any?> {
            val out = ArrayList<Any?>()
            i++ // [
            skipWs()
            if (i < s.length && s[i] == ']') { i++; return out }
            while (true) {
                skipWs()
                out.add(value(depth + 1))
                skipWs()
                if (i >= s.length) fail("unterminated array")
                when (s[i]) {
                    ',' -> i++
                    ']' -> { i++; return out }
                    else -> fail("expected ',' or ']'")
                }
            }
        }

        private fun hex4(): Int {
            if (i + 4 > s.length) fail("truncated \\u escape")
            var v = 0
            for (k in 0 until 4) {
                val c = s[i + k]
                val d = when (c) {
                    in '0'..'9' -> c - '0'
                    in 'a'..'f' -> c - 'a' + 10
                    in 'A'..'F' -> c - 'A' + 10
                    else -> fail("bad hex digit in \\u escape")
                }
                v = v * 16 + d
            }
            i += 4
            return v
        }

        private fun str(): String {
            i++ // opening quote
            val sb = StringBuilder()
            while (true) {
                if (i >= s.length) fail("unterminated string")
                val c = s[i]
                when {
                    c == '"' -> { i++; return sb.toString() }
                    c == '\\' -> {
                        i++
                        if (i >= s.length) fail("unterminated escape")
                        val e = s[i++]
                        when (e) {
                            '"' -> sb.append('"')
                            '\\' -> sb.append('\\')
                            '/' -> sb.append('/')
                            'b' -> sb.append('\b')
                            'f' -> sb.append('\u000C')
                            'n' -> sb.append('\n')
                            'r' -> sb.append('\r')
                            't' -> sb.append('\t')
                            'u' -> {
                                val u = hex4()
                                when {
                                    u in 0xD800..0xDBFF -> {
                                        if (!s.startsWith("\\u", i)) fail("lone high surrogate \\u%04X".format(u))
                                        i += 2
                                        val low = hex4()
                                        if (low !in 0xDC00..0xDFFF) fail("high surrogate not followed by a low one")
                                        sb.append(u.toChar()).append(low.toChar())
                                    }
                                    u in 0xDC00..0xDFFF -> fail("lone low surrogate \\u%04X".format(u))
                                    else -> sb.append(u.toChar())
                                }
                            }
                            else -> { i--; fail("invalid escape \\$e") }
                        }
                    }
                    c < ' ' -> fail("raw control character U+%04X in string".format(c.code))
                    else -> { sb.append(c); i++ }
                }
            }
        }

        private fun num(): Any {
            val start = i
            if (s[i] == '-') i++
            if (i >= s.length) fail("truncated number")
            if (s[i] == '0') {
                i++
            } else if (s[i] in '1'..'9') {
                while (i < s.length && s[i] in '0'..'9') i++
            } else fail("invalid number")
            var integral = true
            if (i < s.length && s[i] == '.') {
                integral = false
                i++
                if (i >= s.length || s[i] !in '0'..'9') fail("digit expected after '.'")
                while (i < s.length && s[i] in '0'..'9') i++
            }
            if (i < s.length && (s[i] == 'e' || s[i] == 'E')) {
                integral = false
                i++
                if (i < s.length && (s[i] == '+' || s[i] == '-')) i++
                if (i >= s.length || s[i] !in '0'..'9') fail("digit expected in exponent")
                while (i < s.length && s[i] in '0'..'9') i++
            }
            val text = s.substring(start, i)
            if (integral) text.toLongOrNull()?.let { return it }
            return text.toDouble()
        }
    }
}
