// The Swift test of the greet bindings: every item of greet.udl, threads, async/await, and the
// shared conformance corpus. Plain top-level code, no XCTest. Exits non-zero on any failure and
// names each failed case id.
//
// Environment: GREET_CORPUS (default <repo>/tests/conformance/corpus.json, found from this file's
// compile-time path). libgreet is found by the dynamic linker (LD_LIBRARY_PATH=$GREET_LIB_DIR),
// see scripts/test-swift.sh.
import Foundation
import Greet

setvbuf(stdout, nil, _IOLBF, 0)

let environment = ProcessInfo.processInfo.environment
let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let corpusPath = environment["GREET_CORPUS"].flatMap { $0.isEmpty ? nil : $0 }
    ?? repoRoot.appendingPathComponent("tests/conformance/corpus.json").path

let checks = Checks()
print("swift: corpus \(corpusPath)")

// The corpus loader must keep every code point, NUL included, or corpus cases prove nothing.
if let parsed = try? JSONSerialization.jsonObject(with: Data("[\"a\\u0000b\\ud83d\\ude00\"]".utf8)) as? [String],
   let first = parsed.first {
    checks.equal("loader.json", Array(first.utf8), [0x61, 0x00, 0x62, 0xF0, 0x9F, 0x98, 0x80], "JSON string bytes")
} else {
    checks.fail("loader.json", "JSONSerialization did not parse a string list")
}

var corpusCases = 0
var corpusLocales: [String: [String: Any]] = [:]
do {
    let corpus = try Corpus.load(path: corpusPath)
    for testCase in corpus.cases where (testCase["call"] as? String) == "Locale" {
        if let expect = testCase["expect"] as? [String: Any], let tag = expect["tag"] as? String {
            corpusLocales[tag] = expect
        }
    }
    corpusCases = runCorpus(corpus, checks)
    checks.equal("corpus", corpusCases, corpus.cases.count, "corpus cases executed")
    checks.check("corpus", corpusCases > 0, "the corpus has no cases")
} catch {
    checks.fail("corpus", "cannot load \(corpusPath): \(error)")
}

testFunctions(checks, corpusLocales: corpusLocales)
testLocale(checks)
testGreeter(checks)
testDecorators(checks)
testThreads(checks)
await testAsync(checks)

let failures = checks.failures
print("swift: \(corpusCases) corpus cases, \(checks.passed) checks passed")
print("swift: \(checks.passed) passed, \(failures.count) failed")
if !failures.isEmpty {
    print("swift: FAILED cases: \(checks.failedIds.joined(separator: ", "))")
    exit(1)
}
