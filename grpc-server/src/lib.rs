//! The greet component as a gRPC service.
//!
//! The service itself is generated: `uniffi-bindgen generate` writes the proto
//! (`generated/proto/greet.proto`) and the tonic glue over the `greet` crate
//! (`generated/grpc-rust/service.rs`) from `greet.udl`; `build.rs` compiles the one and this
//! crate includes the other. What is written by hand is generic: the handle tables and
//! conversions in [`runtime`], and the server around the service in [`server`].

pub mod runtime;
pub mod server;

/// The generated service: `pb` (prost/tonic types), `Service`, `Handles`, `SERVICE_NAME`.
#[allow(clippy::all, non_snake_case, unused_qualifications)]
pub mod service {
    include!(env!("GREET_GRPC_GLUE"));
}
