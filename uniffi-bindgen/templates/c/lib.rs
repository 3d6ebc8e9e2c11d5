{%- import "c/macros.rs" as mac %}
//! The C API of the `{{ m.ns }}` component (`{{ m.ns }}.h`): one `extern "C"` function per
//! declaration of the header, each converting its C arguments to the client's values, calling
//! the component through its C ABI (`ffi.rs`), and handing the result back as C values.
#![allow(dead_code, non_snake_case, non_camel_case_types, unused_imports, unused_variables, unused_mut, clippy::all)]
#![allow(unsafe_op_in_unsafe_fn)]

/// The component, linked in for the C ABI its uniffi scaffolding exports.
extern crate {{ m.c.ns.crate_name }} as _;

mod ffi;

use ::std::ffi::c_void;

{% include "c/runtime.rs" %}

// ---- the builtin types -----------------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_string_new(ptr: *const u8, len: usize) -> crt::CStr_ {
    crt::CStr_::copy_of(ptr, len).unwrap_or(crt::zeroed())
}

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_string_free(value: *mut crt::CStr_) {
    if let Some(value) = value.as_mut() {
        <::std::string::String as crt::CRepr>::free_c(value);
    }
}

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_bytes_new(ptr: *const u8, len: usize) -> crt::CBytes {
    match crt::slice(ptr, len) {
        Ok(bytes) => crt::CRepr::into_c(ffi::rt::Bytes(bytes.to_vec())),
        Err(_) => crt::zeroed(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_bytes_free(value: *mut crt::CBytes) {
    if let Some(value) = value.as_mut() {
        <ffi::rt::Bytes as crt::CRepr>::free_c(value);
    }
}

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_error_free(value: *mut crt::CError_) {
    if let Some(value) = value.as_mut() {
        <ffi::rt::Never as crt::CError>::free_out(value);
    }
}

// ---- the load-time check ---------------------------------------------------------------------

/// What a library that does not match tells the user to run.
const UNIFFI_REMEDY: &str = {{ m.remedy|rust_str }};

#[no_mangle]
pub unsafe extern "C" fn {{ m.ns }}_library_init(fingerprint: *const ::std::ffi::c_char, out_error: *mut crt::CError_) -> crt::Status {
    crt::library_init(fingerprint, out_error, c"the header `{{ m.ns }}.h` the program was compiled with", UNIFFI_REMEDY)
}
{%- if m.uses_async() %}

#[no_mangle]
pub extern "C" fn {{ m.ns }}_async_cancel(call: u64) -> bool {
    crt::async_cancel(call)
}

#[no_mangle]
pub extern "C" fn {{ m.ns }}_async_pending() -> usize {
    crt::async_pending()
}
{%- endif %}
{%- if !m.customs.is_empty() %}

// ---- custom types: their builtin's C form ------------------------------------------------------
{%- for (name, b) in m.customs %}

impl crt::CRepr for ffi::{{ name|ident }} {
    type C = <{{ b.rust }} as crt::CRepr>::C;
    unsafe fn from_c(c: &Self::C) -> crt::ArgResult<Self> {
        <{{ b.rust }} as crt::CRepr>::from_c(c).map(ffi::{{ name|ident }})
    }
    fn into_c(self) -> Self::C {
        crt::CRepr::into_c(self.0)
    }
    unsafe fn free_c(c: &mut Self::C) {
        <{{ b.rust }} as crt::CRepr>::free_c(c)
    }
}
{%- endfor %}
{%- endif %}

// ---- records, enums and errors ---------------------------------------------------------------
{%- for e in m.c_enums %}

impl crt::CRepr for {{ e.rust }} {
    type C = {{ e.repr_rust() }};
    unsafe fn from_c(c: &{{ e.repr_rust() }}) -> crt::ArgResult<Self> {
        match *c {
{%- for v in e.variants %}
            {{ v.value }} => Ok({{ e.rust }}::{{ v.rust }}),
{%- endfor %}
            other => Err(crt::ArgError::invalid(format!("{other} is not a {{ e.c }} value"))),
        }
    }
    fn into_c(self) -> {{ e.repr_rust() }} {
        match self {
{%- for v in e.variants %}
            {{ e.rust }}::{{ v.rust }} => {{ v.value }},
{%- endfor %}
        }
    }
    unsafe fn free_c(_: &mut {{ e.repr_rust() }}) {}
}
{%- endfor %}
{%- for d in m.decls %}
{%- match d %}
{%- when Decl::Record(r) %}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct {{ r.mirror }} {
{%- for f in r.fields %}
    pub {{ f.rust_name }}: <{{ f.ty.rust }} as crt::CRepr>::C,
{%- endfor %}
{%- if r.empty %}
    pub unused: u8,
{%- endif %}
}

impl crt::CRepr for {{ r.rust }} {
    type C = {{ r.mirror }};
    unsafe fn from_c(c: &{{ r.mirror }}) -> crt::ArgResult<Self> {
        Ok({{ r.rust }} {
{%- for f in r.fields %}
            {{ f.client_name }}: <{{ f.ty.rust }} as crt::CRepr>::from_c(&c.{{ f.rust_name }}).map_err(|e| e.within("field `{{ f.name }}`"))?,
{%- endfor %}
        })
    }
    fn into_c(self) -> {{ r.mirror }} {
        {{ r.mirror }} {
{%- for f in r.fields %}
            {{ f.rust_name }}: crt::CRepr::into_c(self.{{ f.client_name }}),
{%- endfor %}
{%- if r.empty %}
            unused: 0,
{%- endif %}
        }
    }
    unsafe fn free_c(c: &mut {{ r.mirror }}) {
{%- for f in r.fields %}
{%- if f.ty.owns %}
        <{{ f.ty.rust }} as crt::CRepr>::free_c(&mut c.{{ f.rust_name }});
{%- endif %}
{%- endfor %}
        *c = crt::zeroed();
    }
}
{%- when Decl::Union(u) %}
{%- for v in u.variants %}
{%- if !v.fields.is_empty() %}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct {{ v.mirror }} {
{%- for f in v.fields %}
    pub {{ f.rust_name }}: <{{ f.ty.rust }} as crt::CRepr>::C,
{%- endfor %}
}
{%- endif %}
{%- endfor %}
{%- if u.has_union %}

#[repr(C)]
#[derive(Clone, Copy)]
pub union {{ u.mirror }}_u {
{%- for v in u.variants %}
{%- if !v.fields.is_empty() %}
    pub {{ v.rust_member }}: {{ v.mirror }},
{%- endif %}
{%- endfor %}
}
{%- endif %}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct {{ u.mirror }} {
    pub tag: i32,
{%- if u.is_error %}
    pub message: crt::CStr_,
{%- endif %}
{%- if u.has_union %}
    pub u: {{ u.mirror }}_u,
{%- endif %}
}

impl crt::CRepr for {{ u.rust }} {
    type C = {{ u.mirror }};
    unsafe fn from_c(c: &{{ u.mirror }}) -> crt::ArgResult<Self> {
        match c.tag {
{%- for v in u.variants %}
{%- if u.flat_error %}
            {{ v.value }} => Ok({{ u.rust }}::{{ v.rust }} { message: <::std::string::String as crt::CRepr>::from_c(&c.message).map_err(|e| e.within("message"))? }),
{%- else if v.fields.is_empty() %}
            {{ v.value }} => Ok({{ u.rust }}::{{ v.rust }}),
{%- else %}
            {{ v.value }} => Ok({{ u.rust }}::{{ v.rust }} {
{%- for f in v.fields %}
                {{ f.client_name }}: <{{ f.ty.rust }} as crt::CRepr>::from_c(&c.u.{{ v.rust_member }}.{{ f.rust_name }}).map_err(|e| e.within("{{ v.member }}.{{ f.name }}"))?,
{%- endfor %}
            }),
{%- endif %}
{%- endfor %}
            other => Err(crt::ArgError::invalid(format!("{other} is not a {{ u.tag_c }} value"))),
        }
    }
    fn into_c(self) -> {{ u.mirror }} {
        let mut c = crt::zeroed::<{{ u.mirror }}>();
        match self {
{%- for v in u.variants %}
{%- if u.flat_error %}
            {{ u.rust }}::{{ v.rust }} { message } => {
                c.tag = {{ v.value }};
                c.message = crt::CRepr::into_c(message);
            }
{%- else if v.fields.is_empty() %}
            {{ u.rust }}::{{ v.rust }} => {
                c.tag = {{ v.value }};
{%- if u.is_error %}
                c.message = crt::CRepr::into_c(::std::string::String::from("{{ u.name }}::{{ v.name }}"));
{%- endif %}
            }
{%- else %}
            {{ u.rust }}::{{ v.rust }} { {% for f in v.fields %}{{ f.client_name }}, {% endfor %}} => {
                c.tag = {{ v.value }};
{%- if u.is_error %}
                c.message = crt::CRepr::into_c(::std::string::String::from("{{ u.name }}::{{ v.name }}"));
{%- endif %}
                c.u.{{ v.rust_member }} = {{ v.mirror }} {
{%- for f in v.fields %}
                    {{ f.rust_name }}: crt::CRepr::into_c({{ f.client_name }}),
{%- endfor %}
                };
            }
{%- endif %}
{%- endfor %}
        }
        c
    }
    unsafe fn free_c(c: &mut {{ u.mirror }}) {
{%- if u.has_union %}
        match c.tag {
{%- for v in u.variants %}
{%- if !v.fields.is_empty() %}
            {{ v.value }} => {
{%- for f in v.fields %}
{%- if f.ty.owns %}
                <{{ f.ty.rust }} as crt::CRepr>::free_c(&mut c.u.{{ v.rust_member }}.{{ f.rust_name }});
{%- endif %}
{%- endfor %}
            }
{%- endif %}
{%- endfor %}
            _ => {}
        }
{%- endif %}
{%- if u.is_error %}
        <::std::string::String as crt::CRepr>::free_c(&mut c.message);
{%- endif %}
        *c = crt::zeroed();
    }
}
{%- if u.is_error %}

impl crt::MessageRepr for {{ u.rust }} {
    fn message_mut(c: &mut {{ u.mirror }}) -> &mut crt::CStr_ {
        &mut c.message
    }
    fn message(c: &{{ u.mirror }}) -> &crt::CStr_ {
        &c.message
    }
}

crt::message_error!({{ u.rust }});
{%- endif %}
{%- else %}
{%- endmatch %}
{%- endfor %}

// ---- objects ---------------------------------------------------------------------------------
{%- for o in m.objects %}

crt::object_repr!({{ o.rust }});

#[no_mangle]
pub unsafe extern "C" fn {{ o.free_fn }}(obj: *mut {{ o.rust }}) {
    let mut obj = obj;
    let _ = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| <{{ o.rust }} as crt::CRepr>::free_c(&mut obj)));
}

#[no_mangle]
pub unsafe extern "C" fn {{ o.clone_fn }}(obj: *const {{ o.rust }}) -> *mut {{ o.rust }} {
    match obj.as_ref() {
        Some(obj) => ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| crt::CRepr::into_c(::std::clone::Clone::clone(obj))))
            .unwrap_or(::std::ptr::null_mut()),
        None => ::std::ptr::null_mut(),
    }
}
{%- for f in o.functions %}
{% call mac::function(f) %}{% endcall %}
{%- endfor %}
{%- endfor %}

// ---- traits and callback interfaces implemented in C ---------------------------------------------
{%- for t in m.foreign %}

#[repr(C)]
pub struct {{ t.vtable_mirror }} {
    pub free_user_data: ::std::option::Option<unsafe extern "C" fn(*mut c_void)>,
{%- for meth in t.methods %}
{%- if meth.is_async %}
    pub {{ meth.field }}: ::std::option::Option<unsafe extern "C" fn(*mut c_void, {% for a in meth.args %}{% call mac::rust_param_types(a.ty) %}{% endcall %}, {% endfor %}{% call mac::completion(meth.rust_ret(), meth.err.rust) %}{% endcall %}, *mut c_void)>,
{%- else %}
    pub {{ meth.field }}: ::std::option::Option<unsafe extern "C" fn(*mut c_void, {% for a in meth.args %}{% call mac::rust_param_types(a.ty) %}{% endcall %}, {% endfor %}{% if let Some(r) = meth.ret %}*mut <{{ r.rust }} as crt::CRepr>::C, {% endif %}*mut <{{ meth.err.rust }} as crt::CError>::Out) -> crt::Status>,
{%- endif %}
{%- endfor %}
}

impl {{ t.vtable_mirror }} {
    /// Whether every method is set.
    fn complete(&self) -> bool {
        true{% for meth in t.methods %} && self.{{ meth.field }}.is_some(){% endfor %}
    }
}

/// A C implementation of `{{ t.name }}`: its vtable and the pointer its methods receive.
pub struct {{ t.impl_struct }} {
    vtable: *const {{ t.vtable_mirror }},
    user_data: *mut c_void,
}

// The header requires C implementations to work from any thread.
unsafe impl Send for {{ t.impl_struct }} {}
unsafe impl Sync for {{ t.impl_struct }} {}

impl Drop for {{ t.impl_struct }} {
    fn drop(&mut self) {
        // SAFETY: the vtable outlives the implementation (the header's contract).
        if let Some(free) = unsafe { (*self.vtable).free_user_data } {
            unsafe { free(self.user_data) }
        }
    }
}

impl {{ t.client_trait }} for {{ t.impl_struct }} {
{%- for meth in t.methods %}
{%- if meth.is_async %}
    fn {{ meth.rust_name }}(&self, {% for a in meth.args %}{{ a.rust_name }}: {{ a.ty.rust }}, {% endfor %}uniffi_done: ffi::rt::Completer<{{ meth.rust_ret() }}>) {
        // SAFETY: the vtable outlives the implementation; its methods were checked when it was made.
        let Some(uniffi_method) = (unsafe { (*self.vtable).{{ meth.field }} }) else {
            return uniffi_done.complete::<{{ meth.err.rust }}>(Err(ffi::rt::CallbackError::Unexpected("{{ meth.what }} is NULL in the vtable".into())));
        };
{%- for a in meth.args %}
        let {{ a.rust_name }} = crt::Lent::<{{ a.ty.rust }}>::new({{ a.rust_name }});
{%- endfor %}
        unsafe {
            uniffi_method(self.user_data, {% for a in meth.args %}{% call mac::lent_args(a.ty, a.rust_name) %}{% endcall %}, {% endfor %}{{ t.impl_struct }}_{{ meth.field }}_complete, crt::completer_data(uniffi_done))
        }
    }
{%- else %}
    fn {{ meth.rust_name }}(&self{% for a in meth.args %}, {{ a.rust_name }}: {{ a.ty.rust }}{% endfor %}) -> ::std::result::Result<{{ meth.rust_ret() }}, ffi::rt::CallbackError<{{ meth.err.rust }}>> {
        // SAFETY: the vtable outlives the implementation; its methods were checked when it was made.
        let uniffi_method = crt::method(unsafe { (*self.vtable).{{ meth.field }} }, "{{ meth.what }}").map_err(ffi::rt::CallbackError::Unexpected)?;
{%- for a in meth.args %}
        let {{ a.rust_name }} = crt::Lent::<{{ a.ty.rust }}>::new({{ a.rust_name }});
{%- endfor %}
        unsafe {
            crt::foreign_call::<{{ meth.rust_ret() }}, {{ meth.err.rust }}>("{{ meth.what }}", |uniffi_out, uniffi_out_error| {
                uniffi_method(self.user_data, {% for a in meth.args %}{% call mac::lent_args(a.ty, a.rust_name) %}{% endcall %}, {% endfor %}{% if meth.ret.is_some() %}uniffi_out, {% endif %}uniffi_out_error)
            })
        }
    }
{%- endif %}
{%- endfor %}

    fn as_any(&self) -> &dyn ::std::any::Any {
        self
    }
}
{%- for meth in t.methods %}
{%- if meth.is_async %}

/// Completes `{{ meth.what }}` for the Rust side that awaits it.
unsafe extern "C" fn {{ t.impl_struct }}_{{ meth.field }}_complete(
    data: *mut c_void,
    status: crt::Status,
    result: *mut <{{ meth.rust_ret() }} as crt::CRepr>::C,
    error: *mut <{{ meth.err.rust }} as crt::CError>::Out,
) {
    let _ = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
        let uniffi_done = crt::completer_from_data::<{{ meth.rust_ret() }}>(data);
        let outcome = crt::foreign_outcome::<{{ meth.rust_ret() }}, {{ meth.err.rust }}>("{{ meth.what }}", status, result, error);
        uniffi_done.complete(outcome);
    }));
}
{%- endif %}
{%- endfor %}
{%- if t.is_callback_interface %}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct {{ t.mirror }} {
    pub vtable: *const {{ t.vtable_mirror }},
    pub user_data: *mut c_void,
}

impl crt::CRepr for ::std::sync::Arc<dyn {{ t.client_trait }}> {
    type C = {{ t.mirror }};
    unsafe fn from_c(c: &{{ t.mirror }}) -> crt::ArgResult<Self> {
        match c.vtable.as_ref() {
            Some(vtable) if vtable.complete() => Ok(::std::sync::Arc::new({{ t.impl_struct }} { vtable: c.vtable, user_data: c.user_data })),
            Some(_) => Err(crt::ArgError::invalid("a method of the {{ t.vtable }} is NULL")),
            None => Err(crt::ArgError::invalid("NULL vtable")),
        }
    }
    fn into_c(self) -> {{ t.mirror }} {
        match self.as_any().downcast_ref::<{{ t.impl_struct }}>() {
            Some(imp) => {{ t.mirror }} { vtable: imp.vtable, user_data: imp.user_data },
            None => crt::zeroed(),
        }
    }
    unsafe fn free_c(c: &mut {{ t.mirror }}) {
        *c = crt::zeroed();
    }
}
{%- else %}

#[no_mangle]
pub unsafe extern "C" fn {{ t.new_fn }}(vtable: *const {{ t.vtable_mirror }}, user_data: *mut c_void) -> *mut {{ t.object_rust }} {
    match vtable.as_ref() {
        Some(v) if v.complete() => {
            let imp: ::std::sync::Arc<dyn {{ t.client_trait }}> = ::std::sync::Arc::new({{ t.impl_struct }} { vtable, user_data });
            ::std::boxed::Box::into_raw(::std::boxed::Box::new(ffi::rt::TraitObject::Foreign(imp)))
        }
        _ => ::std::ptr::null_mut(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn {{ t.user_data_fn }}(obj: *const {{ t.object_rust }}) -> *mut c_void {
    match obj.as_ref() {
        Some(ffi::rt::TraitObject::Foreign(imp)) => match imp.as_any().downcast_ref::<{{ t.impl_struct }}>() {
            Some(imp) => imp.user_data,
            None => ::std::ptr::null_mut(),
        },
        _ => ::std::ptr::null_mut(),
    }
}
{%- endif %}
{%- endfor %}

// ---- freeing and allocating -------------------------------------------------------------------
{%- for f in m.frees %}

#[no_mangle]
pub unsafe extern "C" fn {{ f.name }}(value: *mut <{{ f.rust }} as crt::CRepr>::C) {
    if let Some(value) = value.as_mut() {
        let _ = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| <{{ f.rust }} as crt::CRepr>::free_c(value)));
    }
}
{%- endfor %}
{%- for a in m.allocs %}

#[no_mangle]
pub extern "C" fn {{ a.name }}({% if a.kind != AllocKind::Box %}len: usize{% endif %}) -> <{{ a.rust }} as crt::CRepr>::C {
{%- match a.kind %}
{%- when AllocKind::Seq %}
    crt::CSeq::alloc(len)
{%- when AllocKind::Map %}
    crt::CMap::alloc(len)
{%- when AllocKind::Box %}
    crt::alloc_box()
{%- endmatch %}
}
{%- endfor %}

// ---- functions --------------------------------------------------------------------------------
{%- for f in m.functions %}
{% call mac::function(f) %}{% endcall %}
{%- endfor %}
{%- for v in m.value_types %}

// ---- functions of {{ v.name }} values ---------------------------------------------------------
{%- for f in v.functions %}
{% call mac::function(f) %}{% endcall %}
{%- endfor %}
{%- endfor %}
