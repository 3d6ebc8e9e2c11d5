// The surface cases through the C header generated for bench-surface (`greet-bindgen generate
// --crate bench-surface --language c`: bench_surface.h, libbench_surface_c), imported into Swift
// directly with a module map (module BenchSurfaceC), as bench/swift/c does for greet.h. Results
// become Swift values: strings are decoded into String, records and primitive vectors copied into
// Swift arrays of the header's structs (UserProfile, which owns strings, into a Swift struct), and
// every returned value is freed with its free function.
import BenchSurfaceC

@inline(__always)
func ok(_ status: bench_surface_status) {
    if status != BENCH_SURFACE_STATUS_OK { fatalError("bench_surface call failed with status \(status.rawValue)") }
}

func swiftString(_ s: bench_surface_string) -> String {
    String(decoding: UnsafeRawBufferPointer(start: s.ptr, count: s.len), as: UTF8.self)
}

func copied<T>(_ ptr: UnsafePointer<T>?, _ len: Int) -> [T] {
    Array(UnsafeBufferPointer(start: ptr, count: len))
}

func cNoop() { ok(bench_surface_noop(nil)) }

func cEchoI32(_ v: Int32) -> Int32 {
    var out: Int32 = 0
    ok(bench_surface_echo_i32(v, &out, nil))
    return out
}

func cAdd(_ a: Int32, _ b: Int32) -> Int32 {
    var out: Int32 = 0
    ok(bench_surface_add(a, b, &out, nil))
    return out
}

func cEchoString(_ value: String) -> String {
    var value = value
    var out = bench_surface_string()
    ok(value.withUTF8 { v in
        v.withMemoryRebound(to: CChar.self) { bench_surface_echo_string($0.baseAddress, $0.count, &out, nil) }
    })
    defer { bench_surface_string_free(&out) }
    return swiftString(out)
}

func cOpposite(_ d: bench_surface_Direction) -> bench_surface_Direction {
    var out = BENCH_SURFACE_DIRECTION_NORTH
    ok(bench_surface_opposite_direction(d, &out, nil))
    return out
}

func cFindEven(_ v: Int32) -> Int32? {
    var out = bench_surface_opt_i32()
    ok(bench_surface_find_even(v, &out, nil))
    return out.is_some ? out.value : nil
}

func cLocations(_ n: UInt32) -> [bench_surface_Location] {
    var seq = bench_surface_seq_Location()
    ok(bench_surface_generate_locations(n, &seq, nil))
    defer { bench_surface_seq_Location_free(&seq) }
    return copied(seq.ptr, seq.len)
}

func cTrades(_ n: UInt32) -> [bench_surface_Trade] {
    var seq = bench_surface_seq_Trade()
    ok(bench_surface_generate_trades(n, &seq, nil))
    defer { bench_surface_seq_Trade_free(&seq) }
    return copied(seq.ptr, seq.len)
}

func cParticles(_ n: UInt32) -> [bench_surface_Particle] {
    var seq = bench_surface_seq_Particle()
    ok(bench_surface_generate_particles(n, &seq, nil))
    defer { bench_surface_seq_Particle_free(&seq) }
    return copied(seq.ptr, seq.len)
}

func cSensors(_ n: UInt32) -> [bench_surface_SensorReading] {
    var seq = bench_surface_seq_SensorReading()
    ok(bench_surface_generate_sensors(n, &seq, nil))
    defer { bench_surface_seq_SensorReading_free(&seq) }
    return copied(seq.ptr, seq.len)
}

struct Profile {
    let id: Int64, name: String, email: String, bio: String, age: UInt32, score: Double
    let tags: [String], isActive: Bool
}

func cUserProfiles(_ n: UInt32) -> [Profile] {
    var seq = bench_surface_seq_UserProfile()
    ok(bench_surface_generate_user_profiles(n, &seq, nil))
    defer { bench_surface_seq_UserProfile_free(&seq) }
    return UnsafeBufferPointer(start: seq.ptr, count: seq.len).map { u in
        Profile(id: u.id, name: swiftString(u.name), email: swiftString(u.email), bio: swiftString(u.bio),
                age: u.age, score: u.score,
                tags: UnsafeBufferPointer(start: u.tags.ptr, count: u.tags.len).map(swiftString),
                isActive: u.is_active)
    }
}

func cSumRatings(_ locations: [bench_surface_Location]) -> Double {
    locations.withUnsafeBufferPointer { b in
        var seq = bench_surface_seq_Location(ptr: b.baseAddress, len: b.count)
        var out = 0.0
        ok(bench_surface_sum_ratings(&seq, &out, nil))
        return out
    }
}

func cProcessLocations(_ locations: [bench_surface_Location]) -> UInt32 {
    locations.withUnsafeBufferPointer { b in
        var seq = bench_surface_seq_Location(ptr: b.baseAddress, len: b.count)
        var out: UInt32 = 0
        ok(bench_surface_process_locations(&seq, &out, nil))
        return out
    }
}

func cI32Vec(_ n: UInt32) -> [Int32] {
    var seq = bench_surface_seq_i32()
    ok(bench_surface_generate_i32_vec(n, &seq, nil))
    defer { bench_surface_seq_i32_free(&seq) }
    return copied(seq.ptr, seq.len)
}

func cSumI32Vec(_ values: [Int32]) -> Int64 {
    values.withUnsafeBufferPointer { b in
        var seq = bench_surface_seq_i32(ptr: b.baseAddress, len: b.count)
        var out: Int64 = 0
        ok(bench_surface_sum_i32_vec(&seq, &out, nil))
        return out
    }
}

func cF64Vec(_ n: UInt32) -> [Double] {
    var seq = bench_surface_seq_f64()
    ok(bench_surface_generate_f64_vec(n, &seq, nil))
    defer { bench_surface_seq_f64_free(&seq) }
    return copied(seq.ptr, seq.len)
}

func cBytes(_ n: UInt32) -> [UInt8] {
    var bytes = bench_surface_bytes()
    ok(bench_surface_generate_bytes(n, &bytes, nil))
    defer { bench_surface_bytes_free(&bytes) }
    return copied(bytes.ptr, bytes.len)
}

func newCounter() -> OpaquePointer? {
    var c: OpaquePointer?
    ok(bench_surface_Counter_new(&c, nil))
    return c
}

func cIncrement1k(_ c: OpaquePointer?) {
    for _ in 0..<1000 { ok(bench_surface_Counter_increment(c, nil)) }
}

func cCounterGet(_ c: OpaquePointer?) -> UInt64 {
    var out: UInt64 = 0
    ok(bench_surface_Counter_get(c, &out, nil))
    return out
}

/// A new DataStore and 1000 add(point); its len() and sum_x() when asked (outside timing).
func cDataStore1k(check: Bool = false) -> (UInt64, Double) {
    var s: OpaquePointer?
    ok(bench_surface_DataStore_new(&s, nil))
    defer { bench_surface_DataStore_free(s) }
    points.withUnsafeBufferPointer { b in
        for i in b.indices { ok(bench_surface_DataStore_add(s, b.baseAddress! + i, nil)) }
    }
    var len: UInt64 = 0, sumX = 0.0
    if check {
        ok(bench_surface_DataStore_len(s, &len, nil))
        ok(bench_surface_DataStore_sum_x(s, &sumX, nil))
    }
    return (len, sumX)
}

/// reset() and 1000 add(i) on one Accumulator; get() when asked (outside timing).
func cAccumulator1k(_ a: OpaquePointer?, check: Bool = false) -> Int64 {
    ok(bench_surface_Accumulator_reset(a, nil))
    for i in 0..<1000 { ok(bench_surface_Accumulator_add(a, Int64(i), nil)) }
    var out: Int64 = 0
    if check { ok(bench_surface_Accumulator_get(a, &out, nil)) }
    return out
}

/// A ValueProvider implemented in Swift through the header's vtable: value_at(i) = i.
let providerVTable: UnsafeMutablePointer<bench_surface_ValueProviderVTable> = {
    let p = UnsafeMutablePointer<bench_surface_ValueProviderVTable>.allocate(capacity: 1)
    p.initialize(to: bench_surface_ValueProviderVTable(free_user_data: nil, value_at: { _, index, out, _ in
        out!.pointee = Int64(index)
        return BENCH_SURFACE_STATUS_OK
    }))
    return p
}()
let provider = bench_surface_ValueProvider_new_foreign(providerVTable, nil)

func cSumProvided(_ count: UInt32) -> Int64 {
    var out: Int64 = 0
    ok(bench_surface_sum_provided(provider, count, &out, nil))
    return out
}

func locationRow(_ l: bench_surface_Location) -> [Double] {
    [Double(l.id), l.lat, l.lng, l.rating, Double(l.review_count), l.is_open ? 1 : 0]
}
func tradeRow(_ t: bench_surface_Trade) -> [Double] {
    [Double(t.id), Double(t.symbol_id), t.price, Double(t.quantity), t.bid, t.ask, Double(t.volume),
     Double(t.timestamp), t.is_buy ? 1 : 0]
}
func particleRow(_ p: bench_surface_Particle) -> [Double] {
    [Double(p.id), p.x, p.y, p.z, p.vx, p.vy, p.vz, p.mass, p.charge, p.active ? 1 : 0]
}
func sensorRow(_ s: bench_surface_SensorReading) -> [Double] {
    [Double(s.sensor_id), Double(s.timestamp), s.temperature, s.humidity, s.pressure, s.light, s.battery,
     Double(s.signal_strength), s.is_valid ? 1 : 0]
}
func userRow(_ u: Profile) -> [String] {
    ["\(u.id)", u.name, u.email, u.bio, "\(u.age)", "\(u.score)", u.tags.joined(separator: ","), "\(u.isActive)"]
}
func location(_ f: [Double]) -> bench_surface_Location {
    bench_surface_Location(id: Int64(f[0]), lat: f[1], lng: f[2], rating: f[3], review_count: UInt32(f[4]),
                           is_open: f[5] == 1)
}

var initError = bench_surface_error()
if bench_surface_library_init(BENCH_SURFACE_INTERFACE_FINGERPRINT, &initError) != BENCH_SURFACE_STATUS_OK {
    fatalError("libbench_surface_c does not match bench_surface.h: \(swiftString(initError.message))")
}

let locations1k = refLocations(1000).map(location)
let locations10k = refLocations(10_000).map(location)
let ints1k = (0..<1000).map(Int32.init)
let ints10k = (0..<10_000).map(Int32.init)
let points = (0..<1000).map { bench_surface_DataPoint(x: Double($0), y: Double($0) * 2, timestamp: Int64($0)) }
let counter = newCounter()
let accumulator: OpaquePointer? = {
    var a: OpaquePointer?
    ok(bench_surface_Accumulator_new(&a, nil))
    return a
}()

var cases: [SurfaceCase] = [
    SurfaceCase(name: "noop", op: { cNoop(); return 0 }, verify: { nil }),
    SurfaceCase(name: "echo_i32", op: { Int(cEchoI32(42)) }, verify: { expectEqual(cEchoI32(42), 42) }),
    SurfaceCase(name: "add", op: { Int(cAdd(3, 4)) }, verify: { expectEqual(cAdd(3, 4), 7) }),
    SurfaceCase(name: "echo_string_small", op: { cEchoString(smallString).utf8.count },
                verify: { expectEqual(cEchoString(smallString), smallString) }),
    SurfaceCase(name: "echo_string_1k", op: { cEchoString(string1k).utf8.count },
                verify: { expectEqual(cEchoString(string1k), string1k) }),
    SurfaceCase(name: "simple_enum", op: { cOpposite(BENCH_SURFACE_DIRECTION_NORTH) == BENCH_SURFACE_DIRECTION_SOUTH ? 1 : 0 },
                verify: { expectEqual(cOpposite(BENCH_SURFACE_DIRECTION_EAST).rawValue, BENCH_SURFACE_DIRECTION_WEST.rawValue) }),
    SurfaceCase(name: "find_even", op: { (0..<100).reduce(0) { $0 + (cFindEven($1) == nil ? 0 : 1) } },
                verify: { expectEqual((0..<100).map { cFindEven($0) }, (0..<100).map { $0 % 2 == 0 ? $0 : nil }) }),
]
for (suffix, n) in listSizes {
    cases.append(listCase("generate_locations_\(suffix)", n, { cLocations(UInt32(n)) }, locationRow, refLocation))
    cases.append(listCase("generate_trades_\(suffix)", n, { cTrades(UInt32(n)) }, tradeRow, refTrade))
    cases.append(listCase("generate_particles_\(suffix)", n, { cParticles(UInt32(n)) }, particleRow, refParticle))
    cases.append(listCase("generate_sensors_\(suffix)", n, { cSensors(UInt32(n)) }, sensorRow, refSensor))
}
for (suffix, n) in listSizes.prefix(2) {
    cases.append(listCase("generate_user_profiles_\(suffix)", n, { cUserProfiles(UInt32(n)) }, userRow, refUser))
}
cases += [
    SurfaceCase(name: "sum_ratings_1k", op: { Int(cSumRatings(locations1k)) },
                verify: { expectClose(cSumRatings(locations1k), refSumRatings(1000)) }),
    SurfaceCase(name: "sum_ratings_10k", op: { Int(cSumRatings(locations10k)) },
                verify: { expectClose(cSumRatings(locations10k), refSumRatings(10_000)) }),
    SurfaceCase(name: "process_locations_1k", op: { Int(cProcessLocations(locations1k)) },
                verify: { expectEqual(Int(cProcessLocations(locations1k)), refProcessLocations(1000)) }),
    SurfaceCase(name: "generate_i32_vec_1k", op: { cI32Vec(1000).count }, verify: { expectEqual(cI32Vec(1000), ints1k) }),
    SurfaceCase(name: "generate_i32_vec_10k", op: { cI32Vec(10_000).count }, verify: { expectEqual(cI32Vec(10_000), ints10k) }),
    SurfaceCase(name: "sum_i32_vec_1k", op: { Int(cSumI32Vec(ints1k)) },
                verify: { expectEqual(Int(cSumI32Vec(ints1k)), triangle(1000)) }),
    SurfaceCase(name: "sum_i32_vec_10k", op: { Int(cSumI32Vec(ints10k)) },
                verify: { expectEqual(Int(cSumI32Vec(ints10k)), triangle(10_000)) }),
    SurfaceCase(name: "generate_f64_vec_10k", op: { cF64Vec(10_000).count },
                verify: { expectEqual(cF64Vec(10_000), (0..<10_000).map { Double($0) * 0.5 }) }),
    SurfaceCase(name: "generate_bytes_64k", op: { cBytes(65_536).count },
                verify: { expectEqual(cBytes(65_536), (0..<65_536).map { UInt8($0 % 251) }) }),
    SurfaceCase(name: "counter_increment_1k", op: { cIncrement1k(counter); return 0 }, verify: {
        let c = newCounter()
        defer { bench_surface_Counter_free(c) }
        cIncrement1k(c)
        return expectEqual(cCounterGet(c), 1000)
    }),
    SurfaceCase(name: "datastore_add_1k", op: { Int(cDataStore1k().0) }, verify: {
        let (len, sumX) = cDataStore1k(check: true)
        return expectEqual(len, 1000) ?? expectClose(sumX, Double(triangle(1000)))
    }),
    SurfaceCase(name: "accumulator_1k", op: { Int(cAccumulator1k(accumulator)) },
                verify: { expectEqual(Int(cAccumulator1k(accumulator, check: true)), triangle(1000)) }),
    SurfaceCase(name: "callback_100", op: { Int(cSumProvided(100)) }, verify: { expectEqual(Int(cSumProvided(100)), triangle(100)) }),
    SurfaceCase(name: "callback_1k", op: { Int(cSumProvided(1000)) }, verify: { expectEqual(Int(cSumProvided(1000)), triangle(1000)) }),
]

runSurface("swift-c", cases)
