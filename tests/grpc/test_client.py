"""The generated Python client: the same calls, values and exceptions as the in-process
module, over the network."""

import asyncio
import datetime
import inspect
import pathlib

import grpc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_functions(greet_grpc):
    assert greet_grpc.greet("Aloha", "amigo") == "Aloha, amigo"
    assert greet_grpc.greet("", "  ") == ",   "
    assert greet_grpc.greet("👋 ", "\u0645\u0631\u062d\u0628\u0627") == "👋 , \u0645\u0631\u062d\u0628\u0627"
    assert greet_grpc.max_name_length() == 256
    locales = greet_grpc.supported_locales()
    assert [loc.tag() for loc in locales] == ["ar", "en", "es", "fr", "haw", "he", "ja"]
    assert all(isinstance(loc, greet_grpc.Locale) for loc in locales)
    assert [str(loc) for loc in locales] == [loc.tag() for loc in locales]


def _corpus_runner(greet_grpc):
    """tests/python/corpus.py, unchanged, with the gRPC client standing in for `greet`."""
    import importlib.util
    import sys

    saved = sys.modules.get("greet")
    sys.modules["greet"] = greet_grpc
    try:
        spec = importlib.util.spec_from_file_location("grpc_corpus", ROOT / "tests" / "python" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            del sys.modules["greet"]
        else:
            sys.modules["greet"] = saved
    return module


def test_conformance_corpus_over_the_network(greet_grpc):
    """Every case of the shared corpus gives the same result or exception remotely."""
    corpus = _corpus_runner(greet_grpc)
    doc = corpus.load()
    assert doc["max_name_length"] == greet_grpc.max_name_length()
    assert len(doc["cases"]) > 10
    for case in doc["cases"]:
        if "error" in case:
            with pytest.raises(getattr(greet_grpc.GreetError, case["error"])):
                corpus.run(case)
        else:
            assert corpus.run(case) == corpus.expand(case["expect"]), case["id"]


def test_objects(greet_grpc):
    with greet_grpc.Greeter.for_locale("ja") as g:
        assert g.greet("友達") == "やあ、友達"
        assert g.greet_with("Ruiz", greet_grpc.GreetOptions(tone=greet_grpc.Tone.FORMAL, title="Dr.")) == "こんにちは、Dr. Ruiz"
        assert g.salute(greet_grpc.Salutation.CUSTOM(text="Yo"), "x") == "Yo, x"
        assert g.salute(greet_grpc.Salutation.PHRASEBOOK(tone=greet_grpc.Tone.INFORMAL), "x") == "やあ、x"
        assert g.greet_all(["a", "b"]) == ["やあ、a", "やあ、b"]
        assert asyncio.run(g.greet_later("later", datetime.timedelta(milliseconds=10))) == "やあ、later"
        assert g.count_for("a") == 1 and g.count_for("nobody") == 0
        assert g.total() == 7
        assert g.counts() == {"友達": 1, "Ruiz": 1, "x": 2, "a": 1, "b": 1, "later": 1}
        last = g.last_greeting()
        assert isinstance(last, greet_grpc.Greeting)
        assert (last.text, last.name, last.locale) == ("やあ、later", "later", "ja")
        assert abs((datetime.datetime.now(datetime.timezone.utc) - last.at).total_seconds()) < 60
        loc = g.locale()
        assert (loc.tag(), loc.native_name(), loc.is_rtl(), loc.phrase(greet_grpc.Tone.FORMAL)) == ("ja", "日本語", False, "こんにちは")
        assert "ja" in str(g)
    with pytest.raises(ValueError):
        g.greet("closed")
    g.close()  # closing twice is harmless
    fresh = greet_grpc.Greeter()
    assert fresh.greet("friend") == "Hi, friend"
    assert fresh.last_greeting().name == "friend"
    assert greet_grpc.Greeter().last_greeting() is None
    assert greet_grpc.Locale("HE").is_rtl()


def test_errors_are_the_same_exception_classes(greet_grpc):
    g = greet_grpc.Greeter()
    with pytest.raises(greet_grpc.GreetError.EmptyName) as err:
        g.greet("   ")
    assert err.value.name == "   "
    assert isinstance(err.value, greet_grpc.GreetError)
    with pytest.raises(greet_grpc.GreetError.NameTooLong) as err:
        g.greet("é" * 257)
    assert (err.value.length, err.value.max) == (257, 256)
    with pytest.raises(greet_grpc.GreetError.UnknownLocale) as err:
        greet_grpc.Greeter.for_locale("tlh")
    assert err.value.locale == "tlh"
    with pytest.raises(greet_grpc.GreetError.UnknownLocale):
        greet_grpc.Locale("")
    with pytest.raises(greet_grpc.GreetError.EmptySalutation):
        g.salute(greet_grpc.Salutation.CUSTOM(text=" "), "x")
    with pytest.raises(greet_grpc.GreetError.EmptyName):
        asyncio.run(g.greet_later("", datetime.timedelta(0)))
    with pytest.raises(greet_grpc.GreetError.EmptyName):
        g.greet_all(["ok", ""])
    assert g.total() == 0
    # Wrong Python types fail before anything is sent, as uniffi's Python fails: a record is
    # read by attribute, an enum compared with its members.
    with pytest.raises(AttributeError):
        g.greet_with("x", "not options")
    with pytest.raises(ValueError):
        greet_grpc.Locale("en").phrase("FORMAL")


def test_status_codes_follow_the_config(server, greet_grpc):
    """Raw stubs see the status code uniffi.toml chose, and the message."""
    from greet_grpc import greet_pb2, greet_pb2_grpc

    with grpc.insecure_channel(server.target) as channel:
        stub = greet_pb2_grpc.GreetStub(channel)
        with pytest.raises(grpc.RpcError) as err:
            stub.GreeterForLocale(greet_pb2.GreeterForLocaleRequest(tag="xx"))
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
        assert "xx" in err.value.details()
        handle = stub.GreeterNew(greet_pb2.GreeterNewRequest()).value
        with pytest.raises(grpc.RpcError) as err:
            stub.GreeterGreet(greet_pb2.GreeterGreetRequest(handle=handle, name=""))
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        stub.GreeterRelease(greet_pb2.GreeterReleaseRequest(handle=handle))
        with pytest.raises(grpc.RpcError) as err:
            stub.GreeterTotal(greet_pb2.GreeterTotalRequest(handle=handle))
        assert err.value.code() == grpc.StatusCode.NOT_FOUND


def _in_process():
    """The in-process uniffi module from generated/python, if its library is staged there."""
    import importlib.util

    path = ROOT / "generated" / "python" / "greet.py"
    spec = importlib.util.spec_from_file_location("greet_in_process", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _params(fn):
    return [(p.name, p.default is not inspect.Parameter.empty) for p in inspect.signature(fn).parameters.values()]


def test_same_names_signatures_and_exceptions_as_in_process(greet_grpc):
    local = _in_process()
    remote_only = {"connect", "close", "Connection"}
    # uniffi's InternalError is its own (a transport failure is a grpc.RpcError remotely).
    left_out = {"InternalError"}
    for name in greet_grpc.__all__:
        if name in remote_only:
            continue
        assert hasattr(local, name), name
        remote, mine = getattr(greet_grpc, name), getattr(local, name)
        if inspect.isfunction(remote):
            assert _params(remote) == _params(mine), name
            assert inspect.iscoroutinefunction(remote) == inspect.iscoroutinefunction(mine), name
    exported = set(greet_grpc.__all__) - remote_only
    public_local = {n for n in local.__all__} if hasattr(local, "__all__") else exported
    assert public_local - exported <= left_out | {n for n in public_local if n.startswith("_") or n.endswith("Protocol")}
    for cls_name in ("Greeter", "Locale"):
        remote, mine = getattr(greet_grpc, cls_name), getattr(local, cls_name)
        local_methods = {n for n, v in vars(mine).items() if inspect.isfunction(v) and not n.startswith("_")}
        remote_methods = {n for n, v in vars(remote).items() if (inspect.isfunction(v) or isinstance(v, classmethod)) and not n.startswith("_")}
        assert not local_methods - remote_methods, (cls_name, local_methods - remote_methods)
        for m in local_methods & remote_methods:
            assert _params(getattr(remote, m)) == _params(getattr(mine, m)), (cls_name, m)
    variants = lambda e: sorted(n for n, v in vars(e).items() if isinstance(v, type))
    assert variants(greet_grpc.GreetError) == variants(local.GreetError)
    for v in variants(local.GreetError):
        assert getattr(greet_grpc.GreetError, v).__qualname__ == getattr(local.GreetError, v).__qualname__
        assert issubclass(getattr(greet_grpc.GreetError, v), greet_grpc.GreetError)
    assert [t.name for t in greet_grpc.Tone] == [t.name for t in local.Tone]


def test_collected_objects_free_their_handles():
    """Objects dropped without close() are freed by the next call, so a loop that makes
    objects does not run the server out of handles (here: at most 20 per interface)."""
    import gc

    import greet_grpc
    from conftest import Server, server_binary

    server = Server(server_binary(), "--max-handles", "20")
    try:
        greet_grpc.connect(server.target, timeout=10)
        for _ in range(30):  # 7 Locale handles per call: 210 in all
            locales = greet_grpc.supported_locales()
            assert len(locales) == 7
            del locales
            gc.collect()
        for _ in range(30):
            assert greet_grpc.Greeter().greet("x") == "Hi, x"
        # Without freeing, the table fills up: closing is what keeps it bounded.
        kept = [greet_grpc.Greeter() for _ in range(19)]
        with pytest.raises(grpc.RpcError) as err:
            [greet_grpc.Greeter() for _ in range(5)]
        assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        for g in kept:
            g.close()
        assert greet_grpc.Greeter().greet("y") == "Hi, y"
    finally:
        greet_grpc.close()
        server.stop()
