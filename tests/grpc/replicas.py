"""Several replicas of the generated server behind nginx or HAProxy on loopback, for
tests/grpc/test_replicas.py and bench/grpc_load.py.

The proxy runs deploy/nginx/greet-grpc.conf itself, with its addresses rewritten: the listening
port and the replicas' ports become ephemeral ones, the temp paths a temporary directory, and
nginx runs as a child process (no daemon, no master process) that `stop()` ends. HAProxy runs
deploy/haproxy/greet-grpc.cfg the same way (ports rewritten, in the foreground)."""

import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx" / "greet-grpc.conf"
HAPROXY_CONF = ROOT / "deploy" / "haproxy" / "greet-grpc.cfg"


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def haproxy_binary():
    return shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, process, what, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("{} exited with {}".format(what, process.returncode))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("{} did not listen on {} within {} s".format(what, port, seconds))


class Replica:
    """`greet-grpc-server --replica-id N` on 127.0.0.1:<port>, logging every call (RUST_LOG
    debug for the server's per-call span) to a file."""

    def __init__(self, binary, replica_id, workdir, *args, log_calls=True):
        self.id = replica_id
        self.port = free_port()
        self.log_path = os.path.join(workdir, "replica-{}.log".format(replica_id))
        env = dict(os.environ)
        env["NO_COLOR"] = "1"
        env["RUST_LOG"] = "info,{}=debug".format("greet_grpc_server::runtime::server") if log_calls else "warn"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [binary, "--addr", "127.0.0.1:{}".format(self.port), "--replica-id", str(replica_id), *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=env,
            )
        wait_port(self.port, self.process, "replica {}".format(replica_id))

    def calls(self, rpc):
        """How many calls of `rpc` this replica served (one closed span per call)."""
        needle = "path=/greet.v1.Greet/{}}}".format(rpc)
        with open(self.log_path, errors="replace") as log:
            return sum(1 for line in log if needle in line and " close " in line)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def nginx_config(port, replica_ports, workdir):
    """deploy/nginx/greet-grpc.conf for a proxy on 127.0.0.1:`port` in front of the replicas
    1, 2, 3 on `replica_ports` ({id: port}; a replica left out is a port nothing listens on, and
    not in the round-robin upstream)."""
    text = NGINX_CONF.read_text()
    text = text.replace("listen 127.0.0.1:50050 ", "listen 127.0.0.1:{} ".format(port))
    spare = free_port()
    # A replica not running leaves the round-robin upstream (its own upstream stays, and fails).
    text = "".join(
        line
        for line in text.splitlines(keepends=True)
        if not (re.search(r"server 127\.0\.0\.1:5006(\d) max_fails", line) and int(re.search(r":5006(\d)", line).group(1)) not in replica_ports)
    )
    text = re.sub(r"server 127\.0\.0\.1:5006(\d)\b", lambda m: "server 127.0.0.1:{}".format(replica_ports.get(int(m.group(1)), spare)), text)
    assert "listen 127.0.0.1:{} ".format(port) in text and not re.search(r"server 127\.0\.0\.1:5006", text), "deploy/nginx/greet-grpc.conf changed shape"
    temp = "".join(
        "    {}_temp_path {};\n".format(kind, os.path.join(workdir, kind)) for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return text.replace("http {\n", "http {\n" + temp, 1)


class Proxy:
    """nginx on 127.0.0.1:<port> with deploy/nginx/greet-grpc.conf."""

    def __init__(self, replica_ports, workdir):
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx-light; scripts/test-grpc.sh does)")
        self.port = free_port()
        self.target = "127.0.0.1:{}".format(self.port)
        conf = os.path.join(workdir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(nginx_config(self.port, replica_ports, workdir))
        self.log_path = os.path.join(workdir, "nginx.log")
        directives = "daemon off; master_process off; pid {}; error_log {} warn;".format(os.path.join(workdir, "nginx.pid"), self.log_path)
        with open(os.path.join(workdir, "nginx.out"), "wb") as out:
            self.process = subprocess.Popen(
                [binary, "-p", workdir, "-c", conf, "-e", self.log_path, "-g", directives],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_port(self.port, self.process, "nginx")
        except RuntimeError:
            raise RuntimeError("nginx did not start: " + open(os.path.join(workdir, "nginx.out")).read() + open(self.log_path).read())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def haproxy_config(port, replica_ports):
    """deploy/haproxy/greet-grpc.cfg for a proxy on 127.0.0.1:`port` in front of the replicas on
    `replica_ports` ({id: port}; a replica left out is a port nothing listens on, and not in
    replicas_any)."""
    text = HAPROXY_CONF.read_text()
    text = text.replace("bind 127.0.0.1:50050 ", "bind 127.0.0.1:{} ".format(port))
    spare = free_port()
    lines, backend = [], None
    for line in text.splitlines(keepends=True):
        if not line.startswith(" "):
            backend = line.split()[1] if line.startswith("backend ") else None
        m = re.search(r"server replica_(\d) 127\.0\.0\.1:5006\d ", line)
        if m:
            n = int(m.group(1))
            if backend == "replicas_any" and n not in replica_ports:
                continue
            line = line.replace("127.0.0.1:5006{} ".format(n), "127.0.0.1:{} ".format(replica_ports.get(n, spare)))
        lines.append(line)
    text = "".join(lines)
    assert "bind 127.0.0.1:{} ".format(port) in text and "127.0.0.1:5006" not in text.split("global", 1)[1], "deploy/haproxy/greet-grpc.cfg changed shape"
    return text


class HaproxyProxy:
    """HAProxy on 127.0.0.1:<port> with deploy/haproxy/greet-grpc.cfg, in the foreground."""

    def __init__(self, replica_ports, workdir):
        binary = haproxy_binary()
        if binary is None:
            raise RuntimeError("haproxy is not installed (apt-get install haproxy; scripts/test-grpc.sh does)")
        self.port = free_port()
        self.target = "127.0.0.1:{}".format(self.port)
        conf = os.path.join(workdir, "haproxy.cfg")
        with open(conf, "w") as f:
            f.write(haproxy_config(self.port, replica_ports))
        self.log_path = os.path.join(workdir, "haproxy.log")
        with open(self.log_path, "wb") as out:
            self.process = subprocess.Popen([binary, "-db", "-f", conf], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_port(self.port, self.process, "haproxy")
        except RuntimeError:
            raise RuntimeError("haproxy did not start: " + open(self.log_path).read())

    stop = Proxy.stop


PROXIES = {"nginx": Proxy, "haproxy": HaproxyProxy}


class Cluster:
    """`n` replicas (ids 1..n) behind the proxy; `stop()` ends every process and removes the
    directory."""

    def __init__(self, binary, n=3, server_args=(), log_calls=True, proxy="nginx"):
        self.dir = tempfile.mkdtemp(prefix="greet-replicas-")
        self.replicas = {}
        self.proxy = None
        try:
            for i in range(1, n + 1):
                self.replicas[i] = Replica(binary, i, self.dir, *server_args, log_calls=log_calls)
            self.proxy = PROXIES[proxy]({i: r.port for i, r in self.replicas.items()}, self.dir)
        except BaseException:
            self.stop()
            raise
        self.target = self.proxy.target

    def stop(self):
        if self.proxy is not None:
            self.proxy.stop()
        for r in self.replicas.values():
            r.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
