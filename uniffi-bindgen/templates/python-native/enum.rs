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

{#- The variants' exception classes, looked up once. #}
static _UNIFFI_VARIANT_CLASSES_{{ e.name }}: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();

fn _uniffi_variant_classes_{{ e.name }}(py: Python<'_>) -> PyResult<&Vec<Py<PyAny>>> {
    _UNIFFI_VARIANT_CLASSES_{{ e.name }}.get_or_try_init(py, || {
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        Ok::<_, PyErr>(vec![
{%- for v in e.variants %}
            cls.getattr(intern!(py, "{{ v.name }}"))?.unbind(),
{%- endfor %}
        ])
    })
}

impl IntoPy for ffi::{{ e.e.name|ident }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let classes = _uniffi_variant_classes_{{ e.name }}(py)?;
        match self {
{%- for v in e.variants %}
{%- if e.flat_error %}
            Self::{{ v.ir_name|ident }} { message } => _uniffi_exception(classes[{{ loop.index0 }}].bind(py).clone(), Some(message), &[]),
{%- else if v.fields.is_empty() %}
            Self::{{ v.ir_name|ident }} => _uniffi_exception(classes[{{ loop.index0 }}].bind(py).clone(), None, &[]),
{%- else %}
            Self::{{ v.ir_name|ident }} { {% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}, {% endfor %}} => {
{%- for f in v.fields %}
                let {{ f.ir_name|field_ident(loop.index0) }} = {{ f.ir_name|field_ident(loop.index0) }}.into_py(py)?;
{%- endfor %}
                let message = _uniffi_fields_message(&[{% for f in v.fields %}("{% if !v.unnamed %}{{ f.name }}{% endif %}", &{{ f.ir_name|field_ident(loop.index0) }}), {% endfor %}])?;
{%- if v.unnamed %}
                let values = PyTuple::new(py, [{% for f in v.fields %}{{ f.ir_name|field_ident(loop.index0) }}, {% endfor %}])?.into_any();
                _uniffi_exception(classes[{{ loop.index0 }}].bind(py).clone(), Some(message), &[(intern!(py, "_values"), values)])
{%- else %}
                _uniffi_exception(classes[{{ loop.index0 }}].bind(py).clone(), Some(message), &[{% for f in v.fields %}(intern!(py, "{{ f.name }}"), {{ f.ir_name|field_ident(loop.index0) }}), {% endfor %}])
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
{#- A flat enum's members, looked up once: a value is matched by identity first (members are
    singletons), then by `==` as uniffi compares it. #}
static _UNIFFI_MEMBERS_{{ e.name }}: PyOnceLock<Vec<Py<PyAny>>> = PyOnceLock::new();

fn _uniffi_members_{{ e.name }}(py: Python<'_>) -> PyResult<&Vec<Py<PyAny>>> {
    _UNIFFI_MEMBERS_{{ e.name }}.get_or_try_init(py, || {
        let cls = _uniffi_class(py, "{{ e.name }}")?;
        Ok::<_, PyErr>(vec![
{%- for v in e.variants %}
            cls.getattr(intern!(py, "{{ v.name }}"))?.unbind(),
{%- endfor %}
        ])
    })
}
{%- call flat_impls(e, "ffi::" ~ e.e.name|ident) %}{% endcall %}
{%- if let Some(path) = m.reach.type_path(e.name) %}
{%- call flat_impls(e, path) %}{% endcall %}
{%- endif %}
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
{%- if e.flat_error %}
        let variant = cls.getattr(intern!(py, "{{ v.name }}"))?;
        if obj.is_instance(&variant)? {
            return Ok(Self::{{ v.ir_name|ident }} { message: obj.str()?.to_string() });
        }
        // The variant's class stands for the variant, as in uniffi (`Dict(e=Error.Variant)`).
        if obj.as_ptr() == variant.as_ptr() {
            return Ok(Self::{{ v.ir_name|ident }} { message: ::std::string::String::new() });
        }
{%- else %}
        if obj.is_instance(&cls.getattr(intern!(py, "{{ v.name }}"))?)? {
{%- if v.unnamed %}
            return Ok(Self::{{ v.ir_name|ident }} {
{%- for f in v.fields %} {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.get_item({{ loop.index0 }})?)?,{% endfor %} });
{%- else %}
            return Ok(Self::{{ v.ir_name|ident }} {
{%- for f in v.fields %} {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.getattr(intern!(py, "{{ f.name }}"))?)?,{% endfor %} });
{%- endif %}
        }
{%- endif %}
{%- endfor %}
{%- endmacro -%}

{#- Conversions of a flat enum's values of Rust type `ty` (the client's, or the component's own
    when the glue calls it directly). -#}
{%- macro flat_impls(e, ty) %}

impl FromPy for {{ ty }} {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let members = _uniffi_members_{{ e.name }}(py)?;
{%- for v in e.variants %}
        if obj.as_ptr() == members[{{ loop.index0 }}].as_ptr() {
            return Ok(Self::{{ v.ir_name|ident }});
        }
{%- endfor %}
{%- for v in e.variants %}
        if obj.eq(members[{{ loop.index0 }}].bind(py))? {
            return Ok(Self::{{ v.ir_name|ident }});
        }
{%- endfor %}
        Err(PyValueError::new_err(obj.clone().unbind()))
    }
}

impl IntoPy for {{ ty }} {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let members = _uniffi_members_{{ e.name }}(py)?;
        let index = match self {
{%- for v in e.variants %}
            Self::{{ v.ir_name|ident }} => {{ loop.index0 }},
{%- endfor %}
        };
        Ok(members[index].bind(py).clone())
    }
}
{%- endmacro %}
