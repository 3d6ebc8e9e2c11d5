// Tests of every item of greet.udl through the Swift bindings, beyond the shared corpus.
// The bindings' `Locale` is written `Greet.Locale`: next to `import Foundation` the bare name is
// ambiguous with Foundation.Locale (a compile error), as it is for any app using both.
import Dispatch
import Foundation
import Greet

/// A Swift implementation of the Rust-declared `Decorator` trait that counts its calls.
final class Bracket: Decorator, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String] = []
    private var callCount = 0
    let keepSeen: Bool

    init(keepSeen: Bool = true) { self.keepSeen = keepSeen }

    var calls: Int { lock.withLock { callCount } }
    var greetings: [String] { lock.withLock { seen } }

    func decorate(greeting: String) throws -> String {
        lock.withLock {
            callCount += 1
            if keepSeen { seen.append(greeting) }
        }
        return "[" + greeting + "]"
    }
}

/// A decorator that refuses with a typed `GreetError`.
final class Refuse: Decorator {
    func decorate(greeting: String) throws -> String {
        throw GreetError.DecoratorFailed(reason: "refused: " + greeting)
    }
}

/// An error that is not a `GreetError`: the bindings must turn it into DecoratorFailed.
struct Oops: Error {
    let why: String
}

final class Explode: Decorator {
    func decorate(greeting: String) throws -> String {
        throw Oops(why: "boom")
    }
}

/// A thread-safe flag.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Sets a flag when deallocated, to prove the bindings release a foreign object.
final class Tracked: Decorator {
    let released: Flag
    init(released: Flag) { self.released = released }
    deinit { released.set() }
    func decorate(greeting: String) throws -> String { greeting + "." }
}

func testFunctions(_ c: Checks, corpusLocales: [String: [String: Any]]) {
    let id = "api.functions"
    c.same(id, greet(greeting: "Salutations", name: "friend"), "Salutations, friend", "greet()")
    c.same(id, greet(greeting: "", name: ""), ", ", "greet(empty)")
    c.equal(id, maxNameLength(), UInt32(256), "maxNameLength()")

    let locales = supportedLocales()
    let tags = locales.map { $0.tag() }
    c.check(id, !locales.isEmpty, "supportedLocales() is empty")
    c.equal(id, tags, tags.sorted(), "supportedLocales() ordered by tag")
    c.equal(id, Set(tags).count, tags.count, "supportedLocales() distinct tags")
    c.equal(id, Set(locales).count, locales.count, "supportedLocales() distinct as a Set<Greet.Locale>")
    for tag in corpusLocales.keys.sorted() {
        c.check(id, tags.contains(tag), "supportedLocales() lacks corpus locale \(tag): \(tags)")
    }
    for locale in locales {
        let tag = locale.tag()
        if let again = c.run(id, "Greet.Locale(tag: \(tag.uppercased()))", { try Greet.Locale(tag: tag.uppercased()) }) {
            c.check(id, again == locale, "Greet.Locale(tag: \(tag.uppercased())) != supportedLocales() entry \(tag)")
            c.equal(id, again.hashValue, locale.hashValue, "hash of \(tag)")
            c.same(id, again.nativeName(), locale.nativeName(), "nativeName of \(tag)")
        }
    }
}

func testLocale(_ c: Checks) {
    let id = "api.locale"
    guard let en = c.run(id, "Greet.Locale(tag: en)", { try Greet.Locale(tag: "en") }),
          let EN = c.run(id, "Greet.Locale(tag: EN)", { try Greet.Locale(tag: "EN") }),
          let ar = c.run(id, "Greet.Locale(tag: ar)", { try Greet.Locale(tag: "ar") }),
          let ja = c.run(id, "Greet.Locale(tag: Ja)", { try Greet.Locale(tag: "Ja") }) else { return }
    // Equatable / Hashable by tag, across distinct objects.
    c.check(id, en == EN, "Greet.Locale(en) == Greet.Locale(EN)")
    c.check(id, !(en === EN), "two constructor calls give two objects")
    c.check(id, en != ar, "Greet.Locale(en) != Greet.Locale(ar)")
    c.check(id, !(ar == ja), "Locale(ar) != Locale(ja)")
    c.equal(id, en.hashValue, EN.hashValue, "hashValue of en and EN")
    c.equal(id, Set([en, EN, ar, ja, ar]).count, 3, "Set<Greet.Locale> count")
    let byLocale: [Greet.Locale: String] = [en: "english", ar: "arabic"]
    c.equal(id, byLocale[EN], "english", "Dictionary lookup by an equal Locale")
    // CustomStringConvertible prints the tag; debugDescription is Rust's Debug.
    c.same(id, en.description, "en", "description")
    c.same(id, "\(ar)", "ar", "string interpolation")
    c.same(id, String(describing: ja), "ja", "String(describing:)")
    c.same(id, en.debugDescription, "Locale(\"en\")", "debugDescription")
    // Methods.
    c.same(id, en.tag(), "en", "tag()")
    c.same(id, ar.nativeName(), "العربية", "nativeName()")
    c.equal(id, ar.isRtl(), true, "ar.isRtl()")
    c.equal(id, en.isRtl(), false, "en.isRtl()")
    c.same(id, en.phrase(tone: .informal), "Hi", "phrase(.informal)")
    c.same(id, en.phrase(tone: .formal), "Good day", "phrase(.formal)")
    c.same(id, ja.phrase(tone: .formal), "こんにちは", "ja phrase(.formal)")
    // The throwing constructor.
    if let error = c.throwsGreetError(id, "Greet.Locale(tag: xx)", variant: "UnknownLocale", { try Greet.Locale(tag: "xx") }) {
        c.equal(id, error, GreetError.UnknownLocale(locale: "xx"), "error value")
        c.check(id, (error.errorDescription ?? "").contains("UnknownLocale"),
                "errorDescription: \(show(error.errorDescription as Any))")
    }
    c.throwsGreetError(id, "Greet.Locale(tag: \"\")", variant: "UnknownLocale") { try Greet.Locale(tag: "") }
}

func testGreeter(_ c: Checks) {
    let id = "api.greeter"
    let g = Greeter()
    c.same(id, g.locale().tag(), "en", "Greeter().locale()")
    c.same(id, g.description, "Greeter(locale=en, greeted=0)", "Greeter description")
    c.equal(id, g.total(), 0, "total() of a new greeter")
    c.equal(id, g.counts(), [:], "counts() of a new greeter")
    c.check(id, g.lastGreeting() == nil, "lastGreeting() of a new greeter is \(show(g.lastGreeting() as Any))")
    if let ja = c.run(id, "Greeter.forLocale(tag: ja)", { try Greeter.forLocale(tag: "ja") }) {
        c.same(id, ja.locale().tag(), "ja", "forLocale(ja).locale()")
        c.same(id, (try? ja.greet(name: "友達")) ?? "<threw>", "やあ、友達", "ja greet")
    }
    if let fr = c.run(id, "Greeter.forLocale(tag: FR)", { try Greeter.forLocale(tag: "FR") }) {
        c.check(id, fr.locale() == (try? Greet.Locale(tag: "fr")), "forLocale(FR).locale() == Greet.Locale(fr)")
    }
    if let error = c.throwsGreetError(id, "Greeter.forLocale(tag: xx)", variant: "UnknownLocale", {
        try Greeter.forLocale(tag: "xx")
    }) {
        c.equal(id, error, GreetError.UnknownLocale(locale: "xx"), "error value")
    }

    // greet / greetWith and GreetOptions defaults.
    c.same(id, c.run(id, "greet(bob)", { try g.greet(name: "bob") }) ?? "", "Hi, bob", "greet(bob)")
    let defaults = GreetOptions()
    c.equal(id, defaults.tone, Tone.informal, "GreetOptions().tone")
    c.check(id, defaults.title == nil, "GreetOptions().title is \(show(defaults.title as Any))")
    c.equal(id, defaults.exclaim, false, "GreetOptions().exclaim")
    c.equal(id, defaults, GreetOptions(tone: .informal, title: nil, exclaim: false), "GreetOptions() ==")
    c.check(id, defaults != GreetOptions(exclaim: true), "GreetOptions(exclaim: true) != defaults")
    c.same(id, c.run(id, "greetWith(defaults)", { try g.greetWith(name: "bob", options: defaults) }) ?? "",
           "Hi, bob", "greetWith(defaults) == greet")
    c.same(id, c.run(id, "greetWith(formal, Dr., !)", {
        try g.greetWith(name: "bob", options: GreetOptions(tone: .formal, title: "Dr.", exclaim: true))
    }) ?? "", "Good day, Dr. bob!", "greetWith(formal, Dr., !)")
    c.same(id, c.run(id, "greetWith(title: only)", { try g.greetWith(name: "bob", options: GreetOptions(title: "Ms.")) }) ?? "",
           "Hi, Ms. bob", "greetWith(title: Ms.)")

    // Salutation, both variants.
    c.same(id, c.run(id, "salute(.phrasebook(.formal))", { try g.salute(salutation: .phrasebook(tone: .formal), name: "ann") }) ?? "",
           "Good day, ann", "salute(.phrasebook(.formal))")
    c.same(id, c.run(id, "salute(.phrasebook(.informal))", { try g.salute(salutation: .phrasebook(tone: .informal), name: "ann") }) ?? "",
           "Hi, ann", "salute(.phrasebook(.informal))")
    c.same(id, c.run(id, "salute(.custom(Aloha))", { try g.salute(salutation: .custom(text: "Aloha"), name: "ann") }) ?? "",
           "Aloha, ann", "salute(.custom(Aloha))")
    c.check(id, Salutation.custom(text: "x") == .custom(text: "x") && Salutation.custom(text: "x") != .phrasebook(tone: .formal),
            "Salutation is Equatable")
    if let error = c.throwsGreetError(id, "salute(.custom(\" \"))", variant: "EmptySalutation", {
        try g.salute(salutation: .custom(text: " "), name: "ann")
    }) {
        c.equal(id, error, GreetError.EmptySalutation, "error value")
    }

    // Errors, with their associated values.
    if let error = c.throwsGreetError(id, "greet(\"\")", variant: "EmptyName", { try g.greet(name: "") }) {
        c.equal(id, error, GreetError.EmptyName(name: ""), "error value")
    }
    if let error = c.throwsGreetError(id, "greet(\" \\t\")", variant: "EmptyName", { try g.greet(name: " \t") }) {
        c.equal(id, error, GreetError.EmptyName(name: " \t"), "error value")
    }
    c.same(id, c.run(id, "greet(256 x ü)", { try g.greet(name: String(repeating: "ü", count: 256)) }) ?? "",
           "Hi, " + String(repeating: "ü", count: 256), "a name of exactly maxNameLength()")
    if let error = c.throwsGreetError(id, "greet(257 x 😀)", variant: "NameTooLong", {
        try g.greetWith(name: String(repeating: "😀", count: 257), options: GreetOptions())
    }) {
        c.equal(id, error, GreetError.NameTooLong(length: 257, max: 256), "error value")
    }

    // greetAll: in order, all or nothing.
    c.same(id, c.run(id, "greetAll", { try g.greetAll(names: ["ann", "bob", "ann"]) }) ?? [],
           ["Hi, ann", "Hi, bob", "Hi, ann"], "greetAll")
    c.same(id, c.run(id, "greetAll([])", { try g.greetAll(names: []) }) ?? ["<threw>"], [], "greetAll([])")
    let totalBefore = g.total()
    c.throwsGreetError(id, "greetAll with a bad name", variant: "EmptyName") { try g.greetAll(names: ["zed", ""]) }
    c.equal(id, g.total(), totalBefore, "greetAll failure counts nobody (total)")
    c.equal(id, g.countFor(name: "zed"), 0, "greetAll failure counts nobody (zed)")

    // Counts: bob 3 (greet, greetWith x4 above...), computed exactly.
    // bob: greet, greetWith(defaults), greetWith(formal), greetWith(Ms.), greetAll = 5
    // ann: salute x3, greetAll x2 = 5; 256 x ü: 1
    c.equal(id, g.countFor(name: "bob"), 5, "countFor(bob)")
    c.equal(id, g.countFor(name: "ann"), 5, "countFor(ann)")
    c.equal(id, g.countFor(name: "nobody"), 0, "countFor(nobody)")
    c.equal(id, g.total(), 11, "total()")
    c.equal(id, g.counts(), ["bob": 5, "ann": 5, String(repeating: "ü", count: 256): 1], "counts()")
    c.same(id, g.description, "Greeter(locale=en, greeted=11)", "Greeter description after greeting")

    // lastGreeting, with its timestamp.
    let before = Date()
    _ = c.run(id, "greet(cy) for lastGreeting", { try g.greet(name: "cy") })
    let after = Date()
    if let last = g.lastGreeting() {
        c.same(id, last.text, "Hi, cy", "lastGreeting().text")
        c.same(id, last.name, "cy", "lastGreeting().name")
        c.same(id, last.locale, "en", "lastGreeting().locale")
        c.check(id, last.at >= before.addingTimeInterval(-0.001) && last.at <= after.addingTimeInterval(0.001),
                "lastGreeting().at \(last.at.timeIntervalSince1970) not within [\(before.timeIntervalSince1970), \(after.timeIntervalSince1970)]")
        c.check(id, last == last && last != Greeting(text: last.text, name: last.name, locale: last.locale,
                                                     at: last.at.addingTimeInterval(1)), "Greeting is Equatable")
    } else {
        c.fail(id, "lastGreeting() is nil after a greeting")
    }
    _ = c.run(id, "greetAll for lastGreeting", { try g.greetAll(names: ["dee", "eve"]) })
    c.same(id, g.lastGreeting()?.name ?? "<nil>", "eve", "lastGreeting() after greetAll is its last name")
    let failedBefore = g.lastGreeting()
    _ = try? g.greet(name: "")
    c.check(id, g.lastGreeting() == failedBefore, "a failed greeting leaves lastGreeting() alone")
}

func testDecorators(_ c: Checks) {
    let id = "api.decorator"
    guard let g = c.run(id, "Greeter.forLocale(tag: es)", { try Greeter.forLocale(tag: "es") }) else { return }
    let bracket = Bracket()
    g.setDecorator(decorator: bracket)
    c.same(id, c.run(id, "greet with decorator", { try g.greet(name: "ana") }) ?? "", "[Hola, ana]", "greet")
    c.same(id, c.run(id, "greetWith with decorator", {
        try g.greetWith(name: "ana", options: GreetOptions(tone: .formal, exclaim: true))
    }) ?? "", "[¡Buenos días, ana!]", "greetWith")
    c.same(id, c.run(id, "salute(.custom) with decorator", { try g.salute(salutation: .custom(text: "Oye"), name: "ana") }) ?? "",
           "[Oye, ana]", "salute(.custom)")
    c.same(id, c.run(id, "salute(.phrasebook) with decorator", { try g.salute(salutation: .phrasebook(tone: .informal), name: "ana") }) ?? "",
           "[Hola, ana]", "salute(.phrasebook)")
    c.same(id, c.run(id, "greetAll with decorator", { try g.greetAll(names: ["a", "b"]) }) ?? [],
           ["[Hola, a]", "[Hola, b]"], "greetAll")
    c.same(id, bracket.greetings, ["Hola, ana", "¡Buenos días, ana!", "Oye, ana", "Hola, ana", "Hola, a", "Hola, b"],
           "what the Swift decorator was given")
    c.same(id, g.lastGreeting()?.text ?? "<nil>", "[Hola, b]", "lastGreeting() records the decorated text")

    // A decorator that throws GreetError: the same error reaches the caller.
    g.setDecorator(decorator: Refuse())
    let total = g.total()
    if let error = c.throwsGreetError(id, "greet with a refusing decorator", variant: "DecoratorFailed", {
        try g.greet(name: "ana")
    }) {
        c.equal(id, error, GreetError.DecoratorFailed(reason: "refused: Hola, ana"), "error value")
    }
    // A decorator that throws some other Swift error: GreetError.DecoratorFailed reaches the caller.
    g.setDecorator(decorator: Explode())
    if let error = c.throwsGreetError(id, "greet with a decorator throwing Oops", variant: "DecoratorFailed", {
        try g.greet(name: "ana")
    }), case let .DecoratorFailed(reason) = error {
        c.check(id, reason.contains("Oops") && reason.contains("boom"), "DecoratorFailed.reason: \(show(reason))")
    }
    c.throwsGreetError(id, "greetAll with a decorator throwing Oops", variant: "DecoratorFailed") {
        try g.greetAll(names: ["x", "y"])
    }
    c.equal(id, g.total(), total, "failed decorations are not counted")

    // Removing the decorator, and releasing the Swift object.
    let released = Flag()
    do {
        let tracked = Tracked(released: released)
        g.setDecorator(decorator: tracked)
        c.same(id, (try? g.greet(name: "ana")) ?? "<threw>", "Hola, ana.", "greet with a second decorator")
    }
    c.check(id, !released.isSet, "the greeter keeps its decorator alive")
    g.setDecorator(decorator: nil)
    c.check(id, released.isSet, "setDecorator(nil) releases the Swift decorator")
    c.same(id, (try? g.greet(name: "ana")) ?? "<threw>", "Hola, ana", "greet after setDecorator(nil)")
}

func testThreads(_ c: Checks) {
    let id = "api.threads"
    let threads = 8, perThread = 1000
    let g = Greeter()
    let bracket = Bracket(keepSeen: false)
    g.setDecorator(decorator: bracket)
    let errors = Checks()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        let name = "thread-\(t)"
        for i in 0..<perThread {
            do {
                let text: String
                switch i % 4 {
                case 0: text = try g.greet(name: name)
                case 1: text = try g.greetWith(name: name, options: GreetOptions())
                case 2: text = try g.salute(salutation: .phrasebook(tone: .informal), name: name)
                default: text = try g.greetAll(names: [name])[0]
                }
                if text != "[Hi, \(name)]" { errors.fail(id, "thread \(t) got \(show(text))") }
                _ = g.countFor(name: name) // readers run alongside the writers
                if i % 100 == 0 { _ = g.counts(); _ = g.lastGreeting(); _ = g.description }
            } catch {
                errors.fail(id, "thread \(t) threw \(show(error))")
            }
        }
    }
    c.check(id, errors.failures.isEmpty, "\(errors.failures.count) failures in threads, first: \(errors.failures.first?.message ?? "")")
    c.equal(id, g.total(), UInt64(threads * perThread), "total() after \(threads) x \(perThread) greetings")
    c.equal(id, bracket.calls, threads * perThread, "decorator calls from \(threads) threads")
    var expected: [String: UInt64] = [:]
    for t in 0..<threads { expected["thread-\(t)"] = UInt64(perThread) }
    c.equal(id, g.counts(), expected, "counts()")
    for t in 0..<threads {
        c.equal(id, g.countFor(name: "thread-\(t)"), UInt64(perThread), "countFor(thread-\(t))")
    }
}

func testAsync(_ c: Checks) async {
    let id = "api.async"
    guard let g = c.run(id, "Greeter.forLocale(tag: ja)", { try Greeter.forLocale(tag: "ja") }) else { return }
    var start = Date()
    let text = await c.run(id, "greetLater(delay: 0.2)", { try await g.greetLater(name: "友達", delay: 0.2) })
    let elapsed = Date().timeIntervalSince(start)
    c.same(id, text ?? "", "やあ、友達", "greetLater")
    c.check(id, elapsed >= 0.19, "greetLater(delay: 0.2) returned after \(elapsed) s")
    c.same(id, await c.run(id, "greetLater(delay: 0)", { try await g.greetLater(name: "a", delay: 0) }) ?? "",
           "やあ、a", "greetLater(delay: 0)")
    if let error = await c.throwsGreetError(id, "greetLater(\"\")", variant: "EmptyName", {
        try await g.greetLater(name: "", delay: 0.01)
    }) {
        c.equal(id, error, GreetError.EmptyName(name: ""), "error value")
    }
    await c.throwsGreetError(id, "greetLater(300 x a)", variant: "NameTooLong") {
        try await g.greetLater(name: String(repeating: "a", count: 300), delay: 0)
    }

    // Concurrent tasks: 50 waits of 0.3 s overlap instead of taking 15 s in a row.
    let tasks = 50, delay: TimeInterval = 0.3
    start = Date()
    do {
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for i in 0..<tasks {
                group.addTask { (i, try await g.greetLater(name: "n\(i % 5)", delay: delay)) }
            }
            var results: [Int: String] = [:]
            for try await (i, text) in group { results[i] = text }
            return results
        }
        let elapsed = Date().timeIntervalSince(start)
        c.equal(id, results.count, tasks, "task results")
        c.check(id, (0..<tasks).allSatisfy { results[$0] == "やあ、n\($0 % 5)" }, "task results: \(results.sorted { $0.key < $1.key }.prefix(5))")
        c.check(id, elapsed >= delay - 0.01 && elapsed < 5.0, "\(tasks) concurrent greetLater(\(delay)) took \(elapsed) s")
    } catch {
        c.fail(id, "concurrent greetLater threw \(show(error))")
    }
    // ja greeter: 2 greetings before + 50 now; 'a' once, n0..n4 ten times each.
    c.equal(id, g.total(), UInt64(2 + tasks), "total() after async greetings")
    c.equal(id, g.countFor(name: "n3"), UInt64(tasks / 5), "countFor(n3)")

    // An error from one task does not disturb the others.
    let mixed = await withTaskGroup(of: String.self) { group in
        for name in ["ok1", "", "ok2"] {
            group.addTask {
                do { return try await g.greetLater(name: name, delay: 0.05) } catch let e as GreetError { return variantName(e) } catch { return "other" }
            }
        }
        var out: [String] = []
        for await r in group { out.append(r) }
        return out.sorted()
    }
    c.same(id, mixed, ["EmptyName", "やあ、ok1", "やあ、ok2"], "mixed task results")
}
