//! The seed blog post's tonic gRPC server, calling `greet::greet` instead of `format!`.
//!
//! ```text
//! grpc-greet-server [--addr 127.0.0.1:0] [--port-file PATH] [--exit-on-stdin-eof]
//! ```
//!
//! Listens on `--addr` (default `127.0.0.1:0`: an ephemeral loopback port), prints
//! `listening on ADDR` once it accepts connections and, with `--port-file`, writes the port
//! there (atomically). Stops on SIGINT/SIGTERM and, with `--exit-on-stdin-eof`, when its
//! standard input closes, so a benchmark that dies without cleaning up still takes it along.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;
use tonic::{Request, Response, Status};

use greeter_service::greeter_service_server::{GreeterService, GreeterServiceServer};
use greeter_service::{GreetReply, GreetRequest};

pub mod greeter_service {
    tonic::include_proto!("greeter_service");
}

#[derive(Debug, Default)]
pub struct GreeterServiceImpl {}

#[tonic::async_trait]
impl GreeterService for GreeterServiceImpl {
    async fn greet(&self, request: Request<GreetRequest>) -> Result<Response<GreetReply>, Status> {
        let GreetRequest { greeting, name } = request.into_inner();
        Ok(Response::new(GreetReply { message: greet::greet(greeting, name) }))
    }
}

struct Args {
    addr: SocketAddr,
    port_file: Option<PathBuf>,
    exit_on_stdin_eof: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:0".parse().expect("valid default address"),
        port_file: None,
        exit_on_stdin_eof: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--addr" => {
                let value = it.next().ok_or("--addr needs a value")?;
                args.addr = value.parse().map_err(|e| format!("--addr {value:?}: {e}"))?;
            }
            "--port-file" => args.port_file = Some(it.next().ok_or("--port-file needs a value")?.into()),
            "--exit-on-stdin-eof" => args.exit_on_stdin_eof = true,
            "-h" | "--help" => {
                println!("usage: grpc-greet-server [--addr 127.0.0.1:0] [--port-file PATH] [--exit-on-stdin-eof]");
                std::process::exit(0);
            }
            other => return Err(format!("unexpected argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

async fn shutdown_signal(exit_on_stdin_eof: bool) {
    let stdin_eof = async move {
        if !exit_on_stdin_eof {
            return std::future::pending().await;
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 256];
            let mut stdin = std::io::stdin().lock();
            while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
            let _ = tx.send(());
        });
        let _ = rx.await;
    };
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("install SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
        _ = stdin_eof => {}
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args().map_err(|e| format!("grpc-greet-server: {e}"))?;
    // Bound before anything is announced, so a client that reads the port can connect at once.
    let incoming = TcpIncoming::bind(args.addr)?.with_nodelay(Some(true));
    let local = incoming.local_addr()?;
    if let Some(path) = &args.port_file {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, format!("{}\n", local.port()))?;
        std::fs::rename(&tmp, path)?;
    }
    println!("listening on {local}");
    std::io::stdout().flush()?;

    Server::builder()
        .add_service(GreeterServiceServer::new(GreeterServiceImpl::default()))
        .serve_with_incoming_shutdown(incoming, shutdown_signal(args.exit_on_stdin_eof))
        .await?;
    Ok(())
}
