// Runs the shared conformance corpus (tests/conformance/corpus.json) against the Swift bindings.
//
// The corpus is the one contract for every language binding; its "about" field defines it:
// each case calls `call` with its arguments and expects `expect` (a value) or `error` (a
// GreetError variant name). Every case is executed; an unknown `call` or a malformed case fails.
import Foundation
import Greet

struct CorpusError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A parsed corpus file.
struct Corpus {
    let path: String
    let maxNameLength: Int?
    let cases: [[String: Any]]

    static func load(path: String) throws -> Corpus {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CorpusError("\(path): the top level is not an object")
        }
        guard let cases = root["cases"] as? [[String: Any]] else {
            throw CorpusError("\(path): no \"cases\" array of objects")
        }
        return Corpus(path: path, maxNameLength: (root["max_name_length"] as? NSNumber)?.intValue,
                      cases: cases)
    }
}

/// A corpus string: plain, {"repeat": s, "times": n} or {"concat": [parts]}.
func corpusString(_ value: Any?, _ field: String) throws -> String {
    if let string = value as? String {
        return string
    }
    if let object = value as? [String: Any] {
        if let unit = object["repeat"], let times = object["times"] as? NSNumber, object.count == 2 {
            return String(repeating: try corpusString(unit, field), count: times.intValue)
        }
        if let parts = object["concat"] as? [Any], object.count == 1 {
            return try parts.map { try corpusString($0, field) }.joined()
        }
    }
    throw CorpusError("\(field): not a corpus string: \(show(value as Any))")
}

func corpusBool(_ value: Any?, _ field: String) throws -> Bool {
    if let bool = value as? Bool {
        return bool
    }
    throw CorpusError("\(field): not a boolean: \(show(value as Any))")
}

func corpusTone(_ value: Any?, _ field: String) throws -> Tone {
    switch value as? String {
    case "Formal": return .formal
    case "Informal": return .informal
    default: throw CorpusError("\(field): not a Tone: \(show(value as Any))")
    }
}

func corpusOptions(_ value: Any?) throws -> GreetOptions {
    guard let object = value as? [String: Any] else {
        throw CorpusError("options: not an object: \(show(value as Any))")
    }
    var options = GreetOptions() // fields left out take the GreetOptions defaults
    for (key, field) in object {
        switch key {
        case "tone": options.tone = try corpusTone(field, "options.tone")
        case "title": options.title = field is NSNull ? nil : try corpusString(field, "options.title")
        case "exclaim": options.exclaim = try corpusBool(field, "options.exclaim")
        default: throw CorpusError("options: unknown field \"\(key)\"")
        }
    }
    return options
}

func corpusSalutation(_ value: Any?) throws -> Salutation {
    guard let object = value as? [String: Any], object.count == 1, let entry = object.first else {
        throw CorpusError("salutation: not a one-field object: \(show(value as Any))")
    }
    let (key, field) = (entry.key, entry.value)
    switch key {
    case "phrasebook": return .phrasebook(tone: try corpusTone(field, "salutation.phrasebook"))
    case "custom": return .custom(text: try corpusString(field, "salutation.custom"))
    default: throw CorpusError("salutation: unknown kind \"\(key)\"")
    }
}

/// `locale` null (or absent) means the primary `Greeter()` constructor.
func corpusGreeter(_ testCase: [String: Any]) throws -> Greeter {
    let locale = testCase["locale"]
    if locale == nil || locale is NSNull {
        return Greeter()
    }
    return try Greeter.forLocale(tag: try corpusString(locale, "locale"))
}

/// What one case produced: a value to compare with `expect`.
enum Outcome {
    case string(String)
    case strings([String])
    case locale(Greet.Locale)
}

/// Runs every case of `corpus`; returns how many were executed.
func runCorpus(_ corpus: Corpus, _ checks: Checks) -> Int {
    if let max = corpus.maxNameLength {
        checks.equal("corpus.max_name_length", Int(maxNameLength()), max, "maxNameLength()")
    }
    var executed = 0
    var ids = Set<String>()
    for (index, testCase) in corpus.cases.enumerated() {
        let id = (testCase["id"] as? String) ?? "case#\(index)"
        checks.check(id, ids.insert(id).inserted, "duplicate case id")
        executed += 1
        runCase(id, testCase, corpus, checks)
    }
    return executed
}

func runCase(_ id: String, _ testCase: [String: Any], _ corpus: Corpus, _ checks: Checks) {
    guard let call = testCase["call"] as? String else {
        checks.fail(id, "no \"call\"")
        return
    }
    let expect = testCase["expect"]
    let expectedError = testCase["error"]
    if (expect == nil) == (expectedError == nil) {
        checks.fail(id, "a case needs exactly one of \"expect\" and \"error\"")
        return
    }

    // Arguments are decoded first, so a malformed case is reported as such, not as a failed call.
    let action: () throws -> Outcome
    do {
        switch call {
        case "greet":
            let greeting = try corpusString(testCase["greeting"], "greeting")
            let name = try corpusString(testCase["name"], "name")
            action = { .string(greet(greeting: greeting, name: name)) }
        case "Locale":
            let tag = try corpusString(testCase["tag"], "tag")
            action = { .locale(try Greet.Locale(tag: tag)) }
        case "Greeter.for_locale":
            let tag = try corpusString(testCase["tag"], "tag")
            action = { .locale(try Greeter.forLocale(tag: tag).locale()) }
        case "Greeter.greet":
            let name = try corpusString(testCase["name"], "name")
            action = { .string(try corpusGreeter(testCase).greet(name: name)) }
        case "Greeter.greet_with":
            let name = try corpusString(testCase["name"], "name")
            let options = try corpusOptions(testCase["options"] ?? [String: Any]())
            action = { .string(try corpusGreeter(testCase).greetWith(name: name, options: options)) }
        case "Greeter.salute":
            let name = try corpusString(testCase["name"], "name")
            let salutation = try corpusSalutation(testCase["salutation"])
            action = { .string(try corpusGreeter(testCase).salute(salutation: salutation, name: name)) }
        case "Greeter.greet_all":
            guard let list = testCase["names"] as? [Any] else { throw CorpusError("names: not a list") }
            let names = try list.map { try corpusString($0, "names[]") }
            action = { .strings(try corpusGreeter(testCase).greetAll(names: names)) }
        default:
            checks.fail(id, "unknown call \"\(call)\"")
            return
        }
    } catch {
        checks.fail(id, "malformed case: \(error)")
        return
    }

    if let expectedError {
        guard let variant = expectedError as? String else {
            checks.fail(id, "\"error\" is not a variant name")
            return
        }
        let error = checks.throwsGreetError(id, call, variant: variant) { try action() }
        if let error { checkErrorFields(id, error, testCase, corpus, checks) }
        return
    }

    let outcome: Outcome
    do {
        outcome = try action()
    } catch {
        checks.fail(id, "\(call) threw \(show(error)), expected \(show(expect as Any))")
        return
    }
    do {
        try compare(id, outcome, expect as Any, checks)
    } catch {
        checks.fail(id, "malformed expect: \(error)")
    }
}

/// The associated values a variant carries must describe the offending input.
func checkErrorFields(_ id: String, _ error: GreetError, _ testCase: [String: Any],
                      _ corpus: Corpus, _ checks: Checks) {
    switch error {
    case let .NameTooLong(length, max):
        if let limit = corpus.maxNameLength {
            checks.equal(id, Int(max), limit, "NameTooLong.max")
        }
        if let name = try? corpusString(testCase["name"], "name") {
            checks.equal(id, Int(length), name.unicodeScalars.count, "NameTooLong.length")
        }
    case let .EmptyName(name):
        if let given = try? corpusString(testCase["name"], "name") {
            checks.same(id, name, given, "EmptyName.name")
        }
    case let .UnknownLocale(locale):
        if let tag = try? corpusString(testCase["tag"] ?? testCase["locale"], "tag") {
            checks.same(id, locale, tag, "UnknownLocale.locale")
        }
    case .EmptySalutation, .DecoratorFailed:
        break
    }
}

func compare(_ id: String, _ outcome: Outcome, _ expect: Any, _ checks: Checks) throws {
    switch outcome {
    case let .string(actual):
        checks.same(id, actual, try corpusString(expect, "expect"))
    case let .strings(actual):
        guard let list = expect as? [Any] else { throw CorpusError("expected a list") }
        checks.same(id, actual, try list.map { try corpusString($0, "expect[]") })
    case let .locale(locale):
        if expect is String {
            checks.same(id, locale.tag(), try corpusString(expect, "expect"), "tag")
            return
        }
        guard let object = expect as? [String: Any] else { throw CorpusError("expected a locale object") }
        for (key, field) in object {
            switch key {
            case "tag":
                let tag = try corpusString(field, "expect.tag")
                checks.same(id, locale.tag(), tag, "tag()")
                checks.same(id, locale.description, tag, "description")
            case "native_name": checks.same(id, locale.nativeName(), try corpusString(field, key), "nativeName()")
            case "is_rtl": checks.equal(id, locale.isRtl(), try corpusBool(field, key), "isRtl()")
            case "informal": checks.same(id, locale.phrase(tone: .informal), try corpusString(field, key), "phrase(.informal)")
            case "formal": checks.same(id, locale.phrase(tone: .formal), try corpusString(field, key), "phrase(.formal)")
            default: throw CorpusError("unknown locale field \"\(key)\"")
            }
        }
    }
}
