//! A safe Rust client of the `{{ m.namespace }}` component over the C ABI that uniffi's
//! scaffolding exports: the same calls uniffi's Python, Kotlin and Swift bindings make, made
//! from Rust. The in-process backends (native Python, gRPC, JNI, C) call the component
//! through it, so its exported items need not be `pub` and proc-macro and UDL components
//! behave alike.
#![allow(dead_code, unused_imports, unused_variables, unused_mut, non_camel_case_types, non_snake_case, clippy::all)]

{%- import "rust-client/callable.rs" as callable %}
{% include "rust-client/runtime.rs" %}

{% include "rust-client/sys.rs" %}

{% include "rust-client/check.rs" %}

// ---- custom types ------------------------------------------------------------------------
{% for c in m.customs %}
{{ c.docstring|rust_doc(0) }}/// A custom type: its builtin `{{ c.builtin.canonical_name }}` on the wire.
#[derive(Clone)]
pub struct {{ c.name|ident }}(pub {{ c.builtin.ty|rust_type }});

impl rt::Lower for {{ c.name|ident }} {
    type Ffi = <{{ c.builtin.ty|rust_type }} as rt::Lower>::Ffi;
    fn lower(self) -> Self::Ffi {
        rt::Lower::lower(self.0)
    }
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
        rt::Lower::write(self.0, buf)
    }
}

impl rt::Lift for {{ c.name|ident }} {
    type Ffi = <{{ c.builtin.ty|rust_type }} as rt::Lift>::Ffi;
    fn try_lift(v: Self::Ffi) -> rt::LiftResult<Self> {
        rt::Lift::try_lift(v).map(Self)
    }
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        rt::Lift::try_read(buf).map(Self)
    }
}
{% endfor %}
// ---- records -----------------------------------------------------------------------------
{% for r in m.records %}
{%- include "rust-client/record.rs" %}
{% endfor %}
// ---- enums and errors --------------------------------------------------------------------
{% for e in m.enums %}
{%- include "rust-client/enum.rs" %}
{% endfor %}
// ---- objects -----------------------------------------------------------------------------
{% for o in m.objects %}
{%- include "rust-client/object.rs" %}
{% endfor %}
// ---- traits and callback interfaces implemented by the foreign side -----------------------
{% for t in m.foreign %}
{%- include "rust-client/foreign.rs" %}
{% endfor %}
// ---- functions ---------------------------------------------------------------------------
{% for c in m.functions %}
{%- call callable::callable(c, "") %}{% endcall %}
{% endfor %}
