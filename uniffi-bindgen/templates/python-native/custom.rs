{#- A custom type: its builtin's conversions, then the configured Python conversion. #}
impl FromPy for ffi::{{ c.ir_name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
{%- if c.lower.is_some() %}
        static LOWER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let builtin = _uniffi_lookup(&LOWER, obj.py(), "_uniffi_lower_{{ c.name }}")?.call1((obj,))?;
        FromPy::from_py(&builtin).map(Self)
{%- else %}
        FromPy::from_py(obj).map(Self)
{%- endif %}
    }
}

impl IntoPy for ffi::{{ c.ir_name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
{%- if c.lift.is_some() %}
        static LIFT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let builtin = self.0.into_py(py)?;
        _uniffi_lookup(&LIFT, py, "_uniffi_lift_{{ c.name }}")?.call1((builtin,))
{%- else %}
        self.0.into_py(py)
{%- endif %}
    }
}
