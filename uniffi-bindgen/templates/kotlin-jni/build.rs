//! Binds the library's calls to its own copy of the component: with `-Bsymbolic`, the
//! scaffolding functions the glue calls resolve inside `lib{{ m.lib_name }}` even when another
//! library exporting the same symbols (the component's own cdylib, loaded by JNA with
//! RTLD_GLOBAL) is already in the process.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-Bsymbolic");
    }
}
