//! `{{ k.package }}`: serves the `{{ m.namespace }}` component over gRPC (`--help` for the flags).
fn main() -> std::process::ExitCode {
    {{ k.lib }}::runtime::main::<{{ k.lib }}::Component>()
}
