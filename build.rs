//! Generates the uniffi scaffolding for the interface declared in `greet.udl`.

fn main() {
    let crate_name = std::env::var("CARGO_CRATE_NAME").unwrap_or_else(|_| "greet".into());
    if let Err(err) = uniffi::generate_scaffolding_for_crate("greet.udl", &crate_name) {
        eprintln!("error: greet.udl: {err:#}");
        std::process::exit(1);
    }
}
