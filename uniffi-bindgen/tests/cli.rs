//! The CLI as users run it: real binary, real library, temporary output directories.
//! Needs the component built first (`cargo build`), as the CLI itself does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_uniffi-bindgen"));
    cmd.current_dir(workspace_root());
    cmd
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The component library next to this binary (target/<profile>/libgreet.so).
fn library() -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_uniffi-bindgen")).parent().unwrap();
    let lib = dir.join(format!("{}greet{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX));
    assert!(lib.is_file(), "{} missing: run `cargo build` before these tests", lib.display());
    lib
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        for entry in walk(dir) {
            out.insert(entry.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&entry).unwrap());
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn generate_into(out: &Path) -> assert_cmd::assert::Assert {
    bin().args(["generate", "--cdylib"]).arg(library()).arg("--out-dir").arg(out).assert()
}

#[test]
fn generates_every_language_with_headers_deterministically() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let out = generate_into(&a).success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let count: usize = out
        .split_whitespace()
        .skip_while(|w| *w != "generated")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no file count in {out:?}"));
    generate_into(&b).success();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    let texts: Vec<_> = sa.iter().filter(|(p, _)| p.extension().is_some_and(|e| e != "so")).collect();
    assert_eq!(texts.len(), count, "{:?}", sa.keys());
    for (path, bytes) in &texts {
        let text = String::from_utf8((*bytes).clone()).unwrap();
        if path.file_name().is_some_and(|n| n == "py.typed") {
            assert!(text.is_empty(), "the PEP 561 marker stays empty");
            continue;
        }
        let head: Vec<&str> = text.lines().take(2).collect();
        assert!(head.iter().any(|l| l.contains("@generated")), "{} lacks @generated", path.display());
        assert!(!text.contains(tmp.path().to_str().unwrap()), "{} holds an absolute path", path.display());
    }
    for needed in [
        "python/greet.py",
        "python/libgreet.so",
        "python-native/src/lib.rs",
        "python-native/greet/__init__.py",
        "python-native/Cargo.toml",
        "kotlin/uniffi/greet/greet.kt",
        "swift/Package.swift",
        "proto/greet.proto",
        "grpc-rust/Cargo.toml",
        "grpc-rust/build.rs",
        "grpc-rust/src/lib.rs",
        "grpc-rust/src/main.rs",
        "grpc-rust/src/ffi.rs",
        "python-grpc/greet_grpc/__init__.py",
        "python-grpc/greet_grpc/greet_pb2.py",
        "python-grpc/greet_grpc/greet_pb2_grpc.py",
    ] {
        assert!(sa.contains_key(Path::new(needed)), "{needed} not generated");
    }
    assert_eq!(sa, sb, "two runs differ");
}

#[test]
fn the_checked_in_tree_is_current() {
    bin().arg("check").arg("--cdylib").arg(library()).assert().success();
}

#[test]
fn check_names_each_stale_file_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    generate_into(&out).success();
    std::fs::write(out.join("kotlin/uniffi/greet/greet.kt"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out.join("swift/Package.swift")).unwrap();
    std::fs::write(out.join("python/leftover.py"), "x = 1\n").unwrap();
    let before = snapshot(&out);
    bin()
        .args(["generate", "--check", "--cdylib"])
        .arg(library())
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kotlin/uniffi/greet/greet.kt differs"))
        .stderr(predicate::str::contains("swift/Package.swift is missing"))
        .stderr(predicate::str::contains("python/leftover.py is no longer generated"));
    assert_eq!(snapshot(&out), before, "check must not write");
    generate_into(&out).success();
    assert!(!out.join("python/leftover.py").exists(), "stale file not removed");
    bin().args(["check", "--cdylib"]).arg(library()).arg("--out-dir").arg(&out).assert().success();
}

#[test]
fn missing_library_says_how_to_build_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    bin()
        .args(["generate", "--cdylib", "target/nowhere/libgreet.so", "--out-dir"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::is_match("^error: library target/nowhere/libgreet.so not found; build it first with `cargo build`\n$").unwrap());
    assert!(!out.exists());
}

#[test]
fn library_older_than_the_spec_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("libgreet.so");
    std::fs::copy(library(), &old).unwrap();
    let file = std::fs::File::options().write(true).open(&old).unwrap();
    file.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
    let out = tmp.path().join("gen");
    bin()
        .args(["generate", "--cdylib"])
        .arg(&old)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is older than greet.udl; rebuild it with `cargo build`"));
    assert!(!out.exists());
}

#[test]
fn malformed_udl_names_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let udl = tmp.path().join("broken.udl");
    std::fs::write(&udl, "namespace broken {\n  string hello();\n};\n\ndictionary Oops {\n  string name\n};\n").unwrap();
    let out = tmp.path().join("gen");
    bin()
        .arg("generate")
        .arg(&udl)
        .args(["--language", "python", "--out-dir"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.udl:5:1: UDL syntax error near `dictionary Oops {`"));
    assert!(!out.exists());
}

#[test]
fn unknown_language_is_a_usage_error() {
    bin()
        .args(["generate", "--language", "cobol"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'cobol'"));
}

#[test]
fn unwritable_output_directory_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-dir");
    std::fs::write(&file, "").unwrap();
    bin()
        .args(["generate", "--cdylib"])
        .arg(library())
        .arg("--out-dir")
        .arg(file.join("gen"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create output directory"));
}

#[test]
fn a_failed_write_leaves_the_tree_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    generate_into(&out).success();
    // Make every language stale, so a write would touch all of them.
    for rel in ["python/greet.py", "kotlin/uniffi/greet/greet.kt", "swift/Sources/Greet/Greet.swift"] {
        std::fs::write(out.join(rel), "// old\n").unwrap();
    }
    let before = snapshot(&out);
    bin()
        .env("UNIFFI_BINDGEN_FAIL_WRITE", "Greet.swift")
        .args(["generate", "--cdylib"])
        .arg(library())
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("injected failure"));
    assert_eq!(snapshot(&out), before, "a failed generate changed the output");
}

#[test]
fn a_directory_in_the_way_fails_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    std::fs::create_dir_all(out.join("python/greet.py")).unwrap();
    generate_into(&out).code(1).stderr(predicate::str::contains("a directory is in the way"));
    assert!(!out.join("kotlin").exists() && !out.join("swift").exists());
}

#[test]
fn standard_uniffi_flags_as_maturin_passes_them() {
    let tmp = tempfile::tempdir().unwrap();
    bin()
        .args(["generate", "--no-format", "--language", "python", "--language", "kotlin", "--crate", "greet", "--out-dir"])
        .arg(tmp.path())
        .arg("--library")
        .arg(library())
        .assert()
        .success();
    let py = std::fs::read_to_string(tmp.path().join("greet.py")).unwrap();
    assert!(py.starts_with("# @generated"));
    assert!(tmp.path().join("uniffi/greet/greet.kt").is_file());
}

#[test]
fn standard_mode_needs_a_language() {
    bin()
        .arg("generate")
        .arg(library())
        .args(["--out-dir", "/tmp/unused"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no language given"));
}

#[test]
fn python_backend_selects_the_python_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    bin()
        .args(["generate", "--language", "python", "--python-backend", "native", "--cdylib"])
        .arg(library())
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("python-native/greet/__init__.py").is_file());
    assert!(!out.join("python").exists(), "uniffi backend generated although only native was asked for");
    let cargo = std::fs::read_to_string(out.join("python-native/Cargo.toml")).unwrap();
    assert!(cargo.starts_with("# @generated"), "{cargo}");
}

/// A spec with a construct the native backend cannot map fails generation, naming it, and
/// writes nothing.
#[test]
fn native_backend_names_what_it_cannot_map() {
    let tmp = tempfile::tempdir().unwrap();
    let krate = tmp.path().join("weird");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"weird\"\nversion = \"0.1.0\"\n").unwrap();
    std::fs::write(
        krate.join("src/weird.udl"),
        "namespace weird {};\ninterface Listener {\n  [Async] constructor();\n};\n",
    )
    .unwrap();
    let out = tmp.path().join("gen");
    bin()
        .arg("generate")
        .arg(krate.join("src/weird.udl"))
        .args(["--language", "python", "--python-backend", "native", "--out-dir"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("async primary constructor of `Listener`"));
    assert!(!out.exists());
}

/// The gRPC backend takes its package and service names from flags (over uniffi.toml), so a
/// service can match a hand-written proto on the wire.
#[test]
fn grpc_names_come_from_flags_and_the_config() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    bin()
        .args(["generate", "--language", "grpc", "--grpc-package", "greeter_service", "--grpc-service", "GreeterService", "--cdylib"])
        .arg(library())
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("note: gRPC: left out the foreign trait `Decorator`"));
    let proto = std::fs::read_to_string(out.join("proto/greet.proto")).unwrap();
    for needed in [
        "package greeter_service;",
        "service GreeterService {",
        "rpc Greet (GreetRequest) returns (GreetReply);",
        "message GreetRequest {\n    string greeting = 1;\n    string name = 2;\n}",
        "message GreetReply {\n    string value = 1;\n}",
        "// - left out method `Greeter::set_decorator`",
    ] {
        assert!(proto.contains(needed), "{needed} not in\n{proto}");
    }
    let stub = std::fs::read_to_string(out.join("python-grpc/greet_grpc/greet_pb2_grpc.py")).unwrap();
    assert!(stub.contains("class GreeterServiceStub(object):") && stub.contains("'/greeter_service.GreeterService/Greet'"));
    // Status codes come from uniffi.toml's [bindings.grpc.status].
    let convert = std::fs::read_to_string(out.join("grpc-rust/src/convert.rs")).unwrap();
    let statuses = &convert[convert.find("impl ErrorStatus for ffi::GreetError").expect("the error's status impl")..];
    let code_of = |variant: &str| {
        let at = statuses.find(&format!("ffi::GreetError::{variant} ")).unwrap_or_else(|| panic!("{variant} in\n{statuses}"));
        let arm = &statuses[at..];
        arm[arm.find("Code::").unwrap()..].split(',').next().unwrap().to_string()
    };
    assert_eq!(code_of("UnknownLocale"), "Code::NotFound");
    assert_eq!(code_of("EmptyName"), "Code::InvalidArgument");
    let lib = std::fs::read_to_string(out.join("grpc-rust/src/lib.rs")).unwrap();
    assert!(lib.contains("::tonic::include_proto!(\"greeter_service\");"), "{lib}");
    assert!(!out.join("python").exists() && !out.join("kotlin").exists(), "only gRPC was asked for");
}

#[test]
fn grpc_bad_names_are_one_error_line_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    for (flag, value, says) in [
        ("--grpc-package", "9lives", "gRPC package \"9lives\" is not a valid protobuf package name"),
        ("--grpc-package", "a..b", "is not a valid protobuf package name"),
        ("--grpc-service", "Greet.V1", "gRPC service \"Greet.V1\" is not a valid protobuf identifier"),
    ] {
        let assert = bin()
            .args(["generate", flag, value, "--cdylib"])
            .arg(library())
            .arg("--out-dir")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says));
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{stderr}");
        assert!(!out.exists(), "{flag} {value}: something was written");
    }
}

#[test]
fn grpc_check_covers_the_generated_service() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let run = |args: &[&str]| {
        let mut cmd = bin();
        cmd.args(args).arg("--language").arg("grpc").arg("--cdylib").arg(library()).arg("--out-dir").arg(&out);
        cmd.assert()
    };
    run(&["generate"]).success();
    std::fs::write(out.join("proto/greet.proto"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out.join("python-grpc/greet_grpc/greet_pb2.py")).unwrap();
    run(&["check"])
        .code(1)
        .stderr(predicate::str::contains("proto/greet.proto differs"))
        .stderr(predicate::str::contains("greet_grpc/greet_pb2.py is missing"));
    run(&["generate"]).success();
    run(&["check"]).success();
}

/// Containers in containers, a map whose key protobuf cannot use as a map key, and a
/// component with nothing callable: each generates (wrapper and entry messages; messages
/// and a note).
#[test]
fn grpc_backend_maps_nested_containers_and_says_when_nothing_is_callable() {
    let tmp = tempfile::tempdir().unwrap();
    let krate = tmp.path().join("weird");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"weird\"\nversion = \"0.1.0\"\n").unwrap();
    let udl = krate.join("src/weird.udl");
    std::fs::write(
        &udl,
        "namespace weird {\n  u32 tally(sequence<sequence<string>> rows, record<string, sequence<u8>?> extra);\n  sequence<f64>? maybe(record<u64, f32> m);\n};\n",
    )
    .unwrap();
    let out = tmp.path().join("gen");
    bin().arg("generate").arg(&udl).args(["--language", "grpc", "--out-dir"]).arg(&out).assert().success();
    let proto = std::fs::read_to_string(out.join("weird.proto")).unwrap();
    for needed in [
        "repeated SequenceString rows = 1;",
        "map<string, OptionalSequenceUInt8> extra = 2;",
        "message SequenceString {\n    repeated string value = 1;\n}",
        "message OptionalSequenceUInt8 {\n    optional SequenceUInt8 value = 1;\n}",
        "map<uint64, float> m = 1;",
        "SequenceFloat64 value = 1;",
    ] {
        assert!(proto.contains(needed), "{needed} not in\n{proto}");
    }

    std::fs::write(&udl, "namespace weird {};\ndictionary Point { i32 x; i32 y; };\n").unwrap();
    let out = tmp.path().join("gen2");
    bin()
        .arg("generate")
        .arg(&udl)
        .args(["--language", "grpc", "--out-dir"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("note: gRPC: nothing in `weird` can be called over gRPC"));
    let proto = std::fs::read_to_string(out.join("weird.proto")).unwrap();
    assert!(proto.contains("service Weird {\n}") && proto.contains("message Point {\n    int32 x = 1;\n    int32 y = 2;\n}"), "{proto}");
}
