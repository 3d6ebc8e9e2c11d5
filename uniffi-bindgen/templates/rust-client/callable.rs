{#- One function, method or constructor of the client: lowers the arguments, calls the
    scaffolding, lifts the result (or returns a Rust future for async calls). -#}
{% macro callable(c, pad) %}
{{ pad }}{{ c.doc|rust_doc(pad.len()) }}pub fn {{ c.name }}(
{%- match c.receiver %}{% when Receiver::None %}{% else %}&self{% if !c.args.is_empty() %}, {% endif %}{% endmatch %}
{%- for a in c.args %}{{ a.name|ident }}: {{ a.ty.ty|rust_type }}{% if !loop.last %}, {% endif %}{% endfor -%}
) -> {% if c.is_async() %}rt::RustFuture<{{ c.ret }}, {{ c.throws|error_type }}>{% else %}::std::result::Result<{{ c.ret }}, rt::CallError<{{ c.throws|error_type }}>>{% endif %} {
{%- if c.is_async() %}
{{ pad }}    // SAFETY: the arguments are lowered as the scaffolding expects; it returns a future handle.
{{ pad }}    let uniffi_future = unsafe {
{{ pad }}        sys::{{ c.ffi_func }}({% call lowered_args(c) %}{% endcall %}{{ "" }})
{{ pad }}    };
{%- if let Some(a) = c.async_data %}
{{ pad }}    rt::RustFuture::new(uniffi_future, rt::FutureFns {
{{ pad }}        poll: sys::{{ a.ffi_rust_future_poll.0 }},
{{ pad }}        cancel: sys::{{ a.ffi_rust_future_cancel.0 }},
{{ pad }}        free: sys::{{ a.ffi_rust_future_free.0 }},
{{ pad }}        complete: sys::{{ a.ffi_rust_future_complete.0 }},
{{ pad }}    })
{%- endif %}
{%- else %}
{{ pad }}    // SAFETY: the arguments are lowered as the scaffolding expects.
{{ pad }}    let uniffi_out = rt::rust_call::<_, {{ c.throws|error_type }}>(|uniffi_status| unsafe {
{{ pad }}        sys::{{ c.ffi_func }}({% call lowered_args(c) %}{% endcall %}uniffi_status)
{{ pad }}    })?;
{{ pad }}    rt::lift_return::<{{ c.ret }}, _>(uniffi_out)
{%- endif %}
{{ pad }}}
{% endmacro %}

{#- The receiver and arguments as the scaffolding takes them, each followed by ", ". #}
{% macro lowered_args(c) %}{% match c.receiver %}{% when Receiver::Handle %}self.clone_handle(), {% when Receiver::Value %}rt::Lower::lower(::std::clone::Clone::clone(self)), {% when Receiver::None %}{% endmatch %}{% for a in c.args %}{% if a.is_borrowed_bytes() %}sys::ForeignBytes { len: {{ a.name|ident }}.0.len() as i32, data: {{ a.name|ident }}.0.as_ptr() }, {% else %}rt::Lower::lower({{ a.name|ident }}), {% endif %}{% endfor %}{% endmacro %}

{#- The top-level form of a serialized type: its serialization in a `RustBuffer`. #}
{% macro buffer_lowered() %}
    type Ffi = rt::RustBuffer;
    fn lower(self) -> rt::RustBuffer {
        rt::lower_into_buffer(self)
    }
{%- endmacro %}

{% macro buffer_lifted() %}
    type Ffi = rt::RustBuffer;
    fn try_lift(buf: rt::RustBuffer) -> rt::LiftResult<Self> {
        rt::lift_from_buffer(buf)
    }
{%- endmacro %}
