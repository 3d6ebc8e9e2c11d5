import Foundation

// The harness shared by the surface benchmark's Swift programs (bench/surface/swift/run.sh): one
// program per approach (uniffi/, c/, boltffi/), each compiled together with this file and
// bench/swift/Timing.swift (whose `timeCalls` loop and `benchSink` it reuses). A program lists
// its cases with the names of BoltFFI's suite and calls `runSurface`:
//
//     surface-<approach> REPEATS TARGET_MS [ROTATION]
//
// Every case is checked in full before and after timing against the reference values below
// (what bench/surface/src/surface.rs computes); a mismatch exits 1. Each timed sample calls the
// case's operation n times, n sized to about TARGET_MS; the cases are interleaved, their order
// rotated by ROTATION and between repeats. Prints one JSON object: every sample, ns per op.

/// One benchmark case of one approach.
struct SurfaceCase {
    let name: String
    /// One timed operation; returns something derived from the result, so it is not optimized out.
    let op: () -> Int
    /// Checks the whole result (outside timing): nil when right, else what is wrong.
    let verify: () -> String?
}

// ---- the suite's sizes and inputs --------------------------------------------------------------

let smallString = "hello, ffi"                                  // echo_string_small: 10 chars
let string1k = String(repeating: "abcdefgh", count: 128)        // echo_string_1k: 1024 chars

// ---- reference values: the bodies of bench/surface/src/surface.rs, in Swift ------------------

func refLocation(_ i: Int) -> [Double] {
    [Double(i), 37.7749 + Double(i) * 0.001, -122.4194 + Double(i) * 0.001,
     3.0 + Double(i % 20) * 0.1, Double(i * 7 % 500), i % 3 != 0 ? 1 : 0]
}

func refTrade(_ i: Int) -> [Double] {
    [Double(i), Double(i % 64), 100.0 + Double(i) * 0.01, Double(10 + i % 90),
     99.95 + Double(i) * 0.01, 100.05 + Double(i) * 0.01, Double(i * 100),
     Double(1_700_000_000_000 + i), i % 2 == 0 ? 1 : 0]
}

func refParticle(_ i: Int) -> [Double] {
    let f = Double(i)
    return [f, f * 0.5, f * 0.25, f * 0.125, 1.0, -1.0, 0.5, 1.0 + Double(i % 10),
            i % 2 == 0 ? 1.0 : -1.0, i % 5 != 0 ? 1 : 0]
}

func refSensor(_ i: Int) -> [Double] {
    [Double(i % 128), Double(1_700_000_000_000 + i * 1000), 20.0 + Double(i % 15) * 0.5,
     40.0 + Double(i % 30), 1013.25 - Double(i % 10), Double(i % 1000), 100.0 - Double(i % 100),
     Double(-40 - i % 50), i % 17 != 0 ? 1 : 0]
}

func refUser(_ i: Int) -> [String] {
    ["\(i)", "User \(i)", "user\(i)@example.com", "Bio of user \(i): likes Rust, Python and Kotlin.",
     "\(18 + i % 60)", "\(Double(i % 100) * 1.5)", "rust,tag\(i % 10),ffi", i % 4 != 0 ? "true" : "false"]
}

/// The inputs of sum_ratings / process_locations, as fields; each approach builds its records.
func refLocations(_ n: Int) -> [[Double]] { (0..<n).map(refLocation) }
func refSumRatings(_ n: Int) -> Double { refLocations(n).reduce(0.0) { $0 + $1[3] } }
func refProcessLocations(_ n: Int) -> Int { refLocations(n).filter { $0[5] == 1 && $0[3] >= 4.0 }.count }
func triangle(_ n: Int) -> Int { n * (n - 1) / 2 }

// ---- checks ----------------------------------------------------------------------------------

func expectEqual<T: Equatable>(_ got: T, _ want: T) -> String? {
    got == want ? nil : "got \(String(describing: got).prefix(80)), want \(String(describing: want).prefix(80))"
}

func expectClose(_ got: Double, _ want: Double) -> String? {
    abs(got - want) <= 1e-9 * max(1, abs(want)) ? nil : "got \(got), want \(want)"
}

/// Compares a returned list, converted to rows of fields, with the reference rows 0..<count.
func expectRows<Row: Equatable>(_ got: [Row], _ count: Int, _ ref: (Int) -> Row) -> String? {
    if got.count != count { return "got \(got.count) items, want \(count)" }
    for (i, row) in got.enumerated() where row != ref(i) {
        return "item \(i): got \(row), want \(ref(i))"
    }
    return nil
}

/// A case returning a list of `count` records: `make` calls the binding, `row` reads one record.
func listCase<T, Row: Equatable>(_ name: String, _ count: Int, _ make: @escaping () -> [T],
                                 _ row: @escaping (T) -> Row, _ ref: @escaping (Int) -> Row) -> SurfaceCase {
    SurfaceCase(name: name, op: { make().count }, verify: { expectRows(make().map(row), count, ref) })
}

/// The sizes of the generate_* cases: (name suffix, count).
let listSizes: [(String, Int)] = [("100", 100), ("1k", 1000), ("10k", 10_000)]

// ---- timing ----------------------------------------------------------------------------------

private let noStrings = BenchCase(id: "surface", greeting: "", name: "")

/// ns for `n` calls of `op`, through Timing.swift's loop (its two strings are empty and unused).
func timeOps(_ n: Int, _ op: () -> Int) -> Double {
    var sink = 0
    let ns = timeCalls(n, noStrings) { _, _ in
        sink &+= op()
        return ""
    }
    benchSink &+= sink
    return ns
}

func failSurface(_ approach: String, _ c: SurfaceCase, _ why: String) -> Never {
    FileHandle.standardError.write("surface-\(approach): \(c.name): wrong result: \(why)\n".data(using: .utf8)!)
    exit(1)
}

func runSurface(_ approach: String, _ cases: [SurfaceCase]) {
    let args = CommandLine.arguments
    let repeats = args.count > 1 ? Int(args[1]) ?? 1 : 1
    let targetMs = args.count > 2 ? Double(args[2]) ?? 100 : 100
    let rotation = args.count > 3 ? Int(args[3]) ?? 0 : 0
    var names = Set<String>()
    for c in cases {
        precondition(names.insert(c.name).inserted, "case \(c.name) twice")
        if let why = c.verify() { failSurface(approach, c, why) }
    }
    // Size one sample to about targetMs (the calibration runs double as warm-up).
    var calls: [Int] = []
    for c in cases {
        var n = 1
        while true {
            let ns = timeOps(n, c.op)
            if ns >= targetMs * 1e6 / 5 || n >= 50_000_000 {
                n = max(1, min(50_000_000, Int(targetMs * 1e6 / max(ns / Double(n), 0.1))))
                break
            }
            n *= 4
        }
        calls.append(n)
    }
    var samples = [[Double]](repeating: [], count: cases.count)
    for r in 0..<repeats {
        for k in 0..<cases.count {
            let i = (k + rotation + r * 7) % cases.count
            samples[i].append(timeOps(calls[i], cases[i].op) / Double(calls[i]))
        }
    }
    for c in cases {
        if let why = c.verify() { failSurface(approach, c, why) }
    }
    let cells = cases.indices.map { i in
        "\"\(cases[i].name)\": {\"calls\": \(calls[i]), \"ns\": ["
            + samples[i].map { String(format: "%.3f", $0) }.joined(separator: ", ") + "]}"
    }
    print("{\"approach\": \"\(approach)\", \"repeats\": \(repeats), \"target_ms\": \(targetMs), "
        + "\"sink\": \(benchSink % 2), \"cases\": {" + cells.joined(separator: ", ") + "}}")
}
