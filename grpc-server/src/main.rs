//! `greet-grpc-server`: the greet component as a gRPC service (generated from greet.udl).
//!
//! Prints `listening on ADDR` once it accepts connections (and with `--port-file`, writes the
//! port there). SIGINT or SIGTERM stop it gracefully: no new calls, calls in flight finish.

// mimalloc instead of glibc's malloc: with both the server and the load client on it, the
// 2-core loopback load run goes from ~17k to ~31k calls/s (bench/results/grpc-load.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use greet_grpc_server::runtime::HandleLimits;
use greet_grpc_server::server::{serve, Config};

/// Serves the greet component over gRPC, with the standard health and reflection services.
#[derive(Debug, Parser)]
#[command(name = "greet-grpc-server", version)]
struct Args {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// Write the bound port to this file (atomically) once listening.
    #[arg(long, value_name = "PATH")]
    port_file: Option<PathBuf>,
    /// Largest request or reply message in bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024)]
    max_message_bytes: usize,
    /// Deadline, in seconds, of calls that send none shorter.
    #[arg(long, default_value_t = 30.0)]
    request_timeout_secs: f64,
    /// Calls in flight per connection.
    #[arg(long, default_value_t = 256)]
    concurrency_per_connection: usize,
    /// Live objects (e.g. Greeter handles) per interface.
    #[arg(long, default_value_t = 10_000)]
    max_handles: usize,
    /// Seconds after which an unused object handle is dropped.
    #[arg(long, default_value_t = 600.0)]
    handle_idle_secs: f64,
    /// Seconds that calls in flight may still take after SIGINT/SIGTERM.
    #[arg(long, default_value_t = 10.0)]
    shutdown_grace_secs: f64,
    /// PEM certificate chain: serve TLS (needs --tls-key).
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Async runtime worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Log format (level from RUST_LOG, default info; `RUST_LOG=debug` logs every call).
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn secs(what: &str, v: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(v).map_err(|_| anyhow::anyhow!("{what} must be a non-negative number of seconds, got {v}"))
}

fn config(args: &Args) -> Result<Config> {
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some((
            std::fs::read(cert).with_context(|| format!("cannot read --tls-cert {}", cert.display()))?,
            std::fs::read(key).with_context(|| format!("cannot read --tls-key {}", key.display()))?,
        )),
        _ => None,
    };
    if args.max_handles == 0 || args.concurrency_per_connection == 0 || args.max_message_bytes == 0 {
        anyhow::bail!("--max-handles, --concurrency-per-connection and --max-message-bytes must be positive");
    }
    Ok(Config {
        addr: args.addr,
        max_message_bytes: args.max_message_bytes,
        request_timeout: secs("--request-timeout-secs", args.request_timeout_secs)?,
        concurrency_per_connection: args.concurrency_per_connection,
        handles: HandleLimits { max_live: args.max_handles, idle: secs("--handle-idle-secs", args.handle_idle_secs)? },
        tls,
        shutdown_grace: secs("--shutdown-grace-secs", args.shutdown_grace_secs)?,
    })
}

async fn shutdown_signal() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(term) => term,
        Err(e) => {
            tracing::error!(error = %e, "cannot install a SIGTERM handler; only SIGINT stops the server");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT"),
        _ = term.recv() => tracing::info!("SIGTERM"),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE);
    match args.log_format {
        LogFormat::Text => fmt.init(),
        LogFormat::Json => fmt.json().init(),
    }
    let result = config(&args).and_then(|config| {
        let mut runtime = tokio::runtime::Builder::new_multi_thread();
        runtime.enable_all();
        if args.threads > 0 {
            runtime.worker_threads(args.threads);
        }
        let runtime = runtime.build().context("cannot start the async runtime")?;
        let port_file = args.port_file.clone();
        runtime.block_on(serve(
            config,
            move |addr| {
                if let Some(path) = &port_file {
                    let tmp = path.with_extension("tmp");
                    std::fs::write(&tmp, format!("{}\n", addr.port()))
                        .and_then(|()| std::fs::rename(&tmp, path))
                        .with_context(|| format!("cannot write --port-file {}", path.display()))?;
                }
                println!("listening on {addr}");
                std::io::stdout().flush()?;
                Ok(())
            },
            shutdown_signal(),
        ))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
