{#- A record: read field by field from the Python object (as uniffi's `check_lower` reads
    `value.field`), built by calling the class with keyword arguments. #}
impl FromPy for ffi::{{ r.record.name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        Ok(Self {
{%- for f in r.fields %}
            {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.getattr(intern!(py, "{{ f.name }}"))?)?,
{%- endfor %}
        })
    }
}

impl IntoPy for ffi::{{ r.record.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let kwargs = PyDict::new(py);
{%- for f in r.fields %}
        kwargs.set_item(intern!(py, "{{ f.name }}"), self.{{ f.ir_name|field_ident(loop.index0) }}.into_py(py)?)?;
{%- endfor %}
        _uniffi_class(py, "{{ r.name }}")?.call((), Some(&kwargs))
    }
}
