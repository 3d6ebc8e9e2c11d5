//! The command line of every generated server: flags, logging, the runtime, signals.
//!
//! Prints `listening on ADDR` for each bound address once it accepts connections (and with
//! `--port-file`, writes the first one's port there). SIGINT or SIGTERM stop it gracefully:
//! no new calls, calls in flight finish.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};

use super::server::{serve, Config};
use super::{Component, HandleLimits};

/// Serves a uniffi component over gRPC, with the standard health and reflection services.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; repeat to listen on several (port 0: any free port). Default:
    /// 127.0.0.1:50051 and [::1]:50051.
    #[arg(long = "addr", value_name = "ADDR")]
    addrs: Vec<SocketAddr>,
    /// Write the (first) bound port to this file (atomically) once listening.
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
    /// Live objects (handles) per interface.
    #[arg(long, default_value_t = 10_000)]
    max_handles: usize,
    /// Seconds after which an unused object handle is dropped.
    #[arg(long, default_value_t = 600.0)]
    handle_idle_secs: f64,
    /// This replica's id (1-65535), carried in every handle it issues, so that a handle that
    /// reaches another replica fails with a NOT_FOUND naming both. Default: random per start.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    replica_id: Option<u16>,
    /// Seconds a call into an object the client implements (a callback) waits for its answer.
    #[arg(long, default_value_t = 30.0)]
    callback_timeout_secs: f64,
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
    let defaults = HandleLimits::default();
    Ok(Config {
        addrs: args.addrs.clone(),
        max_message_bytes: args.max_message_bytes,
        request_timeout: secs("--request-timeout-secs", args.request_timeout_secs)?,
        concurrency_per_connection: args.concurrency_per_connection,
        handles: HandleLimits {
            max_live: args.max_handles,
            idle: secs("--handle-idle-secs", args.handle_idle_secs)?,
            replica: args.replica_id.unwrap_or(defaults.replica),
            callback_timeout: secs("--callback-timeout-secs", args.callback_timeout_secs)?,
        },
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

/// The whole server program of the component `C`: parses the command line, serves until
/// SIGINT/SIGTERM, and reports an error as one line on stderr.
pub fn main<C: Component>() -> ExitCode {
    let command = Args::command().name(C::NAME).about(format!("Serves {} over gRPC, with the standard health and reflection services.", C::SERVICE_NAME));
    let args = match Args::from_arg_matches(&command.get_matches()) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };
    if let Err(message) = C::check_library() {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
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
        runtime.block_on(serve::<C, _, _>(
            config,
            move |addrs| {
                if let (Some(path), Some(first)) = (&port_file, addrs.first()) {
                    let tmp = path.with_extension("tmp");
                    std::fs::write(&tmp, format!("{}\n", first.port()))
                        .and_then(|()| std::fs::rename(&tmp, path))
                        .with_context(|| format!("cannot write --port-file {}", path.display()))?;
                }
                let mut out = std::io::stdout().lock();
                for addr in addrs {
                    writeln!(out, "listening on {addr}")?;
                }
                out.flush()?;
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
