{%- import "python-native/callable.rs" as callable %}
//! PyO3 glue of the `{{ m.py.name }}` package: uniffi's Python API for the component, each
//! call converted in Rust and made through the component's C ABI (`ffi.rs`). The pure-Python
//! half (records, enums, errors, protocols) is `{{ m.py.name }}/__init__.py`, which imports
//! this module as `{{ m.py.name }}._native`.
#![allow(dead_code, non_snake_case, non_camel_case_types, non_upper_case_globals, unused_imports, unused_variables, clippy::all)]

/// The component, linked in for the C ABI its uniffi scaffolding exports.
extern crate {{ m.c.ns.crate_name }} as _;

mod ffi;

use pyo3::exceptions::{PyAttributeError, PyOverflowError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PySet, PyString, PyTuple, PyType};

/// The Python package whose classes the glue constructs.
const _UNIFFI_PKG: &str = "{{ m.py.name }}";

{% include "python-native/runtime.rs" %}

// ---- the package's classes, looked up once ------------------------------------------------

{% for name in m.py_classes() -%}
static _UNIFFI_CLS_{{ name }}: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
{% endfor %}
/// A class of the package by name.
fn _uniffi_class<'py>(py: Python<'py>, name: &str) -> PyResult<&'py Bound<'py, PyAny>> {
    let cell = match name {
{%- for name in m.py_classes() %}
        "{{ name }}" => &_UNIFFI_CLS_{{ name }},
{%- endfor %}
        other => return Err(PyRuntimeError::new_err(format!("{{ m.py.name }} has no class {other}"))),
    };
    _uniffi_lookup(cell, py, name)
}

/// A stored record (see `_UniffiStored`) by its class name.
fn _uniffi_stored_by_name(name: &str) -> Option<&'static _UniffiStored> {
    match name {
{%- for s in m.stored %}
        "{{ s.name }}" => Some(&_UNIFFI_STORED_{{ s.name }}),
{%- endfor %}
        _ => None,
    }
}

/// An argument with a default: absent, or what the caller passed (`None` included).
struct _UniffiArg<T>(Option<T>);

impl<T: FromPy> _UniffiArg<T> {
    fn given(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        T::from_py(obj).map(|v| _UniffiArg(Some(v)))
    }

    fn missing() -> Self {
        _UniffiArg(None)
    }
}

// ---- custom types ------------------------------------------------------------------------------
{% for c in m.py.customs %}
{%- include "python-native/custom.rs" %}
{% endfor %}
// ---- records -----------------------------------------------------------------------------------
{% for r in m.py.records %}
{%- include "python-native/record.rs" %}
{% endfor %}
// ---- enums and errors --------------------------------------------------------------------------
{% for e in m.py.enums %}
{%- include "python-native/enum.rs" %}
{% endfor %}
// ---- objects -----------------------------------------------------------------------------------
{% for o in m.objects %}
{%- include "python-native/object.rs" %}
{% endfor %}
// ---- traits and callback interfaces implemented in Python ------------------------------------
{% for t in m.foreign %}
{%- include "python-native/foreign.rs" %}
{% endfor %}
// ---- functions ---------------------------------------------------------------------------------
{% for f in m.py.functions %}
{%- if let Some(path) = m.reach.function(f.callable.name) %}
{%- call callable::direct_function(f, path) %}{% endcall %}
{%- else %}
{%- call callable::function(f, "ffi::", "_uniffi_fn_") %}{% endcall %}
{%- endif %}
{% endfor %}
// ---- methods of records and enums (the package's classes call them) -------------------------
{% for r in m.py.records %}
{%- for f in r.methods %}
{%- call callable::value_method(f, r.record.name, r.name) %}{% endcall %}
{%- endfor %}
{%- for (dunder, f) in r.traits.all() %}
{%- call callable::value_method(f, r.record.name, r.name) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{%- for e in m.py.enums %}
{%- for f in e.methods %}
{%- call callable::value_method(f, e.e.name, e.name) %}{% endcall %}
{%- endfor %}
{%- for (dunder, f) in e.traits.all() %}
{%- call callable::value_method(f, e.e.name, e.name) %}{% endcall %}
{%- endfor %}
{%- endfor %}

/// What Rust still holds of Python: foreign implementations by trait, and pending async calls
/// (a diagnostic for the hardening tests, as they count uniffi's handle maps).
#[pyfunction]
fn _uniffi_handle_counts(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let counts = PyDict::new(py);
{%- for t in m.foreign %}
    counts.set_item("{{ t.protocol }}", ffi::{{ t.handles }}.len())?;
{%- endfor %}
    counts.set_item("futures", _UNIFFI_PENDING.load(::std::sync::atomic::Ordering::Relaxed))?;
    Ok(counts)
}

// ---- the load-time check ----------------------------------------------------------------------

/// What a mismatched library tells the user to run.
const _UNIFFI_REMEDY: &str = {{ m.remedy|rust_str }};

/// Checks the component this extension was built with against the bindings it was generated
/// from, and `fingerprint` (the package's) against the extension's: None when everything
/// matches, else the message of the package's `IncompatibleLibraryError`. The package calls
/// it once, at import, before anything else of the extension.
#[pyfunction]
fn _uniffi_check_library(fingerprint: &str) -> Option<String> {
    ffi::uniffi_check_library(Some((concat!("the Python package `", "{{ m.py.name }}", "`"), fingerprint)), _UNIFFI_REMEDY).err()
}

// ---- the module --------------------------------------------------------------------------------

#[pymodule]
#[pyo3(name = "_native")]
fn _uniffi_native_module(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_uniffi_check_library, module)?)?;
    if ffi::uniffi_check_component().is_err() {
        // Its functions would not match the component's: the package raises at import and
        // nothing else of the extension is reachable.
        return Ok(());
    }
{%- for s in m.stored %}
    _UNIFFI_STORED_{{ s.name }}.add_base(module, "{{ s.base }}")?;
{%- endfor %}
    module.add_function(wrap_pyfunction!(_uniffi_stored_record, module)?)?;
{%- for f in m.py.functions %}
    module.add_function(wrap_pyfunction!(_uniffi_fn_{{ f.name }}, module)?)?;
{%- endfor %}
{%- for r in m.py.records %}
{%- for f in r.methods %}
    module.add_function(wrap_pyfunction!(_uniffi_{{ r.name }}_{{ f.name }}, module)?)?;
{%- endfor %}
{%- for (dunder, f) in r.traits.all() %}
    module.add_function(wrap_pyfunction!(_uniffi_{{ r.name }}_{{ f.name }}, module)?)?;
{%- endfor %}
{%- endfor %}
{%- for e in m.py.enums %}
{%- for f in e.methods %}
    module.add_function(wrap_pyfunction!(_uniffi_{{ e.name }}_{{ f.name }}, module)?)?;
{%- endfor %}
{%- for (dunder, f) in e.traits.all() %}
    module.add_function(wrap_pyfunction!(_uniffi_{{ e.name }}_{{ f.name }}, module)?)?;
{%- endfor %}
{%- endfor %}
{%- for o in m.objects %}
    module.add_class::<{{ o.struct_name }}>()?;
{%- if o.py.has_primary_constructor %}
    module.add_function(wrap_pyfunction!(_uniffi_init_{{ o.struct_name }}, module)?)?;
{%- endif %}
{%- endfor %}
    module.add_class::<_UniffiFuture>()?;
    module.add_class::<_UniffiWakeQueue>()?;
    module.add_function(wrap_pyfunction!(_uniffi_wrap, module)?)?;
    module.add_function(wrap_pyfunction!(_uniffi_handle_counts, module)?)?;
    Ok(())
}
