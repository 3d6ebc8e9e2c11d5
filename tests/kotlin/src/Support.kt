// Helpers the suites share: where the repository is, and a readable rendering of values for
// failure messages.
package greettest

import java.io.File

/** The repository root: -Dgreet.repo.root (set by the Maven build), else $GREET_REPO_ROOT, else
 * the nearest ancestor of the working directory that holds greet.udl. */
fun repoRoot(): File {
    System.getProperty("greet.repo.root")?.takeIf { it.isNotEmpty() }?.let { return File(it).absoluteFile }
    System.getenv("GREET_REPO_ROOT")?.takeIf { it.isNotEmpty() }?.let { return File(it).absoluteFile }
    var dir: File? = File("").absoluteFile
    while (dir != null) {
        if (File(dir, "greet.udl").isFile) return dir
        dir = dir.parentFile
    }
    return File("").absoluteFile
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
