{%- import "kotlin-jni/native.rs" as native %}
//! JNI glue of the `{{ m.namespace }}` component for the Kotlin package `{{ m.package }}`: each
//! `UniffiLib` native converts its arguments, calls the component through its C ABI (`ffi.rs`)
//! and converts the result, or throws the Kotlin exception uniffi's bindings throw.
#![allow(dead_code, non_snake_case, non_camel_case_types, unused_imports, unused_variables, unused_mut, clippy::all)]

/// The component, linked in for the C ABI its uniffi scaffolding exports.
extern crate {{ m.c.ns.crate_name }} as _;

mod ffi;

use ::jni_sys::*;

{% include "kotlin-jni/runtime.rs" %}

use rt::{FromJni, IntoJni};

/// The `UniffiCallbacks` methods the glue calls, in the order of their indexes.
const UNIFFI_CALLBACKS: &[(&::std::ffi::CStr, &::std::ffi::CStr)] = &[
{%- for cb in m.callbacks %}
    (c"{{ cb.name }}", c"{{ cb.descriptor }}"),
{%- endfor %}
];

/// What a mismatched library tells the user to run.
const UNIFFI_REMEDY: &str = {{ m.remedy|rust_str }};

/// `UniffiLib.uniffiCheckNative(fingerprint)`: null when this library matches the component it
/// was built with and the Kotlin sources (their interface fingerprint), else what differs.
#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}uniffiCheckNative(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, fingerprint: jstring) -> jstring {
    rt::entry(uniffi_env, ::std::ptr::null_mut(), |env| {
        let fingerprint = <String as FromJni>::from_jni(env, fingerprint, "fingerprint")?;
        match rt::check_library("the Kotlin package `{{ m.package }}`", &fingerprint, UNIFFI_REMEDY) {
            None => Ok(::std::ptr::null_mut()),
            Some(message) => message.into_jni(env),
        }
    })
}

#[no_mangle]
pub extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _reserved: *mut ::std::ffi::c_void) -> jint {
    rt::on_load(vm, c"{{ m.callbacks_class }}", UNIFFI_CALLBACKS)
}

// ---- errors, thrown as their Kotlin exceptions ---------------------------------------------
{% for e in m.errors %}
impl rt::ThrowError for {{ e.rust_error }} {
    fn throw(self, env: &rt::Env) -> rt::Thrown {
{%- if e.flat_variants.is_empty() %}
        rt::throw_error(env, {{ e.make_index }}, self)
{%- else %}
        // A flat error: its variant and the message Rust gave it (as uniffi sends it to Kotlin).
        let (variant, message) = match self {
{%- for v in e.flat_variants %}
            {{ e.rust_error }}::{{ v }} { message } => ({{ loop.index }}i32, message),
{%- endfor %}
        };
        rt::throw_error(env, {{ e.make_index }}, (variant, message))
{%- endif %}
    }
}
{% endfor %}
{%- if m.has_layouts %}
// ---- records of primitives at their fixed layout (direct calls) ----------------------------
{% for r in m.records %}
{%- if let Some(l) = r.layout %}
/// Reads `{{ l.class }}` from its {{ l.size }}-byte layout at `p`, in the machine's byte order.
///
/// # Safety
/// `p` points to {{ l.size }} readable bytes.
#[inline(always)]
unsafe fn {{ l.reader }}(p: *const u8) -> Result<{{ l.path }}, &'static str> {
{%- for f in l.fields %}
{%- match f.kind %}
{%- when LayoutKind::Enum { path, class, variants } %}
    let uniffi_field_{{ loop.index0 }} = match ::std::ptr::read_unaligned(p.add({{ f.offset }}) as *const i32) {
{%- for v in variants %}
        {{ loop.index0 }} => {{ path }}::{{ v }},
{%- endfor %}
        _ => return Err("an unknown ordinal of {{ class }} reached the glue"),
    };
{%- else %}
{%- endmatch %}
{%- endfor %}
    Ok({{ l.path }} {
{%- for f in l.fields %}
{%- match f.kind %}
{%- when LayoutKind::Prim { rust, accessor, to_jvm, from_jvm } %}
        {{ f.rust_name }}: ::std::ptr::read_unaligned(p.add({{ f.offset }}) as *const {{ rust }}),
{%- when LayoutKind::Bool %}
        {{ f.rust_name }}: *p.add({{ f.offset }}) != 0,
{%- when LayoutKind::Enum { path, class, variants } %}
        {{ f.rust_name }}: uniffi_field_{{ loop.index0 }},
{%- endmatch %}
{%- endfor %}
    })
}

/// Writes `{{ l.class }}` at its {{ l.size }}-byte layout at `p`, in the machine's byte order.
///
/// # Safety
/// `p` points to {{ l.size }} writable bytes.
#[inline(always)]
unsafe fn {{ l.writer }}(v: &{{ l.path }}, p: *mut u8) -> Result<(), &'static str> {
{%- for f in l.fields %}
{%- match f.kind %}
{%- when LayoutKind::Prim { rust, accessor, to_jvm, from_jvm } %}
    ::std::ptr::write_unaligned(p.add({{ f.offset }}) as *mut {{ rust }}, v.{{ f.rust_name }});
{%- when LayoutKind::Bool %}
    *p.add({{ f.offset }}) = v.{{ f.rust_name }} as u8;
{%- when LayoutKind::Enum { path, class, variants } %}
    let ordinal: i32 = match v.{{ f.rust_name }} {
{%- for v in variants %}
        {{ path }}::{{ v }} => {{ loop.index0 }},
{%- endfor %}
        // A `#[non_exhaustive]` enum needs it; uniffi knows every variant.
        #[allow(unreachable_patterns)]
        _ => return Err("a variant of {{ class }} unknown to the bindings"),
    };
    ::std::ptr::write_unaligned(p.add({{ f.offset }}) as *mut i32, ordinal);
{%- endmatch %}
{%- endfor %}
    Ok(())
}
{%- endif %}
{%- endfor %}
{% endif %}
// ---- functions, constructors and methods ---------------------------------------------------
{% for f in m.all_callables() %}
{%- call native::native(f) %}{% endcall %}
{% endfor %}
// ---- objects: free and clone ---------------------------------------------------------------
{% for o in m.objects %}
#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ o.free|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, handle: jlong) {
    rt::entry(uniffi_env, (), |_| {
        // SAFETY: Kotlin frees each handle it owns exactly once.
        drop(unsafe { {{ o.rust }}::from_raw(handle as u64) });
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ o.clone|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, handle: jlong) -> jlong {
    rt::entry(uniffi_env, 0, |_| {
        // SAFETY: the handle is live while Kotlin's object is; it is borrowed, not taken.
        let obj = ::std::mem::ManuallyDrop::new(unsafe { {{ o.rust }}::from_raw(handle as u64) });
        Ok(obj.clone_handle() as jlong)
    })
}
{% endfor %}
// ---- traits and callback interfaces implemented in Kotlin ----------------------------------
{% for t in m.foreign %}
{%- include "kotlin-jni/foreign.rs" %}
{% endfor %}
// ---- Rust futures ----------------------------------------------------------------------------

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}uniffiFuturePoll(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, future: jlong, continuation: jobject) -> jboolean {
    rt::entry(uniffi_env, false, |env| Ok(rt::future_poll(env, future, continuation)))
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}uniffiFutureFree(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, future: jlong) {
    rt::entry(uniffi_env, (), |_| Ok(rt::future_free(future)))
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}uniffiPendingFutures(uniffi_env: *mut JNIEnv, _uniffi_class: jclass) -> jint {
    rt::entry(uniffi_env, 0, |_| Ok(rt::pending_futures() as jint))
}
