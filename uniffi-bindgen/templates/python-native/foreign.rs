{#- A trait or callback interface implemented in Python: Rust calls the Python object's
    methods with the GIL taken. A declared exception becomes the declared error; any other
    exception reaches Rust as an unexpected error carrying its repr, as in uniffi. #}
struct {{ t.struct_name }}(_UniffiPyRef);

impl {{ t.client_trait }} for {{ t.struct_name }} {
{%- for meth in t.methods %}
{%- if meth.is_async %}
    fn {{ meth.callable.name|ident }}(&self, {% for a in meth.args %}{{ a.name|ident }}: {{ a.ty.ty|ffi_rust_type }}, {% endfor %}uniffi_done: ffi::rt::Completer<{% match meth.return_type %}{% when Some(r) %}{{ r.ty|ffi_rust_type }}{% when None %}(){% endmatch %}>) {
        Python::attach(|py| {
            let coroutine = (|| -> PyResult<Bound<'_, PyAny>> {
                let args = PyTuple::new(py, [{% for a in meth.args %}{{ a.name|ident }}.into_py(py)?, {% endfor %}] as [Bound<'_, PyAny>; {{ meth.args.len() }}])?;
                self.0.bind(py).call_method1(intern!(py, "{{ meth.name }}"), args)
            })();
            _uniffi_run_foreign(py, coroutine, uniffi_done, |py, outcome, done| {
                done.complete(_uniffi_callback_result::<_, {{ meth.throws|ffi_error_type }}>(py, outcome))
            });
        })
    }
{%- else %}
    fn {{ meth.callable.name|ident }}(&self{% for a in meth.args %}, {{ a.name|ident }}: {{ a.ty.ty|ffi_rust_type }}{% endfor %}) -> ::std::result::Result<{% match meth.return_type %}{% when Some(r) %}{{ r.ty|ffi_rust_type }}{% when None %}(){% endmatch %}, ffi::rt::CallbackError<{{ meth.throws|ffi_error_type }}>> {
        Python::attach(|py| {
            let outcome = (|| -> PyResult<Bound<'_, PyAny>> {
                let args = PyTuple::new(py, [{% for a in meth.args %}{{ a.name|ident }}.into_py(py)?, {% endfor %}] as [Bound<'_, PyAny>; {{ meth.args.len() }}])?;
                self.0.bind(py).call_method1(intern!(py, "{{ meth.name }}"), args)
            })();
            _uniffi_callback_result(py, outcome)
        })
    }
{%- endif %}
{%- endfor %}

    fn as_any(&self) -> &dyn ::std::any::Any {
        self
    }
}
{%- if t.is_callback_interface %}

impl FromPy for ::std::sync::Arc<dyn {{ t.client_trait }}> {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(::std::sync::Arc::new({{ t.struct_name }}(_UniffiPyRef::new(obj.clone().unbind()))))
    }
}

impl IntoPy for ::std::sync::Arc<dyn {{ t.client_trait }}> {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.as_any().downcast_ref::<{{ t.struct_name }}>() {
            Some(obj) => Ok(obj.0.bind(py).clone()),
            None => Err(PyTypeError::new_err("{{ t.protocol }} implemented outside Python")),
        }
    }
}
{%- else %}

impl FromPy for ffi::rt::TraitObject<ffi::{{ t.name|ident }}, dyn {{ t.client_trait }}> {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(rust) = obj.cast::<_UniffiObj{{ t.name }}>() {
            return Ok(ffi::rt::TraitObject::Rust(rust.get().0.get()?.clone()));
        }
        let protocol = _uniffi_class(obj.py(), "{{ t.protocol }}")?;
        if !obj.is_instance(protocol)? {
            return Err(PyTypeError::new_err(format!("Expected {{ t.protocol }} subclass, {} found", _uniffi_type_name(obj))));
        }
        Ok(ffi::rt::TraitObject::Foreign(::std::sync::Arc::new({{ t.struct_name }}(_UniffiPyRef::new(obj.clone().unbind())))))
    }
}

impl IntoPy for ffi::rt::TraitObject<ffi::{{ t.name|ident }}, dyn {{ t.client_trait }}> {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            ffi::rt::TraitObject::Rust(obj) => obj.into_py(py),
            ffi::rt::TraitObject::Foreign(obj) => match obj.as_any().downcast_ref::<{{ t.struct_name }}>() {
                Some(obj) => Ok(obj.0.bind(py).clone()),
                None => Err(PyTypeError::new_err("{{ t.protocol }} implemented outside Python")),
            },
        }
    }
}
{%- endif %}
