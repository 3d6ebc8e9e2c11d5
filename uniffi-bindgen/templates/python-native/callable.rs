{#- PyO3 functions and methods: arguments converted as uniffi checks them, defaults applied,
    the client called, the result (or error) converted back. -#}

{% macro attrs(f, receiver) %}
#[pyo3(name = "{{ f.name }}", signature = ({% for a in f.args %}{{ a.name }}{% if a.default.is_some() %} = _UniffiArg::missing(){% endif %}, {% endfor %}), text_signature = "({{ receiver }}{% for a in f.args %}{% if !loop.first || !receiver.is_empty() %}, {% endif %}{{ a.name }}{% if let Some(d) = a.default %}={{ d.arg_literal|text_default }}{% endif %}{% endfor %})")]
#[doc = {{ f.doc|doc_value(4) }}]
{%- endmacro %}

{#- Required arguments arrive as objects and are converted in the body (inlined, the hot
    path); arguments with defaults are converted on extraction, absent ones made below. #}
{% macro params(f) -%}
{%- for a in f.args %}, {% if a.default.is_some() %}#[pyo3(from_py_with = _UniffiArg::<{{ a.ty.ty|ffi_rust_type }}>::given)] {{ a.name }}: _UniffiArg<{{ a.ty.ty|ffi_rust_type }}>{% else %}{{ a.name }}: &Bound<'py, PyAny>{% endif %}{% endfor %}
{%- endmacro %}

{% macro defaults(f) %}
{%- for a in f.args %}
{%- if let Some(d) = a.ir_default %}
    let {{ a.name }} = match {{ a.name }}.0 {
        Some(v) => v,
        None => {{ d|rust_default(a.ty.ty) }},
    };
{%- else %}
    let {{ a.name }} = <{{ a.ty.ty|ffi_rust_type }} as FromPy>::from_py({{ a.name }}).map_err(|e| _uniffi_arg_error(py, "{{ a.name }}", e))?;
{%- endif %}
{%- endfor %}
{%- endmacro %}

{% macro args(f) %}{% for a in f.args %}{{ a.name }}{% if !loop.last %}, {% endif %}{% endfor %}{% endmacro %}

{#- A namespace function: keeps the GIL (the call is short and touches no shared state). #}
{% macro function(f, target, prefix) %}
#[pyfunction]
{%- call attrs(f, "") %}{% endcall %}
fn {{ prefix }}{{ f.name }}<'py>(py: Python<'py>{% call params(f) %}{% endcall %}) -> PyResult<Bound<'py, PyAny>> {
{%- call defaults(f) %}{% endcall %}
{%- if f.is_async %}
    _uniffi_async(py, {{ target }}{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- else %}
    _uniffi_return(py, {{ target }}{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- endif %}
}
{% endmacro %}

{#- A method of a record or enum: the value is the first argument. #}
{% macro value_method(f, ir_name, py_name) %}
#[pyfunction]
#[pyo3(name = "_uniffi_{{ py_name }}_{{ f.name }}")]
fn _uniffi_{{ py_name }}_{{ f.name }}<'py>(py: Python<'py>, #[pyo3(from_py_with = <ffi::{{ ir_name|ident }} as FromPy>::from_py)] uniffi_self: ffi::{{ ir_name|ident }}{% call params(f) %}{% endcall %}) -> PyResult<Bound<'py, PyAny>> {
{%- call defaults(f) %}{% endcall %}
{%- if f.kind == PyCallableKind::Constructor %}
{%- if f.is_async %}
    _uniffi_async(py, ffi::{{ ir_name|ident }}::{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- else %}
    _uniffi_return(py, ffi::{{ ir_name|ident }}::{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- endif %}
{%- else if f.is_async %}
    _uniffi_async(py, uniffi_self.{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- else %}
    _uniffi_return(py, uniffi_self.{{ f.callable.name|ident }}({% call args(f) %}{% endcall %}))
{%- endif %}
}
{% endmacro %}

{#- A namespace function the glue calls as plain Rust (`shared::reach`): arguments converted
    straight into the component's own types, the call guarded as uniffi's scaffolding guards
    it (a panic is the same InternalError). #}
{% macro direct_function(f, path) %}
#[pyfunction]
{%- call attrs(f, "") %}{% endcall %}
fn _uniffi_fn_{{ f.name }}<'py>(py: Python<'py>{% for a in f.args %}, {{ a.name }}: &Bound<'py, PyAny>{% endfor %}) -> PyResult<Bound<'py, PyAny>> {
{%- for a in f.args %}
    let {{ a.name }} = <{{ m.direct_type(a.ty.ty) }} as FromPy>::from_py({{ a.name }}).map_err(|e| _uniffi_arg_error(py, "{{ a.name }}", e))?;
{%- endfor %}
    _uniffi_direct(py, ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(move || {{ path }}({% for a in f.args %}{% if m.reach.borrows(f.callable.name, a.name) %}&{% endif %}{{ a.name }}{% if m.is_bytes(a.ty.ty) %}.0{% endif %}{% if !loop.last %}, {% endif %}{% endfor %}))){% if m.returns_bytes(f) %}.map(ffi::rt::Bytes){% endif %})
}
{% endmacro %}
