//! The harness of the end-to-end tests: the generated server binary
//! (`target/<profile>/greet-grpc-server`, or `$GREET_GRPC_SERVER`) on an ephemeral loopback
//! port, stopped when dropped.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use greet_grpc_server::pb;

/// The server binary: `$GREET_GRPC_SERVER`, else the one the workspace build put next to
/// this test's own profile directory.
pub fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("GREET_GRPC_SERVER") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<test> -> target/<profile>/greet-grpc-server
    let profile = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>/deps");
    let binary = profile.join(format!("greet-grpc-server{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{} is not built: run `cargo build --workspace` first", binary.display());
    binary
}

/// A scratch directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("greet-grpc-test-{}-{tag}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a scratch directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running server; killed when dropped.
pub struct Server {
    pub child: Child,
    /// The port of the first address it listens on.
    pub port: u16,
    pub dir: TempDir,
}

impl Server {
    /// Starts the server on 127.0.0.1 (any free port) with `args`.
    pub fn start(args: &[&str]) -> Server {
        Self::start_in(TempDir::new("server"), &["--addr", "127.0.0.1:0"], args)
    }

    /// Starts the server in `dir` with the listening arguments `listen` and `args`, and waits
    /// (at most 20 s) until it writes its port file.
    pub fn start_in(dir: TempDir, listen: &[&str], args: &[&str]) -> Server {
        let port_file = dir.0.join("port");
        let child = Command::new(server_binary())
            .args(listen)
            .arg("--port-file")
            .arg(&port_file)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start greet-grpc-server");
        let mut server = Server { child, port: 0, dir };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                server.port = text.trim().parse().expect("port file holds a port");
                return server;
            }
            if let Some(status) = server.child.try_wait().expect("poll the server") {
                let mut err = String::new();
                server.child.stderr.take().expect("piped stderr").read_to_string(&mut err).expect("read stderr");
                panic!("server exited with {status} before listening: {err}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("server did not listen within 20 s");
    }

    /// Sends a signal (`-TERM`, `-INT`) to the server.
    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill").args([signal, &self.child.id().to_string()]).status().expect("run kill").success();
        assert!(ok, "kill {signal} failed");
    }

    /// Waits for the server to exit; panics after `within`.
    pub fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let started = Instant::now();
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("server did not exit within {within:?}");
    }

    /// What the server printed on stdout so far (after it exited or was stopped).
    pub fn stdout(&mut self) -> String {
        let mut out = String::new();
        if let Some(mut stdout) = self.child.stdout.take() {
            stdout.read_to_string(&mut out).expect("read stdout");
        }
        out
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
