// The surface cases through a generated Swift API: uniffi's Swift bindings of bench-surface
// (`greet-bindgen generate --crate bench-surface --language swift`: module bench_surface over
// libbench_surface), or, compiled with -DBOLTFFI, BoltFFI's (`boltffi generate swift` for the
// crate's `boltffi` feature: module BenchSurface over that build of libbench_surface). Both
// generators give the same Swift names and types for this crate, so one source serves both.
#if BOLTFFI
import BenchSurface
let approach = "swift-boltffi"
#else
import bench_surface
let approach = "swift-uniffi"
#endif

final class Provider: ValueProvider, @unchecked Sendable {
    func valueAt(index: UInt32) -> Int64 { Int64(index) }
}

func locationRow(_ l: Location) -> [Double] {
    [Double(l.id), l.lat, l.lng, l.rating, Double(l.reviewCount), l.isOpen ? 1 : 0]
}
func tradeRow(_ t: Trade) -> [Double] {
    [Double(t.id), Double(t.symbolId), t.price, Double(t.quantity), t.bid, t.ask, Double(t.volume),
     Double(t.timestamp), t.isBuy ? 1 : 0]
}
func particleRow(_ p: Particle) -> [Double] {
    [Double(p.id), p.x, p.y, p.z, p.vx, p.vy, p.vz, p.mass, p.charge, p.active ? 1 : 0]
}
func sensorRow(_ s: SensorReading) -> [Double] {
    [Double(s.sensorId), Double(s.timestamp), s.temperature, s.humidity, s.pressure, s.light, s.battery,
     Double(s.signalStrength), s.isValid ? 1 : 0]
}
func userRow(_ u: UserProfile) -> [String] {
    ["\(u.id)", u.name, u.email, u.bio, "\(u.age)", "\(u.score)", u.tags.joined(separator: ","), "\(u.isActive)"]
}
func location(_ f: [Double]) -> Location {
    Location(id: Int64(f[0]), lat: f[1], lng: f[2], rating: f[3], reviewCount: UInt32(f[4]), isOpen: f[5] == 1)
}

let provider = Provider()
let locations1k = refLocations(1000).map(location)
let locations10k = refLocations(10_000).map(location)
let ints1k = (0..<1000).map(Int32.init)
let ints10k = (0..<10_000).map(Int32.init)
let points = (0..<1000).map { DataPoint(x: Double($0), y: Double($0) * 2, timestamp: Int64($0)) }
let counter = Counter()
let accumulator = Accumulator()

var cases: [SurfaceCase] = [
    SurfaceCase(name: "noop", op: { noop(); return 0 }, verify: { nil }),
    SurfaceCase(name: "echo_i32", op: { Int(echoI32(value: 42)) }, verify: { expectEqual(echoI32(value: 42), 42) }),
    SurfaceCase(name: "add", op: { Int(add(a: 3, b: 4)) }, verify: { expectEqual(add(a: 3, b: 4), 7) }),
    SurfaceCase(name: "echo_string_small", op: { echoString(value: smallString).utf8.count },
                verify: { expectEqual(echoString(value: smallString), smallString) }),
    SurfaceCase(name: "echo_string_1k", op: { echoString(value: string1k).utf8.count },
                verify: { expectEqual(echoString(value: string1k), string1k) }),
    SurfaceCase(name: "simple_enum", op: { oppositeDirection(direction: .north) == .south ? 1 : 0 },
                verify: { expectEqual(oppositeDirection(direction: .east), .west) }),
    SurfaceCase(name: "find_even", op: { (0..<100).reduce(0) { $0 + (findEven(value: $1) == nil ? 0 : 1) } },
                verify: { expectEqual((0..<100).map { findEven(value: $0) }, (0..<100).map { $0 % 2 == 0 ? $0 : nil }) }),
]
for (suffix, n) in listSizes {
    cases.append(listCase("generate_locations_\(suffix)", n, { generateLocations(count: UInt32(n)) }, locationRow, refLocation))
    cases.append(listCase("generate_trades_\(suffix)", n, { generateTrades(count: UInt32(n)) }, tradeRow, refTrade))
    cases.append(listCase("generate_particles_\(suffix)", n, { generateParticles(count: UInt32(n)) }, particleRow, refParticle))
    cases.append(listCase("generate_sensors_\(suffix)", n, { generateSensors(count: UInt32(n)) }, sensorRow, refSensor))
}
for (suffix, n) in listSizes.prefix(2) {
    cases.append(listCase("generate_user_profiles_\(suffix)", n, { generateUserProfiles(count: UInt32(n)) }, userRow, refUser))
}
cases += [
    SurfaceCase(name: "sum_ratings_1k", op: { Int(sumRatings(locations: locations1k)) },
                verify: { expectClose(sumRatings(locations: locations1k), refSumRatings(1000)) }),
    SurfaceCase(name: "sum_ratings_10k", op: { Int(sumRatings(locations: locations10k)) },
                verify: { expectClose(sumRatings(locations: locations10k), refSumRatings(10_000)) }),
    SurfaceCase(name: "process_locations_1k", op: { Int(processLocations(locations: locations1k)) },
                verify: { expectEqual(Int(processLocations(locations: locations1k)), refProcessLocations(1000)) }),
    SurfaceCase(name: "generate_i32_vec_1k", op: { generateI32Vec(count: 1000).count },
                verify: { expectEqual(generateI32Vec(count: 1000), ints1k) }),
    SurfaceCase(name: "generate_i32_vec_10k", op: { generateI32Vec(count: 10_000).count },
                verify: { expectEqual(generateI32Vec(count: 10_000), ints10k) }),
    SurfaceCase(name: "sum_i32_vec_1k", op: { Int(sumI32Vec(values: ints1k)) },
                verify: { expectEqual(Int(sumI32Vec(values: ints1k)), triangle(1000)) }),
    SurfaceCase(name: "sum_i32_vec_10k", op: { Int(sumI32Vec(values: ints10k)) },
                verify: { expectEqual(Int(sumI32Vec(values: ints10k)), triangle(10_000)) }),
    SurfaceCase(name: "generate_f64_vec_10k", op: { generateF64Vec(count: 10_000).count },
                verify: { expectEqual(generateF64Vec(count: 10_000), (0..<10_000).map { Double($0) * 0.5 }) }),
    SurfaceCase(name: "generate_bytes_64k", op: { generateBytes(size: 65_536).count },
                verify: { expectEqual(Array(generateBytes(size: 65_536)), (0..<65_536).map { UInt8($0 % 251) }) }),
    SurfaceCase(name: "counter_increment_1k", op: {
        for _ in 0..<1000 { counter.increment() }
        return 0
    }, verify: {
        let c = Counter()
        for _ in 0..<1000 { c.increment() }
        return expectEqual(c.get(), 1000)
    }),
    SurfaceCase(name: "datastore_add_1k", op: {
        let s = DataStore()
        for p in points { s.add(point: p) }
        return 0
    }, verify: {
        let s = DataStore()
        for p in points { s.add(point: p) }
        return expectEqual(s.len(), 1000) ?? expectClose(s.sumX(), Double(triangle(1000)))
    }),
    SurfaceCase(name: "accumulator_1k", op: {
        accumulator.reset()
        for i in 0..<1000 { accumulator.add(amount: Int64(i)) }
        return 0
    }, verify: {
        accumulator.reset()
        for i in 0..<1000 { accumulator.add(amount: Int64(i)) }
        return expectEqual(Int(accumulator.get()), triangle(1000))
    }),
    SurfaceCase(name: "callback_100", op: { Int(sumProvided(provider: provider, count: 100)) },
                verify: { expectEqual(Int(sumProvided(provider: provider, count: 100)), triangle(100)) }),
    SurfaceCase(name: "callback_1k", op: { Int(sumProvided(provider: provider, count: 1000)) },
                verify: { expectEqual(Int(sumProvided(provider: provider, count: 1000)), triangle(1000)) }),
]

runSurface(approach, cases)
