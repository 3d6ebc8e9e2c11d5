//! PyO3 glue for the `{{ m.package }}` component: a Python extension that calls the Rust
//! implementation directly. The pure-Python half (records, enums, errors, foreign-trait base
//! classes) is `{{ m.package }}/__init__.py`, which imports this module as `{{ m.package }}._native`.
#![allow(non_snake_case, non_camel_case_types, non_upper_case_globals, clippy::all)]

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

/// The Python package whose classes the glue constructs.
const _UNIFFI_PKG: &str = "{{ m.package }}";

{% for (cell, attr) in m.classes -%}
/// `{{ m.package }}.{{ attr }}`, looked up once.
static {{ cell }}: PyOnceLock<Py<PyType>> = PyOnceLock::new();
{% endfor %}
{%- include "legacy-python-native/prelude.rs" %}

// ---- records ---------------------------------------------------------------------------------
{% for r in m.records %}
{{ r.rust }}
{% endfor %}
// ---- enums -----------------------------------------------------------------------------------
{% for e in m.enums %}
{{ e.rust }}
{% endfor %}
// ---- errors ----------------------------------------------------------------------------------
{% for e in m.errors %}
{{ e.rust }}
{% endfor %}
// ---- foreign trait implementations -----------------------------------------------------------
{% for t in m.traits %}
{{ t.rust }}
{% endfor %}
// ---- functions -------------------------------------------------------------------------------
{% for c in m.functions %}
{%- include "legacy-python-native/function.rs" %}
{% endfor %}
// ---- objects ---------------------------------------------------------------------------------
{% for o in m.objects %}
{%- include "legacy-python-native/object.rs" %}
{% endfor %}
// ---- the module ------------------------------------------------------------------------------

#[pymodule]
#[pyo3(name = "_native")]
fn _uniffi_native_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
{%- for c in m.functions %}
    m.add_function(wrap_pyfunction!({{ c.rust_name }}, m)?)?;
{%- endfor %}
{%- for o in m.objects %}
    m.add_class::<{{ o.struct_name }}>()?;
{%- endfor %}
    Ok(())
}
