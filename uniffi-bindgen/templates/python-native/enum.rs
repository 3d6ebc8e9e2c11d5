{#- An enum or error: which variant a Python value is (checked as uniffi checks it), and the
    Python value (or exception) of each variant. #}
{%- if e.is_error %}
impl FromPy for ffi::{{ e.e.name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let cls = _uniffi_class(py, "{{ e.name }}")?;
{%- call which_variant(e) %}{% endcall %}
        Err(PyTypeError::new_err(format!("Expected {{ e.name }} instance, {} found", _uniffi_type_name(obj))))
    }
}

impl IntoPy for ffi::{{ e.e.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        match self {
{%- for v in e.variants %}
{%- if e.flat_error %}
            Self::{{ v.ir_name|ident }} { message } => _uniffi_exception(cls.getattr(intern!(py, "{{ v.name }}"))?, Some(message), &[]),
{%- else if v.fields.is_empty() %}
            Self::{{ v.ir_name|ident }} => _uniffi_exception(cls.getattr(intern!(py, "{{ v.name }}"))?, None, &[]),
{%- else %}
            Self::{{ v.ir_name|ident }} { {% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}, {% endfor %}} => {
{%- for f in v.fields %}
                let {{ f.ir_name|field_ident(loop.index0) }} = {{ f.ir_name|field_ident(loop.index0) }}.into_py(py)?;
{%- endfor %}
                let message = _uniffi_fields_message(&[{% for f in v.fields %}("{% if !v.unnamed %}{{ f.name }}{% endif %}", &{{ f.ir_name|field_ident(loop.index0) }}), {% endfor %}])?;
{%- if v.unnamed %}
                let values = PyTuple::new(py, [{% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}, {% endfor %}])?.into_any();
                _uniffi_exception(cls.getattr(intern!(py, "{{ v.name }}"))?, Some(message), &[(intern!(py, "_values"), values)])
{%- else %}
                _uniffi_exception(cls.getattr(intern!(py, "{{ v.name }}"))?, Some(message), &[{% for f in v.fields %}(intern!(py, "{{ f.name }}"), {{ f.ir_name|field_ident(loop.index0) }}), {% endfor %}])
{%- endif %}
            }
{%- endif %}
{%- endfor %}
        }
    }
}

impl IntoPyErr for ffi::{{ e.e.name|ident }} {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self.into_py(py) {
            Ok(exc) => PyErr::from_value(exc),
            Err(err) => err,
        }
    }
}

impl FromPyErr for ffi::{{ e.e.name|ident }} {
    fn from_pyerr(err: &PyErr, py: Python<'_>) -> Option<PyResult<Self>> {
        let cls = match _uniffi_class(py, "{{ e.name }}") {
            Ok(cls) => cls,
            Err(lookup) => return Some(Err(lookup)),
        };
        let value = err.value(py);
        match value.is_instance(cls) {
            Ok(true) => Some(FromPy::from_py(value)),
            Ok(false) => None,
            Err(check) => Some(Err(check)),
        }
    }
}
{%- else if e.flat %}
impl FromPy for ffi::{{ e.e.name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let cls = _uniffi_class(py, "{{ e.name }}")?;
{%- for v in e.variants %}
        if obj.eq(cls.getattr(intern!(py, "{{ v.name }}"))?)? {
            return Ok(Self::{{ v.ir_name|ident }});
        }
{%- endfor %}
        Err(PyValueError::new_err(obj.clone().unbind()))
    }
}

impl IntoPy for ffi::{{ e.e.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        match self {
{%- for v in e.variants %}
            Self::{{ v.ir_name|ident }} => cls.getattr(intern!(py, "{{ v.name }}")),
{%- endfor %}
        }
    }
}
{%- else %}
impl FromPy for ffi::{{ e.e.name|ident }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        if !obj.is_instance(cls)? {
            return Err(PyAttributeError::new_err(format!(
                "'{}' object has no attribute 'is_{{ e.first_variant_name() }}'",
                _uniffi_type_name(obj)
            )));
        }
{%- call which_variant(e) %}{% endcall %}
        Err(PyValueError::new_err(obj.clone().unbind()))
    }
}

impl IntoPy for ffi::{{ e.e.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        match self {
{%- for v in e.variants %}
            Self::{{ v.ir_name|ident }} {% if !v.fields.is_empty() %}{ {% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}, {% endfor %}}{% endif %} => {
                cls.getattr(intern!(py, "{{ v.name }}"))?.call1(({% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}.into_py(py)?, {% endfor %}))
            }
{%- endfor %}
        }
    }
}
{%- endif %}

{#- The variant a Python value (an instance of one of the variant classes) is, with its fields. -#}
{%- macro which_variant(e) %}
{%- for v in e.variants %}
        if obj.is_instance(&cls.getattr(intern!(py, "{{ v.name }}"))?)? {
{%- if e.flat_error %}
            return Ok(Self::{{ v.ir_name|ident }} { message: obj.str()?.to_string() });
{%- else if v.unnamed %}
            return Ok(Self::{{ v.ir_name|ident }} {
{%- for f in v.fields %} {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.get_item({{ loop.index0 }})?)?,{% endfor %} });
{%- else %}
            return Ok(Self::{{ v.ir_name|ident }} {
{%- for f in v.fields %} {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.getattr(intern!(py, "{{ f.name }}"))?)?,{% endfor %} });
{%- endif %}
        }
{%- endfor %}
{%- endmacro -%}