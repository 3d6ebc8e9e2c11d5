{#- An interface: a PyO3 class holding the Rust object's handle. Methods release the GIL
    while Rust runs, so other Python threads go on. #}
{%- let i = o.py %}
#[pyclass(name = "{% if i.is_error %}_{% endif %}{{ i.name }}", module = "{{ m.py.name }}", subclass, frozen)]
#[doc = {{ i.doc|doc_value(4) }}]
struct {{ o.struct_name }}(ffi::{{ i.i.name|ident }});

#[pymethods]
impl {{ o.struct_name }} {
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}
    #[new]
    #[pyo3(signature = ({% for a in f.args %}{{ a.name }}{% if a.default.is_some() %} = _UniffiArg::missing(){% endif %}, {% endfor %}), text_signature = "({% for a in f.args %}{{ a.name }}{% if let Some(d) = a.default %}={{ d.arg_literal|text_default }}{% endif %}{% if !loop.last %}, {% endif %}{% endfor %})")]
    fn _uniffi_new<'py>(py: Python<'py>{% call callable::params(f) %}{% endcall %}) -> PyResult<Self> {
{%- call callable::defaults(f) %}{% endcall %}
        match py.detach(move || ffi::{{ i.i.name|ident }}::{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %})) {
            Ok(obj) => Ok(Self(obj)),
            Err(err) => Err(_uniffi_call_error(py, err)),
        }
    }
{%- else %}

    #[staticmethod]
{%- call callable::attrs(f, "") %}{% endcall %}
    fn _uniffi_ctor_{{ f.name }}<'py>(py: Python<'py>{% call callable::params(f) %}{% endcall %}) -> PyResult<Bound<'py, PyAny>> {
{%- call callable::defaults(f) %}{% endcall %}
{%- if f.is_async %}
        _uniffi_async(py, ffi::{{ i.i.name|ident }}::{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}))
{%- else %}
        let result = py.detach(move || ffi::{{ i.i.name|ident }}::{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}));
        _uniffi_return(py, result)
{%- endif %}
    }
{%- endif %}
{%- endfor %}
{%- if !i.has_primary_constructor %}

    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn _uniffi_new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Err(PyValueError::new_err("This class has no default constructor"))
    }
{%- endif %}
{%- for f in i.methods %}

{%- call callable::attrs(f, "$self") %}{% endcall %}
    fn _uniffi_m_{{ f.name }}<'py>(&self, py: Python<'py>{% call callable::params(f) %}{% endcall %}) -> PyResult<Bound<'py, PyAny>> {
{%- call callable::defaults(f) %}{% endcall %}
{%- if f.is_async %}
        _uniffi_async(py, self.0.{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}))
{%- else %}
        let uniffi_obj = &self.0;
        let result = py.detach(move || uniffi_obj.{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}));
        _uniffi_return(py, result)
{%- endif %}
    }
{%- endfor %}
{%- if let Some(f) = i.traits.display %}

    fn __str__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        _uniffi_return(py, self.0.{{ f.callable.name|ident }}())
    }
{%- endif %}
{%- if let Some(f) = i.traits.debug %}

    fn __repr__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        _uniffi_return(py, self.0.{{ f.callable.name|ident }}())
    }
{%- endif %}
{%- if let Some(f) = i.traits.eq %}

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Self>() else { return Ok(py.NotImplemented()) };
        let other = other.get().0.clone();
        Ok(_uniffi_return(py, self.0.{{ f.callable.name|ident }}(other))?.unbind())
    }
{%- endif %}
{%- if let Some(f) = i.traits.ne %}

    fn __ne__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Self>() else { return Ok(py.NotImplemented()) };
        let other = other.get().0.clone();
        Ok(_uniffi_return(py, self.0.{{ f.callable.name|ident }}(other))?.unbind())
    }
{%- endif %}
{%- if let Some(f) = i.traits.hash %}

    fn __hash__(&self, py: Python<'_>) -> PyResult<u64> {
        self.0.{{ f.callable.name|ident }}().map_err(|err| _uniffi_call_error(py, err))
    }
{%- endif %}
{%- if let Some(f) = i.traits.ord %}

    fn __rust_cmp__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<i8> {
        let other = <ffi::{{ i.i.name|ident }} as FromPy>::from_py(other)?;
        self.0.{{ f.callable.name|ident }}(other).map_err(|err| _uniffi_call_error(py, err))
    }

    fn __lt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.__rust_cmp__(py, other)? < 0)
    }

    fn __le__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.__rust_cmp__(py, other)? <= 0)
    }

    fn __gt__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.__rust_cmp__(py, other)? > 0)
    }

    fn __ge__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.__rust_cmp__(py, other)? >= 0)
    }
{%- endif %}
}

impl FromPy for ffi::{{ i.i.name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(o) = obj.cast::<{{ o.struct_name }}>() {
            return Ok(o.get().0.clone());
        }
{%- if i.is_error %}
        // The package's exception class wraps the object.
        if let Ok(inner) = obj.getattr(intern!(obj.py(), "_uniffi_obj")) {
            if let Ok(o) = inner.cast::<{{ o.struct_name }}>() {
                return Ok(o.get().0.clone());
            }
        }
{%- endif %}
        Err(PyTypeError::new_err(format!("Expected {{ i.name }} instance, {} found", _uniffi_type_name(obj))))
    }
}

impl IntoPy for ffi::{{ i.i.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let obj = Bound::new(py, {{ o.struct_name }}(self))?.into_any();
{%- if i.is_error %}
        // Thrown as an error, the object is an exception: the package's class wraps it.
        _uniffi_class(py, "{{ i.name }}")?.call_method1(intern!(py, "_uniffi_make_instance"), (obj,))
{%- else %}
        Ok(obj)
{%- endif %}
    }
}
