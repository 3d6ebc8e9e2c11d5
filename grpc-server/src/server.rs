//! The server around the generated service: health and reflection, limits, deadlines,
//! TLS, idle-handle expiry and graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Identity, Server, ServerTlsConfig};

use crate::runtime::HandleLimits;
use crate::service::{Handles, Service, FILE_DESCRIPTOR_SET, SERVICE_NAME};

/// Everything the server can be told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Largest request or reply message, in bytes; larger ones get RESOURCE_EXHAUSTED /
    /// OUT_OF_RANGE and the server goes on.
    pub max_message_bytes: usize,
    /// Deadline of every call that sends none shorter (`grpc-timeout`); DEADLINE_EXCEEDED after.
    pub request_timeout: Duration,
    /// Calls in flight per connection.
    pub concurrency_per_connection: usize,
    /// Limits of each table of object handles.
    pub handles: HandleLimits,
    /// PEM certificate chain and private key: serve TLS instead of plaintext.
    pub tls: Option<(Vec<u8>, Vec<u8>)>,
    /// After a shutdown signal, how long calls in flight may still take.
    pub shutdown_grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 50051)),
            max_message_bytes: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            concurrency_per_connection: 256,
            handles: HandleLimits::default(),
            tls: None,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Binds `config.addr`, calls `on_listening` with the bound address, and serves until
/// `shutdown` completes; then stops accepting and lets calls in flight finish (for at most
/// `shutdown_grace`).
pub async fn serve<F, S>(config: Config, on_listening: F, shutdown: S) -> Result<()>
where
    F: FnOnce(SocketAddr) -> Result<()>,
    S: Future<Output = ()> + Send + 'static,
{
    let handles = Arc::new(Handles::new(config.handles.clone()));
    let service = crate::service::Server::new(Service::new(Arc::clone(&handles)))
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(config.max_message_bytes);

    let (reporter, health) = tonic_health::server::health_reporter();
    reporter.set_service_status(SERVICE_NAME, tonic_health::ServingStatus::Serving).await;
    reporter.set_service_status("", tonic_health::ServingStatus::Serving).await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .context("cannot build the reflection service")?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
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

    let incoming = TcpIncoming::bind(config.addr)
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?
        .with_nodelay(Some(true));
    let local = incoming.local_addr().context("cannot read the bound address")?;
    on_listening(local)?;
    tracing::info!(addr = %local, service = SERVICE_NAME, tls = config.tls.is_some(), "listening");

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
        .add_service(health)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(service)
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
