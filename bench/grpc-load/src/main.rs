//! `greet-grpc-load`: a bounded load run of one unary rpc on a loopback server.
//!
//! Opens `--connections` HTTP/2 connections and keeps `--concurrency` calls in flight in all
//! (spread over them) for `--seconds` (at most 30) after `--warmup-seconds`, then prints
//! requests/s and latency percentiles, and with `--json PATH` writes them there.
//!
//! The request is `{greeting: string = 1, name: string = 2}` and the reply `{string = 1}`,
//! which both the generated service's `Greet` rpc and the seed's hand-written
//! `greeter_service.GreeterService/Greet` accept: `--method` picks the path.

// mimalloc, as the generated servers have by default: with both the server and the load client
// on it, the 2-core loopback load run goes from ~17k to ~31k calls/s (bench/results/grpc-load.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::{Channel, Endpoint};

#[derive(Clone, PartialEq, prost::Message)]
struct GreetRequest {
    #[prost(string, tag = "1")]
    greeting: String,
    #[prost(string, tag = "2")]
    name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct GreetReply {
    #[prost(string, tag = "1")]
    value: String,
}

/// Loads a greet gRPC server with unary calls and reports throughput and latency.
#[derive(Debug, Parser)]
#[command(name = "greet-grpc-load")]
struct Args {
    /// Server address (loopback only).
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// The rpc's path.
    #[arg(long, default_value = "/greet.v1.Greet/Greet")]
    method: String,
    /// HTTP/2 connections.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Calls in flight, in all.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Measured seconds (at most 30).
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Unmeasured seconds first.
    #[arg(long, default_value_t = 1.0)]
    warmup_seconds: f64,
    /// Client runtime worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Also write the figures as JSON here.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
}

struct Totals {
    latencies_us: Vec<u32>,
    errors: u64,
}

async fn worker(channel: Channel, path: PathAndQuery, stop: Arc<AtomicBool>, measuring: Arc<AtomicBool>) -> Totals {
    let mut grpc = tonic::client::Grpc::new(channel);
    let mut totals = Totals { latencies_us: Vec::with_capacity(1 << 16), errors: 0 };
    let codec = || tonic_prost::ProstCodec::<GreetRequest, GreetReply>::default();
    while !stop.load(Ordering::Relaxed) {
        let request = tonic::Request::new(GreetRequest { greeting: "Aloha".into(), name: "amigo".into() });
        let started = Instant::now();
        let ok = match grpc.ready().await {
            Ok(()) => match grpc.unary(request, path.clone(), codec()).await {
                Ok(reply) => reply.get_ref().value == "Aloha, amigo",
                Err(_) => false,
            },
            Err(_) => false,
        };
        let elapsed = started.elapsed();
        if measuring.load(Ordering::Relaxed) {
            if ok {
                totals.latencies_us.push(elapsed.as_micros().min(u32::MAX as u128) as u32);
            } else {
                totals.errors += 1;
            }
        }
    }
    totals
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

async fn run(args: Args) -> Result<()> {
    if !args.addr.ip().is_loopback() {
        bail!("--addr must be a loopback address: load runs stay on this machine");
    }
    if !(args.seconds > 0.0 && args.seconds <= 30.0) {
        bail!("--seconds must be in (0, 30]");
    }
    if args.connections == 0 || args.concurrency == 0 {
        bail!("--connections and --concurrency must be positive");
    }
    let path: PathAndQuery = args.method.parse().with_context(|| format!("--method {:?} is not a path", args.method))?;
    let mut channels = Vec::new();
    for _ in 0..args.connections {
        let channel = Endpoint::from_shared(format!("http://{}", args.addr))?
            .tcp_nodelay(true)
            .connect_timeout(Duration::from_secs(5))
            .connect()
            .await
            .with_context(|| format!("cannot connect to {}", args.addr))?;
        channels.push(channel);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let measuring = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for i in 0..args.concurrency {
        let channel = channels[i % channels.len()].clone();
        tasks.push(tokio::spawn(worker(channel, path.clone(), Arc::clone(&stop), Arc::clone(&measuring))));
    }
    tokio::time::sleep(Duration::from_secs_f64(args.warmup_seconds)).await;
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(args.seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let totals = tokio::time::timeout(Duration::from_secs(10), task).await.context("a worker did not stop")??;
        latencies.extend(totals.latencies_us);
        errors += totals.errors;
    }
    latencies.sort_unstable();
    let ok = latencies.len();
    let rps = ok as f64 / elapsed;
    let (p50, p90, p99, p999) =
        (percentile(&latencies, 50.0), percentile(&latencies, 90.0), percentile(&latencies, 99.0), percentile(&latencies, 99.9));
    let max = latencies.last().map_or(f64::NAN, |v| *v as f64 / 1000.0);
    println!(
        "{} calls of {} in {elapsed:.2} s over {} connections, {} in flight: {rps:.0} req/s, p50 {p50:.3} ms, p90 {p90:.3} ms, p99 {p99:.3} ms, p99.9 {p999:.3} ms, max {max:.3} ms, {errors} errors",
        ok, args.method, args.connections, args.concurrency
    );
    if let Some(path) = &args.json {
        let json = format!(
            "{{\n  \"method\": \"{}\",\n  \"connections\": {},\n  \"concurrency\": {},\n  \"seconds\": {elapsed:.3},\n  \"calls\": {ok},\n  \"errors\": {errors},\n  \"requests_per_second\": {rps:.1},\n  \"latency_ms\": {{\"p50\": {p50:.3}, \"p90\": {p90:.3}, \"p99\": {p99:.3}, \"p99_9\": {p999:.3}, \"max\": {max:.3}}}\n}}\n",
            args.method, args.connections, args.concurrency
        );
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if errors > 0 {
        bail!("{errors} calls failed");
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    if args.threads > 0 {
        builder.worker_threads(args.threads);
    }
    let result = builder.build().context("cannot start the runtime").and_then(|rt| rt.block_on(run(args)));
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
