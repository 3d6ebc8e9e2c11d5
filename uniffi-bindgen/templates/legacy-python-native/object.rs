{% for line in o.doc %}{{ line }}
{% endfor -%}
#[pyclass(frozen, name = "{{ o.py_name }}", module = "{{ m.package }}")]
pub struct {{ o.struct_name }}(::std::sync::Arc<{{ o.rust_type }}>);

#[pymethods]
impl {{ o.struct_name }} {
{%- for c in o.methods %}
{%- include "legacy-python-native/function.rs" %}
{%- endfor %}
{%- for t in o.traits %}
{%- if t == "Display" %}

    fn __str__(&self) -> String {
        ::std::string::ToString::to_string(&*self.0)
    }
{%- else if t == "Debug" %}

    fn __repr__(&self) -> String {
        format!("{:?}", &*self.0)
    }
{%- else if t == "Eq" %}

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> Py<PyAny> {
        let py = other.py();
        match other.cast::<Self>() {
            Ok(other) => pyo3::types::PyBool::new(py, PartialEq::eq(&*self.0, &*other.get().0)).to_owned().into_any().unbind(),
            Err(_) => py.NotImplemented(),
        }
    }
{%- else if t == "Hash" %}

    fn __hash__(&self) -> u64 {
        use ::std::hash::{Hash, Hasher};
        let mut hasher = ::std::collections::hash_map::DefaultHasher::new();
        (*self.0).hash(&mut hasher);
        hasher.finish()
    }
{%- endif %}
{%- endfor %}
}

{{ o.lift }}

#[allow(dead_code)]
{{ o.lower }}
