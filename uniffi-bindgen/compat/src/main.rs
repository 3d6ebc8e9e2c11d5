//! `uniffi-bindgen`: the same CLI as `greet-bindgen`, under the name maturin looks for.

fn main() -> std::process::ExitCode {
    greet_bindgen::main()
}
