// Rust panics through the Swift bindings: run against a libgreet built with
// `--features fault-injection` (scripts/soak.sh builds and runs it). Every path that panics in
// Rust must throw a Swift error (not a GreetError, not a crash), and the process and the same
// Greeter must keep working, with exact counts, also when panics happen on many threads at once.
// A Swift Decorator that throws any Swift error reaches the caller as GreetError.DecoratorFailed.
import Foundation
import Greet

setvbuf(stdout, nil, _IOLBF, 0)

final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var passed = 0
    private(set) var failed: [String] = []
    func check(_ ok: Bool, _ what: @autoclosure () -> String) {
        lock.lock()
        defer { lock.unlock() }
        if ok { passed += 1 } else { failed.append(what()); print("FAIL \(what())") }
    }
}

let tally = Tally()
let panicName = "greet-fault-injection:panic"
let lockedName = "greet-fault-injection:panic-locked"

/// True when `error` is the bindings' internal error for a Rust panic.
func isPanic(_ error: Error) -> Bool {
    !(error is GreetError) && "\(error) \(error.localizedDescription)".contains("fault injection")
}

func expectPanic(_ what: String, _ body: () throws -> Void) {
    do {
        try body()
        tally.check(false, "\(what): the call returned")
    } catch {
        tally.check(isPanic(error), "\(what): expected a Rust panic error, got \(error)")
    }
}

let g = Greeter()
_ = try g.greet(name: "before")
let paths: [(String, () throws -> Void)] = [
    ("Greeter.greet", { _ = try g.greet(name: panicName) }),
    ("Greeter.greetWith", { _ = try g.greetWith(name: panicName, options: GreetOptions()) }),
    ("Greeter.salute", { _ = try g.salute(salutation: .custom(text: "Yo"), name: panicName) }),
    ("Greeter.greetAll", { _ = try g.greetAll(names: ["fine", panicName]) }),
    ("Greeter.greet (lock held)", { _ = try g.greet(name: lockedName) }),
    ("Greeter.greetAll (lock held)", { _ = try g.greetAll(names: ["fine", lockedName]) }),
]
for (what, call) in paths {
    expectPanic(what, call)
    tally.check((try? g.greet(name: "after")) == "Hi, after", "\(what): the same Greeter stopped working")
}
do {
    _ = try await g.greetLater(name: panicName, delay: 0)
    tally.check(false, "greetLater: returned")
} catch {
    tally.check(isPanic(error), "Greeter.greetLater (async): got \(error)")
}
tally.check((try? await g.greetLater(name: "after", delay: 0)) == "Hi, after", "greetLater after a panic")
let pathCount = paths.count + 1
print("swift.fault.paths_that_panicked_into_errors: \(pathCount)")
tally.check(g.countFor(name: panicName) == 0 && g.countFor(name: lockedName) == 0 && g.countFor(name: "fine") == 0,
            "a panicking call was partly applied")
tally.check(g.total() == UInt64(1 + paths.count + 1), "total \(g.total()) after panics")
tally.check(g.lastGreeting()?.name == "after", "lastGreeting changed by a panic")

// Panics on 8 threads at once, interleaved with good calls.
let perThread = Int(ProcessInfo.processInfo.environment["GREET_FAULT_PANICS"] ?? "8000").map { $0 / 8 } ?? 1000
let before = g.total()
DispatchQueue.concurrentPerform(iterations: 8) { t in
    for i in 0..<perThread {
        do {
            _ = try g.greet(name: i % 2 == 1 ? panicName : lockedName)
            tally.check(false, "thread \(t): a panicking call returned")
        } catch {
            if !isPanic(error) { tally.check(false, "thread \(t): \(error)") }
        }
        if (try? g.greet(name: "t\(t)")) == nil { tally.check(false, "thread \(t): good call failed") }
    }
}
print("swift.fault.concurrent_panics: \(8 * perThread)")
tally.check(g.total() == before + UInt64(8 * perThread), "counts not exact after concurrent panics")
for t in 0..<8 { tally.check(g.countFor(name: "t\(t)") == UInt64(perThread), "countFor(t\(t))") }

// Cancelling the Task that awaits greetLater: uniffi's Swift bindings install no cancellation
// handler, so the Rust call runs to completion and its result is delivered; no crash, no leak.
let task = Task { try await g.greetLater(name: "cancelled-task", delay: 0.05) }
task.cancel()
switch await task.result {
case .success(let text):
    tally.check(text == "Hi, cancelled-task", "cancelled Task returned \(text)")
    print("swift.async.cancelled_task_outcome: completed with \"\(text)\" (Swift bindings do not cancel Rust calls)")
case .failure(let error):
    tally.check(error is CancellationError, "cancelled Task failed with \(error)")
    print("swift.async.cancelled_task_outcome: \(error)")
}

// A throwing Swift decorator reaches the caller as the defined exception.
struct Oops: Error {}
final class Throwing: Decorator, @unchecked Sendable {
    func decorate(greeting: String) throws -> String { throw Oops() }
}
g.setDecorator(decorator: Throwing())
do {
    _ = try g.greet(name: "x")
    tally.check(false, "throwing decorator: returned")
} catch GreetError.DecoratorFailed {
    tally.check(true, "")
} catch {
    tally.check(false, "throwing decorator: got \(error)")
}
g.setDecorator(decorator: nil)
print("swift.fault.greeter_after_panics: \(g)")

if tally.failed.isEmpty {
    print("swift.fault: ok (\(tally.passed) checks)")
    exit(0)
}
print("swift.fault: \(tally.failed.count) FAILED")
exit(1)
