// Assertion helpers for the Swift test of the greet bindings (no XCTest needed).
import Foundation
import Greet

/// Counts passed checks and records failures by case id; safe to use from many threads.
final class Checks: @unchecked Sendable {
    private let lock = NSLock()
    private var passedCount = 0
    private var failureList: [(id: String, message: String)] = []

    var passed: Int { lock.withLock { passedCount } }
    var failures: [(id: String, message: String)] { lock.withLock { failureList } }

    /// The ids of failed cases, in first-failure order, without repeats.
    var failedIds: [String] {
        var seen = Set<String>()
        return failures.map(\.id).filter { seen.insert($0).inserted }
    }

    func pass() {
        lock.withLock { passedCount += 1 }
    }

    func fail(_ id: String, _ message: String) {
        lock.withLock { failureList.append((id, message)) }
        print("FAIL [\(id)] \(message)")
    }

    @discardableResult
    func check(_ id: String, _ condition: Bool, _ message: @autoclosure () -> String) -> Bool {
        if condition { pass() } else { fail(id, message()) }
        return condition
    }

    @discardableResult
    func equal<T: Equatable>(_ id: String, _ actual: T, _ expected: T, _ what: String = "value") -> Bool {
        check(id, actual == expected, "\(what): expected \(show(expected)), got \(show(actual))")
    }

    /// Strings are compared byte for byte: Swift's `==` treats canonically equivalent strings
    /// (e.g. precomposed and decomposed "é") as equal, which would hide a normalizing binding.
    @discardableResult
    func same(_ id: String, _ actual: String, _ expected: String, _ what: String = "string") -> Bool {
        check(id, actual.utf8.elementsEqual(expected.utf8),
              "\(what): expected \(show(expected)), got \(show(actual))")
    }

    @discardableResult
    func same(_ id: String, _ actual: [String], _ expected: [String], _ what: String = "strings") -> Bool {
        let equal = actual.count == expected.count
            && zip(actual, expected).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
        return check(id, equal, "\(what): expected \(show(expected)), got \(show(actual))")
    }

    /// Runs `body`, which must succeed; returns its value or nil after recording the failure.
    func run<T>(_ id: String, _ what: String, _ body: () throws -> T) -> T? {
        do {
            let value = try body()
            pass()
            return value
        } catch {
            fail(id, "\(what) threw \(show(error))")
            return nil
        }
    }

    func run<T>(_ id: String, _ what: String, _ body: () async throws -> T) async -> T? {
        do {
            let value = try await body()
            pass()
            return value
        } catch {
            fail(id, "\(what) threw \(show(error))")
            return nil
        }
    }

    /// Runs `body`, which must throw a `GreetError`; returns it, or nil after recording a failure.
    @discardableResult
    func throwsGreetError<T>(_ id: String, _ what: String, variant: String? = nil,
                             _ body: () throws -> T) -> GreetError? {
        do {
            let value = try body()
            fail(id, "\(what): expected GreetError.\(variant ?? "*"), got value \(show(value))")
        } catch let error as GreetError {
            if let variant, variantName(error) != variant {
                fail(id, "\(what): expected GreetError.\(variant), got \(show(error))")
                return nil
            }
            pass()
            return error
        } catch {
            fail(id, "\(what): expected GreetError.\(variant ?? "*"), got non-GreetError \(show(error))")
        }
        return nil
    }

    @discardableResult
    func throwsGreetError<T>(_ id: String, _ what: String, variant: String? = nil,
                             _ body: () async throws -> T) async -> GreetError? {
        do {
            let value = try await body()
            fail(id, "\(what): expected GreetError.\(variant ?? "*"), got value \(show(value))")
        } catch let error as GreetError {
            if let variant, variantName(error) != variant {
                fail(id, "\(what): expected GreetError.\(variant), got \(show(error))")
                return nil
            }
            pass()
            return error
        } catch {
            fail(id, "\(what): expected GreetError.\(variant ?? "*"), got non-GreetError \(show(error))")
        }
        return nil
    }
}

/// The UDL name of a `GreetError` variant, as the corpus spells it.
func variantName(_ error: GreetError) -> String {
    switch error {
    case .EmptyName: return "EmptyName"
    case .NameTooLong: return "NameTooLong"
    case .UnknownLocale: return "UnknownLocale"
    case .EmptySalutation: return "EmptySalutation"
    case .DecoratorFailed: return "DecoratorFailed"
    }
}

/// A short, unambiguous rendering for failure messages (long strings are abbreviated).
func show(_ value: Any) -> String {
    if let string = value as? String {
        let scalars = string.unicodeScalars
        if scalars.count > 120 {
            let head = String(String.UnicodeScalarView(scalars.prefix(60)))
            return "\(head.debugDescription)…(\(scalars.count) scalars, \(string.utf8.count) bytes)"
        }
        return string.debugDescription
    }
    if let strings = value as? [String] {
        return "[" + strings.map { show($0) }.joined(separator: ", ") + "]"
    }
    let text = String(reflecting: value)
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
}
