//! `greet::greet` behind a plain C ABI, declared in `include/greet_cabi.h`: the seed blog
//! post's `char* greet(const char*, const char*)`, implemented by the Rust crate, plus the
//! matching free function so callers (CFFI, ctypes) do not leak the result.
//!
//! Benchmark only: `bench/python/bench.py` checks and measures it.

use std::ffi::{c_char, CStr, CString};
use std::ptr;

/// Returns a newly allocated, NUL-terminated `"{greeting}, {name}"`, or NULL when an argument
/// is NULL or not UTF-8. Release the result with [`greet_free`].
///
/// # Safety
/// `greeting` and `name` must be NULL or point to NUL-terminated strings that stay valid and
/// unchanged for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn greet(greeting: *const c_char, name: *const c_char) -> *mut c_char {
    if greeting.is_null() || name.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: both are non-null, NUL-terminated and live for the call (the caller's contract).
    let (greeting, name) = unsafe { (CStr::from_ptr(greeting), CStr::from_ptr(name)) };
    let (Ok(greeting), Ok(name)) = (greeting.to_str(), name.to_str()) else {
        return ptr::null_mut();
    };
    // Neither input contains NUL (they are C strings), nor does ", ": `new` cannot fail.
    match CString::new(::greet::greet(greeting.to_owned(), name.to_owned())) {
        Ok(out) => out.into_raw(),
        Err(_) => ptr::null_mut(),
    }
}

/// Releases a string returned by [`greet`]. NULL is ignored.
///
/// # Safety
/// `greeting` must be NULL or a pointer returned by [`greet`] that was not yet released.
#[no_mangle]
pub unsafe extern "C" fn greet_free(greeting: *mut c_char) {
    if !greeting.is_null() {
        // SAFETY: it came from `CString::into_raw` in `greet` and is released once.
        drop(unsafe { CString::from_raw(greeting) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(greeting: &[u8], name: &[u8]) -> Option<String> {
        let (g, n) = (CString::new(greeting).unwrap(), CString::new(name).unwrap());
        let out = unsafe { greet(g.as_ptr(), n.as_ptr()) };
        if out.is_null() {
            return None;
        }
        let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        unsafe { greet_free(out) };
        Some(text)
    }

    #[test]
    fn greets_exactly() {
        assert_eq!(call(b"Salutations", b"friend").as_deref(), Some("Salutations, friend"));
        assert_eq!(call("こんにちは".as_bytes(), "世界🌏".as_bytes()).as_deref(), Some("こんにちは, 世界🌏"));
        assert_eq!(call(b"", b"").as_deref(), Some(", "));
    }

    #[test]
    fn rejects_null_and_invalid_utf8() {
        assert!(call(b"\xff", b"x").is_none());
        assert!(unsafe { greet(ptr::null(), c"x".as_ptr()) }.is_null());
        unsafe { greet_free(ptr::null_mut()) };
    }
}
