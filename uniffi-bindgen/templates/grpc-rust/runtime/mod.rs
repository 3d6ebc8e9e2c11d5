//! The gRPC server runtime, the same in every server crate the gRPC backend writes (copied
//! from its templates, so the crate needs nothing but crates.io and the component). The
//! generated service implements [`Component`] (its tonic routes, handle tables and
//! descriptors) and its `main` is one call:
//!
//! ```ignore
//! fn main() -> std::process::ExitCode {
//!     greet_grpc_server::runtime::main::<greet_grpc_server::Component>()
//! }
//! ```
//!
//! What is written here by hand is generic: the command line and logging ([`main`]), the
//! server around the service ([`server`]: health and reflection, limits, deadlines, TLS,
//! listening on several addresses, idle-handle expiry, graceful shutdown), the tables of the
//! objects callers hold handles to ([`handles`], with the replica id in every handle), the
//! conversions between protobuf and the component's Rust client ([`convert`]) and the error
//! statuses with typed details ([`status`]).

use std::sync::Arc;

pub mod callbacks;
pub mod convert;
pub mod handles;
pub mod server;
pub mod status;

mod cli;

pub use cli::main;
pub use handles::{HandleLimits, HandleTable};

// mimalloc instead of glibc's malloc (the crate's default feature `mimalloc`): with both the
// server and the load client on it, the 2-core loopback load run goes from ~17k to ~31k
// calls/s (bench/results/grpc-load.md in the generator's repository).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A component's generated gRPC service, as the server needs it.
pub trait Component: 'static {
    /// The server's name (its package), for `--help` and logs.
    const NAME: &'static str;
    /// The fully qualified service name, as health checks and reflection know it
    /// (`greet.v1.Greet`).
    const SERVICE_NAME: &'static str;
    /// The encoded file descriptor set of the proto, for reflection.
    const FILE_DESCRIPTOR_SET: &'static [u8];
    /// The tables of the objects callers hold handles to.
    type Handles: Handles;

    /// Whether the linked component is the one the service was generated for (uniffi's
    /// contract version and every API checksum): `main` refuses to serve, with this message,
    /// rather than call functions whose signatures changed.
    fn check_library() -> Result<(), String>;

    /// The service's routes over `handles`, refusing messages over `max_message_bytes`.
    fn routes(handles: Arc<Self::Handles>, max_message_bytes: usize) -> tonic::service::Routes;
}

/// A generated service's handle tables, one per interface.
pub trait Handles: Send + Sync + 'static {
    fn new(limits: &HandleLimits) -> Self;
    /// Live handles per interface, by name.
    fn live(&self) -> Vec<(&'static str, usize)>;
    /// Drops every handle idle for longer than the limit; returns how many.
    fn expire_idle(&self) -> usize;
}
