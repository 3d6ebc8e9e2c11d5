//! The server around a generated service: health and reflection, limits, deadlines, TLS,
//! several listening addresses, idle-handle expiry and graceful shutdown.

use std::future::Future;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Identity, Server, ServerTlsConfig};

use super::{Component, HandleLimits, Handles};

/// The port the server listens on by default.
pub const DEFAULT_PORT: u16 = 50051;

/// The default addresses: loopback, IPv4 and IPv6.
pub fn default_addrs() -> Vec<SocketAddr> {
    vec![
        SocketAddr::from((Ipv4Addr::LOCALHOST, DEFAULT_PORT)),
        SocketAddr::from((Ipv6Addr::LOCALHOST, DEFAULT_PORT)),
    ]
}

/// Everything the server can be told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (each with port 0 picks a free one). Empty: [`default_addrs`], where an
    /// address family the machine lacks is skipped.
    pub addrs: Vec<SocketAddr>,
    /// Largest request or reply message, in bytes; larger ones get RESOURCE_EXHAUSTED /
    /// OUT_OF_RANGE and the server goes on.
    pub max_message_bytes: usize,
    /// Deadline of every call that sends none shorter (`grpc-timeout`).
    pub request_timeout: Duration,
    /// Calls in flight per connection.
    pub concurrency_per_connection: usize,
    /// Limits of each table of object handles, and the replica id handles carry.
    pub handles: HandleLimits,
    /// PEM certificate chain and private key: serve TLS instead of plaintext.
    pub tls: Option<(Vec<u8>, Vec<u8>)>,
    /// After a shutdown signal, how long calls in flight may still take.
    pub shutdown_grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addrs: Vec::new(),
            max_message_bytes: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            concurrency_per_connection: 256,
            handles: HandleLimits::default(),
            tls: None,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Binds the addresses, calls `on_listening` with the bound ones, and serves the component
/// until `shutdown` completes; then stops accepting and lets calls in flight finish (for at
/// most `shutdown_grace`).
pub async fn serve<C, F, S>(config: Config, on_listening: F, shutdown: S) -> Result<()>
where
    C: Component,
    F: FnOnce(&[SocketAddr]) -> Result<()>,
    S: Future<Output = ()> + Send + 'static,
{
    let handles = Arc::new(C::Handles::new(&config.handles));
    let routes = C::routes(Arc::clone(&handles), config.max_message_bytes);

    let (reporter, health) = tonic_health::server::health_reporter();
    reporter.set_service_status(C::SERVICE_NAME, tonic_health::ServingStatus::Serving).await;
    reporter.set_service_status("", tonic_health::ServingStatus::Serving).await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(C::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .context("cannot build the reflection service")?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(C::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()
        .context("cannot build the reflection service")?;

    let mut builder = Server::builder()
        .timeout(config.request_timeout)
        .concurrency_limit_per_connection(config.concurrency_per_connection)
        .trace_fn(|req| tracing::debug_span!("rpc", path = %req.uri().path()));
    if let Some((cert, key)) = &config.tls {
        builder = builder
            .tls_config(ServerTlsConfig::new().identity(Identity::from_pem(cert, key)))
            .context("invalid TLS certificate or key")?;
    }

    let (listeners, bound) = bind(&config.addrs)?;
    on_listening(&bound)?;
    for addr in &bound {
        tracing::info!(addr = %addr, service = C::SERVICE_NAME, replica = config.handles.replica, tls = config.tls.is_some(), "listening");
    }
    let incoming = futures_util::stream::select_all(listeners);

    // Idle objects expire in the background.
    let sweeper = {
        let handles = Arc::clone(&handles);
        let every = (config.handles.idle / 4).clamp(Duration::from_millis(10), Duration::from_secs(30));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let n = handles.expire_idle();
                if n > 0 {
                    tracing::info!(expired = n, "dropped idle objects");
                }
            }
        })
    };

    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let signal = async move {
        shutdown.await;
        tracing::info!("shutting down: no new calls; waiting for calls in flight");
        let _ = stopping_tx.send(());
    };
    let server = builder
        .add_routes(routes)
        .add_service(health)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .serve_with_incoming_shutdown(incoming, signal);
    let grace = config.shutdown_grace;
    let deadline = async move {
        if stopping_rx.await.is_ok() {
            tokio::time::sleep(grace).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    let result = tokio::select! {
        r = server => r.context("server failed"),
        _ = deadline => {
            tracing::warn!(grace_secs = grace.as_secs_f64(), "calls still in flight after the grace period; stopping anyway");
            Ok(())
        }
    };
    sweeper.abort();
    tracing::info!(live_objects = ?handles.live(), "stopped");
    result
}

/// Binds every address of `addrs` (each must bind), or the default loopback pair (each whose
/// address family the machine has).
fn bind(addrs: &[SocketAddr]) -> Result<(Vec<TcpIncoming>, Vec<SocketAddr>)> {
    let defaults = addrs.is_empty();
    let wanted = if defaults { default_addrs() } else { addrs.to_vec() };
    let mut listeners = Vec::new();
    let mut bound = Vec::new();
    for addr in wanted {
        match TcpIncoming::bind(addr) {
            Ok(incoming) => {
                let incoming = incoming.with_nodelay(Some(true));
                bound.push(incoming.local_addr().context("cannot read the bound address")?);
                listeners.push(incoming);
            }
            Err(e) if defaults && family_unavailable(&e) => {
                tracing::warn!(addr = %addr, error = %e, "this machine cannot listen there; skipped");
            }
            Err(e) => bail!("cannot listen on {addr}: {e}"),
        }
    }
    if listeners.is_empty() {
        bail!("cannot listen on any default address ({})", default_addrs().iter().map(ToString::to_string).collect::<Vec<_>>().join(", "));
    }
    Ok((listeners, bound))
}

/// An address family (IPv6, say) the machine does not have.
fn family_unavailable(e: &std::io::Error) -> bool {
    let text = e.to_string();
    e.kind() == std::io::ErrorKind::AddrNotAvailable
        || text.contains("Address family not supported")
        || text.contains("Cannot assign requested address")
}
