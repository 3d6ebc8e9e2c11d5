{%- import "rust-client/callable.rs" as callable %}
{{ o.docstring|rust_doc(0) }}/// A handle to a `{{ o.name }}` that lives in Rust; dropping it releases the handle.
pub struct {{ o.name|ident }} {
    handle: u64,
}

impl {{ o.name|ident }} {
    /// Takes ownership of a handle the component gave out.
    ///
    /// # Safety
    /// `handle` must be a live `{{ o.name }}` handle that nothing else will free.
    pub unsafe fn from_raw(handle: u64) -> Self {
        Self { handle }
    }

    /// Gives up ownership of the handle (the component takes it over).
    pub fn into_raw(self) -> u64 {
        let handle = self.handle;
        ::std::mem::forget(self);
        handle
    }

    /// A new handle to the same object, owned by the caller.
    pub fn clone_handle(&self) -> u64 {
        let mut status = ::uniffi::RustCallStatus::default();
        // SAFETY: `self.handle` is live while `self` is.
        unsafe { sys::{{ o.ffi_func_clone.0 }}(self.handle, &mut status) }
    }
{%- for c in m.object_callables(o) %}
{%- call callable::callable(c, "    ") %}{% endcall %}
{%- endfor %}
}

impl ::std::ops::Drop for {{ o.name|ident }} {
    fn drop(&mut self) {
        let mut status = ::uniffi::RustCallStatus::default();
        // SAFETY: the handle is owned by `self` and freed exactly once.
        unsafe { sys::{{ o.ffi_func_free.0 }}(self.handle, &mut status) }
    }
}

impl ::std::clone::Clone for {{ o.name|ident }} {
    fn clone(&self) -> Self {
        Self { handle: self.clone_handle() }
    }
}

impl rt::Lower for {{ o.name|ident }} {
    type Ffi = u64;
    fn lower(self) -> u64 {
        self.into_raw()
    }
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
        rt::Lower::write(self.into_raw(), buf)
    }
}

impl rt::Lift for {{ o.name|ident }} {
    type Ffi = u64;
    fn try_lift(handle: u64) -> rt::LiftResult<Self> {
        if handle == 0 {
            return Err(rt::LiftError("null {{ o.name }} handle".into()));
        }
        // SAFETY: the component hands over ownership of every handle it returns.
        Ok(unsafe { Self::from_raw(handle) })
    }
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        Self::try_lift(<u64 as rt::Lift>::try_read(buf)?)
    }
}
