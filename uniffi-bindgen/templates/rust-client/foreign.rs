{{ t.doc|rust_doc(0) }}/// Implemented by foreign code; Rust calls it through the vtable below.
pub trait {{ t.trait_name }}: Send + Sync + 'static {
{%- for meth in t.methods %}
{%- if meth.is_async %}
    fn {{ meth.name }}(&self, {% for a in meth.callable.arguments %}{{ a.name|ident }}: {{ a.ty.ty|rust_type }}, {% endfor %}uniffi_done: rt::Completer<{{ meth.ret }}>);
{%- else %}
    fn {{ meth.name }}(&self{% for a in meth.callable.arguments %}, {{ a.name|ident }}: {{ a.ty.ty|rust_type }}{% endfor %}) -> ::std::result::Result<{{ meth.ret }}, rt::CallbackError<{{ meth.callable.throws_type.ty|error_type }}>>;
{%- endif %}
{%- endfor %}
    /// The implementation itself, so the foreign side can get its object back.
    fn as_any(&self) -> &dyn ::std::any::Any;
}

/// The `{{ t.name }}` implementations the foreign side has handed to Rust.
pub static {{ t.handles }}: rt::HandleMap<dyn {{ t.trait_name }}> = rt::HandleMap::new();

/// Registers the vtable with the component before the first foreign `{{ t.name }}` is passed.
fn {{ t.init_fn }}() {
    static ONCE: ::std::sync::Once = ::std::sync::Once::new();
    // SAFETY: the vtable is a static with the layout and functions the scaffolding expects.
    ONCE.call_once(|| unsafe { sys::{{ t.vtable.init_fn.0 }}(&{{ t.vtable_static }}) });
}

static {{ t.vtable_static }}: sys::{{ t.vtable_struct }} = sys::{{ t.vtable_struct }} {
    uniffi_free: {{ t.prefix }}_free,
    uniffi_clone: {{ t.prefix }}_clone,
{%- for meth in t.methods %}
    {{ meth.field|ident }}: {{ t.prefix }}_{{ meth.field }},
{%- endfor %}
};

extern "C" fn {{ t.prefix }}_free(handle: u64) {
    let _ = {{ t.handles }}.remove(handle);
}

extern "C" fn {{ t.prefix }}_clone(handle: u64) -> u64 {
    {{ t.handles }}.clone_handle(handle).unwrap_or(0)
}
{% for meth in t.methods %}
extern "C" fn {{ t.prefix }}_{{ meth.field }}({% for p in meth.params %}{{ p.name }}: {{ p.ty|sys_ffi_type }}, {% endfor %}{% if meth.has_status %}uniffi_call_status: *mut ::uniffi::RustCallStatus{% endif %}) {
{%- if meth.is_async %}
    let uniffi_complete = move |uniffi_result: ::std::result::Result<{{ meth.ret }}, (rt::RustCallStatusCode, rt::RustBuffer)>| {
        let uniffi_call_status = match uniffi_result {
            Ok(uniffi_value) => {
{%- if meth.result_has_value %}
                let uniffi_value = rt::Lower::lower(uniffi_value);
                uniffi_future_callback(uniffi_callback_data, sys::{{ meth.result_struct }} { return_value: uniffi_value, call_status: ::uniffi::RustCallStatus::default() });
{%- else %}
                let () = uniffi_value;
                uniffi_future_callback(uniffi_callback_data, sys::{{ meth.result_struct }} { call_status: ::uniffi::RustCallStatus::default() });
{%- endif %}
                return;
            }
            Err((code, error_buf)) => ::uniffi::RustCallStatus { code, error_buf: ::std::mem::ManuallyDrop::new(error_buf) },
        };
{%- if meth.result_has_value %}
        uniffi_future_callback(uniffi_callback_data, sys::{{ meth.result_struct }} { return_value: ::std::default::Default::default(), call_status: uniffi_call_status });
{%- else %}
        uniffi_future_callback(uniffi_callback_data, sys::{{ meth.result_struct }} { call_status: uniffi_call_status });
{%- endif %}
    };
    let uniffi_done = rt::Completer::new(::std::boxed::Box::new(uniffi_complete), uniffi_out_dropped_callback as *mut rt::DroppedCallback);
    // A panic in the implementation drops `uniffi_done`, which completes the call with an error.
    let _ = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(move || {
        let uniffi_obj = match {{ t.handles }}.get(uniffi_handle) {
            Ok(uniffi_obj) => uniffi_obj,
            Err(e) => return uniffi_done.fail(rt::lift_arg_error(e)),
        };
{%- for a in meth.callable.arguments %}
        let {{ a.name|ident }} = match <{{ a.ty.ty|rust_type }} as rt::Lift>::try_lift(uniffi_arg_{{ loop.index }}) {
            Ok(v) => v,
            Err(e) => return uniffi_done.fail(rt::lift_arg_error(e)),
        };
{%- endfor %}
        uniffi_obj.{{ meth.name }}({% for a in meth.callable.arguments %}{{ a.name|ident }}, {% endfor %}uniffi_done);
    }));
{%- else %}
    rt::foreign_call(uniffi_call_status, || {
        let uniffi_obj = {{ t.handles }}.get(uniffi_handle).map_err(rt::lift_arg_error)?;
{%- for a in meth.callable.arguments %}
        let {{ a.name|ident }} = <{{ a.ty.ty|rust_type }} as rt::Lift>::try_lift(uniffi_arg_{{ loop.index }}).map_err(rt::lift_arg_error)?;
{%- endfor %}
        match uniffi_obj.{{ meth.name }}({% for a in meth.callable.arguments %}{{ a.name|ident }}{% if !loop.last %}, {% endif %}{% endfor %}) {
            Ok(uniffi_value) => {
{%- if meth.callable.return_type.ty.is_some() %}
                // SAFETY: uniffi passes a valid pointer for the return value.
                unsafe { uniffi_out_return.write(rt::Lower::lower(uniffi_value)) };
{%- else %}
                let () = uniffi_value;
{%- endif %}
                Ok(())
            }
            Err(e) => Err(rt::callback_error::<{{ meth.callable.throws_type.ty|error_type }}>(e)),
        }
    });
{%- endif %}
}
{% endfor %}
{%- if t.is_callback_interface %}
impl rt::Lower for ::std::sync::Arc<dyn {{ t.trait_name }}> {
    type Ffi = u64;
    fn lower(self) -> u64 {
        {{ t.init_fn }}();
        {{ t.handles }}.insert(self)
    }
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
        rt::Lower::write(rt::Lower::lower(self), buf)
    }
}

impl rt::Lift for ::std::sync::Arc<dyn {{ t.trait_name }}> {
    type Ffi = u64;
    fn try_lift(handle: u64) -> rt::LiftResult<Self> {
        {{ t.handles }}.remove(handle)
    }
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        Self::try_lift(<u64 as rt::Lift>::try_read(buf)?)
    }
}
{%- else %}
impl rt::Lower for rt::TraitObject<{{ t.name|ident }}, dyn {{ t.trait_name }}> {
    type Ffi = u64;
    fn lower(self) -> u64 {
        match self {
            rt::TraitObject::Rust(obj) => obj.into_raw(),
            rt::TraitObject::Foreign(obj) => {
                {{ t.init_fn }}();
                {{ t.handles }}.insert(obj)
            }
        }
    }
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
        rt::Lower::write(rt::Lower::lower(self), buf)
    }
}

impl rt::Lift for rt::TraitObject<{{ t.name|ident }}, dyn {{ t.trait_name }}> {
    type Ffi = u64;
    fn try_lift(handle: u64) -> rt::LiftResult<Self> {
        // Foreign handles are odd: the object comes back to its owner.
        if handle & 1 == 1 {
            {{ t.handles }}.remove(handle).map(rt::TraitObject::Foreign)
        } else {
            <{{ t.name|ident }} as rt::Lift>::try_lift(handle).map(rt::TraitObject::Rust)
        }
    }
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        Self::try_lift(<u64 as rt::Lift>::try_read(buf)?)
    }
}
{%- endif %}
