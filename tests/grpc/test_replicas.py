"""Three replicas of the generated greet server behind nginx (deploy/nginx/greet-grpc.conf) and
behind HAProxy (deploy/haproxy/greet-grpc.cfg) on loopback, through the generated client: plain calls spread over every replica, every call on
an object reaches the replica that issued its handle (the client's `x-uniffi-replica` header),
and a replica killed mid-load costs exactly its own objects: plain calls keep succeeding (the
client retries them), calls on its handles fail with UNAVAILABLE naming it, and the objects of
the other replicas count every call once.

Bounded: every call has a 10 s deadline, every loop a fixed count or a wall-clock limit."""

import concurrent.futures
import threading
import time

import grpc
import pytest

from conftest import server_binary
from replicas import Cluster, haproxy_binary, nginx_binary

PROXIES = [
    pytest.param("nginx", marks=pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed (scripts/test-grpc.sh installs nginx-light)")),
    pytest.param("haproxy", marks=pytest.mark.skipif(haproxy_binary() is None, reason="haproxy is not installed (scripts/test-grpc.sh installs it)")),
]

OBJECTS = 1000
USES = 10
THREADS = 8


@pytest.fixture
def client():
    import greet_grpc

    yield greet_grpc
    greet_grpc.close()


@pytest.fixture(scope="module", params=PROXIES)
def cluster(request):
    c = Cluster(server_binary(), proxy=request.param)
    yield c
    c.stop()


def replica_of(greeter):
    return greeter._uniffi_handle >> 48


def test_the_client_names_the_replica_of_a_handle_and_only_then(client, cluster):
    import greet_grpc

    seen = []

    class Spy(grpc.UnaryUnaryClientInterceptor):
        def intercept_unary_unary(self, continuation, details, request):
            seen.append((details.method.rsplit("/", 1)[1], dict(details.metadata or ())))
            return continuation(details, request)

    conn = client.connect(cluster.target, timeout=10)
    conn._channel = grpc.intercept_channel(conn._channel, Spy())
    conn._stub = greet_grpc._pb_grpc.GreetStub(conn._channel)
    client.greet("Hi", "there")
    g = client.Greeter.for_locale("fr")
    owner = replica_of(g)
    g.greet("Ana")
    g.close()
    by_rpc = {rpc: md.get("x-uniffi-replica") for rpc, md in seen}
    assert by_rpc == {"Greet": None, "GreeterForLocale": None, "GreeterGreet": str(owner), "GreeterRelease": str(owner)}, seen
    assert owner in cluster.replicas
    assert client.REPLICA_HEADER == "x-uniffi-replica"
    # A header naming a replica the proxy does not list goes to any replica.
    for value in ("7", "0", "x/../1"):
        reply = conn._stub.Greet(greet_grpc._pb.GreetRequest(greeting="Hi", name=value), timeout=10, metadata=((client.REPLICA_HEADER, value),))
        assert reply.value == "Hi, " + value


def test_plain_calls_spread_over_every_replica(client, cluster):
    client.connect(cluster.target, timeout=10)
    before = {i: r.calls("Greet") for i, r in cluster.replicas.items()}
    for i in range(300):
        assert client.greet("Hi", str(i)) == "Hi, {}".format(i)
    served = {i: r.calls("Greet") - before[i] for i, r in cluster.replicas.items()}
    assert sum(served.values()) == 300, served
    assert all(n >= 50 for n in served.values()), served


def test_every_call_on_an_object_reaches_its_owner(client, cluster):
    client.connect(cluster.target, timeout=10)
    before = {i: r.calls("GreeterGreet") for i, r in cluster.replicas.items()}

    def life(i):
        g = client.Greeter()
        for k in range(USES):
            assert g.greet("n{}".format(k % 3)) == "Hi, n{}".format(k % 3)
        total = g.total()
        owner = replica_of(g)
        g.close()
        return owner, total

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(life, range(OBJECTS), timeout=120))
    assert [t for _, t in results] == [USES] * OBJECTS
    owners = {i: sum(1 for o, _ in results if o == i) for i in cluster.replicas}
    assert sum(owners.values()) == OBJECTS and all(n > 0 for n in owners.values()), owners
    # Each replica served exactly the calls on the objects it issued.
    served = {i: r.calls("GreeterGreet") - before[i] for i, r in cluster.replicas.items()}
    assert served == {i: USES * n for i, n in owners.items()}, (served, owners)


@pytest.mark.parametrize("proxy", PROXIES)
def test_a_replica_killed_mid_load_costs_only_its_own_objects(client, proxy):
    cluster = Cluster(server_binary(), log_calls=False, proxy=proxy)
    try:
        client.connect(cluster.target, timeout=10)
        greeters = [client.Greeter() for _ in range(150)]
        by_owner = {i: [g for g in greeters if replica_of(g) == i] for i in cluster.replicas}
        assert all(by_owner.values()), {i: len(v) for i, v in by_owner.items()}

        ok = {id(g): 0 for g in greeters}
        failures = []  # (greeter's replica or None for a plain call, error)
        plain_ok = [0]
        lock = threading.Lock()
        stop_at = time.monotonic() + 4.0
        killed = threading.Event()

        def work(worker):
            n = 0
            while time.monotonic() < stop_at:
                g = greeters[(worker * 37 + n) % len(greeters)]
                n += 1
                try:
                    client.greet("Hi", "w{}".format(worker))
                    with lock:
                        plain_ok[0] += 1
                except grpc.RpcError as e:
                    with lock:
                        failures.append((None, e))
                try:
                    g.greet("x")
                    with lock:
                        ok[id(g)] += 1
                except grpc.RpcError as e:
                    with lock:
                        failures.append((replica_of(g), e))

        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            running = [pool.submit(work, w) for w in range(THREADS)]
            time.sleep(1.5)
            cluster.replicas[2].kill()
            killed.set()
            for f in running:
                f.result(timeout=60)

        # Plain calls never failed: nginx skips a refused replica, the client retries the calls
        # the dying one dropped.
        assert [e for r, e in failures if r is None] == []
        assert plain_ok[0] > 100
        # Calls on replica 2's objects failed with one clear error naming it; no other failed.
        assert failures, "no call reached replica 2 after it was killed"
        named = "replica 2, which issued the handle of this call, is unreachable"
        for r, e in failures:
            assert r == 2, (r, e.code(), e.details())
            assert e.code() == grpc.StatusCode.UNAVAILABLE, (e.code(), e.details())
            if proxy == "haproxy" and "RST_STREAM" in e.details():
                # HAProxy resets the streams in flight on the replica when it dies (REFUSED_STREAM);
                # the calls after that get the named answer.
                continue
            assert named in e.details(), e.details()
        assert any(named in e.details() for _, e in failures)
        # Nothing else was lost or counted twice: the survivors' totals are exactly their
        # successful calls.
        for i in (1, 3):
            for g in by_owner[i]:
                assert g.total() == ok[id(g)]
        for g in by_owner[1] + by_owner[3]:
            g.close()
        # The dead replica's objects stay unreachable, still naming the replica, and are not
        # retried (one attempt, an immediate answer).
        started = time.monotonic()
        with pytest.raises(grpc.RpcError) as err:
            by_owner[2][0].total()
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE and "replica 2" in err.value.details()
        assert time.monotonic() - started < 2
    finally:
        cluster.stop()


def _block(text, start):
    """The `{ ... }` block that follows `start` in an nginx configuration, without comments,
    whitespace-normalized."""
    text = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    i = text.index(start)
    depth, j = 0, text.index("{", i)
    for k in range(j, len(text)):
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return " ".join(text[i : k + 1].split())
    raise AssertionError("unbalanced block after " + start)


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_the_kubernetes_proxy_config_is_valid_nginx_and_routes_alike(tmp_path):
    import subprocess

    import yaml
    from replicas import NGINX_CONF, ROOT

    docs = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "proxy.yaml").read_text()))
    conf = next(d for d in docs if d["kind"] == "ConfigMap")["data"]["nginx.conf"]
    loopback = NGINX_CONF.read_text()
    # The same failure answer, and the same map keys (replica ids), as the configuration the
    # loopback test runs.
    for block in ("map $http_x_uniffi_replica $uniffi_unreachable", "location @unreachable", "location /"):
        assert _block(conf, block) == _block(loopback, block), block
    ids = lambda text: sorted(l.split()[0] for l in _block(text, "map $http_x_uniffi_replica $uniffi_upstream").split(";")[1:-1])
    assert ids(conf) == ids(loopback) == ['"1"', '"2"', '"3"']
    # nginx accepts it (the resolver pointed at loopback, the paths at a temp dir).
    conf = conf.replace("resolver kube-dns.kube-system.svc.cluster.local", "resolver 127.0.0.1").replace("/tmp/", str(tmp_path) + "/")
    (tmp_path / "nginx.conf").write_text(conf)
    out = subprocess.run(
        [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
