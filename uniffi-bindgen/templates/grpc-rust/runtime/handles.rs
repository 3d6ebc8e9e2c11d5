//! The objects callers hold handles to. A handle is a `uint64`: the top 16 bits are the id of
//! the replica (server process) that issued it, the other 48 an unpredictable non-zero number
//! (a keyed hash of a counter), so one caller cannot guess another's handles, and a handle that
//! reaches another replica (a load balancer without affinity, a restarted server) fails with a
//! NOT_FOUND that says so.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tonic::Status;

/// How many objects of one interface may be alive, how long an unused one lives, and the
/// replica id handles carry.
#[derive(Debug, Clone)]
pub struct HandleLimits {
    pub max_live: usize,
    pub idle: Duration,
    /// 1..=65535: this server's id in every handle it issues.
    pub replica: u16,
    /// How long a call into an object the client implements waits for the client's answer.
    pub callback_timeout: Duration,
}

impl Default for HandleLimits {
    fn default() -> Self {
        HandleLimits { max_live: 10_000, idle: Duration::from_secs(600), replica: random_replica(), callback_timeout: Duration::from_secs(30) }
    }
}

/// A replica id for a server started without one: random, so that a handle from an earlier
/// run or another replica is recognized as such.
pub fn random_replica() -> u16 {
    let n = RandomState::new().hash_one(std::process::id()) as u16;
    n.max(1)
}

const ID_BITS: u32 = 48;
const ID_MASK: u64 = (1 << ID_BITS) - 1;

/// The replica id a handle carries.
pub fn replica_of(handle: u64) -> u16 {
    (handle >> ID_BITS) as u16
}

struct Entry<T: ?Sized> {
    object: Arc<T>,
    last_used: Instant,
}

/// The live objects of one interface, by handle.
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
        let replica = u64::from(self.limits.replica) << ID_BITS;
        loop {
            let n = self.counter.fetch_add(1, Ordering::Relaxed);
            let id = self.key.hash_one(n) & ID_MASK;
            let handle = replica | id;
            if id != 0 && !live.contains_key(&handle) {
                live.insert(handle, Entry { object, last_used: Instant::now() });
                return Ok(handle);
            }
        }
    }

    /// The object behind `handle`; NOT_FOUND when it was released, expired, never issued, or
    /// issued by another replica.
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
        let issuer = replica_of(handle);
        if issuer == 0 {
            // Replica ids start at 1: no server of any cluster issued this handle.
            return Status::not_found(format!(
                "{} handle {handle} was not issued by any replica (its replica id, the top 16 bits, is 0; this is replica {}): pass a handle a constructor returned",
                self.interface, self.limits.replica
            ));
        }
        if issuer != self.limits.replica {
            return Status::not_found(format!(
                "{} handle {handle} was issued by replica {issuer}, and this is replica {}: route calls on a handle to the replica that issued it (its `x-uniffi-replica` header, docs/grpc.md \"Running more than one server\"), or make a new object",
                self.interface, self.limits.replica
            ));
        }
        Status::not_found(format!(
            "no live {} with handle {handle} on replica {} (released, expired or never issued)",
            self.interface, self.limits.replica
        ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    fn limits(max_live: usize, idle: Duration, replica: u16) -> HandleLimits {
        HandleLimits { max_live, idle, replica, callback_timeout: Duration::from_secs(30) }
    }

    #[test]
    fn handles_are_unique_nonzero_carry_the_replica_and_are_released_once() {
        let table = HandleTable::<str>::new("Thing", limits(3, Duration::from_secs(60), 7));
        let a = table.insert(Arc::from("a")).unwrap();
        let b = table.insert(Arc::from("b")).unwrap();
        assert_ne!(a, b);
        assert!(a & ID_MASK != 0 && b & ID_MASK != 0);
        assert_eq!((replica_of(a), replica_of(b)), (7, 7));
        assert_eq!(&*table.get(a).unwrap(), "a");
        table.release(a).unwrap();
        assert_eq!(table.get(a).unwrap_err().code(), Code::NotFound);
        assert_eq!(table.release(a).unwrap_err().code(), Code::NotFound);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn a_handle_of_another_replica_is_not_found_naming_both_replicas() {
        let here = HandleTable::<str>::new("Thing", limits(3, Duration::from_secs(60), 2));
        let there = HandleTable::<str>::new("Thing", limits(3, Duration::from_secs(60), 9));
        let handle = there.insert(Arc::from("x")).unwrap();
        let err = here.get(handle).unwrap_err();
        assert_eq!(err.code(), Code::NotFound);
        assert!(err.message().contains("issued by replica 9, and this is replica 2"), "{}", err.message());
        let own = here.insert(Arc::from("y")).unwrap();
        here.release(own).unwrap();
        let err = here.get(own).unwrap_err();
        assert!(err.message().contains("no live Thing") && err.message().contains("replica 2"), "{}", err.message());
    }

    #[test]
    fn a_handle_with_replica_id_zero_is_not_one_any_replica_issued() {
        let here = HandleTable::<str>::new("Thing", limits(3, Duration::from_secs(60), 4));
        for handle in [0, 1, 12345, ID_MASK] {
            let err = here.get(handle).unwrap_err();
            assert_eq!(err.code(), Code::NotFound);
            assert!(err.message().contains("was not issued by any replica"), "{}", err.message());
            assert!(!err.message().contains("replica 0,"), "{}", err.message());
            assert!(err.message().contains("this is replica 4"), "{}", err.message());
            assert!(here.release(handle).unwrap_err().message().contains("not issued by any replica"));
        }
    }

    #[test]
    fn a_full_table_refuses_until_idle_objects_expire() {
        let table = HandleTable::<str>::new("Thing", limits(2, Duration::from_millis(50), 1));
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
    fn random_replicas_are_never_zero() {
        for _ in 0..100 {
            assert_ne!(random_replica(), 0);
        }
    }
}
