// The surface cases against uniffi's Kotlin API, compiled twice: against this CLI's Kotlin JNI
// backend (module jni) and against uniffi's own Kotlin bindings over JNA (module jna); and a
// third time against BoltFFI's Kotlin bindings (module boltffi: boltffi/build.sh copies this
// file with BoltFFI's package imported instead; BoltFFI's API is the same except that primitive
// vectors are IntArray/DoubleArray, which Vectors.kt of each module hides). Inputs are built
// outside the timed op with the bindings' own constructors; every result is checked.
package surfacebench.cases

import kotlinx.coroutines.runBlocking
import surfacebench.Approach
import surfacebench.Case
import uniffi.bench_surface.*

private fun location(i: Long) = Location(
    id = i,
    lat = 37.7749 + i.toDouble() * 0.001,
    lng = -122.4194 + i.toDouble() * 0.001,
    rating = 3.0 + (i % 20).toDouble() * 0.1,
    reviewCount = (i * 7 % 500).toUInt(),
    isOpen = i % 3 != 0L,
)

private fun trade(i: Long) = Trade(
    id = i,
    symbolId = (i % 64).toUInt(),
    price = 100.0 + i.toDouble() * 0.01,
    quantity = 10 + i % 90,
    bid = 99.95 + i.toDouble() * 0.01,
    ask = 100.05 + i.toDouble() * 0.01,
    volume = i * 100,
    timestamp = 1_700_000_000_000 + i,
    isBuy = i % 2 == 0L,
)

private fun particle(i: Long): Particle {
    val f = i.toDouble()
    return Particle(
        id = i, x = f * 0.5, y = f * 0.25, z = f * 0.125, vx = 1.0, vy = -1.0, vz = 0.5,
        mass = 1.0 + (i % 10).toDouble(), charge = if (i % 2 == 0L) 1.0 else -1.0, active = i % 5 != 0L,
    )
}

private fun sensor(i: Long) = SensorReading(
    sensorId = i % 128,
    timestamp = 1_700_000_000_000 + i * 1000,
    temperature = 20.0 + (i % 15).toDouble() * 0.5,
    humidity = 40.0 + (i % 30).toDouble(),
    pressure = 1013.25 - (i % 10).toDouble(),
    light = (i % 1000).toDouble(),
    battery = 100.0 - (i % 100).toDouble(),
    signalStrength = -40 - (i % 50).toInt(),
    isValid = i % 17 != 0L,
)

private fun user(i: Long) = UserProfile(
    id = i,
    name = "User $i",
    email = "user$i@example.com",
    bio = "Bio of user $i: likes Rust, Python and Kotlin.",
    age = (18 + i % 60).toUInt(),
    score = (i % 100).toDouble() * 1.5,
    tags = listOf("rust", "tag${i % 10}", "ffi"),
    isActive = i % 4 != 0L,
)

/** Equal to what Rust's generator returns for `n`: size, and first, middle and last element. */
private fun <T> sameAs(n: Int, make: (Long) -> T): (Any?) -> Boolean = { v ->
    v is List<*> && v.size == n && (n == 0 || listOf(0, n / 2, n - 1).all { v[it] == make(it.toLong()) })
}

private fun sizeName(n: Int) = if (n >= 1000) "${n / 1000}k" else "$n"

private class Provider : ValueProvider {
    override fun valueAt(index: UInt): Long = index.toLong() * 2
}

class Cases : Approach {
    override fun cases(): List<Case> {
        val cases = ArrayList<Case>()
        fun case(name: String, op: () -> Any?, check: (Any?) -> Boolean) = cases.add(Case(name, op, check))

        case("noop", { noop() }, { it == Unit })
        case("echo_i32", { echoI32(42) }, { it == 42 })
        case("echo_f64", { echoF64(3.14159) }, { it == 3.14159 })
        case("add", { add(17, 25) }, { it == 42 })
        case("multiply", { multiply(2.5, 4.0) }, { it == 10.0 })
        case("inc_u64", { incU64(41uL) }, { it == 42uL })
        val small = "hello, ffi"
        case("echo_string_small", { echoString(small) }, { it == small })
        val kib = "x".repeat(1024)
        case("echo_string_1k", { echoString(kib) }, { it == kib })
        case("simple_enum", { oppositeDirection(Direction.NORTH) }, { it == Direction.SOUTH })
        val rect = Shape.Rectangle(2.0, 3.0)
        case("data_enum_input", { shapeArea(rect) }, { it == 6.0 })
        case("find_even", {
            var found = 0
            for (i in 0 until 100) if (findEven(i) != null) found++
            found
        }, { it == 50 })

        for (n in listOf(100, 1000, 10000)) {
            val s = sizeName(n)
            case("generate_locations_$s", { generateLocations(n.toUInt()) }, sameAs(n, ::location))
            case("generate_trades_$s", { generateTrades(n.toUInt()) }, sameAs(n, ::trade))
            case("generate_particles_$s", { generateParticles(n.toUInt()) }, sameAs(n, ::particle))
            case("generate_sensors_$s", { generateSensors(n.toUInt()) }, sameAs(n, ::sensor))
        }
        for (n in listOf(100, 1000)) {
            case("generate_user_profiles_${sizeName(n)}", { generateUserProfiles(n.toUInt()) }, sameAs(n, ::user))
        }
        for (n in listOf(1000, 10000)) {
            val s = sizeName(n)
            val locations = List(n) { location(it.toLong()) }
            val ratings = locations.fold(0.0) { acc, l -> acc + l.rating }
            case("sum_ratings_$s", { sumRatings(locations) }, { it == ratings })
            val open = locations.count { it.isOpen && it.rating >= 4.0 }.toUInt()
            case("process_locations_$s", { processLocations(locations) }, { it == open })
            val trades = List(n) { trade(it.toLong()) }
            val volume = trades.sumOf { it.volume }
            case("sum_trade_volumes_$s", { sumTradeVolumes(trades) }, { it == volume })
            val particles = List(n) { particle(it.toLong()) }
            val mass = particles.fold(0.0) { acc, p -> acc + p.mass }
            case("sum_particle_masses_$s", { sumParticleMasses(particles) }, { it == mass })
            val sensors = List(n) { sensor(it.toLong()) }
            val temp = sensors.fold(0.0) { acc, r -> acc + r.temperature } / n
            case("avg_sensor_temp_$s", { avgSensorTemp(sensors) }, { it == temp })
        }
        for (n in listOf(100, 1000)) {
            val s = sizeName(n)
            val users = List(n) { user(it.toLong()) }
            val score = users.fold(0.0) { acc, u -> acc + u.score }
            case("sum_user_scores_$s", { sumUserScores(users) }, { it == score })
            val active = users.count { it.isActive }.toUInt()
            case("count_active_users_$s", { countActiveUsers(users) }, { it == active })
        }
        for (n in listOf(1000, 10000)) {
            val s = sizeName(n)
            case("generate_i32_vec_$s", { generateI32Vec(n.toUInt()) }, { isInts(it, n) })
            val ints = intInput(n)
            val intSum = (0 until n).sumOf { it.toLong() }
            case("sum_i32_vec_$s", { sumI32Vec(ints) }, { it == intSum })
            case("generate_f64_vec_$s", { generateF64Vec(n.toUInt()) }, { isDoubles(it, n) })
            val doubles = doubleInput(n)
            val doubleSum = (0 until n).fold(0.0) { acc, i -> acc + i.toDouble() * 0.5 }
            case("sum_f64_vec_$s", { sumF64Vec(doubles) }, { it == doubleSum })
        }
        case("generate_bytes_64k", { generateBytes(65536u) }, { v ->
            v is ByteArray && v.size == 65536 && v.indices.all { v[it] == (it % 251).toByte() }
        })

        val counter = Counter()
        case("counter_increment_1k", {
            val before = counter.get()
            for (i in 0 until 1000) counter.increment()
            counter.get() - before
        }, { it == 1000uL })
        val point = DataPoint(1.5, 2.5, 1_700_000_000_000)
        case("datastore_add_1k", {
            DataStore().use { store ->
                for (i in 0 until 1000) store.add(point)
                store.len()
            }
        }, { it == 1000uL })
        val accumulator = Accumulator()
        case("accumulator_1k", {
            accumulator.reset()
            for (i in 0 until 1000) accumulator.add(i.toLong())
            accumulator.get()
        }, { it == 499500L })
        case("async_add", { runBlocking { asyncAdd(20, 22) } }, { it == 42 })
        val provider = Provider()
        for (n in listOf(100, 1000)) {
            case("callback_${sizeName(n)}", { sumProvided(provider, n.toUInt()) }, { it == n.toLong() * (n - 1) })
        }
        return cases
    }
}
