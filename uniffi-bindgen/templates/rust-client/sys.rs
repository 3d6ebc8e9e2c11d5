/// The component's C ABI as uniffi's scaffolding exports it: functions, callback types and
/// structs, declared from the interface's FFI definitions.
pub mod sys {
    #![allow(improper_ctypes, dead_code)]

    /// uniffi's `ForeignBytes`: bytes the caller lends for the duration of one call.
    #[repr(C)]
    pub struct ForeignBytes {
        pub len: i32,
        pub data: *const u8,
    }
{% for s in m.ffi_structs %}
    #[repr(C)]
    pub struct {{ s.name.0 }} {
{%- for f in s.fields %}
        pub {{ f.name|field_ident(loop.index0) }}: {{ f.ty|ffi_type }},
{%- endfor %}
    }
{% endfor %}
{%- for t in m.ffi_function_types %}
    pub type {{ t.name.0 }} = extern "C" fn(
{%- for a in t.arguments %}{{ a.ty|ffi_type }}, {% endfor %}
{%- if t.has_rust_call_status_arg %}*mut ::uniffi::RustCallStatus{% endif -%}
){% if let Some(r) = t.return_type.ty %} -> {{ r|ffi_type }}{% endif %};
{%- endfor %}

    extern "C" {
{%- for f in m.ffi_functions %}
        pub fn {{ f.name.0 }}(
{%- for a in f.arguments %}{{ a.name|ident }}: {{ a.ty|ffi_type }}, {% endfor %}
{%- if f.has_rust_call_status_arg %}uniffi_out_err: &mut ::uniffi::RustCallStatus{% endif -%}
){% if let Some(r) = f.return_type.ty %} -> {{ r|ffi_type }}{% endif %};
{%- endfor %}
    }
}
