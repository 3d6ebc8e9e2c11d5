// Entry point of the Kotlin test run: API tests, JSON parser self-test, conformance corpus.
//
//   java -Djna.library.path=target/debug -cp ... greettest.MainKt [--corpus FILE] [--lib-dir DIR]
//
// The corpus defaults to $GREET_CORPUS, else tests/conformance/corpus.json under the repo
// root; the library dir to $GREET_LIB_DIR (when -Djna.library.path is not given), else
// target/debug. The repo root is $GREET_REPO_ROOT, else the nearest ancestor of the
// working directory holding greet.udl. Exits 1 on any failure, 2 on bad usage.
package greettest

import java.io.File
import kotlin.system.exitProcess

private fun repoRoot(): File {
    System.getenv("GREET_REPO_ROOT")?.takeIf { it.isNotEmpty() }?.let { return File(it).absoluteFile }
    var dir: File? = File("").absoluteFile
    while (dir != null) {
        if (File(dir, "greet.udl").isFile) return dir
        dir = dir.parentFile
    }
    return File("").absoluteFile
}

fun main(args: Array<String>) {
    var corpusArg: String? = null
    var libArg: String? = null
    var i = 0
    while (i < args.size) {
        when (args[i]) {
            "--corpus" -> corpusArg = args.getOrNull(++i)
            "--lib-dir" -> libArg = args.getOrNull(++i)
            else -> { System.err.println("usage: [--corpus FILE] [--lib-dir DIR]"); exitProcess(2) }
        }
        i++
    }
    val root = repoRoot()
    val corpus = File(corpusArg ?: System.getenv("GREET_CORPUS")?.takeIf { it.isNotEmpty() }
        ?: File(root, "tests/conformance/corpus.json").path)
    // Must be set before the bindings load the library (on their first call).
    val libDir = libArg ?: System.getProperty("jna.library.path")?.takeIf { it.isNotEmpty() }
        ?: System.getenv("GREET_LIB_DIR")?.takeIf { it.isNotEmpty() } ?: File(root, "target/debug").path
    System.setProperty("jna.library.path", File(libDir).absolutePath)
    println("kotlin: library dir ${File(libDir).absolutePath}, corpus $corpus")

    Check.test("JSON parser self-test") { JsonSelfTest.run() }
    ApiTests.runAll()
    HardeningTests.runAll()
    var cases = 0
    Check.test("conformance corpus") { cases = Corpus.run(corpus) }

    val failures = Check.failures
    if (failures.isNotEmpty()) {
        System.err.println("\nFAILURES (${failures.size}):")
        failures.forEach { System.err.println("  $it") }
        println("kotlin: $cases corpus cases, ${Check.passed} checks passed, ${failures.size} FAILED")
        exitProcess(1)
    }
    println("kotlin: $cases corpus cases, ${Check.passed} checks passed")
    exitProcess(0) // do not wait for Rust's sleeping delay threads or the JNA cleaner
}
