//! `uniffi-bindgen`: see the library for everything it does.

fn main() -> std::process::ExitCode {
    greet_bindgen::main()
}
