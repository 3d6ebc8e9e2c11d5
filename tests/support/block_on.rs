//! A minimal executor, enough to drive one future in a test. Shared by the unit tests
//! (src/tests.rs) and the property tests (tests/properties.rs) through `#[path]`.

use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Drives `future` to completion on this thread, parking it while the future is pending.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct ThreadWaker(std::thread::Thread);
    impl Wake for ThreadWaker {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}
