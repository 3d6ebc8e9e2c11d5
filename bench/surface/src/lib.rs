//! The interface surface of BoltFFI's benchmark suite (`benchmarks/README.md` in its repository):
//! scalars, strings, C-style and data enums, records of 6-10 primitive fields (and one with
//! strings and a list), lists of them in both directions, primitive vectors, bytes, three
//! stateful objects, an async function and a callback interface. Bodies are trivial on purpose:
//! what is measured is the binding layer, so each item is exported by exactly one of the
//! features `uniffi` (uniffi 0.32's proc macros) and `boltffi` (BoltFFI's macros).
//!
//! Every item is private to the crate's users except through the generated bindings; nothing
//! here is `pub` beyond what the macros need.

#![allow(clippy::new_without_default)]

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("bench_surface");

#[cfg(feature = "boltffi")]
boltffi::scaffolding!();

mod surface;
pub use surface::*;
