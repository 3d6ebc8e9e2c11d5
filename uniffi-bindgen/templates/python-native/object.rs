{#- An interface: a PyO3 class holding the Rust object's handle. Methods release the GIL
    while Rust runs, so other Python threads go on. #}
{%- let i = o.py %}
#[pyclass(name = "{% if i.is_error %}_{% endif %}{{ i.name }}", module = "{{ m.py.name }}", subclass, frozen)]
#[doc = {{ i.doc|doc_value(4) }}]
struct {{ o.struct_name }}(_UniffiLazy<ffi::{{ i.i.name|ident }}>);
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}

/// Calls the primary constructor with the arguments as Python passed them (each absent one
/// `None`), checked as Python checks a call's arguments.
fn _uniffi_construct_{{ o.struct_name }}<'py>(py: Python<'py>{% for a in f.args %}, {{ a.name }}: Option<Bound<'py, PyAny>>{% endfor %}, rest: &Bound<'py, PyTuple>, kw: Option<&Bound<'py, PyDict>>) -> PyResult<ffi::{{ i.i.name|ident }}> {
    _uniffi_check_call("{{ i.name }}()", &[{% for a in f.args %}"{{ a.name }}", {% endfor %}], rest, kw)?;
{%- for a in f.args %}
    let {{ a.name }} = match {{ a.name }} {
        Some(v) => <{{ a.ty.ty|ffi_rust_type }} as FromPy>::from_py(&v).map_err(|e| _uniffi_arg_error(py, "{{ a.name }}", e))?,
{%- if let Some(d) = a.ir_default %}
        None => {{ d|rust_default(a.ty.ty) }},
{%- else %}
        None => return Err(PyTypeError::new_err("{{ i.name }}() missing required argument: '{{ a.name }}'")),
{%- endif %}
    };
{%- endfor %}
    py.detach(move || ffi::{{ i.i.name|ident }}::{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %})).map_err(|err| _uniffi_call_error(py, err))
}

/// `{{ i.name }}.__init__`: a no-op when `__new__` built the object; builds it for a Python
/// subclass with an `__init__` of its own, which calls this one through `super()`.
#[pyfunction]
#[pyo3(signature = (slf, {% for a in f.args %}{{ a.name }} = _UniffiRaw::missing(), {% endfor %}*rest, **kw))]
fn _uniffi_init_{{ o.struct_name }}<'py>(py: Python<'py>, slf: &Bound<'py, PyAny>{% for a in f.args %}, #[pyo3(from_py_with = _UniffiRaw::given)] {{ a.name }}: _UniffiRaw<'py>{% endfor %}, rest: &Bound<'py, PyTuple>, kw: Option<&Bound<'py, PyDict>>) -> PyResult<()> {
    let this = slf.cast::<{{ o.struct_name }}>()?.get();
    if !this.0.is_set() {
        this.0.set(_uniffi_construct_{{ o.struct_name }}(py{% for a in f.args %}, {{ a.name }}.0{% endfor %}, rest, kw)?);
    }
    Ok(())
}
{%- endif %}
{%- endfor %}

#[pymethods]
impl {{ o.struct_name }} {
{%- for f in i.constructors %}
{%- if f.kind == PyCallableKind::PrimaryConstructor %}
    /// Builds the object from the call's arguments, or (for a Python subclass with an
    /// `__init__` of its own) leaves it to `__init__`, which gets the arguments that subclass
    /// passes through `super().__init__(...)`.
    #[new]
    #[classmethod]
    #[pyo3(signature = ({% for a in f.args %}{{ a.name }} = _UniffiRaw::missing(), {% endfor %}*rest, **kw), text_signature = "({% for a in f.args %}{{ a.name }}{% if let Some(d) = a.default %}={{ d.arg_literal|text_default }}{% endif %}{% if !loop.last %}, {% endif %}{% endfor %})")]
    fn _uniffi_new<'py>(cls: &Bound<'py, PyType>, py: Python<'py>{% for a in f.args %}, #[pyo3(from_py_with = _UniffiRaw::given)] {{ a.name }}: _UniffiRaw<'py>{% endfor %}, rest: &Bound<'py, PyTuple>, kw: Option<&Bound<'py, PyDict>>) -> PyResult<Self> {
        if !cls.is(&py.get_type::<Self>()) && _uniffi_overrides_init(cls, &py.get_type::<Self>())? {
            return Ok(Self(_UniffiLazy::empty()));
        }
        Ok(Self(_UniffiLazy::from(_uniffi_construct_{{ o.struct_name }}(py{% for a in f.args %}, {{ a.name }}.0{% endfor %}, rest, kw)?)))
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
        _uniffi_async(py, self.0.get()?.{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}))
{%- else %}
        let uniffi_obj = self.0.get()?;
        let result = py.detach(move || uniffi_obj.{{ f.callable.name|ident }}({% call callable::args(f) %}{% endcall %}));
        _uniffi_return(py, result)
{%- endif %}
    }
{%- endfor %}
{%- if let Some(f) = i.traits.display %}

    fn __str__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        _uniffi_return(py, self.0.get()?.{{ f.callable.name|ident }}())
    }
{%- endif %}
{%- if let Some(f) = i.traits.debug %}

    fn __repr__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        _uniffi_return(py, self.0.get()?.{{ f.callable.name|ident }}())
    }
{%- endif %}
{%- if let Some(f) = i.traits.eq %}

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Self>() else { return Ok(py.NotImplemented()) };
        let other = other.get().0.get()?.clone();
        Ok(_uniffi_return(py, self.0.get()?.{{ f.callable.name|ident }}(other))?.unbind())
    }
{%- endif %}
{%- if let Some(f) = i.traits.ne %}

    fn __ne__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<Self>() else { return Ok(py.NotImplemented()) };
        let other = other.get().0.get()?.clone();
        Ok(_uniffi_return(py, self.0.get()?.{{ f.callable.name|ident }}(other))?.unbind())
    }
{%- endif %}
{%- if let Some(f) = i.traits.hash %}

    fn __hash__(&self, py: Python<'_>) -> PyResult<u64> {
        self.0.get()?.{{ f.callable.name|ident }}().map_err(|err| _uniffi_call_error(py, err))
    }
{%- endif %}
{%- if let Some(f) = i.traits.ord %}

    fn __rust_cmp__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<i8> {
        let other = <ffi::{{ i.i.name|ident }} as FromPy>::from_py(other)?;
        self.0.get()?.{{ f.callable.name|ident }}(other).map_err(|err| _uniffi_call_error(py, err))
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
            return Ok(o.get().0.get()?.clone());
        }
{%- if i.is_error %}
        // The package's exception class wraps the object.
        if let Ok(inner) = obj.getattr(intern!(obj.py(), "_uniffi_obj")) {
            if let Ok(o) = inner.cast::<{{ o.struct_name }}>() {
                return Ok(o.get().0.get()?.clone());
            }
        }
{%- endif %}
        Err(PyTypeError::new_err(format!("Expected {{ i.name }} instance, {} found", _uniffi_type_name(obj))))
    }
}

impl IntoPy for ffi::{{ i.i.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let obj = Bound::new(py, {{ o.struct_name }}(_UniffiLazy::from(self)))?.into_any();
{%- if i.is_error %}
        // Thrown as an error, the object is an exception: the package's class wraps it.
        _uniffi_class(py, "{{ i.name }}")?.call_method1(intern!(py, "_uniffi_make_instance"), (obj,))
{%- else %}
        Ok(obj)
{%- endif %}
    }
}
