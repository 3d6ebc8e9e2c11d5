//! Calls from the server into objects the client implements (callback interfaces, traits
//! foreign code implements), over one bidirectional stream per client connection
//! (`UniffiCallbacks`). The client opens the stream when it first passes such an object; the
//! server answers with the session's id and its replica id, and the client then passes each
//! object as a `uint64` of the form `session << 32 | handle` (top 16 bits 0, where a Rust
//! object's handle has its replica id), `handle` being the key of the object in the client's
//! own table. The server holds a proxy per such value ([`Session`]); calling it sends a
//! request down the stream and waits (bounded) for the reply with the same call id; dropping
//! it tells the client to free the handle. When the stream ends (the client went away, the
//! connection broke) the session is closed: pending calls fail at once with a message saying
//! so, later calls on its proxies fail the same way, and what the session kept is dropped.

use std::any::Any;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use tonic::Status;

/// The stream's messages, as the generated service defines them.
pub trait Envelope: Send + Sync + 'static {
    /// Server to client: a call, a free, or the session's id.
    type Request: Send + 'static;
    /// Client to server: a call's outcome, or that a returned object was taken.
    type Reply: Send + 'static;
    fn session(session: u16, replica: u16) -> Self::Request;
    fn free(handle: u64) -> Self::Request;
    /// The call a reply answers (0 for one that answers none).
    fn call_of(reply: &Self::Reply) -> u64;
    /// The handle of an object returned to the client that it has now taken, if the reply says so.
    fn lifted(reply: &Self::Reply) -> Option<u64>;
}

/// The client's bits of a foreign object's value: its handle in the client's table.
const HANDLE_BITS: u32 = 32;

/// Whether a `uint64` names a client's object (its top 16 bits, a Rust handle's replica id, are 0).
pub fn is_foreign(value: u64) -> bool {
    value >> 48 == 0 && value != 0
}

/// The session a foreign object's value names.
pub fn session_of(value: u64) -> u16 {
    (value >> HANDLE_BITS) as u16
}

type Waiter<R> = Box<dyn FnOnce(Result<R, String>) + Send>;

struct State<E: Envelope> {
    /// Calls sent and not answered, by call id.
    pending: HashMap<u64, Waiter<E::Reply>>,
    /// Objects returned to the client, kept until it says it has taken them (so that its
    /// handle is not freed while the reply is on its way).
    exported: HashMap<u64, Vec<Box<dyn Any + Send>>>,
    /// Why the session ended, once it has.
    closed: Option<String>,
}

/// One client's callback stream.
pub struct Session<E: Envelope> {
    pub id: u16,
    pub replica: u16,
    timeout: Duration,
    next_call: AtomicU64,
    out: tokio::sync::mpsc::UnboundedSender<Result<E::Request, Status>>,
    state: Mutex<State<E>>,
    runtime: tokio::runtime::Handle,
}

impl<E: Envelope> Session<E> {
    fn lock(&self) -> std::sync::MutexGuard<'_, State<E>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value a foreign object with this client handle has on the wire.
    pub fn value(&self, handle: u64) -> u64 {
        (u64::from(self.id) << HANDLE_BITS) | (handle & ((1 << HANDLE_BITS) - 1))
    }

    fn send(&self, make: impl FnOnce(u64) -> E::Request, waiter: Waiter<E::Reply>) -> Option<u64> {
        let call = self.next_call.fetch_add(1, Ordering::Relaxed);
        let mut state = self.lock();
        if let Some(why) = &state.closed {
            let why = why.clone();
            drop(state);
            waiter(Err(why));
            return None;
        }
        state.pending.insert(call, waiter);
        if self.out.send(Ok(make(call))).is_err() {
            let waiter = state.pending.remove(&call);
            drop(state);
            if let Some(waiter) = waiter {
                waiter(Err("the client's callback stream is closed".into()));
            }
            return None;
        }
        Some(call)
    }

    /// Sends a call and waits for its reply: at most the callback timeout, and no longer than
    /// the stream lives. Blocks the thread (the service runs such calls where that is allowed).
    pub fn call(&self, make: impl FnOnce(u64) -> E::Request, what: &str) -> Result<E::Reply, String> {
        let (tx, rx) = mpsc::sync_channel(1);
        let waiter: Waiter<E::Reply> = Box::new(move |r| {
            let _ = tx.send(r);
        });
        let Some(call) = self.send(make, waiter) else {
            return rx.recv().unwrap_or_else(|_| Err("the client's callback stream is closed".into())).map_err(|why| self.failed(what, &why));
        };
        // On one of the runtime's workers, the wait hands the worker's other tasks (the stream
        // that brings the answer among them) to another thread first.
        let on_worker = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        let answer = if on_worker {
            tokio::task::block_in_place(|| rx.recv_timeout(self.timeout))
        } else {
            rx.recv_timeout(self.timeout)
        };
        match answer {
            Ok(r) => r.map_err(|why| self.failed(what, &why)),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.lock().pending.remove(&call);
                Err(format!(
                    "{what}: the client did not answer within {} s (--callback-timeout-secs)",
                    self.timeout.as_secs_f64()
                ))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(self.failed(what, "the client's callback stream is closed")),
        }
    }

    /// Sends a call; `done` gets its reply, or the reason there is none (the stream ended, the
    /// callback timeout passed).
    pub fn call_async(
        self: &Arc<Self>,
        make: impl FnOnce(u64) -> E::Request,
        what: &str,
        done: impl FnOnce(Result<E::Reply, String>) + Send + 'static,
    ) {
        let this = Arc::clone(self);
        let label = what.to_string();
        let waiter: Waiter<E::Reply> = Box::new(move |r| done(r.map_err(|why| this.failed(&label, &why))));
        if let Some(call) = self.send(make, waiter) {
            let session = Arc::downgrade(self);
            let timeout = self.timeout;
            let what = what.to_string();
            self.runtime.spawn(async move {
                tokio::time::sleep(timeout).await;
                let Some(session) = session.upgrade() else { return };
                let waiter = session.lock().pending.remove(&call);
                if let Some(waiter) = waiter {
                    waiter(Err(format!(
                        "{what}: the client did not answer within {} s (--callback-timeout-secs)",
                        timeout.as_secs_f64()
                    )));
                }
            });
        }
    }

    fn failed(&self, what: &str, why: &str) -> String {
        if why.starts_with(what) {
            why.to_string()
        } else {
            format!("{what}: {why} (callback session {} on replica {})", self.id, self.replica)
        }
    }

    /// Tells the client to free a handle (a proxy was dropped); nothing once the stream ended.
    pub fn free(&self, handle: u64) {
        let state = self.lock();
        if state.closed.is_none() {
            let _ = self.out.send(Ok(E::free(handle)));
        }
    }

    /// Keeps `keep` (a proxy being returned to the client) until the client says it has taken
    /// the handle.
    pub fn export(&self, handle: u64, keep: Box<dyn Any + Send>) {
        let mut state = self.lock();
        if state.closed.is_none() {
            state.exported.entry(handle).or_default().push(keep);
        }
    }

    /// A message from the client.
    pub fn deliver(&self, reply: E::Reply) {
        if let Some(handle) = E::lifted(&reply) {
            let kept = {
                let mut state = self.lock();
                let kept = state.exported.get_mut(&handle).and_then(|v| v.pop());
                if state.exported.get(&handle).is_some_and(|v| v.is_empty()) {
                    state.exported.remove(&handle);
                }
                kept
            };
            drop(kept);
            return;
        }
        let waiter = self.lock().pending.remove(&E::call_of(&reply));
        if let Some(waiter) = waiter {
            waiter(Ok(reply));
        }
    }

    /// Ends the session: every pending call fails with `why`, so do later ones.
    fn close(&self, why: String) {
        let (pending, exported) = {
            let mut state = self.lock();
            state.closed = Some(why.clone());
            (std::mem::take(&mut state.pending), std::mem::take(&mut state.exported))
        };
        for (_, waiter) in pending {
            waiter(Err(why.clone()));
        }
        // Dropped outside the lock: a proxy's drop frees through the session.
        drop(exported);
    }

    pub fn is_closed(&self) -> bool {
        self.lock().closed.is_some()
    }

    /// Calls sent and not answered yet.
    pub fn pending(&self) -> usize {
        self.lock().pending.len()
    }
}

/// The callback sessions of one server: one per client stream.
pub struct Sessions<E: Envelope> {
    replica: u16,
    timeout: Duration,
    next: AtomicU16,
    live: Mutex<HashMap<u16, Arc<Session<E>>>>,
}

impl<E: Envelope> Sessions<E> {
    pub fn new(replica: u16, timeout: Duration) -> Self {
        let start = RandomState::new().hash_one(std::process::id()) as u16;
        Sessions { replica, timeout, next: AtomicU16::new(start), live: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u16, Arc<Session<E>>>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new session for a stream that just opened, and the receiving end of its outbound
    /// messages (the first of which tells the client its id).
    #[allow(clippy::type_complexity)]
    pub fn open(&self) -> Result<(Arc<Session<E>>, tokio::sync::mpsc::UnboundedReceiver<Result<E::Request, Status>>), Status> {
        let mut live = self.lock();
        if live.len() >= usize::from(u16::MAX) {
            return Err(Status::resource_exhausted(format!(
                "{} callback streams are open on replica {}, the most one server keeps",
                live.len(),
                self.replica
            )));
        }
        let id = loop {
            let id = self.next.fetch_add(1, Ordering::Relaxed);
            if id != 0 && !live.contains_key(&id) {
                break id;
            }
        };
        let (out, rx) = tokio::sync::mpsc::unbounded_channel();
        let session = Arc::new(Session {
            id,
            replica: self.replica,
            timeout: self.timeout,
            next_call: AtomicU64::new(1),
            out,
            state: Mutex::new(State { pending: HashMap::new(), exported: HashMap::new(), closed: None }),
            runtime: tokio::runtime::Handle::current(),
        });
        let _ = session.out.send(Ok(E::session(id, self.replica)));
        live.insert(id, Arc::clone(&session));
        Ok((session, rx))
    }

    /// The session a foreign object's value names.
    pub fn get(&self, value: u64) -> Result<Arc<Session<E>>, Status> {
        let id = session_of(value);
        self.lock().get(&id).cloned().ok_or_else(|| {
            Status::failed_precondition(format!(
                "{value:#x} names an object of callback session {id}, which is not open on replica {}: the client's \
                 callback stream ended, or the call reached another replica than the stream (route calls that carry \
                 the client's objects to the replica of its stream)",
                self.replica
            ))
        })
    }

    /// Ends a session (its stream ended): see [`Session`].
    pub fn close(&self, session: &Session<E>, why: String) {
        let removed = self.lock().remove(&session.id);
        session.close(why);
        drop(removed);
    }

    /// Open sessions.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
