/// The component-independent half of the client: uniffi 0.32's calling convention (call
/// status, `RustBuffer` serialization, object and foreign handles, Rust futures, foreign
/// futures), written once and used by the generated items above it.
#[allow(dead_code, clippy::all)]
pub mod rt {
    use ::std::collections::{BTreeMap, HashMap};
    use ::std::future::Future;
    use ::std::mem::ManuallyDrop;
    use ::std::pin::Pin;
    use ::std::sync::atomic::{AtomicI8, AtomicU64, Ordering};
    use ::std::sync::{Arc, Mutex};
    use ::std::task::{Context, Poll, Waker};

    pub use ::uniffi::{RustBuffer, RustCallStatus, RustCallStatusCode};

    // ---- errors --------------------------------------------------------------------------

    /// How a call into the component failed.
    pub enum CallError<E> {
        /// The error the Rust function returned (`Err(E)`).
        Error(E),
        /// A panic in the component (its message), or a value it could not convert.
        Unexpected(String),
        /// The async call was cancelled before it completed.
        Cancelled,
    }

    impl<E> ::std::fmt::Debug for CallError<E> {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                CallError::Error(_) => f.write_str("Error(..)"),
                CallError::Unexpected(message) => write!(f, "Unexpected({message:?})"),
                CallError::Cancelled => f.write_str("Cancelled"),
            }
        }
    }

    impl<E> CallError<E> {
        /// Applies `f` to a declared error, keeping the other kinds.
        pub fn map_err<F>(self, f: impl FnOnce(E) -> F) -> CallError<F> {
            match self {
                CallError::Error(e) => CallError::Error(f(e)),
                CallError::Unexpected(m) => CallError::Unexpected(m),
                CallError::Cancelled => CallError::Cancelled,
            }
        }
    }

    /// How a foreign implementation (of a trait or callback interface) failed.
    pub enum CallbackError<E> {
        /// The declared error of the method, returned to Rust as `Err(E)`.
        Error(E),
        /// Anything else (an exception the method does not declare): Rust sees
        /// `UnexpectedUniFFICallbackError` with this message, or panics if the method
        /// declares no error.
        Unexpected(String),
    }

    /// A value read from the component that does not fit its declared type.
    #[derive(Debug, Clone)]
    pub struct LiftError(pub String);

    impl ::std::fmt::Display for LiftError {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    pub type LiftResult<T> = Result<T, LiftError>;

    /// The error type of calls that declare none: never constructed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Never {}

    // ---- serialization -------------------------------------------------------------------

    /// A value that can be passed into the component.
    pub trait Lower: Sized {
        /// What the value is as an argument of an `extern "C"` function.
        type Ffi;
        fn lower(self) -> Self::Ffi;
        /// Appends the value as it is serialized inside a `RustBuffer`.
        fn write(self, buf: &mut Vec<u8>);
    }

    /// A value that can come out of the component.
    pub trait Lift: Sized {
        type Ffi;
        fn try_lift(v: Self::Ffi) -> LiftResult<Self>;
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self>;
    }

    /// Lowers a serialized value into a fresh `RustBuffer`.
    pub fn lower_into_buffer<T: Lower>(v: T) -> RustBuffer {
        let mut buf = Vec::new();
        v.write(&mut buf);
        RustBuffer::from_vec(buf)
    }

    /// Lifts a serialized value from a `RustBuffer` it takes ownership of.
    pub fn lift_from_buffer<T: Lift>(buf: RustBuffer) -> LiftResult<T> {
        let vec = buf.destroy_into_vec();
        let mut slice = vec.as_slice();
        let value = T::try_read(&mut slice)?;
        if !slice.is_empty() {
            return Err(LiftError(format!("{} bytes left over after reading a value", slice.len())));
        }
        Ok(value)
    }

    fn take<'a>(buf: &mut &'a [u8], n: usize) -> LiftResult<&'a [u8]> {
        if buf.len() < n {
            return Err(LiftError(format!("buffer too short: need {n} bytes, {} left", buf.len())));
        }
        let (head, tail) = buf.split_at(n);
        *buf = tail;
        Ok(head)
    }

    /// A length or count read from a buffer.
    pub fn read_len(buf: &mut &[u8]) -> LiftResult<usize> {
        let n = i32::try_read(buf)?;
        usize::try_from(n).map_err(|_| LiftError(format!("negative length {n}")))
    }

    /// A length or count written to a buffer (uniffi limits them to `i32::MAX`).
    pub fn write_len(len: usize, buf: &mut Vec<u8>) {
        let n = i32::try_from(len).expect("uniffi limits lengths to i32::MAX");
        buf.extend_from_slice(&n.to_be_bytes());
    }

    macro_rules! primitive {
        ($($t:ty),*) => {$(
            impl Lower for $t {
                type Ffi = $t;
                #[inline]
                fn lower(self) -> $t {
                    self
                }
                #[inline]
                fn write(self, buf: &mut Vec<u8>) {
                    buf.extend_from_slice(&self.to_be_bytes());
                }
            }
            impl Lift for $t {
                type Ffi = $t;
                #[inline]
                fn try_lift(v: $t) -> LiftResult<$t> {
                    Ok(v)
                }
                #[inline]
                fn try_read(buf: &mut &[u8]) -> LiftResult<$t> {
                    let bytes = take(buf, ::std::mem::size_of::<$t>())?;
                    Ok(<$t>::from_be_bytes(bytes.try_into().expect("length checked")))
                }
            }
        )*};
    }
    primitive!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64);

    impl Lower for bool {
        type Ffi = i8;
        #[inline]
        fn lower(self) -> i8 {
            self as i8
        }
        fn write(self, buf: &mut Vec<u8>) {
            buf.push(self as u8);
        }
    }

    impl Lift for bool {
        type Ffi = i8;
        #[inline]
        fn try_lift(v: i8) -> LiftResult<bool> {
            match v {
                0 => Ok(false),
                1 => Ok(true),
                other => Err(LiftError(format!("unexpected bool byte {other}"))),
            }
        }
        fn try_read(buf: &mut &[u8]) -> LiftResult<bool> {
            bool::try_lift(i8::try_read(buf)?)
        }
    }

    /// `()`, for calls that return nothing.
    impl Lift for () {
        type Ffi = ();
        fn try_lift(_: ()) -> LiftResult<()> {
            Ok(())
        }
        fn try_read(_: &mut &[u8]) -> LiftResult<()> {
            Ok(())
        }
    }

    impl Lower for () {
        type Ffi = ();
        fn lower(self) {}
        fn write(self, _: &mut Vec<u8>) {}
    }

    impl Lift for Never {
        type Ffi = RustBuffer;
        fn try_lift(buf: RustBuffer) -> LiftResult<Never> {
            buf.destroy();
            Err(LiftError("an error was returned by a call that declares none".into()))
        }
        fn try_read(_: &mut &[u8]) -> LiftResult<Never> {
            Err(LiftError("an error was returned by a call that declares none".into()))
        }
    }

    impl Lower for Never {
        type Ffi = RustBuffer;
        fn lower(self) -> RustBuffer {
            match self {}
        }
        fn write(self, _: &mut Vec<u8>) {
            match self {}
        }
    }

    /// Strings are the one type whose top-level form is not its serialized form: the buffer
    /// holds the UTF-8 bytes alone, without a length.
    impl Lower for String {
        type Ffi = RustBuffer;
        #[inline]
        fn lower(self) -> RustBuffer {
            RustBuffer::from_vec(self.into_bytes())
        }
        fn write(self, buf: &mut Vec<u8>) {
            write_len(self.len(), buf);
            buf.extend_from_slice(self.as_bytes());
        }
    }

    impl Lift for String {
        type Ffi = RustBuffer;
        #[inline]
        fn try_lift(buf: RustBuffer) -> LiftResult<String> {
            let bytes = buf.destroy_into_vec();
            // A string the component returns is a Rust `String` it lowered: valid UTF-8 by
            // construction (checked in debug builds). Strings inside serialized values are
            // validated as they are read.
            debug_assert!(::std::str::from_utf8(&bytes).is_ok());
            // SAFETY: see above; uniffi's scaffolding lowers `String` by `into_bytes`.
            Ok(unsafe { String::from_utf8_unchecked(bytes) })
        }
        fn try_read(buf: &mut &[u8]) -> LiftResult<String> {
            let len = read_len(buf)?;
            let bytes = take(buf, len)?;
            ::std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| LiftError(format!("invalid UTF-8: {e}")))
        }
    }

    /// Lowers a borrowed string without an intermediate `String` (an argument of the call).
    #[inline]
    pub fn lower_str(s: &str) -> RustBuffer {
        RustBuffer::from_vec(s.as_bytes().to_vec())
    }

    /// Serialized values travel in a `RustBuffer` at the top level.
    macro_rules! buffer_lowered {
        () => {
            type Ffi = RustBuffer;
            fn lower(self) -> RustBuffer {
                lower_into_buffer(self)
            }
        };
    }
    macro_rules! buffer_lifted {
        () => {
            type Ffi = RustBuffer;
            fn try_lift(buf: RustBuffer) -> LiftResult<Self> {
                lift_from_buffer(buf)
            }
        };
    }

    impl<T: Lower> Lower for Option<T> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            match self {
                None => buf.push(0),
                Some(v) => {
                    buf.push(1);
                    v.write(buf);
                }
            }
        }
    }

    impl<T: Lift> Lift for Option<T> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            match i8::try_read(buf)? {
                0 => Ok(None),
                1 => Ok(Some(T::try_read(buf)?)),
                other => Err(LiftError(format!("unexpected optional flag {other}"))),
            }
        }
    }

    impl<T: Lower> Lower for Vec<T> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            write_len(self.len(), buf);
            for item in self {
                item.write(buf);
            }
        }
    }

    impl<T: Lift> Lift for Vec<T> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            let len = read_len(buf)?;
            // Every item takes at least one byte (or none, for `()`): cap the reservation.
            let mut items = Vec::with_capacity(len.min(buf.len()));
            for _ in 0..len {
                items.push(T::try_read(buf)?);
            }
            Ok(items)
        }
    }

    /// A map (`HashMap<K, V>` on the Rust side) as its entries.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Map<K, V>(pub Vec<(K, V)>);

    impl<K: Lower, V: Lower> Lower for Map<K, V> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            write_len(self.0.len(), buf);
            for (k, v) in self.0 {
                k.write(buf);
                v.write(buf);
            }
        }
    }

    impl<K: Lift, V: Lift> Lift for Map<K, V> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            let len = read_len(buf)?;
            let mut entries = Vec::with_capacity(len.min(buf.len()));
            for _ in 0..len {
                let k = K::try_read(buf)?;
                let v = V::try_read(buf)?;
                entries.push((k, v));
            }
            Ok(Map(entries))
        }
    }

    /// A set (`HashSet<T>` on the Rust side) as its items.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Set<T>(pub Vec<T>);

    impl<T: Lower> Lower for Set<T> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            self.0.write(buf)
        }
    }

    impl<T: Lift> Lift for Set<T> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            Vec::<T>::try_read(buf).map(Set)
        }
    }

    /// `bytes`: a `Vec<u8>` on the Rust side, serialized like any sequence.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct Bytes(pub Vec<u8>);

    impl Lower for Bytes {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            write_len(self.0.len(), buf);
            buf.extend_from_slice(&self.0);
        }
    }

    impl Lift for Bytes {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            let len = read_len(buf)?;
            Ok(Bytes(take(buf, len)?.to_vec()))
        }
    }

    /// A value that travels in a `RustBuffer` where uniffi expects an error: objects thrown as
    /// errors are serialized handles.
    #[derive(Debug, Clone)]
    pub struct ErrorBuf<T>(pub T);

    impl<T: Lift> Lift for ErrorBuf<T> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            T::try_read(buf).map(ErrorBuf)
        }
    }

    impl<T: Lower> Lower for ErrorBuf<T> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            self.0.write(buf)
        }
    }

    impl<T: Lower> Lower for Box<T> {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            (*self).write(buf)
        }
    }

    impl<T: Lift> Lift for Box<T> {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            T::try_read(buf).map(Box::new)
        }
    }

    impl Lower for ::std::time::SystemTime {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            let (seconds, nanos) = match self.duration_since(::std::time::UNIX_EPOCH) {
                Ok(after) => (i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos()),
                Err(before) => {
                    let before = before.duration();
                    (-i64::try_from(before.as_secs()).unwrap_or(i64::MAX), before.subsec_nanos())
                }
            };
            seconds.write(buf);
            nanos.write(buf);
        }
    }

    impl Lift for ::std::time::SystemTime {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            let seconds = i64::try_read(buf)?;
            let nanos = u32::try_read(buf)?;
            let offset = ::std::time::Duration::new(seconds.unsigned_abs(), nanos);
            let time = if seconds >= 0 {
                ::std::time::UNIX_EPOCH.checked_add(offset)
            } else {
                ::std::time::UNIX_EPOCH.checked_sub(offset)
            };
            time.ok_or_else(|| LiftError("timestamp out of range".into()))
        }
    }

    impl Lower for ::std::time::Duration {
        buffer_lowered!();
        fn write(self, buf: &mut Vec<u8>) {
            self.as_secs().write(buf);
            self.subsec_nanos().write(buf);
        }
    }

    impl Lift for ::std::time::Duration {
        buffer_lifted!();
        fn try_read(buf: &mut &[u8]) -> LiftResult<Self> {
            let seconds = u64::try_read(buf)?;
            let nanos = u32::try_read(buf)?;
            if nanos >= 1_000_000_000 {
                return Err(LiftError(format!("{nanos} nanoseconds in a duration")));
            }
            Ok(::std::time::Duration::new(seconds, nanos))
        }
    }

    // ---- calls ---------------------------------------------------------------------------

    /// Makes one call with a fresh call status and turns a failure into `CallError`.
    #[inline(always)]
    pub fn rust_call<T, E: Lift<Ffi = RustBuffer>>(
        call: impl FnOnce(&mut RustCallStatus) -> T,
    ) -> Result<T, CallError<E>> {
        let mut status = RustCallStatus::default();
        let out = call(&mut status);
        if status.code == RustCallStatusCode::Success {
            return Ok(out);
        }
        Err(failed_status(status))
    }

    /// The outcome a call status reports.
    #[inline]
    pub fn check_status<E: Lift<Ffi = RustBuffer>>(status: RustCallStatus) -> Result<(), CallError<E>> {
        if status.code == RustCallStatusCode::Success {
            Ok(())
        } else {
            Err(failed_status(status))
        }
    }

    /// The error of a call that did not succeed.
    #[cold]
    #[inline(never)]
    fn failed_status<E: Lift<Ffi = RustBuffer>>(status: RustCallStatus) -> CallError<E> {
        match check_failed(status) {
            Ok(()) => CallError::Unexpected("the call reported success and failure at once".into()),
            Err(err) => err,
        }
    }

    fn check_failed<E: Lift<Ffi = RustBuffer>>(status: RustCallStatus) -> Result<(), CallError<E>> {
        match status.code {
            RustCallStatusCode::Success => Ok(()),
            RustCallStatusCode::Error => {
                let buf = ManuallyDrop::into_inner(status.error_buf);
                Err(match E::try_lift(buf) {
                    Ok(e) => CallError::Error(e),
                    Err(e) => CallError::Unexpected(format!("cannot read the error the call returned: {e}")),
                })
            }
            RustCallStatusCode::UnexpectedError => {
                let buf = ManuallyDrop::into_inner(status.error_buf);
                let message = if buf.len() == 0 {
                    buf.destroy();
                    "Unknown rust panic".to_string()
                } else {
                    String::try_lift(buf).unwrap_or_else(|e| format!("Unknown rust panic ({e})"))
                };
                Err(CallError::Unexpected(message))
            }
            RustCallStatusCode::Cancelled => Err(CallError::Cancelled),
        }
    }

    /// Lifts a value the component returned; a value that does not fit is an unexpected error.
    #[inline]
    pub fn lift_return<T: Lift, E>(v: T::Ffi) -> Result<T, CallError<E>> {
        T::try_lift(v).map_err(|e| CallError::Unexpected(format!("cannot read the value the call returned: {e}")))
    }

    // ---- handles of foreign objects --------------------------------------------------------

    /// Foreign objects (trait and callback interface implementations) handed to Rust, by
    /// handle. Handles are odd, as uniffi expects of foreign handles; each clone is a new one.
    pub struct HandleMap<T: ?Sized> {
        inner: Mutex<(u64, BTreeMap<u64, Arc<T>>)>,
    }

    impl<T: ?Sized> HandleMap<T> {
        pub const fn new() -> Self {
            HandleMap { inner: Mutex::new((1, BTreeMap::new())) }
        }

        fn lock(&self) -> ::std::sync::MutexGuard<'_, (u64, BTreeMap<u64, Arc<T>>)> {
            self.inner.lock().unwrap_or_else(|e| e.into_inner())
        }

        pub fn insert(&self, obj: Arc<T>) -> u64 {
            let mut guard = self.lock();
            let (next, map) = &mut *guard;
            let handle = *next;
            *next += 2;
            map.insert(handle, obj);
            handle
        }

        pub fn get(&self, handle: u64) -> LiftResult<Arc<T>> {
            self.lock().1.get(&handle).cloned().ok_or_else(|| LiftError(format!("unknown foreign handle {handle}")))
        }

        pub fn clone_handle(&self, handle: u64) -> LiftResult<u64> {
            let obj = self.get(handle)?;
            Ok(self.insert(obj))
        }

        pub fn remove(&self, handle: u64) -> LiftResult<Arc<T>> {
            self.lock().1.remove(&handle).ok_or_else(|| LiftError(format!("unknown foreign handle {handle}")))
        }

        pub fn len(&self) -> usize {
            self.lock().1.len()
        }
    }

    /// A value of a trait type that both Rust and foreign code may implement.
    pub enum TraitObject<R, F: ?Sized> {
        /// Implemented in Rust: a handle to the Rust object.
        Rust(R),
        /// Implemented by the foreign side.
        Foreign(Arc<F>),
    }

    impl<R: Clone, F: ?Sized> Clone for TraitObject<R, F> {
        fn clone(&self) -> Self {
            match self {
                TraitObject::Rust(r) => TraitObject::Rust(r.clone()),
                TraitObject::Foreign(f) => TraitObject::Foreign(Arc::clone(f)),
            }
        }
    }

    /// Runs a foreign method for Rust: writes a panic (a bug in the glue) as an unexpected
    /// error instead of unwinding into Rust's frames.
    pub fn foreign_call(status: *mut RustCallStatus, call: impl FnOnce() -> Result<(), (RustCallStatusCode, RustBuffer)>) {
        let outcome = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(call))
            .unwrap_or_else(|_| Err((RustCallStatusCode::UnexpectedError, String::lower("panic in a foreign method implementation".into()))));
        if let Err((code, buf)) = outcome {
            // SAFETY: uniffi passes a valid, initialized call status for every foreign call.
            unsafe {
                (*status).code = code;
                (*status).error_buf = ManuallyDrop::new(buf);
            }
        }
    }

    /// The status a foreign method reports for `err`.
    pub fn callback_error<E: Lower<Ffi = RustBuffer>>(err: CallbackError<E>) -> (RustCallStatusCode, RustBuffer) {
        match err {
            CallbackError::Error(e) => (RustCallStatusCode::Error, e.lower()),
            CallbackError::Unexpected(message) => (RustCallStatusCode::UnexpectedError, String::lower(message)),
        }
    }

    /// An argument the foreign side could not read: reported as an unexpected error.
    pub fn lift_arg_error(err: LiftError) -> (RustCallStatusCode, RustBuffer) {
        (RustCallStatusCode::UnexpectedError, String::lower(format!("cannot read an argument: {err}")))
    }

    // ---- Rust futures ----------------------------------------------------------------------

    /// uniffi's `RustFuturePoll`: ready, or poll again.
    pub const POLL_READY: i8 = 0;
    pub const POLL_WAKE: i8 = 1;

    pub type ContinuationCallback = extern "C" fn(data: u64, poll: i8);

    /// The functions that drive one kind of Rust future.
    pub struct FutureFns<F> {
        pub poll: unsafe extern "C" fn(u64, ContinuationCallback, u64),
        pub cancel: unsafe extern "C" fn(u64),
        pub free: unsafe extern "C" fn(u64),
        pub complete: unsafe extern "C" fn(u64, &mut RustCallStatus) -> F,
    }

    struct Wakeup {
        /// -1 while a poll is outstanding, else the last `RustFuturePoll` code.
        code: AtomicI8,
        waker: Mutex<Option<Waker>>,
    }

    extern "C" fn continuation(data: u64, poll: i8) {
        // SAFETY: `data` is an `Arc<Wakeup>` leaked by `RustFuture::poll` for this one callback.
        let wakeup = unsafe { Arc::from_raw(data as usize as *const Wakeup) };
        wakeup.code.store(poll, Ordering::SeqCst);
        let waker = wakeup.waker.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// An async call into the component: a `Future` that any executor can drive. Dropping it
    /// before it completes cancels the Rust future.
    pub struct RustFuture<T: Lift, E> {
        handle: u64,
        fns: FutureFns<T::Ffi>,
        wakeup: Arc<Wakeup>,
        done: bool,
        _marker: ::std::marker::PhantomData<fn() -> E>,
    }

    // The handle is a thread-safe uniffi RustFuture; the lifted value is produced on poll.
    unsafe impl<T: Lift, E> Send for RustFuture<T, E> {}

    impl<T: Lift, E> RustFuture<T, E> {
        pub fn new(handle: u64, fns: FutureFns<T::Ffi>) -> Self {
            RustFuture {
                handle,
                fns,
                wakeup: Arc::new(Wakeup { code: AtomicI8::new(POLL_WAKE), waker: Mutex::new(None) }),
                done: false,
                _marker: ::std::marker::PhantomData,
            }
        }
    }

    impl<T: Lift, E: Lift<Ffi = RustBuffer>> Future for RustFuture<T, E> {
        type Output = Result<T, CallError<E>>;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            if self.done {
                return Poll::Ready(Err(CallError::Unexpected("polled after completion".into())));
            }
            *self.wakeup.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
            match self.wakeup.code.swap(-1, Ordering::SeqCst) {
                POLL_READY => {
                    self.done = true;
                    let mut status = RustCallStatus::default();
                    // SAFETY: the handle is live until `free` in Drop.
                    let out = unsafe { (self.fns.complete)(self.handle, &mut status) };
                    Poll::Ready(check_status(status).and_then(|()| lift_return::<T, E>(out)))
                }
                -1 => Poll::Pending,
                _ => {
                    let data = Arc::into_raw(Arc::clone(&self.wakeup)) as usize as u64;
                    // SAFETY: as above; `continuation` takes back the leaked Arc.
                    unsafe { (self.fns.poll)(self.handle, continuation, data) };
                    Poll::Pending
                }
            }
        }
    }

    impl<T: Lift, E> Drop for RustFuture<T, E> {
        fn drop(&mut self) {
            // SAFETY: the handle was returned by the scaffolding and is freed exactly once.
            unsafe {
                if !self.done {
                    (self.fns.cancel)(self.handle);
                }
                (self.fns.free)(self.handle);
            }
        }
    }

    // ---- foreign futures (async methods implemented by the foreign side) ---------------------

    /// uniffi's `ForeignFutureDroppedCallbackStruct`.
    #[repr(C)]
    pub struct DroppedCallback {
        pub callback_data: u64,
        pub callback: extern "C" fn(u64),
    }

    /// Cancellation hooks of pending foreign futures, by the id given to uniffi.
    static CANCEL_HOOKS: Mutex<Option<HashMap<u64, Box<dyn FnOnce() + Send>>>> = Mutex::new(None);
    static NEXT_FUTURE: AtomicU64 = AtomicU64::new(1);

    extern "C" fn foreign_future_dropped(id: u64) {
        let hook = CANCEL_HOOKS.lock().unwrap_or_else(|e| e.into_inner()).as_mut().and_then(|m| m.remove(&id));
        if let Some(hook) = hook {
            hook();
        }
    }

    /// Completes one async call that Rust made to a foreign implementation. Exactly one
    /// completion reaches Rust: from `complete`, or an unexpected error if dropped without.
    pub struct Completer<T> {
        complete: Option<Box<dyn FnOnce(Result<T, (RustCallStatusCode, RustBuffer)>) + Send>>,
        id: u64,
    }

    impl<T> Completer<T> {
        /// Made by the generated vtable function; registers the dropped callback with Rust.
        pub fn new(
            complete: Box<dyn FnOnce(Result<T, (RustCallStatusCode, RustBuffer)>) + Send>,
            out_dropped: *mut DroppedCallback,
        ) -> Self {
            let id = NEXT_FUTURE.fetch_add(1, Ordering::Relaxed);
            // SAFETY: uniffi passes a valid pointer to a default (no-op) dropped callback.
            unsafe { out_dropped.write(DroppedCallback { callback_data: id, callback: foreign_future_dropped }) };
            Completer { complete: Some(complete), id }
        }

        /// Runs `hook` if Rust drops (cancels) the future before it completes.
        pub fn on_cancel(&self, hook: impl FnOnce() + Send + 'static) {
            CANCEL_HOOKS.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(self.id, Box::new(hook));
        }

        /// Completes with a status already made (an argument that could not be read).
        pub fn fail(self, status: (RustCallStatusCode, RustBuffer)) {
            self.finish(Err(status))
        }

        fn finish(mut self, result: Result<T, (RustCallStatusCode, RustBuffer)>) {
            CANCEL_HOOKS.lock().unwrap_or_else(|e| e.into_inner()).as_mut().map(|m| m.remove(&self.id));
            if let Some(complete) = self.complete.take() {
                complete(result);
            }
        }
    }

    impl<T> Completer<T> {
        pub fn complete<E: Lower<Ffi = RustBuffer>>(self, result: Result<T, CallbackError<E>>) {
            self.finish(result.map_err(callback_error))
        }
    }

    impl<T> Drop for Completer<T> {
        fn drop(&mut self) {
            if let Some(complete) = self.complete.take() {
                CANCEL_HOOKS.lock().unwrap_or_else(|e| e.into_inner()).as_mut().map(|m| m.remove(&self.id));
                complete(Err((
                    RustCallStatusCode::UnexpectedError,
                    String::lower("the foreign implementation dropped the call without completing it".into()),
                )));
            }
        }
    }
}
