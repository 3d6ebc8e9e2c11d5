//! Compiles {{ m.proto_file }} with the vendored protoc into prost messages and the tonic
//! service, and writes its file descriptor set (for reflection).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let proto_dir = PathBuf::from("{{ k.proto_path }}");
    let proto = proto_dir.join("{{ m.proto_file }}");
    if !proto.is_file() {
        return Err(format!("{} is missing; run `uniffi-bindgen generate --language grpc`", proto.display()).into());
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    // Edition 2021 build script, single-threaded: setting PROTOC for prost-build is sound.
    std::env::set_var("PROTOC", protoc_bin_vendored::protoc_bin_path()?);
    let include = protoc_bin_vendored::include_path()?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .file_descriptor_set_path(out_dir.join("{{ m.namespace }}_descriptor.bin"))
        .compile_protos(&[proto.as_path()], &[proto_dir.as_path(), include.as_path()])?;
    println!("cargo:rerun-if-changed={}", proto.display());
    Ok(())
}
