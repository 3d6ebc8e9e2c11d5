//! Compiles proto/greeter_service.proto with the vendored protoc (no system protoc needed).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let protoc = protoc_bin_vendored::protoc_bin_path()?;
    // Edition 2021 build script, single-threaded: setting PROTOC for prost-build is sound.
    std::env::set_var("PROTOC", protoc);
    tonic_prost_build::configure()
        .build_client(false)
        .build_server(true)
        .compile_protos(&["proto/greeter_service.proto"], &["proto"])?;
    println!("cargo:rerun-if-changed=proto/greeter_service.proto");
    Ok(())
}
