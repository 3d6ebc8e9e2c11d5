//! The unit tests of the gRPC server runtime (handle tables, conversions, statuses): the
//! runtime every generated server crate carries in `src/runtime/` (from
//! `uniffi-bindgen/templates/grpc-rust/runtime/`), compiled here with its `#[cfg(test)]`
//! modules, as the generated crates build no test harness of their own.
#![allow(dead_code, unused_imports, unexpected_cfgs)]

#[path = "../../../../generated/grpc-rust/src/runtime/mod.rs"]
mod runtime;
