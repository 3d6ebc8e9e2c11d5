// A native library that does not match the Kotlin sources is refused when it loads, never
// called (docs/hardening.md, "A stale or mismatched library"). JNI backend only: uniffi's
// bindings over JNA have uniffi's own checksum check.
package greettest

import java.io.File
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import uniffi.greet.UniffiLib

class LibraryMismatchTests {
    @Test
    fun theLibraryMatchesTheseSources() {
        assertNull(UniffiLib.uniffiCheckNative(UniffiLib.UNIFFI_INTERFACE_FINGERPRINT))
    }

    @Test
    fun sourcesGeneratedForAnotherInterfaceAreNamed() {
        val message = UniffiLib.uniffiCheckNative("0123456789abcdef")
        check(message != null) { "a mismatched fingerprint was accepted" }
        assertTrue("libgreet_jni" in message, message)
        assertTrue("does not match its bindings" in message, message)
        assertTrue("the Kotlin package `uniffi.greet` was generated for another interface" in message, message)
        assertTrue("interface fingerprint 0123456789abcdef" in message, message)
        assertTrue("regenerate the bindings (`" in message && "rebuild the glue crate (`cargo build" in message, message)
    }

    /**
     * In a fresh JVM, the package's first use loads a library that is not its glue (here the
     * component's own cdylib, which has no JNI natives, as a library built before the check
     * existed): IncompatibleLibraryError, an UnsatisfiedLinkError, naming what to run.
     */
    @Test
    fun aLibraryWithoutTheCheckIsRefusedAtLoad() {
        val lib = System.getProperty("java.library.path").split(File.pathSeparator)
            .map { File(it, System.mapLibraryName("greet")) }
            .firstOrNull { it.isFile }
        check(lib != null) { "no libgreet on java.library.path" }
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(
            java,
            "-cp", System.getProperty("java.class.path"),
            "-Duniffi.component.greet.libraryOverride=${lib.absolutePath}",
            "greettest.LibraryMismatchTestsKt",
        ).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(120, TimeUnit.SECONDS)) { "the probe JVM did not finish" }
        assertEquals(0, process.exitValue(), output)
        val lines = output.trim().lines()
        assertEquals("uniffi.greet.IncompatibleLibraryError true", lines.first(), output)
        assertTrue("${lib.absolutePath} does not match its bindings: it has no interface check" in output, output)
        assertTrue("regenerate the bindings (`" in output && "rebuild the glue crate (`cargo build" in output, output)
    }
}

/** The probe of [LibraryMismatchTests.aLibraryWithoutTheCheckIsRefusedAtLoad]: the first call. */
fun main() {
    try {
        println("loaded: " + uniffi.greet.greet("a", "b"))
    } catch (e: Throwable) {
        println("${e.javaClass.name} ${e is UnsatisfiedLinkError}")
        println(e.message)
    }
}
