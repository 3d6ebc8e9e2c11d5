//! Compiles the generated proto (`generated/proto/*.proto`) with the vendored protoc and
//! points the crate at the generated tonic glue (`generated/grpc-rust/service.rs`).
//!
//! `GREET_GRPC_GENERATED=DIR` builds from another generated tree instead (the tests use it to
//! build a server with other package and service names).

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=GREET_GRPC_GENERATED");
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let generated = match std::env::var_os("GREET_GRPC_GENERATED") {
        Some(dir) => PathBuf::from(dir),
        None => manifest_dir.join("..").join("generated"),
    };
    let proto_dir = generated.join("proto");
    let protos: Vec<PathBuf> = std::fs::read_dir(&proto_dir)
        .map_err(|e| format!("cannot list {}: {e}; run `cargo run -p uniffi-bindgen -- generate`", proto_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "proto"))
        .collect();
    let [proto] = protos.as_slice() else {
        return Err(format!("expected exactly one .proto in {}, found {}", proto_dir.display(), protos.len()).into());
    };
    let glue = generated.join("grpc-rust").join("service.rs");
    if !glue.is_file() {
        return Err(format!("{} is missing; run `cargo run -p uniffi-bindgen -- generate`", glue.display()).into());
    }
    let stem = proto.file_stem().and_then(|s| s.to_str()).ok_or("proto file name is not UTF-8")?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);

    // Edition 2021 build script, single-threaded: setting PROTOC for prost-build is sound.
    std::env::set_var("PROTOC", protoc_bin_vendored::protoc_bin_path()?);
    let include = protoc_bin_vendored::include_path()?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .file_descriptor_set_path(out_dir.join(format!("{stem}_descriptor.bin")))
        .compile_protos(&[proto.as_path()], &[proto_dir.as_path(), include.as_path()])?;

    println!("cargo:rerun-if-changed={}", proto.display());
    println!("cargo:rerun-if-changed={}", glue.display());
    println!("cargo:rustc-env=GREET_GRPC_GLUE={}", absolute(&glue)?.display());
    Ok(())
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}
