/// The component-independent half of the C glue: how each builtin type looks in C, the call
/// wrapper that turns the client's results into a status code and an error struct, foreign
/// (C) implementations, and a minimal executor for async calls. Written once; the generated
/// items above implement the same traits for the component's own types.
#[allow(dead_code, unused_macros, clippy::all)]
pub mod crt {
    use ::std::ffi::c_void;
    use ::std::future::Future;
    use ::std::mem::ManuallyDrop;
    use ::std::pin::Pin;
    use ::std::sync::atomic::{AtomicU8, Ordering};
    use ::std::sync::{Arc, Mutex};
    use ::std::task::{Context, Poll, Wake, Waker};

    use crate::ffi::rt::{CallError, CallbackError, Completer, RustCallStatusCode, RustBuffer};

    // ---- status codes (`<ns>_status` in the header) ---------------------------------------

    pub type Status = i32;
    pub const OK: Status = 0;
    pub const ERROR: Status = 1;
    pub const INVALID_UTF8: Status = 2;
    pub const INVALID_ARGUMENT: Status = 3;
    pub const PANIC: Status = 4;
    pub const CANCELLED: Status = 5;
    pub const INCOMPATIBLE_LIBRARY: Status = 6;

    // ---- the load-time check ---------------------------------------------------------------

    /// The mismatch `<ns>_library_init` found, which every later call reports too.
    static REFUSED: ::std::sync::OnceLock<String> = ::std::sync::OnceLock::new();

    /// `<ns>_library_init`: checks the component and the header's fingerprint (`header` names
    /// the header for the message), remembers a mismatch, and reports it.
    pub unsafe fn library_init(fingerprint: *const ::std::ffi::c_char, out_error: *mut CError_, header: &::std::ffi::CStr, remedy: &str) -> Status {
        let checked = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
            let given = if fingerprint.is_null() {
                None
            } else {
                // SAFETY: C passes a NUL-terminated string (the header's macro).
                Some(::std::ffi::CStr::from_ptr(fingerprint).to_string_lossy().into_owned())
            };
            let header = header.to_string_lossy();
            crate::ffi::uniffi_check_library(given.as_deref().map(|f| (&*header, f)), remedy)
        }));
        let result = match checked {
            Ok(result) => result.map_err(|m| REFUSED.get_or_init(|| m).clone()),
            Err(payload) => Err(panic_message(payload)),
        };
        let (status, outcome) = match result {
            Ok(()) => (OK, Outcome::<(), crate::ffi::rt::Never>::Ok(())),
            Err(m) => (INCOMPATIBLE_LIBRARY, Outcome::Err(INCOMPATIBLE_LIBRARY, ErrorValue::Message(m))),
        };
        write_outcome(outcome, ::std::ptr::null_mut(), out_error);
        status
    }

    /// Why no call may reach the component: it is not the one the glue was generated for, or
    /// `<ns>_library_init` found a mismatch. Checked before every call: after the first, two
    /// atomic loads.
    #[inline]
    fn refusal() -> Option<String> {
        match crate::ffi::uniffi_check_component() {
            Ok(()) => REFUSED.get().cloned(),
            Err(problem) => Some(refusal_message(problem)),
        }
    }

    #[cold]
    fn refusal_message(problem: &str) -> String {
        crate::ffi::uniffi_mismatch_message(problem, crate::UNIFFI_REMEDY)
    }

    /// An argument the library refused before calling the component.
    pub struct ArgError {
        pub status: Status,
        pub message: String,
    }

    impl ArgError {
        #[cold]
        pub fn invalid(message: impl Into<String>) -> Self {
            ArgError { status: INVALID_ARGUMENT, message: message.into() }
        }

        #[cold]
        pub fn utf8(message: impl Into<String>) -> Self {
            ArgError { status: INVALID_UTF8, message: message.into() }
        }

        /// The same error, saying where in the argument it was found.
        #[cold]
        pub fn within(self, what: &str) -> Self {
            ArgError { status: self.status, message: format!("{what}: {}", self.message) }
        }
    }

    pub type ArgResult<T> = Result<T, ArgError>;

    /// Adds the argument's name to an error about it.
    #[cold]
    pub fn arg_error(name: &str) -> impl FnOnce(ArgError) -> ArgError + '_ {
        move |e| e.within(&format!("argument `{name}`"))
    }

    // ---- values in C ---------------------------------------------------------------------

    /// A client type and its C representation. Every representation is plain data (integers,
    /// raw pointers, unions of them) for which all-zero bytes are a valid value: "nothing to
    /// free", `None`, an empty string or sequence, a NULL object.
    pub trait CRepr: Sized {
        type C: Copy;
        /// Copies a value C lends the library (an argument, a record field, ...).
        ///
        /// # Safety
        /// `c` must be a valid C value of this type: pointers with lengths must point at that
        /// many readable elements (or be NULL with a zero length).
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self>;
        /// Gives a value to C, which owns it from now on (and frees it with `free_c`).
        fn into_c(self) -> Self::C;
        /// Frees what a C value owns and leaves it zeroed.
        ///
        /// # Safety
        /// `c` must be zeroed or a value made by `into_c` or by the library's allocation
        /// functions, not freed since.
        unsafe fn free_c(c: &mut Self::C);
        /// Takes over a value C made with the library's allocation functions (what a foreign
        /// implementation returns): reads it, then frees it.
        ///
        /// # Safety
        /// As for `from_c` and `free_c`.
        unsafe fn take_c(mut c: Self::C) -> ArgResult<Self> {
            let value = Self::from_c(&c);
            Self::free_c(&mut c);
            value
        }
    }

    /// The all-zero C value.
    #[inline]
    pub fn zeroed<C: Copy>() -> C {
        // SAFETY: every `CRepr::C` is plain data valid as all-zero bytes (see `CRepr`).
        unsafe { ::std::mem::zeroed() }
    }

    /// A slice C lends: NULL is allowed with a zero length only.
    ///
    /// # Safety
    /// A non-NULL `ptr` must point at `len` readable elements.
    #[inline]
    pub unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> ArgResult<&'a [T]> {
        if len == 0 {
            return Ok(&[]);
        }
        if ptr.is_null() {
            return Err(ArgError::invalid(format!("NULL pointer with length {len}")));
        }
        if len > isize::MAX as usize / ::std::mem::size_of::<T>().max(1) {
            return Err(ArgError::invalid(format!("length {len} is too large")));
        }
        Ok(::std::slice::from_raw_parts(ptr, len))
    }

    /// Owned elements given to C as a pointer and a length (NULL when empty).
    fn give_vec<T>(items: Vec<T>) -> (*const T, usize) {
        if items.is_empty() {
            return (::std::ptr::null(), 0);
        }
        let boxed = items.into_boxed_slice();
        let len = boxed.len();
        (Box::into_raw(boxed) as *const T, len)
    }

    /// Takes back elements given by `give_vec` (or `alloc_vec`).
    unsafe fn take_vec<T>(ptr: *const T, len: usize) -> Option<Box<[T]>> {
        if ptr.is_null() {
            return None;
        }
        Some(Box::from_raw(::std::ptr::slice_from_raw_parts_mut(ptr as *mut T, len)))
    }

    /// `len` zeroed elements owned by C (the `_new` allocation functions).
    pub fn alloc_vec<T: Copy>(len: usize) -> (*const T, usize) {
        give_vec((0..len).map(|_| zeroed::<T>()).collect())
    }

    // ---- builtins --------------------------------------------------------------------------

    macro_rules! plain {
        ($($t:ty),*) => {$(
            impl CRepr for $t {
                type C = $t;
                #[inline]
                unsafe fn from_c(c: &$t) -> ArgResult<$t> {
                    Ok(*c)
                }
                #[inline]
                fn into_c(self) -> $t {
                    self
                }
                #[inline]
                unsafe fn free_c(_: &mut $t) {}
            }
        )*};
    }
    plain!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64);

    /// `bool` is a C `bool` (one byte); any non-zero byte reads as true.
    impl CRepr for bool {
        type C = u8;
        #[inline]
        unsafe fn from_c(c: &u8) -> ArgResult<bool> {
            Ok(*c != 0)
        }
        #[inline]
        fn into_c(self) -> u8 {
            self as u8
        }
        #[inline]
        unsafe fn free_c(_: &mut u8) {}
    }

    /// No value (functions that return nothing).
    impl CRepr for () {
        type C = ();
        unsafe fn from_c(_: &()) -> ArgResult<()> {
            Ok(())
        }
        fn into_c(self) {}
        unsafe fn free_c(_: &mut ()) {}
    }

    /// `<ns>_string`: UTF-8 bytes and their length. Strings the library returns are followed
    /// by a NUL byte that `len` does not count (so `ptr` can be printed with `%s`).
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CStr_ {
        pub ptr: *const u8,
        pub len: usize,
    }

    impl CStr_ {
        /// A fresh library-owned copy of `len` bytes at `ptr` (`<ns>_string_new`).
        pub unsafe fn copy_of(ptr: *const u8, len: usize) -> ArgResult<CStr_> {
            let bytes = slice(ptr, len)?;
            let mut v = Vec::with_capacity(bytes.len() + 1);
            v.extend_from_slice(bytes);
            Ok(give_string(v))
        }
    }

    #[inline]
    fn give_string(mut bytes: Vec<u8>) -> CStr_ {
        let len = bytes.len();
        // One reallocation at most: to exactly `len + 1` bytes, which the free expects.
        bytes.reserve_exact(1);
        bytes.push(0);
        let boxed = bytes.into_boxed_slice();
        CStr_ { ptr: Box::into_raw(boxed) as *const u8, len }
    }

    impl CRepr for String {
        type C = CStr_;
        #[inline]
        unsafe fn from_c(c: &CStr_) -> ArgResult<String> {
            let bytes = slice(c.ptr, c.len)?;
            match ::std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(e) => Err(ArgError::utf8(format!("not valid UTF-8 ({e})"))),
            }
        }
        #[inline]
        fn into_c(self) -> CStr_ {
            give_string(self.into_bytes())
        }
        #[inline]
        unsafe fn free_c(c: &mut CStr_) {
            if !c.ptr.is_null() {
                drop(Box::from_raw(::std::ptr::slice_from_raw_parts_mut(c.ptr as *mut u8, c.len + 1)));
            }
            *c = zeroed();
        }
    }

    /// `<ns>_bytes`: bytes and their length (NULL when empty).
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CBytes {
        pub ptr: *const u8,
        pub len: usize,
    }

    impl CRepr for crate::ffi::rt::Bytes {
        type C = CBytes;
        unsafe fn from_c(c: &CBytes) -> ArgResult<Self> {
            Ok(crate::ffi::rt::Bytes(slice(c.ptr, c.len)?.to_vec()))
        }
        fn into_c(self) -> CBytes {
            let (ptr, len) = give_vec(self.0);
            CBytes { ptr, len }
        }
        unsafe fn free_c(c: &mut CBytes) {
            drop(take_vec(c.ptr, c.len));
            *c = zeroed();
        }
    }

    /// `<ns>_timestamp`: `seconds` since the Unix epoch (negative before it) plus `nanos`
    /// (0 to 999,999,999), so the instant is `seconds + nanos / 1e9`.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CTimestamp {
        pub seconds: i64,
        pub nanos: u32,
    }

    impl CRepr for ::std::time::SystemTime {
        type C = CTimestamp;
        unsafe fn from_c(c: &CTimestamp) -> ArgResult<Self> {
            if c.nanos >= 1_000_000_000 {
                return Err(ArgError::invalid(format!("nanos is {}, not below 1,000,000,000", c.nanos)));
            }
            let epoch = ::std::time::UNIX_EPOCH;
            let time = if c.seconds >= 0 {
                epoch.checked_add(::std::time::Duration::new(c.seconds as u64, c.nanos))
            } else {
                epoch
                    .checked_sub(::std::time::Duration::from_secs(c.seconds.unsigned_abs()))
                    .and_then(|t| t.checked_add(::std::time::Duration::from_nanos(u64::from(c.nanos))))
            };
            time.ok_or_else(|| ArgError::invalid("timestamp out of range"))
        }
        fn into_c(self) -> CTimestamp {
            match self.duration_since(::std::time::UNIX_EPOCH) {
                Ok(after) => CTimestamp { seconds: i64::try_from(after.as_secs()).unwrap_or(i64::MAX), nanos: after.subsec_nanos() },
                Err(before) => {
                    // Floor: 1.5 s before the epoch is -2 s + 0.5 s.
                    let before = before.duration();
                    let mut seconds = -i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                    let mut nanos = before.subsec_nanos();
                    if nanos > 0 {
                        seconds -= 1;
                        nanos = 1_000_000_000 - nanos;
                    }
                    CTimestamp { seconds, nanos }
                }
            }
        }
        unsafe fn free_c(_: &mut CTimestamp) {}
    }

    /// `<ns>_duration`: `seconds` plus `nanos` (0 to 999,999,999).
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CDuration {
        pub seconds: u64,
        pub nanos: u32,
    }

    impl CRepr for ::std::time::Duration {
        type C = CDuration;
        unsafe fn from_c(c: &CDuration) -> ArgResult<Self> {
            if c.nanos >= 1_000_000_000 {
                return Err(ArgError::invalid(format!("nanos is {}, not below 1,000,000,000", c.nanos)));
            }
            Ok(::std::time::Duration::new(c.seconds, c.nanos))
        }
        fn into_c(self) -> CDuration {
            CDuration { seconds: self.as_secs(), nanos: self.subsec_nanos() }
        }
        unsafe fn free_c(_: &mut CDuration) {}
    }

    // ---- compound types ---------------------------------------------------------------------

    /// `<ns>_opt_<T>`: `is_some`, and `value` when it is.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct COpt<T: Copy> {
        pub is_some: u8,
        pub value: T,
    }

    impl<T: CRepr> CRepr for Option<T> {
        type C = COpt<T::C>;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            if c.is_some == 0 {
                Ok(None)
            } else {
                T::from_c(&c.value).map(Some)
            }
        }
        fn into_c(self) -> Self::C {
            match self {
                Some(v) => COpt { is_some: 1, value: v.into_c() },
                None => zeroed(),
            }
        }
        unsafe fn free_c(c: &mut Self::C) {
            if c.is_some != 0 {
                T::free_c(&mut c.value);
            }
            *c = zeroed();
        }
    }

    /// `<ns>_seq_<T>` and `<ns>_set_<T>`: `len` items at `ptr` (NULL when empty).
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CSeq<T: Copy> {
        pub ptr: *const T,
        pub len: usize,
    }

    impl<T: Copy> CSeq<T> {
        /// `len` zeroed items, owned by C (`<ns>_seq_<T>_new`).
        pub fn alloc(len: usize) -> Self {
            let (ptr, len) = alloc_vec(len);
            CSeq { ptr, len }
        }
    }

    unsafe fn seq_from_c<T: CRepr>(c: &CSeq<T::C>) -> ArgResult<Vec<T>> {
        let items = slice(c.ptr, c.len)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::from_c(item).map_err(|e| e.within(&format!("item {i}")))?);
        }
        Ok(out)
    }

    fn seq_into_c<T: CRepr>(items: Vec<T>) -> CSeq<T::C> {
        let (ptr, len) = give_vec(items.into_iter().map(T::into_c).collect());
        CSeq { ptr, len }
    }

    unsafe fn seq_free_c<T: CRepr>(c: &mut CSeq<T::C>) {
        if let Some(mut items) = take_vec(c.ptr, c.len) {
            for item in items.iter_mut() {
                T::free_c(item);
            }
        }
        *c = zeroed();
    }

    impl<T: CRepr> CRepr for Vec<T> {
        type C = CSeq<T::C>;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            seq_from_c(c)
        }
        fn into_c(self) -> Self::C {
            seq_into_c(self)
        }
        unsafe fn free_c(c: &mut Self::C) {
            seq_free_c::<T>(c)
        }
    }

    impl<T: CRepr> CRepr for crate::ffi::rt::Set<T> {
        type C = CSeq<T::C>;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            seq_from_c(c).map(crate::ffi::rt::Set)
        }
        fn into_c(self) -> Self::C {
            seq_into_c(self.0)
        }
        unsafe fn free_c(c: &mut Self::C) {
            seq_free_c::<T>(c)
        }
    }

    /// One entry of `<ns>_map_<K>_<V>`.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CEntry<K: Copy, V: Copy> {
        pub key: K,
        pub value: V,
    }

    /// `<ns>_map_<K>_<V>`: `len` entries at `ptr` (NULL when empty), in no particular order.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CMap<K: Copy, V: Copy> {
        pub ptr: *const CEntry<K, V>,
        pub len: usize,
    }

    impl<K: Copy, V: Copy> CMap<K, V> {
        /// `len` zeroed entries, owned by C (`<ns>_map_<K>_<V>_new`).
        pub fn alloc(len: usize) -> Self {
            let (ptr, len) = alloc_vec(len);
            CMap { ptr, len }
        }
    }

    impl<K: CRepr, V: CRepr> CRepr for crate::ffi::rt::Map<K, V> {
        type C = CMap<K::C, V::C>;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            let entries = slice(c.ptr, c.len)?;
            let mut out = Vec::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                let key = K::from_c(&entry.key).map_err(|e| e.within(&format!("key of entry {i}")))?;
                let value = V::from_c(&entry.value).map_err(|e| e.within(&format!("value of entry {i}")))?;
                out.push((key, value));
            }
            Ok(crate::ffi::rt::Map(out))
        }
        fn into_c(self) -> Self::C {
            let entries = self.0.into_iter().map(|(k, v)| CEntry { key: k.into_c(), value: v.into_c() }).collect();
            let (ptr, len) = give_vec(entries);
            CMap { ptr, len }
        }
        unsafe fn free_c(c: &mut Self::C) {
            if let Some(mut entries) = take_vec(c.ptr, c.len) {
                for entry in entries.iter_mut() {
                    K::free_c(&mut entry.key);
                    V::free_c(&mut entry.value);
                }
            }
            *c = zeroed();
        }
    }

    /// A `Box<T>` (recursive types) is a pointer to one `T`, owned by its container.
    impl<T: CRepr> CRepr for Box<T> {
        type C = *const T::C;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            if c.is_null() {
                return Err(ArgError::invalid("NULL pointer"));
            }
            T::from_c(&**c).map(Box::new)
        }
        fn into_c(self) -> Self::C {
            Box::into_raw(Box::new((*self).into_c()))
        }
        unsafe fn free_c(c: &mut Self::C) {
            if !c.is_null() {
                let mut inner = Box::from_raw(*c as *mut T::C);
                T::free_c(&mut inner);
            }
            *c = ::std::ptr::null();
        }
    }

    /// One zeroed `T` owned by C (`<ns>_box_<T>_new`).
    pub fn alloc_box<T: Copy>() -> *const T {
        Box::into_raw(Box::new(zeroed::<T>()))
    }

    /// Objects are pointers to the client's handle, boxed: `<ns>_<Object>_free` drops it,
    /// `<ns>_<Object>_clone` boxes a new handle to the same object.
    macro_rules! object_repr {
        ($t:ty) => {
            impl $crate::crt::CRepr for $t {
                type C = *mut $t;
                unsafe fn from_c(c: &*mut $t) -> $crate::crt::ArgResult<Self> {
                    match c.as_ref() {
                        Some(obj) => Ok(::std::clone::Clone::clone(obj)),
                        None => Err($crate::crt::ArgError::invalid("NULL object")),
                    }
                }
                fn into_c(self) -> *mut $t {
                    ::std::boxed::Box::into_raw(::std::boxed::Box::new(self))
                }
                unsafe fn free_c(c: &mut *mut $t) {
                    if !c.is_null() {
                        drop(::std::boxed::Box::from_raw(*c));
                    }
                    *c = ::std::ptr::null_mut();
                }
            }
        };
    }
    pub(crate) use object_repr;

    /// The object behind a receiver (`self`) pointer, borrowed for the call.
    #[inline]
    pub unsafe fn receiver<'a, T>(ptr: *const T) -> ArgResult<&'a T> {
        ptr.as_ref().ok_or_else(|| ArgError::invalid("argument `self`: NULL object"))
    }

    /// An argument passed as a pointer to a C value.
    #[inline]
    pub unsafe fn ref_arg<T: CRepr>(ptr: *const T::C) -> ArgResult<T> {
        match ptr.as_ref() {
            Some(c) => T::from_c(c),
            None => Err(ArgError::invalid("NULL pointer")),
        }
    }

    /// An argument passed as a pointer and a length (strings, bytes).
    #[inline]
    pub unsafe fn pair_arg<T: CRepr<C = CStr_>>(ptr: *const u8, len: usize) -> ArgResult<T> {
        T::from_c(&CStr_ { ptr, len })
    }

    #[inline]
    pub unsafe fn bytes_arg<T: CRepr<C = CBytes>>(ptr: *const u8, len: usize) -> ArgResult<T> {
        T::from_c(&CBytes { ptr, len })
    }

    // ---- errors ----------------------------------------------------------------------------

    /// `<ns>_error`: what went wrong, for calls that declare no error.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CError_ {
        pub message: CStr_,
    }

    /// The error out-parameter of a call: the declared error type of the client, or `Never`.
    pub trait CError: Sized {
        type Out: Copy;
        /// The declared error, with its message.
        fn into_out(self) -> Self::Out;
        /// Any other failure: only the message.
        fn message_out(message: String) -> Self::Out;
        /// The declared error a foreign implementation reported (`None`: it declares none).
        unsafe fn take_out(out: Self::Out) -> Option<ArgResult<Self>>;
        /// The message a foreign implementation gave, if any.
        unsafe fn message_of(out: &Self::Out) -> Option<String>;
        unsafe fn free_out(out: &mut Self::Out);
    }

    unsafe fn read_message(message: &CStr_) -> Option<String> {
        if message.ptr.is_null() || message.len == 0 {
            return None;
        }
        slice(message.ptr, message.len).ok().map(|b| String::from_utf8_lossy(b).into_owned())
    }

    impl CError for crate::ffi::rt::Never {
        type Out = CError_;
        fn into_out(self) -> CError_ {
            match self {}
        }
        fn message_out(message: String) -> CError_ {
            CError_ { message: message.into_c() }
        }
        unsafe fn take_out(mut out: CError_) -> Option<ArgResult<Self>> {
            Self::free_out(&mut out);
            None
        }
        unsafe fn message_of(out: &CError_) -> Option<String> {
            read_message(&out.message)
        }
        unsafe fn free_out(out: &mut CError_) {
            String::free_c(&mut out.message);
        }
    }

    /// Error types whose C form is their own C representation with a `message` field
    /// (enums used as errors).
    pub trait MessageRepr: CRepr {
        fn message_mut(c: &mut Self::C) -> &mut CStr_;
        fn message(c: &Self::C) -> &CStr_;
    }

    /// Implements `CError` for an enum used as an error (a `MessageRepr`).
    macro_rules! message_error {
        ($t:ty) => {
            impl $crate::crt::CError for $t {
                type Out = <$t as $crate::crt::CRepr>::C;
                fn into_out(self) -> Self::Out {
                    $crate::crt::CRepr::into_c(self)
                }
                fn message_out(message: String) -> Self::Out {
                    $crate::crt::message_out::<$t>(message)
                }
                unsafe fn take_out(out: Self::Out) -> Option<$crate::crt::ArgResult<Self>> {
                    Some(<$t as $crate::crt::CRepr>::take_c(out))
                }
                unsafe fn message_of(out: &Self::Out) -> Option<String> {
                    $crate::crt::message_of::<$t>(out)
                }
                unsafe fn free_out(out: &mut Self::Out) {
                    <$t as $crate::crt::CRepr>::free_c(out)
                }
            }
        };
    }
    pub(crate) use message_error;

    pub fn message_out<E: MessageRepr>(message: String) -> E::C {
        let mut out = zeroed::<E::C>();
        *E::message_mut(&mut out) = message.into_c();
        out
    }

    pub unsafe fn message_of<E: MessageRepr>(out: &E::C) -> Option<String> {
        read_message(E::message(out))
    }

    /// `<ns>_<Object>_error`: an object (or a custom type's value) thrown as an error, with a
    /// message.
    #[repr(C)]
    #[derive(Clone, Copy)]
    pub struct CObjectError<O: Copy> {
        pub message: CStr_,
        pub object: O,
    }

    impl<T: CRepr> CRepr for crate::ffi::rt::ErrorBuf<T> {
        type C = CObjectError<T::C>;
        unsafe fn from_c(c: &Self::C) -> ArgResult<Self> {
            T::from_c(&c.object).map(crate::ffi::rt::ErrorBuf)
        }
        fn into_c(self) -> Self::C {
            CObjectError { message: String::from("the call failed with its declared error").into_c(), object: self.0.into_c() }
        }
        unsafe fn free_c(c: &mut Self::C) {
            String::free_c(&mut c.message);
            T::free_c(&mut c.object);
        }
    }

    impl<T: CRepr> CError for crate::ffi::rt::ErrorBuf<T> {
        type Out = CObjectError<T::C>;
        fn into_out(self) -> Self::Out {
            self.into_c()
        }
        fn message_out(message: String) -> Self::Out {
            CObjectError { message: message.into_c(), object: zeroed() }
        }
        unsafe fn take_out(out: Self::Out) -> Option<ArgResult<Self>> {
            Some(Self::take_c(out))
        }
        unsafe fn message_of(out: &Self::Out) -> Option<String> {
            read_message(&out.message)
        }
        unsafe fn free_out(out: &mut Self::Out) {
            Self::free_c(out)
        }
    }

    // ---- calls -----------------------------------------------------------------------------

    /// The message of a panic payload.
    fn panic_message(payload: Box<dyn ::std::any::Any + Send>) -> String {
        match payload.downcast::<String>() {
            Ok(s) => format!("panic in the C glue: {s}"),
            Err(payload) => match payload.downcast::<&'static str>() {
                Ok(s) => format!("panic in the C glue: {s}"),
                Err(_) => "panic in the C glue".to_string(),
            },
        }
    }

    /// What a call ended with, before it is written to the caller's out-parameters.
    pub enum Outcome<T, E> {
        Ok(T),
        Err(Status, ErrorValue<E>),
    }

    pub enum ErrorValue<E> {
        Declared(E),
        Message(String),
    }

    impl<T, E> Outcome<T, E> {
        #[inline]
        pub fn of(result: ArgResult<Result<T, CallError<E>>>) -> Self {
            match result {
                Ok(Ok(v)) => Outcome::Ok(v),
                Ok(Err(CallError::Error(e))) => Outcome::Err(ERROR, ErrorValue::Declared(e)),
                Ok(Err(CallError::Unexpected(m))) => Outcome::Err(PANIC, ErrorValue::Message(m)),
                Ok(Err(CallError::Cancelled)) => Outcome::Err(CANCELLED, ErrorValue::Message("the call was cancelled".into())),
                Err(e) => Outcome::Err(e.status, ErrorValue::Message(e.message)),
            }
        }

        #[cold]
        fn panicked(payload: Box<dyn ::std::any::Any + Send>) -> Self {
            Outcome::Err(PANIC, ErrorValue::Message(panic_message(payload)))
        }
    }

    impl<E: CError> ErrorValue<E> {
        fn into_out(self) -> E::Out {
            match self {
                ErrorValue::Declared(e) => e.into_out(),
                ErrorValue::Message(m) => E::message_out(m),
            }
        }
    }

    /// Runs one call and reports it as C expects: a status; `*out` set on success (zeroed
    /// otherwise); `*out_error` set on failure (zeroed otherwise). NULL out-parameters
    /// discard what they would receive. Never unwinds.
    #[inline]
    pub unsafe fn call<T: CRepr, E: CError>(
        out: *mut T::C,
        out_error: *mut E::Out,
        f: impl FnOnce() -> ArgResult<Result<T, CallError<E>>>,
    ) -> Status {
        if let Some(message) = refusal() {
            return write_outcome(Outcome::<T, E>::Err(INCOMPATIBLE_LIBRARY, ErrorValue::Message(message)), out, out_error);
        }
        let outcome = match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| Outcome::of(f()))) {
            Ok(outcome) => outcome,
            Err(payload) => Outcome::panicked(payload),
        };
        write_outcome(outcome, out, out_error)
    }

    #[inline]
    unsafe fn write_outcome<T: CRepr, E: CError>(outcome: Outcome<T, E>, out: *mut T::C, out_error: *mut E::Out) -> Status {
        match outcome {
            Outcome::Ok(v) => {
                if !out.is_null() {
                    out.write(v.into_c());
                }
                if !out_error.is_null() {
                    out_error.write(zeroed());
                }
                OK
            }
            Outcome::Err(status, e) => {
                if !out.is_null() {
                    out.write(zeroed());
                }
                if !out_error.is_null() {
                    out_error.write(e.into_out());
                }
                status
            }
        }
    }

    // ---- async calls -------------------------------------------------------------------------

    /// The completion callback of an async call: `(data, status, result*, error*)`. The
    /// callee owns what `result` and `error` point at.
    pub type Completion<R, E> = unsafe extern "C" fn(*mut c_void, Status, *mut R, *mut E);

    /// Calls the completion callback exactly once: with the outcome, or (if the call never
    /// delivers one, e.g. the glue panicked) with a panic status.
    pub struct Delivery<T: CRepr, E: CError> {
        callback: Option<Completion<T::C, E::Out>>,
        data: *mut c_void,
    }

    // The callback data is the caller's: C promises it may be used from any thread.
    unsafe impl<T: CRepr, E: CError> Send for Delivery<T, E> {}

    impl<T: CRepr, E: CError> Delivery<T, E> {
        pub fn new(callback: Option<Completion<T::C, E::Out>>, data: *mut c_void) -> Self {
            Delivery { callback, data }
        }

        pub fn deliver(mut self, outcome: Outcome<T, E>) {
            let Some(callback) = self.callback.take() else { return };
            let mut result = zeroed::<T::C>();
            let mut error = zeroed::<E::Out>();
            // SAFETY: both point at valid locals; the callee takes over what they hold.
            unsafe {
                let status = write_outcome(outcome, &mut result, &mut error);
                // Calls that return nothing pass no result.
                let result_ptr: *mut T::C = if ::std::mem::size_of::<T::C>() == 0 { ::std::ptr::null_mut() } else { &mut result };
                callback(self.data, status, result_ptr, &mut error);
            }
        }
    }

    impl<T: CRepr, E: CError> Drop for Delivery<T, E> {
        fn drop(&mut self) {
            if self.callback.is_some() {
                let outcome = Outcome::<T, E>::Err(PANIC, ErrorValue::Message("the async call ended without a result".into()));
                Delivery { callback: self.callback.take(), data: self.data }.deliver(outcome);
            }
        }
    }

    /// The future of an async call, boxed (calls that dispatch to Rust or C implementations).
    pub type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, CallError<E>>> + Send>>;

    /// Starts an async call whose arguments `make` converts (a panic there is reported too).
    /// Returns the call's id for `<ns>_async_cancel`, 0 when it completed before returning.
    pub fn start_call<T, E, F>(delivery: Delivery<T, E>, make: impl FnOnce() -> ArgResult<F>) -> u64
    where
        T: CRepr + Send + 'static,
        E: CError + Send + 'static,
        F: Future<Output = Result<T, CallError<E>>> + Send + 'static,
    {
        if let Some(message) = refusal() {
            delivery.deliver(Outcome::Err(INCOMPATIBLE_LIBRARY, ErrorValue::Message(message)));
            return 0;
        }
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(make)) {
            Ok(future) => spawn_call(delivery, future),
            Err(payload) => {
                delivery.deliver(Outcome::panicked(payload));
                0
            }
        }
    }

    /// Starts an async call: polls `future` once on this thread, then (after each wake-up) on
    /// the library's completion executor, and delivers its outcome through `delivery`.
    pub fn spawn_call<T, E, F>(delivery: Delivery<T, E>, future: ArgResult<F>) -> u64
    where
        T: CRepr + Send + 'static,
        E: CError + Send + 'static,
        F: Future<Output = Result<T, CallError<E>>> + Send + 'static,
    {
        match future {
            Err(e) => {
                delivery.deliver(Outcome::of(Err(e)));
                0
            }
            Ok(future) => {
                // Whoever comes first delivers: the future when it completes, or a cancel.
                let slot = Arc::new(Mutex::new(Some(delivery)));
                let for_cancel = Arc::clone(&slot);
                spawn(
                    async move {
                        let result = future.await;
                        let delivery = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                        if let Some(delivery) = delivery {
                            delivery.deliver(Outcome::of(Ok(result)));
                        }
                    },
                    Box::new(move |cancelled: bool| {
                        let delivery = for_cancel.lock().unwrap_or_else(|e| e.into_inner()).take();
                        if let (true, Some(delivery)) = (cancelled, delivery) {
                            delivery.deliver(Outcome::Err(CANCELLED, ErrorValue::Message("the async call was cancelled".into())));
                        }
                        // Otherwise a future that ended without a result (it panicked):
                        // dropping the delivery reports that, here.
                    }),
                )
            }
        }
    }

    // How async calls run. The first poll runs on the calling thread. After that a wake-up
    // only schedules: `wake` may be called on any thread, under any lock of the component
    // (the async book's `TimerFuture` wakes with its own mutex held, which its `poll` takes
    // too), before or after `poll` returned, any number of times; so it never polls and never
    // calls the completion callback itself. It puts the call on the queue of the completion
    // executor (a few threads of the library's own), whose threads poll it again and call the
    // completion callback. The executor's queue lock is held only to push and pop.

    const IDLE: u8 = 0;
    const SCHEDULED: u8 = 1;
    const RUNNING: u8 = 2;
    const NOTIFIED: u8 = 3;
    const DONE: u8 = 4;

    /// The end of a call that did not complete: `true` when cancelled (delivers CANCELLED),
    /// `false` when its future ended without a result (a panic).
    type Finish = Box<dyn FnOnce(bool) + Send>;

    /// One async call. One poll runs at a time; a wake-up during a poll makes the polling
    /// thread poll again.
    struct Task {
        id: u64,
        state: AtomicU8,
        future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
        finish: Mutex<Option<Finish>>,
    }

    /// Calls not yet completed, by id: what `<ns>_async_cancel` finds and `<ns>_async_pending`
    /// counts.
    static CALLS: Mutex<Option<::std::collections::HashMap<u64, Arc<Task>>>> = Mutex::new(None);
    static NEXT_CALL: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(1);

    fn spawn(future: impl Future<Output = ()> + Send + 'static, finish: Finish) -> u64 {
        let id = NEXT_CALL.fetch_add(1, Ordering::Relaxed);
        let task = Arc::new(Task {
            id,
            state: AtomicU8::new(RUNNING),
            future: Mutex::new(Some(Box::pin(future))),
            finish: Mutex::new(Some(finish)),
        });
        CALLS.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(Default::default).insert(id, Arc::clone(&task));
        if task.poll_until_idle() { 0 } else { id }
    }

    impl Task {
        /// Polls (state RUNNING) until the future waits without a wake-up pending, or is done.
        /// True when done.
        fn poll_until_idle(self: &Arc<Self>) -> bool {
            let waker = Waker::from(Arc::clone(self));
            let mut cx = Context::from_waker(&waker);
            loop {
                let mut slot = self.future.lock().unwrap_or_else(|e| e.into_inner());
                let ready = match slot.as_mut() {
                    Some(future) => {
                        let polled = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| future.as_mut().poll(&mut cx)));
                        !matches!(polled, Ok(Poll::Pending))
                    }
                    None => true, // cancelled
                };
                if ready {
                    let finished = slot.take();
                    drop(slot);
                    self.state.store(DONE, Ordering::Release);
                    drop(finished);
                    let finish = self.finish.lock().unwrap_or_else(|e| e.into_inner()).take();
                    if let Some(finish) = finish {
                        finish(false);
                    }
                    self.unregister();
                    return true;
                }
                drop(slot);
                match self.state.compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => return false,
                    Err(DONE) => return true, // cancelled meanwhile
                    // Woken while polling: poll again.
                    Err(_) => self.state.store(RUNNING, Ordering::Release),
                }
            }
        }

        fn unregister(&self) {
            let removed = CALLS.lock().unwrap_or_else(|e| e.into_inner()).as_mut().and_then(|m| m.remove(&self.id));
            drop(removed);
        }

        /// Drops the future (with every handle it holds) and delivers CANCELLED, unless the
        /// call completed first. Waits for a poll in progress to end.
        fn cancel(self: &Arc<Self>) -> bool {
            let mut slot = self.future.lock().unwrap_or_else(|e| e.into_inner());
            let Some(future) = slot.take() else { return false };
            self.state.store(DONE, Ordering::Release);
            let finish = self.finish.lock().unwrap_or_else(|e| e.into_inner()).take();
            drop(slot);
            drop(future);
            self.unregister();
            if let Some(finish) = finish {
                finish(true);
            }
            true
        }
    }

    impl Wake for Task {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref()
        }
        fn wake_by_ref(self: &Arc<Self>) {
            loop {
                match self.state.compare_exchange(IDLE, SCHEDULED, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => return schedule(Arc::clone(self)),
                    Err(RUNNING) => {
                        if self.state.compare_exchange(RUNNING, NOTIFIED, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                            return;
                        }
                    }
                    Err(_) => return, // scheduled or notified already, or done
                }
            }
        }
    }

    /// The completion executor: a queue of woken calls and the threads that poll them.
    struct Executor {
        queue: Mutex<::std::collections::VecDeque<Arc<Task>>>,
        ready: ::std::sync::Condvar,
    }

    fn executor() -> &'static Executor {
        static EXECUTOR: ::std::sync::OnceLock<&'static Executor> = ::std::sync::OnceLock::new();
        EXECUTOR.get_or_init(|| {
            let executor: &'static Executor =
                Box::leak(Box::new(Executor { queue: Mutex::new(Default::default()), ready: ::std::sync::Condvar::new() }));
            let threads = ::std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 4);
            for i in 0..threads {
                let _ = ::std::thread::Builder::new().name(format!("uniffi-c-async-{i}")).spawn(move || executor.work());
            }
            executor
        })
    }

    fn schedule(task: Arc<Task>) {
        let executor = executor();
        executor.queue.lock().unwrap_or_else(|e| e.into_inner()).push_back(task);
        executor.ready.notify_one();
    }

    impl Executor {
        fn work(&self) {
            loop {
                let task = {
                    let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        match queue.pop_front() {
                            Some(task) => break task,
                            None => queue = self.ready.wait(queue).unwrap_or_else(|e| e.into_inner()),
                        }
                    }
                };
                if task.state.compare_exchange(SCHEDULED, RUNNING, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                    let _ = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| task.poll_until_idle()));
                }
            }
        }
    }

    /// `<ns>_async_cancel`: cancels the call `id` if it has not completed.
    pub fn async_cancel(id: u64) -> bool {
        let task = CALLS.lock().unwrap_or_else(|e| e.into_inner()).as_ref().and_then(|m| m.get(&id).cloned());
        match task {
            Some(task) => ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| task.cancel())).unwrap_or(false),
            None => false,
        }
    }

    /// `<ns>_async_pending`: async calls started and not yet completed.
    pub fn async_pending() -> usize {
        CALLS.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map_or(0, |m| m.len())
    }

    // ---- foreign (C) implementations ---------------------------------------------------------

    /// A value lent to a C implementation for the duration of one call: freed afterwards.
    pub struct Lent<T: CRepr> {
        pub c: T::C,
    }

    impl<T: CRepr> Lent<T> {
        #[inline]
        pub fn new(value: T) -> Self {
            Lent { c: value.into_c() }
        }
    }

    impl<T: CRepr> Drop for Lent<T> {
        fn drop(&mut self) {
            // SAFETY: made by `into_c`; C was lent it for the call only.
            unsafe { T::free_c(&mut self.c) }
        }
    }

    /// What a C implementation's status and out-parameters mean to Rust. `result` and
    /// `error` (either may be NULL) hold values made with the library's allocation functions,
    /// which the library takes over.
    pub unsafe fn foreign_outcome<T: CRepr, E: CError>(
        what: &str,
        status: Status,
        result: *mut T::C,
        error: *mut E::Out,
    ) -> Result<T, CallbackError<E>> {
        let result = if result.is_null() { zeroed() } else { ::std::ptr::replace(result, zeroed()) };
        let mut error = if error.is_null() { zeroed() } else { ::std::ptr::replace(error, zeroed()) };
        match status {
            OK => {
                E::free_out(&mut error);
                T::take_c(result).map_err(|e| CallbackError::Unexpected(format!("{what} returned {}", e.message)))
            }
            ERROR => {
                let mut result = result;
                T::free_c(&mut result);
                match E::take_out(error) {
                    Some(Ok(e)) => Err(CallbackError::Error(e)),
                    Some(Err(e)) => Err(CallbackError::Unexpected(format!("{what} reported an error that cannot be read: {}", e.message))),
                    None => Err(CallbackError::Unexpected(format!("{what} reported an error but declares none"))),
                }
            }
            other => {
                let mut result = result;
                T::free_c(&mut result);
                let message = E::message_of(&error).unwrap_or_else(|| format!("{what} failed with status {other}"));
                E::free_out(&mut error);
                Err(CallbackError::Unexpected(message))
            }
        }
    }

    /// Calls a synchronous method of a C implementation with zeroed out-parameters.
    #[inline]
    pub unsafe fn foreign_call<T: CRepr, E: CError>(
        what: &str,
        f: impl FnOnce(*mut T::C, *mut E::Out) -> Status,
    ) -> Result<T, CallbackError<E>> {
        let mut result = zeroed::<T::C>();
        let mut error = zeroed::<E::Out>();
        let status = f(&mut result, &mut error);
        foreign_outcome(what, status, &mut result, &mut error)
    }

    /// A C function pointer from a vtable, which the constructor checked is set.
    #[inline]
    pub fn method<F: Copy>(f: Option<F>, what: &str) -> Result<F, String> {
        f.ok_or_else(|| format!("{what} is NULL in the vtable"))
    }

    /// The data an async method of a C implementation completes: the Rust side's completer.
    pub fn completer_data<T>(done: Completer<T>) -> *mut c_void {
        Box::into_raw(Box::new(done)) as *mut c_void
    }

    /// Takes back the completer given as `data` to an async method of a C implementation.
    pub unsafe fn completer_from_data<T>(data: *mut c_void) -> Box<Completer<T>> {
        Box::from_raw(data as *mut Completer<T>)
    }

    /// A foreign method's outcome as the outcome of a call (a C implementation called from C).
    pub fn callback_to_call<T, E>(r: Result<T, CallbackError<E>>) -> Result<T, CallError<E>> {
        r.map_err(|e| match e {
            CallbackError::Error(e) => CallError::Error(e),
            CallbackError::Unexpected(m) => CallError::Unexpected(m),
        })
    }

    /// Calls an async method of a foreign implementation and waits for its completion.
    pub fn foreign_async<T, E>(start: impl FnOnce(Completer<T>)) -> impl Future<Output = Result<T, CallError<E>>>
    where
        T: Send + 'static,
        E: crate::ffi::rt::Lift<Ffi = RustBuffer> + Send + 'static,
    {
        let shared = Arc::new(Mutex::new((None::<Result<T, CallError<E>>>, None::<Waker>)));
        let sender = Arc::clone(&shared);
        let mut dropped = crate::ffi::rt::DroppedCallback { callback_data: 0, callback: ignore_dropped };
        let done = Completer::new(
            Box::new(move |result: Result<T, (RustCallStatusCode, RustBuffer)>| {
                let result = result.map_err(|(code, buf)| match code {
                    RustCallStatusCode::Error => match <E as crate::ffi::rt::Lift>::try_lift(buf) {
                        Ok(e) => CallError::Error(e),
                        Err(e) => CallError::Unexpected(format!("cannot read the error: {e}")),
                    },
                    _ => CallError::Unexpected(
                        <String as crate::ffi::rt::Lift>::try_lift(buf).unwrap_or_else(|e| format!("unexpected error ({e})")),
                    ),
                });
                let mut slot = sender.lock().unwrap_or_else(|e| e.into_inner());
                slot.0 = Some(result);
                if let Some(waker) = slot.1.take() {
                    drop(slot);
                    waker.wake();
                }
            }),
            &mut dropped,
        );
        start(done);
        ::std::future::poll_fn(move |cx| {
            let mut slot = shared.lock().unwrap_or_else(|e| e.into_inner());
            match slot.0.take() {
                Some(result) => Poll::Ready(result),
                None => {
                    slot.1 = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
    }

    extern "C" fn ignore_dropped(_: u64) {}

}
