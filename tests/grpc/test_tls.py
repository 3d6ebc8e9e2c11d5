"""The generated client over TLS: `connect(..., credentials=grpc.ssl_channel_credentials(ca))`
against a server given --tls-cert/--tls-key (a leaf certificate signed by a throwaway CA)."""

import subprocess

import grpc
import pytest

from conftest import Server, server_binary


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    d = tmp_path_factory.mktemp("tls")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-days", "1", "-subj", "/CN=greet test CA", "-keyout", "ca-key.pem", "-out", "ca.pem", cwd=d)
    openssl("req", *ec, "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "leaf.csr", cwd=d)
    (d / "ext.cnf").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "1",
            "-extfile", "ext.cnf", "-out", "cert.pem", cwd=d)
    s = Server(server_binary(), "--tls-cert", str(d / "cert.pem"), "--tls-key", str(d / "key.pem"))
    yield s, (d / "ca.pem").read_bytes()
    s.stop()


def test_the_client_over_tls(tls_server):
    import greet_grpc

    server, ca = tls_server
    greet_grpc.connect(server.target, credentials=grpc.ssl_channel_credentials(root_certificates=ca), timeout=10)
    try:
        assert greet_grpc.greet("Aloha", "amigo") == "Aloha, amigo"
        with pytest.raises(greet_grpc.GreetError.UnknownLocale):
            greet_grpc.Greeter.for_locale("xx")
    finally:
        greet_grpc.close()


def test_plaintext_is_refused(tls_server):
    import greet_grpc

    server, _ = tls_server
    greet_grpc.connect(server.target, timeout=5)
    try:
        with pytest.raises(grpc.RpcError) as err:
            greet_grpc.greet("Aloha", "amigo")
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        greet_grpc.close()
