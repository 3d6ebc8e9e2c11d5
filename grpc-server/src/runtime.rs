//! What the generated glue (`generated/grpc-rust/service.rs`) needs besides the component:
//! tables of the objects callers hold handles to, conversions of the protobuf well-known
//! types, and error statuses that carry a typed detail. Nothing here knows the component.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tonic::{Code, Status};

/// How many objects of one interface may be alive, and how long an unused one lives.
#[derive(Debug, Clone)]
pub struct HandleLimits {
    pub max_live: usize,
    pub idle: Duration,
}

impl Default for HandleLimits {
    fn default() -> Self {
        HandleLimits { max_live: 10_000, idle: Duration::from_secs(600) }
    }
}

struct Entry<T: ?Sized> {
    object: Arc<T>,
    last_used: Instant,
}

/// The live objects of one interface, by handle. Handles are unpredictable non-zero 64-bit
/// numbers (a keyed hash of a counter), so one caller cannot guess another's.
pub struct HandleTable<T: ?Sized> {
    interface: &'static str,
    limits: HandleLimits,
    key: RandomState,
    counter: AtomicU64,
    live: Mutex<HashMap<u64, Entry<T>>>,
}

impl<T: ?Sized> HandleTable<T> {
    pub fn new(interface: &'static str, limits: HandleLimits) -> Self {
        HandleTable { interface, limits, key: RandomState::new(), counter: AtomicU64::new(1), live: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry<T>>> {
        // A panic while holding the lock leaves the map consistent (single inserts/removes).
        self.live.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `object` alive and returns its new handle; RESOURCE_EXHAUSTED when the table is
    /// full even after dropping idle objects.
    pub fn insert(&self, object: Arc<T>) -> Result<u64, Status> {
        let mut live = self.lock();
        if live.len() >= self.limits.max_live {
            let idle = self.limits.idle;
            live.retain(|_, e| e.last_used.elapsed() < idle);
            if live.len() >= self.limits.max_live {
                return Err(Status::resource_exhausted(format!(
                    "too many live {} objects ({}); release some first",
                    self.interface, self.limits.max_live
                )));
            }
        }
        loop {
            let n = self.counter.fetch_add(1, Ordering::Relaxed);
            let handle = self.key.hash_one(n);
            if handle != 0 && !live.contains_key(&handle) {
                live.insert(handle, Entry { object, last_used: Instant::now() });
                return Ok(handle);
            }
        }
    }

    /// The object behind `handle`; NOT_FOUND when it was released, expired or never issued.
    pub fn get(&self, handle: u64) -> Result<Arc<T>, Status> {
        let mut live = self.lock();
        match live.get_mut(&handle) {
            Some(entry) => {
                entry.last_used = Instant::now();
                Ok(Arc::clone(&entry.object))
            }
            None => Err(self.not_found(handle)),
        }
    }

    pub fn release(&self, handle: u64) -> Result<(), Status> {
        match self.lock().remove(&handle) {
            Some(_) => Ok(()),
            None => Err(self.not_found(handle)),
        }
    }

    fn not_found(&self, handle: u64) -> Status {
        Status::not_found(format!("no live {} with handle {handle} (released, expired or never issued)", self.interface))
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops the objects unused for longer than the idle limit; returns how many.
    pub fn expire_idle(&self) -> usize {
        let idle = self.limits.idle;
        let mut live = self.lock();
        let before = live.len();
        live.retain(|_, e| e.last_used.elapsed() < idle);
        before - live.len()
    }
}

/// INVALID_ARGUMENT for a required message field that was not sent.
pub fn missing(what: &str) -> Status {
    Status::invalid_argument(format!("{what} is required"))
}

/// A protobuf integer into a narrower Rust integer; INVALID_ARGUMENT when out of range.
pub fn narrow<T, V>(value: V, what: &str) -> Result<T, Status>
where
    T: TryFrom<V>,
    V: std::fmt::Display + Copy,
{
    T::try_from(value).map_err(|_| {
        Status::invalid_argument(format!("{what} = {value} is out of range for {}", std::any::type_name::<T>()))
    })
}

pub fn timestamp_from_pb(ts: prost_types::Timestamp, what: &str) -> Result<SystemTime, Status> {
    if !(0..1_000_000_000).contains(&ts.nanos) {
        return Err(Status::invalid_argument(format!("{what}: nanos {} is not in 0..1e9", ts.nanos)));
    }
    let nanos = Duration::from_nanos(ts.nanos as u64);
    let time = if ts.seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(ts.seconds as u64)).and_then(|t| t.checked_add(nanos))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(ts.seconds.unsigned_abs())).and_then(|t| t.checked_add(nanos))
    };
    time.ok_or_else(|| Status::invalid_argument(format!("{what}: timestamp out of range")))
}

pub fn timestamp_to_pb(time: SystemTime) -> prost_types::Timestamp {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => prost_types::Timestamp { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() as i32 },
        Err(e) => {
            let d = e.duration();
            let (mut seconds, mut nanos) = (-(d.as_secs() as i64), -(d.subsec_nanos() as i32));
            if nanos < 0 {
                seconds -= 1;
                nanos += 1_000_000_000;
            }
            prost_types::Timestamp { seconds, nanos }
        }
    }
}

pub fn duration_from_pb(d: prost_types::Duration, what: &str) -> Result<Duration, Status> {
    if d.seconds < 0 || d.nanos < 0 || d.nanos >= 1_000_000_000 {
        return Err(Status::invalid_argument(format!("{what}: a duration must not be negative")));
    }
    Ok(Duration::new(d.seconds as u64, d.nanos as u32))
}

pub fn duration_to_pb(d: Duration) -> prost_types::Duration {
    prost_types::Duration { seconds: d.as_secs().min(i64::MAX as u64) as i64, nanos: d.subsec_nanos() as i32 }
}

/// `google.rpc.Status`, the standard payload of `grpc-status-details-bin`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RpcStatus {
    #[prost(int32, tag = "1")]
    pub code: i32,
    #[prost(string, tag = "2")]
    pub message: String,
    #[prost(message, repeated, tag = "3")]
    pub details: Vec<prost_types::Any>,
}

/// A status whose details are a `google.rpc.Status` holding `detail` (the typed error,
/// `type_name` being its fully qualified protobuf name) packed in an `Any`.
pub fn status_with_detail<M: prost::Message>(code: Code, message: String, type_name: &str, detail: &M) -> Status {
    let rpc = RpcStatus {
        code: code as i32,
        message: message.clone(),
        details: vec![prost_types::Any {
            type_url: format!("type.googleapis.com/{type_name}"),
            value: detail.encode_to_vec(),
        }],
    };
    Status::with_details(code, message, prost::Message::encode_to_vec(&rpc).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_unique_nonzero_and_released_once() {
        let table = HandleTable::<str>::new("Thing", HandleLimits { max_live: 3, idle: Duration::from_secs(60) });
        let a = table.insert(Arc::from("a")).unwrap();
        let b = table.insert(Arc::from("b")).unwrap();
        assert_ne!(a, b);
        assert!(a != 0 && b != 0);
        assert_eq!(&*table.get(a).unwrap(), "a");
        table.release(a).unwrap();
        assert_eq!(table.get(a).unwrap_err().code(), Code::NotFound);
        assert_eq!(table.release(a).unwrap_err().code(), Code::NotFound);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn a_full_table_refuses_until_idle_objects_expire() {
        let table = HandleTable::<str>::new("Thing", HandleLimits { max_live: 2, idle: Duration::from_millis(50) });
        table.insert(Arc::from("a")).unwrap();
        table.insert(Arc::from("b")).unwrap();
        assert_eq!(table.insert(Arc::from("c")).unwrap_err().code(), Code::ResourceExhausted);
        std::thread::sleep(Duration::from_millis(80));
        table.insert(Arc::from("c")).unwrap();
        assert_eq!(table.len(), 1);
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(table.expire_idle(), 1);
        assert!(table.is_empty());
    }

    #[test]
    fn well_known_types_round_trip_and_reject_bad_values() {
        for t in [UNIX_EPOCH, UNIX_EPOCH + Duration::new(5, 7), UNIX_EPOCH - Duration::new(5, 7)] {
            assert_eq!(timestamp_from_pb(timestamp_to_pb(t), "t").unwrap(), t);
        }
        let bad = prost_types::Timestamp { seconds: 0, nanos: -1 };
        assert_eq!(timestamp_from_pb(bad, "t").unwrap_err().code(), Code::InvalidArgument);
        let d = Duration::new(3, 500);
        assert_eq!(duration_from_pb(duration_to_pb(d), "d").unwrap(), d);
        let neg = prost_types::Duration { seconds: -1, nanos: 0 };
        assert_eq!(duration_from_pb(neg, "d").unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(narrow::<u8, u32>(300, "x").unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(narrow::<u8, u32>(200, "x").unwrap(), 200);
    }
}
