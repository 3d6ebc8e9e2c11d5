/// The component-independent half of the glue: raw JNI (`jni-sys`), string transcoding,
/// conversions of the client's values to and from their JVM form, exceptions, attaching
/// Rust threads, and Rust futures driven by Kotlin coroutines.
#[allow(dead_code, clippy::all)]
pub mod rt {
    use ::jni_sys::*;
    use ::std::any::Any;
    use ::std::cell::RefCell;
    use ::std::ffi::c_void;
    use ::std::future::Future;
    use ::std::pin::Pin;
    use ::std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
    use ::std::sync::{Arc, Mutex, OnceLock};
    use ::std::task::{Context, Poll, Wake, Waker};

    pub use super::ffi::rt::{CallError, CallbackError, Lift, Lower, Never};

    /// A Java exception is pending: return to the JVM, which throws it.
    #[derive(Debug)]
    pub struct Thrown;

    pub type JResult<T> = Result<T, Thrown>;

    // ---- the JVM and its environment ---------------------------------------------------------

    static VM: AtomicPtr<JavaVM> = AtomicPtr::new(::std::ptr::null_mut());

    /// The `UniffiCallbacks` class and its static methods, looked up once in `JNI_OnLoad`.
    struct Cache {
        class: jclass,
        methods: Vec<jmethodID>,
    }

    // SAFETY: a global class reference and method ids are valid on every thread.
    unsafe impl Send for Cache {}
    unsafe impl Sync for Cache {}

    static CACHE: OnceLock<Cache> = OnceLock::new();

    /// A `JNIEnv` of the current thread.
    #[derive(Clone, Copy)]
    pub struct Env(pub *mut JNIEnv);

    macro_rules! jni {
        ($env:expr, $f:ident $(, $arg:expr)*) => {
            // SAFETY: `$env` is the current thread's valid JNIEnv; the arguments follow the JNI spec.
            unsafe { ((**$env.0).v1_6.$f)($env.0 $(, $arg)*) }
        };
    }

    impl Env {
        pub fn exception_check(&self) -> bool {
            jni!(self, ExceptionCheck)
        }

        /// The pending exception, cleared (so that more JNI calls may follow).
        pub fn take_exception(&self) -> jthrowable {
            let t = jni!(self, ExceptionOccurred);
            jni!(self, ExceptionClear);
            t
        }

        pub fn throw(&self, t: jthrowable) -> Thrown {
            if !t.is_null() {
                jni!(self, Throw, t);
            }
            Thrown
        }

        pub fn delete_local(&self, obj: jobject) {
            if !obj.is_null() {
                jni!(self, DeleteLocalRef, obj);
            }
        }

        pub fn byte_array(&self, array: jbyteArray) -> JResult<Vec<u8>> {
            if array.is_null() {
                return Err(self.throw_internal("a null buffer reached the glue"));
            }
            let len = jni!(self, GetArrayLength, array);
            let mut out = Vec::<u8>::with_capacity(len as usize);
            jni!(self, GetByteArrayRegion, array, 0, len, out.as_mut_ptr() as *mut jbyte);
            if self.exception_check() {
                return Err(Thrown);
            }
            // SAFETY: GetByteArrayRegion wrote `len` bytes.
            unsafe { out.set_len(len as usize) };
            Ok(out)
        }

    }

    /// Primitive arrays to and from `Vec`s of their Rust type (direct calls).
    macro_rules! primitive_arrays {
        ($($from:ident $into:ident: $t:ty, $j:ty, $array:ty, $get:ident, $new:ident, $set:ident;)*) => {
            impl Env {$(
                pub fn $from(&self, array: $array) -> JResult<Vec<$t>> {
                    if array.is_null() {
                        return Err(self.throw_internal("a null array reached the glue"));
                    }
                    let len = jni!(self, GetArrayLength, array);
                    let mut out = Vec::<$t>::with_capacity(len as usize);
                    jni!(self, $get, array, 0, len, out.as_mut_ptr() as *mut $j);
                    if self.exception_check() {
                        return Err(Thrown);
                    }
                    // SAFETY: the region call wrote `len` elements.
                    unsafe { out.set_len(len as usize) };
                    Ok(out)
                }

                pub fn $into(&self, values: &[$t]) -> JResult<$array> {
                    let len = jsize::try_from(values.len()).map_err(|_| self.throw_internal("an array over 2^31 elements"))?;
                    let array = jni!(self, $new, len);
                    if array.is_null() {
                        return Err(Thrown);
                    }
                    jni!(self, $set, array, 0, len, values.as_ptr() as *const $j);
                    Ok(array)
                }
            )*}
        };
    }
    primitive_arrays! {
        short_array new_short_array: i16, jshort, jshortArray, GetShortArrayRegion, NewShortArray, SetShortArrayRegion;
        int_array new_int_array: i32, jint, jintArray, GetIntArrayRegion, NewIntArray, SetIntArrayRegion;
        long_array new_long_array: i64, jlong, jlongArray, GetLongArrayRegion, NewLongArray, SetLongArrayRegion;
        float_array new_float_array: f32, jfloat, jfloatArray, GetFloatArrayRegion, NewFloatArray, SetFloatArrayRegion;
        double_array new_double_array: f64, jdouble, jdoubleArray, GetDoubleArrayRegion, NewDoubleArray, SetDoubleArrayRegion;
    }

{%- if m.has_layouts %}

    /// Records of primitives at their fixed layout (direct calls), in direct `ByteBuffer`s that
    /// Kotlin reuses per thread: arguments read from the one Kotlin wrote them into, results
    /// written into the thread's result buffer.
    impl Env {
        /// The address of direct buffer `buf`, checked to hold `len` bytes.
        fn direct_buffer(&self, buf: jobject, len: usize) -> JResult<*const u8> {
            if buf.is_null() {
                return Err(self.throw_internal("a null buffer reached the glue"));
            }
            let p = jni!(self, GetDirectBufferAddress, buf) as *const u8;
            let capacity = jni!(self, GetDirectBufferCapacity, buf);
            if p.is_null() || capacity < 0 || (capacity as u64) < len as u64 {
                return Err(self.throw_internal("a record buffer shorter than its records reached the glue"));
            }
            Ok(p)
        }

        /// `count` records of `size` bytes each from direct buffer `buf`, each read by `read`.
        pub fn read_records<T>(&self, buf: jobject, count: jint, size: usize, read: impl Fn(*const u8) -> Result<T, &'static str>) -> JResult<Vec<T>> {
            let count = usize::try_from(count).map_err(|_| self.throw_internal("a negative record count reached the glue"))?;
            let p = self.direct_buffer(buf, count.saturating_mul(size))?;
            let mut out = Vec::with_capacity(count);
            for i in 0..count {
                // SAFETY: record `i` is within the buffer (checked above).
                out.push(read(unsafe { p.add(i * size) }).map_err(|m| self.throw_internal(m))?);
            }
            Ok(out)
        }

        /// One record of `size` bytes from direct buffer `buf`.
        pub fn read_record<T>(&self, buf: jobject, size: usize, read: impl Fn(*const u8) -> Result<T, &'static str>) -> JResult<T> {
            let p = self.direct_buffer(buf, size)?;
            read(p).map_err(|m| self.throw_internal(m))
        }

        /// `values`, `size` bytes each, after their count (an `i32`, then 4 bytes of padding),
        /// written by `write` into direct buffer `out` (the thread's result buffer), or into the
        /// larger buffer `UniffiCallbacks.recordBuffer` gives when they do not fit; returns the
        /// buffer written.
        pub fn write_records<T>(&self, out: jobject, values: &[T], size: usize, write: impl Fn(&T, *mut u8) -> Result<(), &'static str>) -> JResult<jobject> {
            let len = values
                .len()
                .checked_mul(size)
                .and_then(|n| n.checked_add(8))
                .and_then(|n| jint::try_from(n).ok())
                .ok_or_else(|| self.throw_internal("records over 2 GiB"))?;
            let mut buf = out;
            let fits = !out.is_null() && jni!(self, GetDirectBufferCapacity, out) >= len as jlong;
            if !fits {
                buf = self.call_static_object({{ m.callback_index("recordBuffer") }}, &[jvalue { i: len }])?;
            }
            let p = self.direct_buffer(buf, len as usize)? as *mut u8;
            // SAFETY: the buffer holds `len` bytes (checked above): the count, then the records.
            unsafe { ::std::ptr::write_unaligned(p as *mut i32, values.len() as i32) };
            for (i, v) in values.iter().enumerate() {
                // SAFETY: record `i` is within the buffer.
                write(v, unsafe { p.add(8 + i * size) }).map_err(|m| self.throw_internal(m))?;
            }
            Ok(buf)
        }
    }
{%- endif %}

    impl Env {
        pub fn new_byte_array(&self, bytes: &[u8]) -> JResult<jbyteArray> {
            let len = jsize::try_from(bytes.len()).map_err(|_| self.throw_internal("a buffer over 2 GiB"))?;
            let array = jni!(self, NewByteArray, len);
            if array.is_null() {
                return Err(Thrown);
            }
            jni!(self, SetByteArrayRegion, array, 0, len, bytes.as_ptr() as *const jbyte);
            Ok(array)
        }

        fn cache(&self) -> JResult<&'static Cache> {
            CACHE.get().ok_or_else(|| {
                // No Kotlin class to ask for an exception: say it on stderr and fail the call.
                eprintln!("uniffi JNI glue: JNI_OnLoad did not run; load the library with System.loadLibrary");
                Thrown
            })
        }

        fn static_method(&self, index: usize) -> JResult<(jclass, jmethodID)> {
            let cache = self.cache()?;
            Ok((cache.class, cache.methods[index]))
        }

        pub fn call_static_object(&self, index: usize, args: &[jvalue]) -> JResult<jobject> {
            let (class, method) = self.static_method(index)?;
            let out = jni!(self, CallStaticObjectMethodA, class, method, args.as_ptr());
            if self.exception_check() {
                Err(Thrown)
            } else {
                Ok(out)
            }
        }

        pub fn call_static_void(&self, index: usize, args: &[jvalue]) -> JResult<()> {
            let (class, method) = self.static_method(index)?;
            jni!(self, CallStaticVoidMethodA, class, method, args.as_ptr());
            if self.exception_check() {
                Err(Thrown)
            } else {
                Ok(())
            }
        }

        /// Throws `InternalException(message)`.
        pub fn throw_internal(&self, message: &str) -> Thrown {
            let Ok(s) = new_string(self, message) else { return Thrown };
            match self.call_static_object(CB_INTERNAL, &[jvalue { l: s }]) {
                Ok(t) => self.throw(t),
                Err(thrown) => thrown,
            }
        }

        pub fn new_global(&self, obj: jobject) -> GlobalRef {
            GlobalRef(jni!(self, NewGlobalRef, obj))
        }

        pub fn new_local(&self, obj: jobject) -> jobject {
            jni!(self, NewLocalRef, obj)
        }
    }

    /// Indexes of the runtime's own `UniffiCallbacks` methods (the first in the cache).
    pub const CB_INTERNAL: usize = 0;
    pub const CB_BAD_STRING: usize = 1;
    pub const CB_DESCRIBE: usize = 2;
    pub const CB_RESUME: usize = 3;
    pub const CB_CANCEL_JOB: usize = 4;
    pub const CB_CANCELLED: usize = 5;

    /// Called by the JVM when `System.loadLibrary` loads the library: remembers the VM and
    /// looks up `UniffiCallbacks` with the loader of the class that loaded the library.
    pub fn on_load(vm: *mut JavaVM, class_name: &::std::ffi::CStr, methods: &[(&::std::ffi::CStr, &::std::ffi::CStr)]) -> jint {
        VM.store(vm, Ordering::SeqCst);
        let mut env: *mut c_void = ::std::ptr::null_mut();
        // SAFETY: `vm` is the JavaVM the JVM passes to JNI_OnLoad.
        if unsafe { ((**vm).v1_4.GetEnv)(vm, &mut env, JNI_VERSION_1_6) } != JNI_OK {
            return JNI_ERR;
        }
        let env = Env(env as *mut JNIEnv);
        // A class or method that is not there means Kotlin sources of another generation: the
        // library still loads (the exception is cleared), so that the Kotlin side's load-time
        // check (`uniffiCheckNative`) can say so; every other call fails.
        let local = jni!(env, FindClass, class_name.as_ptr());
        if local.is_null() {
            jni!(env, ExceptionClear);
            let _ = ON_LOAD_PROBLEM.set(format!("it found no class {}", class_name.to_string_lossy()));
            return JNI_VERSION_1_6;
        }
        let class = jni!(env, NewGlobalRef, local);
        let mut ids = Vec::with_capacity(methods.len());
        for (name, sig) in methods {
            let id = jni!(env, GetStaticMethodID, class, name.as_ptr(), sig.as_ptr());
            if id.is_null() {
                jni!(env, ExceptionClear);
                let _ = ON_LOAD_PROBLEM.set(format!(
                    "it found no method {}.{}{}",
                    class_name.to_string_lossy(),
                    name.to_string_lossy(),
                    sig.to_string_lossy()
                ));
                return JNI_VERSION_1_6;
            }
            ids.push(id);
        }
        let _ = CACHE.set(Cache { class, methods: ids });
        JNI_VERSION_1_6
    }

    /// What `JNI_OnLoad` could not find in the Kotlin classes, if anything.
    static ON_LOAD_PROBLEM: ::std::sync::OnceLock<String> = ::std::sync::OnceLock::new();

    /// The load-time check behind `UniffiLib.uniffiCheckNative`: the component the glue was
    /// built with, the Kotlin sources' fingerprint, and what `JNI_OnLoad` found. None when all
    /// match, else the message of `IncompatibleLibraryError`.
    pub fn check_library(kotlin: &str, fingerprint: &str, remedy: &str) -> Option<String> {
        if let Err(message) = crate::ffi::uniffi_check_library(Some((kotlin, fingerprint)), remedy) {
            return Some(message);
        }
        ON_LOAD_PROBLEM.get().map(|problem| {
            crate::ffi::uniffi_mismatch_message(&format!("its JNI_OnLoad failed: {problem}"), remedy)
        })
    }

    /// Detaches a Rust thread that was attached to the JVM when the thread ends.
    struct Attached(*mut JavaVM);

    impl Drop for Attached {
        fn drop(&mut self) {
            // SAFETY: this thread attached itself to this VM.
            unsafe { ((**self.0).v1_4.DetachCurrentThread)(self.0) };
        }
    }

    thread_local! {
        static ATTACHED: RefCell<Option<Attached>> = const { RefCell::new(None) };
    }

    /// Runs `f` with the current thread's environment, attaching the thread (as a daemon, until
    /// it ends) when it is not a JVM thread. `None` when no JVM is there.
    pub fn with_env<R>(f: impl FnOnce(&Env) -> R) -> Option<R> {
        let vm = VM.load(Ordering::SeqCst);
        if vm.is_null() {
            return None;
        }
        let mut env: *mut c_void = ::std::ptr::null_mut();
        // SAFETY: `vm` is the live JavaVM stored by JNI_OnLoad.
        let status = unsafe { ((**vm).v1_4.GetEnv)(vm, &mut env, JNI_VERSION_1_6) };
        if status == JNI_EDETACHED {
            // SAFETY: as above; a null argument attaches with default settings.
            let attached = unsafe { ((**vm).v1_4.AttachCurrentThreadAsDaemon)(vm, &mut env, ::std::ptr::null_mut()) };
            if attached != JNI_OK {
                return None;
            }
            let _ = ATTACHED.try_with(|a| *a.borrow_mut() = Some(Attached(vm)));
        } else if status != JNI_OK {
            return None;
        }
        Some(f(&Env(env as *mut JNIEnv)))
    }

    /// A global reference, deleted (on whichever thread drops it) when dropped.
    pub struct GlobalRef(jobject);

    // SAFETY: global references are valid on every thread.
    unsafe impl Send for GlobalRef {}
    unsafe impl Sync for GlobalRef {}

    impl GlobalRef {
        pub fn obj(&self) -> jobject {
            self.0
        }
    }

    impl Drop for GlobalRef {
        fn drop(&mut self) {
            let obj = self.0;
            with_env(|env| jni!(env, DeleteGlobalRef, obj));
        }
    }

    // ---- entry points ------------------------------------------------------------------------

    fn panic_message(panic: Box<dyn Any + Send>) -> String {
        match panic.downcast::<String>() {
            Ok(s) => *s,
            Err(panic) => match panic.downcast::<&'static str>() {
                Ok(s) => s.to_string(),
                Err(_) => "a panic in the JNI glue".to_string(),
            },
        }
    }

    /// Runs a native method: an error leaves its exception pending; a panic in the glue becomes
    /// `InternalException` (panics in the component are caught by its scaffolding).
    #[inline]
    pub fn entry<R>(env: *mut JNIEnv, null: R, f: impl FnOnce(&Env) -> JResult<R>) -> R {
        let env = Env(env);
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| f(&env))) {
            Ok(Ok(v)) => v,
            Ok(Err(Thrown)) => null,
            Err(panic) => {
                if !env.exception_check() {
                    env.throw_internal(&panic_message(panic));
                }
                null
            }
        }
    }

    /// Calls a component function directly: a panic becomes the `InternalException` uniffi's
    /// scaffolding throws for it, with the same message.
    #[inline]
    pub fn direct<T>(env: &Env, f: impl FnOnce() -> T) -> JResult<T> {
        ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(f)).map_err(|panic| {
            let message = if let Some(s) = panic.downcast_ref::<&'static str>() {
                (*s).to_string()
            } else if let Some(s) = panic.downcast_ref::<String>() {
                s.clone()
            } else {
                "Unknown panic!".to_string()
            };
            env.throw_internal(&message)
        })
    }

    // ---- strings -------------------------------------------------------------------------------

    /// UTF-16 to UTF-8; the index and value of the first unpaired surrogate on failure.
    pub fn utf16_to_string(units: &[u16]) -> Result<String, (usize, u16)> {
        let mut out: Vec<u8> = Vec::with_capacity(units.len());
        let mut i = 0;
        let n = units.len();
        while i < n {
            // ASCII runs, eight units at a time.
            while i + 8 <= n {
                let chunk = &units[i..i + 8];
                if chunk.iter().fold(0u16, |acc, &u| acc | u) >= 0x80 {
                    break;
                }
                out.extend(chunk.iter().map(|&u| u as u8));
                i += 8;
            }
            if i >= n {
                break;
            }
            let u = units[i];
            if u < 0x80 {
                out.push(u as u8);
                i += 1;
            } else if u < 0x800 {
                out.extend_from_slice(&[0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]);
                i += 1;
            } else if (0xD800..0xDC00).contains(&u) {
                match units.get(i + 1) {
                    Some(&lo) if (0xDC00..0xE000).contains(&lo) => {
                        let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
                        out.extend_from_slice(&[
                            0xF0 | (c >> 18) as u8,
                            0x80 | ((c >> 12) & 0x3F) as u8,
                            0x80 | ((c >> 6) & 0x3F) as u8,
                            0x80 | (c & 0x3F) as u8,
                        ]);
                        i += 2;
                    }
                    _ => return Err((i, u)),
                }
            } else if (0xDC00..0xE000).contains(&u) {
                return Err((i, u));
            } else {
                out.extend_from_slice(&[0xE0 | (u >> 12) as u8, 0x80 | ((u >> 6) & 0x3F) as u8, 0x80 | (u & 0x3F) as u8]);
                i += 1;
            }
        }
        // SAFETY: every branch above wrote well-formed UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(out) })
    }

    /// A Java string as a Rust `String`; an unpaired surrogate throws
    /// `UniffiUnpairedSurrogateException` naming `arg`.
    pub fn string_from_jni(env: &Env, s: jstring, arg: &str) -> JResult<String> {
        if s.is_null() {
            return Err(env.throw_internal(&format!("{arg}: null string")));
        }
        let len = jni!(env, GetStringLength, s) as usize;
        let converted = if len <= 256 {
            let mut buf = [0u16; 256];
            jni!(env, GetStringRegion, s, 0, len as jsize, buf.as_mut_ptr());
            utf16_to_string(&buf[..len])
        } else {
            let mut buf = Vec::<u16>::with_capacity(len);
            jni!(env, GetStringRegion, s, 0, len as jsize, buf.as_mut_ptr());
            // SAFETY: GetStringRegion wrote `len` units.
            unsafe { buf.set_len(len) };
            utf16_to_string(&buf)
        };
        converted.map_err(|(index, unit)| throw_bad_string(env, arg, index, unit))
    }

    fn throw_bad_string(env: &Env, arg: &str, index: usize, unit: u16) -> Thrown {
        let Ok(name) = new_string(env, arg) else { return Thrown };
        let args = [jvalue { l: name }, jvalue { i: index as jint }, jvalue { i: unit as jint }];
        match env.call_static_object(CB_BAD_STRING, &args) {
            Ok(t) => env.throw(t),
            Err(thrown) => thrown,
        }
    }

    /// A Java string from UTF-8: `NewStringUTF` for ASCII without NUL (its modified UTF-8 is
    /// UTF-8), else through UTF-16.
    pub fn new_string(env: &Env, s: &str) -> JResult<jstring> {
        let bytes = s.as_bytes();
        let out = if bytes.iter().all(|&b| b != 0 && b < 0x80) {
            if bytes.len() < 256 {
                let mut buf = [0u8; 256];
                buf[..bytes.len()].copy_from_slice(bytes);
                jni!(env, NewStringUTF, buf.as_ptr() as *const ::std::ffi::c_char)
            } else {
                let mut buf = Vec::with_capacity(bytes.len() + 1);
                buf.extend_from_slice(bytes);
                buf.push(0);
                jni!(env, NewStringUTF, buf.as_ptr() as *const ::std::ffi::c_char)
            }
        } else {
            let units: Vec<u16> = s.encode_utf16().collect();
            jni!(env, NewString, units.as_ptr(), units.len() as jsize)
        };
        if out.is_null() {
            Err(Thrown)
        } else {
            Ok(out)
        }
    }

    /// `new_string` for an owned string: ASCII reuses its allocation for the NUL.
    pub fn into_jstring(env: &Env, s: String) -> JResult<jstring> {
        if s.len() >= 256 && s.bytes().all(|b| b != 0 && b < 0x80) {
            let mut bytes = s.into_bytes();
            bytes.push(0);
            let out = jni!(env, NewStringUTF, bytes.as_ptr() as *const ::std::ffi::c_char);
            return if out.is_null() { Err(Thrown) } else { Ok(out) };
        }
        new_string(env, &s)
    }

    // ---- values: JVM form <-> client values -------------------------------------------------------

    /// A primitive or string argument in its JVM form.
    pub trait FromJni: Sized {
        type Jni;
        fn from_jni(env: &Env, v: Self::Jni, arg: &str) -> JResult<Self>;
    }

    /// A primitive or string result in its JVM form.
    pub trait IntoJni {
        type Jni;
        fn into_jni(self, env: &Env) -> JResult<Self::Jni>;
    }

    macro_rules! primitive {
        ($($t:ty => $j:ty;)*) => {$(
            impl FromJni for $t {
                type Jni = $j;
                #[inline]
                fn from_jni(_: &Env, v: $j, _: &str) -> JResult<$t> {
                    Ok(v as $t)
                }
            }
            impl IntoJni for $t {
                type Jni = $j;
                #[inline]
                fn into_jni(self, _: &Env) -> JResult<$j> {
                    Ok(self as $j)
                }
            }
        )*};
    }
    primitive! {
        u8 => jbyte; i8 => jbyte; u16 => jshort; i16 => jshort; u32 => jint; i32 => jint;
        u64 => jlong; i64 => jlong; f32 => jfloat; f64 => jdouble;
    }

    impl FromJni for bool {
        type Jni = jboolean;
        #[inline]
        fn from_jni(_: &Env, v: jboolean, _: &str) -> JResult<bool> {
            Ok(v)
        }
    }

    impl IntoJni for bool {
        type Jni = jboolean;
        #[inline]
        fn into_jni(self, _: &Env) -> JResult<jboolean> {
            Ok(self)
        }
    }

    impl FromJni for String {
        type Jni = jstring;
        #[inline]
        fn from_jni(env: &Env, v: jstring, arg: &str) -> JResult<String> {
            string_from_jni(env, v, arg)
        }
    }

    impl IntoJni for String {
        type Jni = jstring;
        #[inline]
        fn into_jni(self, env: &Env) -> JResult<jstring> {
            into_jstring(env, self)
        }
    }

    impl IntoJni for () {
        type Jni = ();
        #[inline]
        fn into_jni(self, _: &Env) -> JResult<()> {
            Ok(())
        }
    }

    /// An object handle, returned to Kotlin (which owns it).
    pub fn handle_into_jni<T: Lower<Ffi = u64>>(v: T) -> jlong {
        v.lower() as jlong
    }

    /// A value serialized into a new `byte[]`.
    pub fn buffer_into_jni<T: Lower>(env: &Env, v: T) -> JResult<jbyteArray> {
        let mut buf = Vec::new();
        v.write(&mut buf);
        env.new_byte_array(&buf)
    }

    /// Reads one argument from the call's buffer.
    #[inline]
    pub fn read<T: Lift>(env: &Env, buf: &mut &[u8], arg: &str) -> JResult<T> {
        T::try_read(buf).map_err(|e| env.throw_internal(&format!("cannot read argument {arg}: {e}")))
    }

    /// A foreign (Kotlin) result read from its buffer.
    pub fn read_all<T: Lift>(bytes: &[u8]) -> Result<T, String> {
        let mut slice = bytes;
        let v = T::try_read(&mut slice).map_err(|e| e.to_string())?;
        if !slice.is_empty() {
            return Err(format!("{} bytes left over after reading a value", slice.len()));
        }
        Ok(v)
    }

    // ---- errors ----------------------------------------------------------------------------------

    /// A flat error on its way to Kotlin: its variant and its message.
    impl Lower for (i32, String) {
        type Ffi = ();
        fn lower(self) {}
        fn write(self, buf: &mut Vec<u8>) {
            Lower::write(self.0, buf);
            Lower::write(self.1, buf);
        }
    }

    /// A declared error, thrown as its Kotlin exception.
    pub trait ThrowError {
        fn throw(self, env: &Env) -> Thrown;
    }

    impl ThrowError for Never {
        fn throw(self, _: &Env) -> Thrown {
            match self {}
        }
    }

    /// Builds the Kotlin exception of a declared error with the factory at `index` and throws it.
    pub fn throw_error<E: Lower>(env: &Env, index: usize, e: E) -> Thrown {
        let array = match buffer_into_jni(env, e) {
            Ok(a) => a,
            Err(thrown) => return thrown,
        };
        match env.call_static_object(index, &[jvalue { l: array }]) {
            Ok(t) => env.throw(t),
            Err(thrown) => thrown,
        }
    }

    /// The outcome of a call as its result or a thrown exception.
    #[inline]
    pub fn check<T, E: ThrowError>(env: &Env, r: Result<T, CallError<E>>) -> JResult<T> {
        match r {
            Ok(v) => Ok(v),
            Err(CallError::Error(e)) => Err(e.throw(env)),
            Err(CallError::Unexpected(message)) => Err(env.throw_internal(&message)),
            Err(CallError::Cancelled) => Err(match env.call_static_object(CB_CANCELLED, &[]) {
                Ok(t) => env.throw(t),
                Err(thrown) => thrown,
            }),
        }
    }

    // ---- calls from Rust into Kotlin -------------------------------------------------------------

    /// Runs a call into Kotlin on any thread (attaching it if needed), with its own frame of
    /// local references.
    pub fn callback<T, E>(f: impl FnOnce(&Env) -> Result<T, CallbackError<E>>) -> Result<T, CallbackError<E>> {
        with_env(|env| {
            if jni!(env, PushLocalFrame, 16) != 0 {
                env.take_exception();
                return Err(CallbackError::Unexpected("out of memory for JNI local references".into()));
            }
            let r = f(env);
            jni!(env, PopLocalFrame, ::std::ptr::null_mut());
            r
        })
        .unwrap_or_else(|| Err(CallbackError::Unexpected("no JVM to call the Kotlin implementation on".into())))
    }

    /// The Kotlin exception a call into Kotlin threw: the declared error when `lower` (the index
    /// of its lowering function) recognises it, else an unexpected error with its description.
    pub fn caught<E: Lift>(env: &Env, lower: Option<usize>) -> CallbackError<E> {
        let t = env.take_exception();
        if let Some(index) = lower {
            match env.call_static_object(index, &[jvalue { l: t }]) {
                Ok(bytes) if !bytes.is_null() => {
                    return match env.byte_array(bytes).map_err(|_| env.take_exception()) {
                        Ok(bytes) => match read_all::<E>(&bytes) {
                            Ok(e) => CallbackError::Error(e),
                            Err(e) => CallbackError::Unexpected(format!("cannot read the error Kotlin threw: {e}")),
                        },
                        Err(_) => CallbackError::Unexpected("cannot copy the error Kotlin threw".into()),
                    };
                }
                Ok(_) => {}
                Err(Thrown) => {
                    env.take_exception();
                }
            }
        }
        CallbackError::Unexpected(describe(env, t))
    }

    /// `Throwable.stackTraceToString()`, or a fixed text when even that fails (out of memory).
    pub fn describe(env: &Env, t: jthrowable) -> String {
        match env.call_static_object(CB_DESCRIBE, &[jvalue { l: t }]) {
            Ok(s) if !s.is_null() => string_from_jni(env, s, "description").unwrap_or_else(|_| {
                env.take_exception();
                "a Kotlin exception".into()
            }),
            _ => {
                env.take_exception();
                "a Kotlin Throwable that could not be described".into()
            }
        }
    }

    /// Calls a bridge into Kotlin returning `Kind`, mapping a thrown exception.
    pub fn call_bridge_object<E: Lift>(env: &Env, index: usize, args: &[jvalue], lower: Option<usize>) -> Result<jobject, CallbackError<E>> {
        let cache = env.cache().map_err(|_| CallbackError::Unexpected("the glue is not initialised".into()))?;
        let out = jni!(env, CallStaticObjectMethodA, cache.class, cache.methods[index], args.as_ptr());
        if env.exception_check() {
            return Err(caught(env, lower));
        }
        Ok(out)
    }

    macro_rules! bridge {
        ($($name:ident => $f:ident, $t:ty;)*) => {$(
            pub fn $name<E: Lift>(env: &Env, index: usize, args: &[jvalue], lower: Option<usize>) -> Result<$t, CallbackError<E>> {
                let cache = env.cache().map_err(|_| CallbackError::Unexpected("the glue is not initialised".into()))?;
                let out = jni!(env, $f, cache.class, cache.methods[index], args.as_ptr());
                if env.exception_check() {
                    return Err(caught(env, lower));
                }
                Ok(out)
            }
        )*};
    }
    bridge! {
        call_bridge_byte => CallStaticByteMethodA, jbyte;
        call_bridge_short => CallStaticShortMethodA, jshort;
        call_bridge_int => CallStaticIntMethodA, jint;
        call_bridge_long => CallStaticLongMethodA, jlong;
        call_bridge_float => CallStaticFloatMethodA, jfloat;
        call_bridge_double => CallStaticDoubleMethodA, jdouble;
        call_bridge_boolean => CallStaticBooleanMethodA, jboolean;
        call_bridge_void => CallStaticVoidMethodA, ();
    }

    /// A Kotlin result in its JVM form as the client value.
    pub fn from_kotlin<T: FromJni, E>(env: &Env, v: T::Jni) -> Result<T, CallbackError<E>> {
        T::from_jni(env, v, "the result of the Kotlin implementation").map_err(|_| {
            let t = env.take_exception();
            CallbackError::Unexpected(describe(env, t))
        })
    }

    /// A Kotlin result serialized in a `byte[]`.
    pub fn from_kotlin_buffer<T: Lift, E>(env: &Env, v: jobject) -> Result<T, CallbackError<E>> {
        let bytes = env.byte_array(v).map_err(|_| {
            let t = env.take_exception();
            CallbackError::Unexpected(describe(env, t))
        })?;
        read_all(&bytes).map_err(|e| CallbackError::Unexpected(format!("cannot read the Kotlin result: {e}")))
    }

    /// An argument of a call into Kotlin, in its JVM form.
    pub fn to_kotlin<T: IntoJni, E>(env: &Env, v: T) -> Result<T::Jni, CallbackError<E>> {
        v.into_jni(env).map_err(|_| {
            let t = env.take_exception();
            CallbackError::Unexpected(describe(env, t))
        })
    }

    pub fn to_kotlin_buffer<E>(env: &Env, bytes: &[u8]) -> Result<jbyteArray, CallbackError<E>> {
        env.new_byte_array(bytes).map_err(|_| {
            env.take_exception();
            CallbackError::Unexpected("cannot allocate the arguments of the Kotlin call".into())
        })
    }

    // ---- Rust futures driven by Kotlin coroutines -------------------------------------------------

    static PENDING_FUTURES: AtomicUsize = AtomicUsize::new(0);

    pub fn pending_futures() -> usize {
        PENDING_FUTURES.load(Ordering::SeqCst)
    }

    /// A future being driven from Kotlin, behind a thin pointer.
    pub trait PollBox: Send {
        /// Polls once; true when the result is there.
        fn poll(&mut self, cx: &mut Context<'_>) -> bool;
        fn as_any(&mut self) -> &mut dyn Any;
    }

    pub struct FutureSlot<T, E, F> {
        fut: Pin<Box<F>>,
        out: Option<Result<T, CallError<E>>>,
    }

    // SAFETY: the client's futures are Send; the result is only moved between the threads that
    // poll and complete it, one at a time (Kotlin's coroutine).
    unsafe impl<T, E, F: Send> Send for FutureSlot<T, E, F> {}

    impl<T: 'static, E: 'static, F: Future<Output = Result<T, CallError<E>>> + Send + 'static> PollBox for FutureSlot<T, E, F> {
        fn poll(&mut self, cx: &mut Context<'_>) -> bool {
            if self.out.is_some() {
                return true;
            }
            match self.fut.as_mut().poll(cx) {
                Poll::Ready(r) => {
                    self.out = Some(r);
                    true
                }
                Poll::Pending => false,
            }
        }

        fn as_any(&mut self) -> &mut dyn Any {
            self
        }
    }

    /// Boxes a future for Kotlin; `future_free` drops it (cancelling it if still running).
    pub fn future_start<T: 'static, E: 'static, F: Future<Output = Result<T, CallError<E>>> + Send + 'static>(fut: F) -> jlong {
        PENDING_FUTURES.fetch_add(1, Ordering::SeqCst);
        let boxed: Box<dyn PollBox> = Box::new(FutureSlot { fut: Box::pin(fut), out: None });
        Box::into_raw(Box::new(boxed)) as jlong
    }

    /// The result of a completed future.
    pub fn future_take<T: 'static, E: 'static, F: 'static>(ptr: jlong) -> Result<T, CallError<E>> {
        // SAFETY: `ptr` came from `future_start` and is freed only by `future_free`, after this.
        let boxed = unsafe { &mut *(ptr as *mut Box<dyn PollBox>) };
        match boxed.as_any().downcast_mut::<FutureSlot<T, E, F>>() {
            Some(slot) => slot.out.take().unwrap_or_else(|| Err(CallError::Unexpected("the future has no result".into()))),
            None => Err(CallError::Unexpected("the future has another type".into())),
        }
    }

    /// Resumes a Kotlin continuation when the Rust future can make progress.
    struct ContinuationWaker(Mutex<Option<GlobalRef>>);

    impl Wake for ContinuationWaker {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref()
        }

        fn wake_by_ref(self: &Arc<Self>) {
            let continuation = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(continuation) = continuation {
                with_env(|env| {
                    if env.call_static_void(CB_RESUME, &[jvalue { l: continuation.obj() }]).is_err() {
                        env.take_exception();
                    }
                });
            }
        }
    }

    pub fn future_poll(env: &Env, ptr: jlong, continuation: jobject) -> bool {
        // SAFETY: as in `future_take`; Kotlin polls one future from one coroutine at a time.
        let boxed = unsafe { &mut *(ptr as *mut Box<dyn PollBox>) };
        let waker = Arc::new(ContinuationWaker(Mutex::new(Some(env.new_global(continuation)))));
        let ready = boxed.poll(&mut Context::from_waker(&Waker::from(Arc::clone(&waker))));
        if ready {
            // Nothing will wake it: let go of the continuation now.
            waker.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        }
        ready
    }

    pub fn future_free(ptr: jlong) {
        if ptr != 0 {
            // SAFETY: `ptr` came from `future_start`; Kotlin frees it exactly once.
            drop(unsafe { Box::from_raw(ptr as *mut Box<dyn PollBox>) });
            PENDING_FUTURES.fetch_sub(1, Ordering::SeqCst);
        }
    }

    // ---- async methods of Kotlin implementations --------------------------------------------------

    /// The Kotlin job of a call Rust may cancel before it starts running.
    #[derive(Default)]
    pub struct JobSlot {
        job: Option<GlobalRef>,
        cancelled: bool,
    }

    pub type SharedJob = Arc<Mutex<JobSlot>>;

    /// Cancels the job (now, or as soon as it is known).
    pub fn cancel_job(slot: &SharedJob) {
        let job = {
            let mut s = slot.lock().unwrap_or_else(|e| e.into_inner());
            s.cancelled = true;
            s.job.take()
        };
        if let Some(job) = job {
            with_env(|env| {
                if env.call_static_void(CB_CANCEL_JOB, &[jvalue { l: job.obj() }]).is_err() {
                    env.take_exception();
                }
            });
        }
    }

    /// Records the job a bridge returned; cancels it at once if Rust already let go.
    pub fn set_job(env: &Env, slot: &SharedJob, job: jobject) {
        if job.is_null() {
            return;
        }
        let global = env.new_global(job);
        let cancel_now = {
            let mut s = slot.lock().unwrap_or_else(|e| e.into_inner());
            if s.cancelled {
                true
            } else {
                s.job = Some(global);
                return;
            }
        };
        if cancel_now && env.call_static_void(CB_CANCEL_JOB, &[jvalue { l: job }]).is_err() {
            env.take_exception();
        }
    }
}
