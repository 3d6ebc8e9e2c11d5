//! What a careful engineer writes by hand to call greet from Kotlin over JNI, for the class
//! `greetbench.HandWritten` (bench/kotlin/src/HandWritten.kt): `greet(String, String)`, a
//! `Greeter` behind a raw pointer, and its `greet(String)` throwing
//! `HandWritten.GreetError` with the Rust error's message. Strings are read as the `jni`
//! crate reads them (`GetStringUTFChars`, used directly when it is plain UTF-8, else through
//! UTF-16 with `String::from_utf16`, which refuses unpaired surrogates); ASCII results go back
//! through `NewStringUTF`, others through `NewString`. Panics are caught at the boundary. The generated backend (generated/kotlin-jni) is measured
//! against these functions.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use jni_sys::*;

struct Classes {
    greet_error: jclass,
    illegal_argument: jclass,
}

// SAFETY: global class references are valid on every thread.
unsafe impl Send for Classes {}
unsafe impl Sync for Classes {}

static CLASSES: OnceLock<Classes> = OnceLock::new();

macro_rules! jni {
    ($env:expr, $f:ident $(, $arg:expr)*) => {
        unsafe { ((**$env).v1_6.$f)($env $(, $arg)*) }
    };
}

#[no_mangle]
pub extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _: *mut c_void) -> jint {
    let mut env: *mut c_void = std::ptr::null_mut();
    if unsafe { ((**vm).v1_4.GetEnv)(vm, &mut env, JNI_VERSION_1_6) } != JNI_OK {
        return JNI_ERR;
    }
    let env = env as *mut JNIEnv;
    let global = |name: &std::ffi::CStr| {
        let local = jni!(env, FindClass, name.as_ptr());
        if local.is_null() {
            std::ptr::null_mut()
        } else {
            jni!(env, NewGlobalRef, local)
        }
    };
    let classes = Classes {
        greet_error: global(c"greetbench/HandWritten$GreetError"),
        illegal_argument: global(c"java/lang/IllegalArgumentException"),
    };
    if classes.greet_error.is_null() || classes.illegal_argument.is_null() {
        return JNI_ERR;
    }
    let _ = CLASSES.set(classes);
    JNI_VERSION_1_6
}

fn throw(env: *mut JNIEnv, class: jclass, message: &str) {
    let message = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    jni!(env, ThrowNew, class, message.as_ptr());
}

/// A Java string as UTF-8, as the `jni` crate reads it: `GetStringUTFChars` (modified UTF-8)
/// taken as is when it is plain UTF-8 (no NUL, no supplementary characters), else through
/// UTF-16; `None` (with IllegalArgumentException thrown) for unpaired surrogates.
fn from_java(env: *mut JNIEnv, s: jstring) -> Option<String> {
    let chars = jni!(env, GetStringUTFChars, s, std::ptr::null_mut());
    if chars.is_null() {
        return None;
    }
    let len = jni!(env, GetStringUTFLength, s) as usize;
    // SAFETY: the JVM returned `len` bytes (plus a NUL) that stay valid until released.
    let bytes = unsafe { std::slice::from_raw_parts(chars as *const u8, len) };
    // Modified UTF-8 differs from UTF-8 only in NUL (C0 80) and in surrogates (ED A0..BF ..).
    let plain = !bytes.windows(2).any(|w| w == [0xC0, 0x80] || (w[0] == 0xED && w[1] >= 0xA0));
    let direct = if plain { std::str::from_utf8(bytes).ok().map(str::to_owned) } else { None };
    jni!(env, ReleaseStringUTFChars, s, chars);
    if direct.is_some() {
        return direct;
    }
    let len = jni!(env, GetStringLength, s);
    let mut units = vec![0u16; len as usize];
    jni!(env, GetStringRegion, s, 0, len, units.as_mut_ptr());
    match String::from_utf16(&units) {
        Ok(s) => Some(s),
        Err(_) => {
            throw(env, CLASSES.get().unwrap().illegal_argument, "unpaired surrogate");
            None
        }
    }
}

fn to_java(env: *mut JNIEnv, s: String) -> jstring {
    if s.bytes().all(|b| b != 0 && b < 0x80) {
        let c = CString::new(s).expect("no NUL");
        jni!(env, NewStringUTF, c.as_ptr() as *const c_char)
    } else {
        let units: Vec<u16> = s.encode_utf16().collect();
        jni!(env, NewString, units.as_ptr(), units.len() as jsize)
    }
}

fn guarded<T>(env: *mut JNIEnv, null: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        throw(env, CLASSES.get().unwrap().illegal_argument, "panic in greet");
        null
    })
}

#[no_mangle]
pub extern "system" fn Java_greetbench_HandWritten_greet(env: *mut JNIEnv, _: jclass, greeting: jstring, name: jstring) -> jstring {
    guarded(env, std::ptr::null_mut(), || {
        let Some(greeting) = from_java(env, greeting) else { return std::ptr::null_mut() };
        let Some(name) = from_java(env, name) else { return std::ptr::null_mut() };
        to_java(env, greet::greet(greeting, name))
    })
}

#[no_mangle]
pub extern "system" fn Java_greetbench_HandWritten_newGreeter(env: *mut JNIEnv, _: jclass) -> jlong {
    guarded(env, 0, || Box::into_raw(Box::new(greet::Greeter::new())) as jlong)
}

#[no_mangle]
pub extern "system" fn Java_greetbench_HandWritten_freeGreeter(env: *mut JNIEnv, _: jclass, greeter: jlong) {
    guarded(env, (), || drop(unsafe { Box::from_raw(greeter as *mut greet::Greeter) }))
}

#[no_mangle]
pub extern "system" fn Java_greetbench_HandWritten_greeterGreet(env: *mut JNIEnv, _: jclass, greeter: jlong, name: jstring) -> jstring {
    guarded(env, std::ptr::null_mut(), || {
        // SAFETY: Kotlin passes a live pointer from newGreeter.
        let greeter = unsafe { &*(greeter as *const greet::Greeter) };
        let Some(name) = from_java(env, name) else { return std::ptr::null_mut() };
        match greeter.greet(name) {
            Ok(text) => to_java(env, text),
            Err(e) => {
                throw(env, CLASSES.get().unwrap().greet_error, &e.to_string());
                std::ptr::null_mut()
            }
        }
    })
}
