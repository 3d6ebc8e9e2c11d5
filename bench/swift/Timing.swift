import Foundation

// The Swift half of the greet benchmark (scripts/bench.sh): wall time per call of `greet()`
// through one approach, in the style of bench/python/bench.py's `time` step: each case is
// checked, each measurement is sized to about TARGET_MS, REPEATS measurements are taken, and
// the result is checked again afterwards. Prints one JSON object.
//
//     bench-<approach> REPEATS TARGET_MS
//
// The approaches are in uniffi/main.swift (uniffi's Swift bindings) and c/main.swift (the C
// header generated from greet.udl, imported through a module map); each is its own program,
// so the two libraries never share a process.

struct BenchCase {
    let id: String
    let greeting: String
    let name: String
}

let benchCases = [
    BenchCase(id: "short", greeting: "Salutations", name: "friend"),
    BenchCase(id: "non-ascii", greeting: "こんにちは", name: "世界🌏👋"),
    BenchCase(id: "1mib", greeting: "Hello", name: String(repeating: "x", count: 1 << 20)),
]

/// Keeps results observable so the optimizer cannot drop the calls.
var benchSink = 0

func nanoseconds(_ d: Duration) -> Double {
    let (seconds, attoseconds) = d.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}

func timeCalls(_ n: Int, _ c: BenchCase, _ greet: (String, String) -> String) -> Double {
    let clock = ContinuousClock()
    var sink = 0
    let elapsed = clock.measure {
        for _ in 0..<n {
            sink &+= greet(c.greeting, c.name).utf8.count
        }
    }
    benchSink &+= sink
    return nanoseconds(elapsed)
}

func check(_ approach: String, _ c: BenchCase, _ greet: (String, String) -> String) {
    let got = greet(c.greeting, c.name)
    let want = c.greeting + ", " + c.name
    if got != want {
        print("bench-\(approach): \(c.id): got \(got.prefix(60).debugDescription), want \(want.prefix(60).debugDescription)")
        exit(1)
    }
}

func runBench(_ approach: String, _ greet: (String, String) -> String) {
    let args = CommandLine.arguments
    let repeats = args.count > 1 ? Int(args[1]) ?? 11 : 11
    let targetMs = args.count > 2 ? Double(args[2]) ?? 100 : 100
    var cells: [String] = []
    for c in benchCases {
        check(approach, c, greet)
        // Size one measurement to about targetMs.
        var n = 1
        while true {
            let ns = timeCalls(n, c, greet)
            if ns >= targetMs * 1e6 / 5 || n >= 50_000_000 {
                n = max(1, min(50_000_000, Int(targetMs * 1e6 / max(ns / Double(n), 1))))
                break
            }
            n *= 4
        }
        var samples: [Double] = []
        for _ in 0..<repeats {
            samples.append(timeCalls(n, c, greet) / Double(n))
        }
        check(approach, c, greet)
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2]
        let list = samples.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        cells.append("\"\(approach)/\(c.id)\": {\"approach\": \"\(approach)\", \"case\": \"\(c.id)\", "
            + "\"calls_per_repeat\": \(n), \"median_ns\": \(String(format: "%.2f", median)), "
            + "\"min_ns\": \(String(format: "%.2f", sorted[0])), \"ns\": [\(list)]}")
    }
    print("{\"repeats\": \(repeats), \"target_ms\": \(targetMs), \"sink\": \(benchSink % 2), \"cells\": {"
        + cells.joined(separator: ", ") + "}}")
}
