//! The `.pyi` type stub of a component's Python API (`templates/python-stub/`), the same for
//! every Python backend: uniffi's module, the native extension, the gRPC client.

use anyhow::Result;
use askama::Template;

use crate::shared::python::{PyCallableKind, PyModule};

#[derive(Template)]
#[template(path = "python-stub/__init__.pyi", escape = "none")]
struct StubTemplate<'a> {
    m: &'a PyModule<'a>,
}

mod filters {
    pub use crate::shared::python::filters::*;
}

pub fn render(m: &PyModule<'_>) -> Result<String> {
    Ok(StubTemplate { m }.render()?)
}
