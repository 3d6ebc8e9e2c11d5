{%- if let Some(s) = m.stored_record(r.name) %}
{#- A record of primitives: fields stored in the object (`_UniffiStored` in the runtime). #}
static _UNIFFI_STORED_{{ r.name }}_FIELDS: [_UniffiStoredField; {{ s.fields.len() }}] = [
{%- for f in s.fields %}
    _UniffiStoredField { name: c"{{ f.name }}", index: {{ loop.index0 }}, slot: _UniffiSlot::{{ f.slot }} },
{%- endfor %}
];
static _UNIFFI_STORED_{{ r.name }}: _UniffiStored =
    _UniffiStored::new(c"{{ m.py.name }}.{{ r.name }}", "{{ r.name }}", &_UNIFFI_STORED_{{ r.name }}_FIELDS);

{%- call stored_impls(r, s, "ffi::" ~ r.record.name|ident) %}{% endcall %}
{%- if let Some(path) = m.reach.type_path(r.name) %}
{%- call stored_impls(r, s, path) %}{% endcall %}
{%- endif %}
{%- else %}
{#- A record: read field by field from the Python object (as uniffi's `check_lower` reads
    `value.field`), built by calling the class with keyword arguments. #}
{%- call plain_impls(r, "ffi::" ~ r.record.name|ident) %}{% endcall %}
{%- if let Some(path) = m.reach.type_path(r.name) %}
{%- call plain_impls(r, path) %}{% endcall %}
{%- endif %}
{%- endif %}


{#- Conversions of a stored record's values of Rust type `ty` (the client's, or the component's
    own when the glue calls it directly). -#}
{%- macro stored_impls(r, s, ty) %}
impl FromPy for {{ ty }} {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if _UNIFFI_STORED_{{ r.name }}.holds(obj) {
            let p = obj.as_ptr();
            // SAFETY: `obj` is an instance of the base type, which has these slots.
            return Ok(unsafe {
                Self {
{%- for f in s.fields %}
{%- if f.rust_type == "bool" %}
                    {{ f.ir_name|field_ident(loop.index0) }}: *_uniffi_slot::<u8>(p, {{ loop.index0 }}) != 0,
{%- else %}
                    {{ f.ir_name|field_ident(loop.index0) }}: *_uniffi_slot::<{{ f.rust_type }}>(p, {{ loop.index0 }}),
{%- endif %}
{%- endfor %}
                }
            });
        }
        // Any other object with these attributes, as uniffi's `check_lower` reads it.
        let py = obj.py();
        Ok(Self {
{%- for f in r.fields %}
            {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.getattr(intern!(py, "{{ f.name }}"))?)?,
{%- endfor %}
        })
    }

    /// A list item: read in place (a stored record holds no Python objects, so reading it runs
    /// no Python code), else converted as any other value.
    #[inline]
    unsafe fn from_list_item(py: Python<'_>, item: *mut pyo3::ffi::PyObject) -> PyResult<Self> {
        let obj = ::pyo3::Borrowed::from_ptr(py, item);
        if _UNIFFI_STORED_{{ r.name }}.holds(&obj) {
            return Ok(Self {
{%- for f in s.fields %}
{%- if f.rust_type == "bool" %}
                {{ f.ir_name|field_ident(loop.index0) }}: *_uniffi_slot::<u8>(item, {{ loop.index0 }}) != 0,
{%- else %}
                {{ f.ir_name|field_ident(loop.index0) }}: *_uniffi_slot::<{{ f.rust_type }}>(item, {{ loop.index0 }}),
{%- endif %}
{%- endfor %}
            });
        }
        Self::from_py(&Bound::from_borrowed_ptr(py, item))
    }
}

impl IntoPy for {{ ty }} {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let p = self.into_ptr(py);
        // SAFETY: a new reference, or NULL with the exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, p) }
    }

    #[inline]
    fn into_ptr(self, py: Python<'_>) -> *mut pyo3::ffi::PyObject {
        let p = _UNIFFI_STORED_{{ r.name }}.alloc_ptr(py);
        if !p.is_null() {
            // SAFETY: a new instance of the base type, which has these slots.
            unsafe {
{%- for f in s.fields %}
{%- if f.rust_type == "bool" %}
                *_uniffi_slot::<u8>(p, {{ loop.index0 }}) = u8::from(self.{{ f.ir_name|field_ident(loop.index0) }});
{%- else %}
                *_uniffi_slot::<{{ f.rust_type }}>(p, {{ loop.index0 }}) = self.{{ f.ir_name|field_ident(loop.index0) }};
{%- endif %}
{%- endfor %}
            }
        }
        p
    }
}
{%- endmacro %}

{#- Conversions of a record's values of Rust type `ty`. -#}
{%- macro plain_impls(r, ty) %}
impl FromPy for {{ ty }} {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        Ok(Self {
{%- for f in r.fields %}
            {{ f.ir_name|field_ident(loop.index0) }}: FromPy::from_py(&obj.getattr(intern!(py, "{{ f.name }}"))?)?,
{%- endfor %}
        })
    }
}

impl IntoPy for {{ ty }} {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let kwargs = PyDict::new(py);
{%- for f in r.fields %}
        kwargs.set_item(intern!(py, "{{ f.name }}"), self.{{ f.ir_name|field_ident(loop.index0) }}.into_py(py)?)?;
{%- endfor %}
        _uniffi_class(py, "{{ r.name }}")?.call((), Some(&kwargs))
    }
}
{%- endmacro %}
