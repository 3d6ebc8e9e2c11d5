// ---- is the linked component the one this client was generated for? ------------------------

/// The uniffi contract version this client was generated for.
pub const UNIFFI_CONTRACT_VERSION: u32 = {{ m.contract_version }};

/// The interface fingerprint of the bindings generation that wrote this client: the foreign
/// half of the bindings embeds the same value, and the glue compares the two when it loads.
pub const UNIFFI_INTERFACE_FINGERPRINT: &str = "{{ m.fingerprint }}";

/// Compares the linked component's uniffi contract version and every API checksum with the
/// values this client was generated from; the first difference, described. Checked once per
/// process (the result is kept): calling a component whose functions have other signatures
/// than the client's declarations would be undefined behaviour.
pub fn uniffi_check_component() -> ::std::result::Result<(), &'static str> {
    static RESULT: ::std::sync::OnceLock<::std::result::Result<(), ::std::string::String>> = ::std::sync::OnceLock::new();
    match RESULT.get_or_init(uniffi_compare_component) {
        Ok(()) => Ok(()),
        Err(problem) => Err(problem.as_str()),
    }
}

#[cold]
fn uniffi_compare_component() -> ::std::result::Result<(), ::std::string::String> {
    // SAFETY: these functions take nothing and return an integer in every uniffi version.
    let version = unsafe { sys::{{ m.contract_version_fn }}() };
    if version != UNIFFI_CONTRACT_VERSION {
        return Err(format!(
            "the component `{{ m.namespace }}` uses uniffi contract version {version}, its glue was generated for version {}",
            UNIFFI_CONTRACT_VERSION
        ));
    }
    let checksums: &[(&str, unsafe extern "C" fn() -> u16, u16)] = &[
{%- for (name, value) in m.checksums %}
        ("{{ name }}", sys::{{ name }}, {{ value }}),
{%- endfor %}
    ];
    for &(name, get, expected) in checksums {
        // SAFETY: as above.
        let actual = unsafe { get() };
        if actual != expected {
            return Err(format!(
                "the glue was generated for another interface of the component `{{ m.namespace }}` than the one it was built with (`{name}()` is {actual} in the component, {expected} in the glue)"
            ));
        }
    }
    Ok(())
}

/// The file this glue library was loaded from (the shared library, or the executable it is
/// linked into), when the platform says.
pub fn uniffi_library_path() -> ::std::option::Option<::std::string::String> {
    #[cfg(unix)]
    {
        #[repr(C)]
        struct DlInfo {
            dli_fname: *const ::std::ffi::c_char,
            dli_fbase: *mut ::std::ffi::c_void,
            dli_sname: *const ::std::ffi::c_char,
            dli_saddr: *mut ::std::ffi::c_void,
        }
        extern "C" {
            fn dladdr(addr: *const ::std::ffi::c_void, info: *mut DlInfo) -> ::std::ffi::c_int;
        }
        let mut info = DlInfo {
            dli_fname: ::std::ptr::null(),
            dli_fbase: ::std::ptr::null_mut(),
            dli_sname: ::std::ptr::null(),
            dli_saddr: ::std::ptr::null_mut(),
        };
        // SAFETY: dladdr only reads the address and fills `info`.
        let found = unsafe { dladdr(uniffi_library_path as *const ::std::ffi::c_void, &mut info) };
        if found != 0 && !info.dli_fname.is_null() {
            // SAFETY: a NUL-terminated path owned by the dynamic loader.
            let path = unsafe { ::std::ffi::CStr::from_ptr(info.dli_fname) };
            return Some(path.to_string_lossy().into_owned());
        }
    }
    None
}

/// The load-time check of an in-process backend: the linked component (see
/// [`uniffi_check_component`]), then, when the foreign half says which fingerprint it was
/// generated with (`foreign`: what it is, e.g. "the Python package `x`", and its
/// fingerprint), that it is this library's. Err is one message naming the library file, the
/// mismatch and `remedy` (what to run).
pub fn uniffi_check_library(foreign: ::std::option::Option<(&str, &str)>, remedy: &str) -> ::std::result::Result<(), ::std::string::String> {
    let problem = match uniffi_check_component() {
        Err(problem) => problem.to_string(),
        Ok(()) => match foreign {
            Some((what, fingerprint)) if fingerprint != UNIFFI_INTERFACE_FINGERPRINT => format!(
                "{what} was generated for another interface of the component `{{ m.namespace }}` than this library (interface fingerprint {fingerprint}, the library's is {})",
                UNIFFI_INTERFACE_FINGERPRINT
            ),
            _ => return Ok(()),
        },
    };
    Err(uniffi_mismatch_message(&problem, remedy))
}

/// The message of a mismatch: the library file, what does not match, and what to run.
#[cold]
pub fn uniffi_mismatch_message(problem: &str, remedy: &str) -> ::std::string::String {
    let library = uniffi_library_path().unwrap_or_else(|| "the glue library of `{{ m.namespace }}`".to_string());
    format!("{library} does not match its bindings: {problem}; {remedy}")
}
