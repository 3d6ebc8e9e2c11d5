//! A hand-written PyO3 extension over the same Rust `greet` crate that uniffi exposes, written
//! the way the seed blog post does it (`#[pyfunction]` + `maturin`), plus a `Greeter` class and
//! typed exceptions so the method call and the error path can be compared with uniffi's.
//!
//! Benchmark only: `bench/python/bench.py` checks and measures it.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(greet_pyo3, GreetError, PyException, "Why a greeting could not be made.");
create_exception!(greet_pyo3, EmptyName, GreetError, "The name was empty or only whitespace.");
create_exception!(greet_pyo3, NameTooLong, GreetError, "The name was too long.");

fn to_py_err(err: ::greet::GreetError) -> PyErr {
    let message = err.to_string();
    match err {
        ::greet::GreetError::EmptyName { .. } => EmptyName::new_err(message),
        ::greet::GreetError::NameTooLong { .. } => NameTooLong::new_err(message),
        _ => GreetError::new_err(message),
    }
}

/// Returns exactly `"{greeting}, {name}"` (calls `greet::greet`).
#[pyfunction(name = "greet")]
fn py_greet(greeting: String, name: String) -> String {
    ::greet::greet(greeting, name)
}

/// `greet::Greeter`: greets informally in English and counts whom it greeted.
///
/// `frozen`: every method takes `&self` (the Rust type is internally synchronised), so PyO3
/// needs no borrow flag.
#[pyclass(frozen, name = "Greeter", module = "greet_pyo3")]
struct Greeter(::greet::Greeter);

#[pymethods]
impl Greeter {
    #[new]
    fn new() -> Self {
        Greeter(::greet::Greeter::new())
    }

    /// Greets `name` informally, e.g. `"Hi, friend"`; raises `EmptyName` / `NameTooLong`.
    fn greet(&self, name: String) -> PyResult<String> {
        self.0.greet(name).map_err(to_py_err)
    }

    /// How many greetings were given in all.
    fn total(&self) -> u64 {
        self.0.total()
    }
}

#[pymodule]
fn greet_pyo3(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(py_greet, m)?)?;
    m.add_class::<Greeter>()?;
    let py = m.py();
    m.add("GreetError", py.get_type::<GreetError>())?;
    m.add("EmptyName", py.get_type::<EmptyName>())?;
    m.add("NameTooLong", py.get_type::<NameTooLong>())?;
    Ok(())
}
