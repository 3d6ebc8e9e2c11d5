use std::sync::Mutex;

// ---- call overhead and scalars -----------------------------------------------------------

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn noop() {}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn echo_i32(value: i32) -> i32 {
    value
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn echo_f64(value: f64) -> f64 {
    value
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn multiply(a: f64, b: f64) -> f64 {
    a * b
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn inc_u64(value: u64) -> u64 {
    value.wrapping_add(1)
}

// ---- strings ------------------------------------------------------------------------------

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn echo_string(value: String) -> String {
    value
}

// ---- enums --------------------------------------------------------------------------------

#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    North,
    East,
    South,
    West,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn opposite_direction(direction: Direction) -> Direction {
    match direction {
        Direction::North => Direction::South,
        Direction::East => Direction::West,
        Direction::South => Direction::North,
        Direction::West => Direction::East,
    }
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Circle { radius: f64 },
    Rectangle { width: f64, height: f64 },
    Point,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn shape_area(shape: Shape) -> f64 {
    match shape {
        Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
        Shape::Rectangle { width, height } => width * height,
        Shape::Point => 0.0,
    }
}

/// `Some(value)` when even: an `Option<i32>` both ways of a branch.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn find_even(value: i32) -> Option<i32> {
    (value % 2 == 0).then_some(value)
}

// ---- records ------------------------------------------------------------------------------

#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Location {
    pub id: i64,
    pub lat: f64,
    pub lng: f64,
    pub rating: f64,
    pub review_count: u32,
    pub is_open: bool,
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trade {
    pub id: i64,
    pub symbol_id: u32,
    pub price: f64,
    pub quantity: i64,
    pub bid: f64,
    pub ask: f64,
    pub volume: i64,
    pub timestamp: i64,
    pub is_buy: bool,
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    pub id: i64,
    pub x: f64,
    pub y: f64,
    pub z: f64,
    pub vx: f64,
    pub vy: f64,
    pub vz: f64,
    pub mass: f64,
    pub charge: f64,
    pub active: bool,
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SensorReading {
    pub sensor_id: i64,
    pub timestamp: i64,
    pub temperature: f64,
    pub humidity: f64,
    pub pressure: f64,
    pub light: f64,
    pub battery: f64,
    pub signal_strength: i32,
    pub is_valid: bool,
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Debug, PartialEq)]
pub struct UserProfile {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub bio: String,
    pub age: u32,
    pub score: f64,
    pub tags: Vec<String>,
    pub is_active: bool,
}

/// A record of primitives only, added to a `DataStore`.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "boltffi", boltffi::data)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataPoint {
    pub x: f64,
    pub y: f64,
    pub timestamp: i64,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_locations(count: u32) -> Vec<Location> {
    (0..count as i64)
        .map(|i| Location {
            id: i,
            lat: 37.7749 + i as f64 * 0.001,
            lng: -122.4194 + i as f64 * 0.001,
            rating: 3.0 + (i % 20) as f64 * 0.1,
            review_count: (i * 7 % 500) as u32,
            is_open: i % 3 != 0,
        })
        .collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_trades(count: u32) -> Vec<Trade> {
    (0..count as i64)
        .map(|i| Trade {
            id: i,
            symbol_id: (i % 64) as u32,
            price: 100.0 + i as f64 * 0.01,
            quantity: 10 + i % 90,
            bid: 99.95 + i as f64 * 0.01,
            ask: 100.05 + i as f64 * 0.01,
            volume: i * 100,
            timestamp: 1_700_000_000_000 + i,
            is_buy: i % 2 == 0,
        })
        .collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_particles(count: u32) -> Vec<Particle> {
    (0..count as i64)
        .map(|i| {
            let f = i as f64;
            Particle {
                id: i,
                x: f * 0.5,
                y: f * 0.25,
                z: f * 0.125,
                vx: 1.0,
                vy: -1.0,
                vz: 0.5,
                mass: 1.0 + (i % 10) as f64,
                charge: if i % 2 == 0 { 1.0 } else { -1.0 },
                active: i % 5 != 0,
            }
        })
        .collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_sensors(count: u32) -> Vec<SensorReading> {
    (0..count as i64)
        .map(|i| SensorReading {
            sensor_id: i % 128,
            timestamp: 1_700_000_000_000 + i * 1000,
            temperature: 20.0 + (i % 15) as f64 * 0.5,
            humidity: 40.0 + (i % 30) as f64,
            pressure: 1013.25 - (i % 10) as f64,
            light: (i % 1000) as f64,
            battery: 100.0 - (i % 100) as f64,
            signal_strength: -40 - (i % 50) as i32,
            is_valid: i % 17 != 0,
        })
        .collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_user_profiles(count: u32) -> Vec<UserProfile> {
    (0..count as i64)
        .map(|i| UserProfile {
            id: i,
            name: format!("User {i}"),
            email: format!("user{i}@example.com"),
            bio: format!("Bio of user {i}: likes Rust, Python and Kotlin."),
            age: 18 + (i % 60) as u32,
            score: (i % 100) as f64 * 1.5,
            tags: vec!["rust".to_string(), format!("tag{}", i % 10), "ffi".to_string()],
            is_active: i % 4 != 0,
        })
        .collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_ratings(locations: Vec<Location>) -> f64 {
    locations.iter().map(|l| l.rating).sum()
}

/// How many of the locations are open with a rating of at least 4.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn process_locations(locations: Vec<Location>) -> u32 {
    locations.iter().filter(|l| l.is_open && l.rating >= 4.0).count() as u32
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_trade_volumes(trades: Vec<Trade>) -> i64 {
    trades.iter().map(|t| t.volume).sum()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_particle_masses(particles: Vec<Particle>) -> f64 {
    particles.iter().map(|p| p.mass).sum()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn avg_sensor_temp(readings: Vec<SensorReading>) -> f64 {
    if readings.is_empty() {
        return 0.0;
    }
    readings.iter().map(|r| r.temperature).sum::<f64>() / readings.len() as f64
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_user_scores(users: Vec<UserProfile>) -> f64 {
    users.iter().map(|u| u.score).sum()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn count_active_users(users: Vec<UserProfile>) -> u32 {
    users.iter().filter(|u| u.is_active).count() as u32
}

// ---- primitive vectors and bytes ------------------------------------------------------------

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_i32_vec(count: u32) -> Vec<i32> {
    (0..count as i32).collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_i32_vec(values: Vec<i32>) -> i64 {
    values.iter().map(|v| *v as i64).sum()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_f64_vec(count: u32) -> Vec<f64> {
    (0..count).map(|i| i as f64 * 0.5).collect()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_f64_vec(values: Vec<f64>) -> f64 {
    values.iter().sum()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn generate_bytes(size: u32) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

// ---- stateful objects -----------------------------------------------------------------------

#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub struct Counter {
    value: Mutex<u64>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
impl Counter {
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn new() -> Self {
        Self { value: Mutex::new(0) }
    }

    pub fn increment(&self) {
        *self.value.lock().unwrap() += 1;
    }

    pub fn get(&self) -> u64 {
        *self.value.lock().unwrap()
    }
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub struct DataStore {
    points: Mutex<Vec<DataPoint>>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
impl DataStore {
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn new() -> Self {
        Self { points: Mutex::new(Vec::new()) }
    }

    pub fn add(&self, point: DataPoint) {
        self.points.lock().unwrap().push(point);
    }

    pub fn len(&self) -> u64 {
        self.points.lock().unwrap().len() as u64
    }

    pub fn sum_x(&self) -> f64 {
        self.points.lock().unwrap().iter().map(|p| p.x).sum()
    }
}

#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub struct Accumulator {
    total: Mutex<i64>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
impl Accumulator {
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn new() -> Self {
        Self { total: Mutex::new(0) }
    }

    pub fn add(&self, amount: i64) {
        *self.total.lock().unwrap() += amount;
    }

    pub fn get(&self) -> i64 {
        *self.total.lock().unwrap()
    }

    pub fn reset(&self) {
        *self.total.lock().unwrap() = 0;
    }
}

// ---- async ----------------------------------------------------------------------------------

#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub async fn async_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

// ---- callbacks: the foreign side implements, Rust calls -----------------------------------

/// Implemented in the foreign language; Rust asks it for `count` values and sums them.
#[cfg_attr(feature = "uniffi", uniffi::export(with_foreign))]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub trait ValueProvider: Send + Sync {
    fn value_at(&self, index: u32) -> i64;
}

/// Calls `provider.value_at(i)` for every `i < count` and sums the answers.
#[cfg_attr(feature = "uniffi", uniffi::export)]
#[cfg_attr(feature = "boltffi", boltffi::export)]
pub fn sum_provided(provider: std::sync::Arc<dyn ValueProvider>, count: u32) -> i64 {
    (0..count).map(|i| provider.value_at(i)).sum()
}
