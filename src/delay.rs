//! A runtime-free sleep future, so the async method works under any executor
//! (asyncio, Kotlin coroutines, Swift concurrency) without pulling in tokio.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Shared {
    done: bool,
    waker: Option<Waker>,
}

/// Completes after `duration`; a background thread does the waiting.
pub(crate) struct Delay {
    shared: Arc<Mutex<Shared>>,
    started: bool,
    duration: Duration,
}

impl Delay {
    pub(crate) fn new(duration: Duration) -> Self {
        Delay { shared: Arc::default(), started: false, duration }
    }
}

impl Future for Delay {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.duration.is_zero() {
            return Poll::Ready(());
        }
        {
            let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
            if shared.done {
                return Poll::Ready(());
            }
            shared.waker = Some(cx.waker().clone());
        }
        if !self.started {
            self.started = true;
            let shared = Arc::clone(&self.shared);
            let duration = self.duration;
            let spawned = std::thread::Builder::new()
                .name("greet-delay".into())
                .spawn(move || {
                    std::thread::sleep(duration);
                    let waker = {
                        let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
                        shared.done = true;
                        shared.waker.take()
                    };
                    if let Some(waker) = waker {
                        waker.wake();
                    }
                });
            if spawned.is_err() {
                // No thread to spare: wait here rather than fail or hang.
                std::thread::sleep(duration);
                return Poll::Ready(());
            }
        }
        Poll::Pending
    }
}
