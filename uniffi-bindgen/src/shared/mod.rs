//! What several backends need, written once: identifiers and type spelling, the Rust client
//! of the component's C ABI, the Python type layer and type stubs.

pub mod python;
pub mod python_stub;
pub mod reach;
pub mod rust;
pub mod rust_client;
