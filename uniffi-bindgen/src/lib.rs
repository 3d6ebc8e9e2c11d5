//! `greet-bindgen`: generates every backend for a uniffi 0.32 component crate (uniffi's own
//! bindings, a native Python extension, Kotlin over JNI, a C API with a CFFI module, a gRPC
//! service) from the built library and its spec, checks the output for drift, and also
//! answers the standard `uniffi-bindgen generate` command line that maturin and other tools
//! use (the `uniffi-bindgen` binary of `uniffi-bindgen/compat`).
//!
//! Everything works from the parsed interface, never from knowledge of one component: run it
//! in any component crate's folder (installed with `cargo install --path uniffi-bindgen`)
//! and it generates for that crate.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod backends;
pub mod ir;
mod output;
mod render;
pub mod shared;
mod spec;
mod workspace;

use backends::{Backend, Language, BACKENDS};
pub use output::{Drift, Plan};

/// The version line: the tool's own version and the uniffi it targets.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (uniffi ", "0.32.2", ", contract version 30)");

/// The uniffi version the generator is built on and emits for (`uniffi = "..."` in glue
/// crates); a unit test checks it against the lock file.
pub const UNIFFI_VERSION: &str = "0.32.2";

/// Generates uniffi bindings and native backends for a uniffi component crate, and checks
/// them for drift.
#[derive(Debug, Parser)]
#[command(name = "greet-bindgen", version = VERSION, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate bindings.
    ///
    /// Without SOURCE: generate every language for the component crate of the current folder
    /// (or --crate) into `<crate>/generated` (or --out-dir), one folder per backend, from the
    /// built component library (`cargo build` first). Only files it generated are ever
    /// rewritten or removed: your own files in those folders stay.
    /// With SOURCE (a library or UDL file): behave like uniffi's own `uniffi-bindgen
    /// generate`, writing the requested languages flat into `--out-dir`.
    Generate(GenerateArgs),
    /// Exit non-zero, naming each stale file, when the generated folders differ from what the
    /// spec and library produce. Same as `generate --check`.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// Path to the cdylib (or a UDL file). Omit it to regenerate the workspace's `generated/`.
    source: Option<Utf8PathBuf>,

    /// Accepted for compatibility; a library SOURCE is detected by its extension.
    #[arg(long = "library")]
    _library_mode: bool,

    /// The component to generate for, by package or library name: with SOURCE, that crate's
    /// component in the library; without, the workspace package (default: the component whose
    /// folder holds the current directory, else the root package, else the only component).
    #[arg(long = "crate")]
    crate_name: Option<String>,

    /// With SOURCE: don't run uniffi's output through installed formatters (ktlint,
    /// swiftformat). Output without SOURCE is never formatted, so it stays byte-for-byte
    /// reproducible.
    #[arg(long, short = 'n')]
    no_format: bool,

    /// Exclude dependencies when running `cargo metadata`.
    #[arg(long)]
    metadata_no_deps: bool,

    #[command(flatten)]
    project: ProjectArgs,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The component to check, by package or library name (default as for `generate`).
    #[arg(long = "crate")]
    crate_name: Option<String>,

    #[command(flatten)]
    project: ProjectArgs,
}

#[derive(Debug, Args)]
struct ProjectArgs {
    /// Languages to generate (repeatable). Default: all.
    #[arg(long, short, value_enum)]
    language: Vec<Language>,

    /// Which Python bindings to generate: uniffi's (ctypes over the C ABI), the native PyO3
    /// extension, or both. Default: both for `generated/`, uniffi with SOURCE.
    #[arg(long, value_enum)]
    python_backend: Option<PythonBackend>,

    /// Which Kotlin bindings to generate: uniffi's (JNA), the JNI backend, or both.
    /// Default: both for `generated/`, uniffi with SOURCE.
    #[arg(long, value_enum)]
    kotlin_backend: Option<KotlinBackend>,

    /// Directory to write into. Default: `generated` in the component crate's folder, one
    /// folder per backend.
    #[arg(long, short)]
    out_dir: Option<Utf8PathBuf>,

    /// A global uniffi config file (`[defaults]`, `[crates.<name>]`).
    #[arg(long, short)]
    config: Option<Utf8PathBuf>,

    /// The component library to read. Default: the crate's cdylib under `target/<profile>`.
    #[arg(long, value_name = "PATH", conflicts_with = "release")]
    cdylib: Option<Utf8PathBuf>,

    /// Read the library from `target/release` instead of `target/debug`.
    #[arg(long)]
    release: bool,

    /// Write nothing; exit 1 and name every file that differs from what would be generated.
    #[arg(long)]
    check: bool,

    /// The gRPC service's protobuf package (default: `[bindings.grpc] package` in the
    /// component's uniffi.toml, else `<namespace>.v1`).
    #[arg(long, value_name = "NAME")]
    grpc_package: Option<String>,

    /// The gRPC service's name (default: `[bindings.grpc] service`, else the namespace in
    /// UpperCamelCase).
    #[arg(long, value_name = "NAME")]
    grpc_service: Option<String>,

    /// Path to the component's (or its workspace's) Cargo.toml. Default: found from the
    /// current directory.
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<Utf8PathBuf>,
}

/// Parses the command line, runs it, and prints any error as one line on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(err)) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
        Err(_) => {
            eprintln!("error: internal error in the bindings generator (see the panic message above); nothing was written");
            ExitCode::FAILURE
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(mut args) => {
            args.project.check = true;
            project_mode(args.project, false, args.crate_name.as_deref())
        }
        Command::Generate(args) => match args.source {
            Some(source) => {
                standard_mode(source, args.crate_name, !args.no_format, args.metadata_no_deps, args.project)
            }
            None => project_mode(args.project, args.metadata_no_deps, args.crate_name.as_deref()),
        },
    }
}

/// The backends `args` select, in render order.
fn selected(args: &ProjectArgs, default: Pick) -> Vec<&'static dyn Backend> {
    let languages = if args.language.is_empty() { Language::ALL.to_vec() } else { args.language.clone() };
    let python = args.python_backend.map(Pick::from).unwrap_or(default);
    let kotlin = args.kotlin_backend.map(Pick::from).unwrap_or(default);
    BACKENDS
        .iter()
        .copied()
        .filter(|b| languages.contains(&b.language()))
        .filter(|b| match b.language() {
            Language::Python => python.includes(b.name()),
            Language::Kotlin => kotlin.includes(b.name()),
            _ => true,
        })
        .collect()
}

fn options(args: &ProjectArgs, format: bool) -> backends::Options {
    backends::Options {
        config: args.config.clone(),
        format,
        grpc_package: args.grpc_package.clone(),
        grpc_service: args.grpc_service.clone(),
    }
}

/// A backend's name for messages: `gRPC`, `native Python`, ...
fn label(backend: &dyn Backend) -> String {
    match (backend.language(), backend.name()) {
        (Language::Grpc, _) => "gRPC".into(),
        (Language::C, _) => "C (and CFFI)".into(),
        (Language::Python, "native") => "native Python".into(),
        (Language::Kotlin, "jni") => "Kotlin JNI".into(),
        (language, _) => format!("{} (uniffi)", coverage::capitalize(language.name())),
    }
}

/// How to leave a backend out of the run.
fn skip_hint(backend: &dyn Backend, chosen: &[&'static dyn Backend]) -> String {
    match (backend.language(), backend.name()) {
        (Language::Python, "native") => "--python-backend uniffi".into(),
        (Language::Python, "uniffi") if chosen.iter().any(|b| b.name() == "native") => "--python-backend native".into(),
        (Language::Kotlin, "jni") => "--kotlin-backend uniffi".into(),
        (Language::Kotlin, "uniffi") if chosen.iter().any(|b| b.name() == "jni") => "--kotlin-backend jni".into(),
        (language, _) => {
            let mut others: Vec<Language> =
                chosen.iter().map(|b| b.language()).filter(|l| *l != language).collect();
            others.dedup();
            others.iter().map(|l| format!("--language {}", l.name())).collect::<Vec<_>>().join(" ")
        }
    }
}

/// Everything the selected backends rendered, and the backends that failed (each with its
/// error), so one backend's missing prerequisite never blocks the others.
struct Rendered {
    plan: Plan,
    ok: Vec<&'static dyn Backend>,
    failed: Vec<(&'static dyn Backend, anyhow::Error)>,
}

/// Renders every selected backend into a plan under `out_dir`.
fn plan(cx: &backends::Context<'_>, chosen: &[&'static dyn Backend]) -> Rendered {
    let mut rendered = Rendered { plan: Plan::new(cx.out_dir.to_path_buf()), ok: Vec::new(), failed: Vec::new() };
    for &backend in chosen {
        let outputs = match backend.render(cx) {
            Ok(outputs) => outputs,
            Err(err) => {
                rendered.failed.push((backend, err));
                continue;
            }
        };
        for out in outputs {
            let mut files = out.files;
            if cx.project_layout {
                let ignored = ignored(backend, &files);
                if !ignored.is_empty() {
                    match render::gitignore(&ignored) {
                        Ok(file) => {
                            files.insert(".gitignore".into(), file);
                        }
                        Err(err) => {
                            rendered.failed.push((backend, err.into()));
                            continue;
                        }
                    }
                }
            }
            let files = files
                .iter()
                .map(|(path, file)| (path.clone(), render::with_header(path, file, cx.spec, cx.regenerate)))
                .collect();
            if cx.project_layout {
                rendered.plan.add_dir(&out.dir, files);
            } else {
                rendered.plan.add_files(&out.dir, files);
            }
        }
        rendered.ok.push(backend);
    }
    rendered
}

/// What an output folder's `.gitignore` lists: libraries `generate` stages there, and cargo's
/// `target/` of a glue crate built on its own.
fn ignored(backend: &dyn Backend, files: &render::Files) -> Vec<&'static str> {
    let mut patterns = Vec::new();
    // Libraries staged beside a Python package, or built in place (a CFFI extension).
    if backend.stages_libraries() || files.keys().any(|p| p.extension() == Some("py")) {
        patterns.extend(["*.so", "*.dylib", "*.dll", "*.pyd"]);
    }
    if files.contains_key(Utf8Path::new("Cargo.toml")) {
        patterns.push("/target/");
    }
    patterns
}

/// The command that regenerates this output, for `@generated` lines and messages: run in
/// the component crate's folder, naming what is not the default there.
fn regenerate_command(ws: &workspace::Workspace, component: &workspace::Component, out_dir: &Utf8Path) -> String {
    let mut command = if ws.is_bindgen_workspace() {
        "cargo run -p uniffi-bindgen -- generate".to_string()
    } else {
        "greet-bindgen generate".to_string()
    };
    if ws.components.len() > 1 {
        command.push_str(&format!(" --crate {}", component.package_name));
    }
    if out_dir != component.root.join("generated") {
        command.push_str(&format!(" --out-dir {}", render::relative_path(&component.root, out_dir)));
    }
    let place = if component.root == ws.root && ws.components.len() == 1 {
        "in the crate's folder".to_string()
    } else {
        format!("in the folder of the `{}` crate", component.package_name)
    };
    format!("`{command}` {place}")
}

/// `generate` without SOURCE, and `check`: the component's generated folders under
/// `--out-dir` (default `<crate>/generated`).
fn project_mode(args: ProjectArgs, metadata_no_deps: bool, crate_name: Option<&str>) -> Result<ExitCode> {
    let ws = workspace::Workspace::load(args.manifest_path.as_deref(), metadata_no_deps)?;
    let component = ws.main_component(crate_name)?;
    let library = match &args.cdylib {
        Some(path) => path.clone(),
        None => ws.library_path(component, if args.release { "release" } else { "debug" }),
    };
    let out_dir = absolute(args.out_dir.clone().unwrap_or_else(|| component.root.join("generated")))?;
    let spec = spec::Spec::for_library(&ws, &library, &component.lib_name)?;
    let options = options(&args, false);
    let regenerate = regenerate_command(&ws, component, &out_dir);
    let cx = backends::Context {
        ws: &ws,
        spec: &spec,
        out_dir: &out_dir,
        project_layout: true,
        options: &options,
        regenerate: &regenerate,
    };
    let chosen = selected(&args, Pick::Both);
    let Rendered { plan, ok, failed } = plan(&cx, &chosen);
    let shown_out = shown(&out_dir);

    if args.check {
        let drift = plan.drift()?;
        for item in &drift {
            eprintln!("stale: {item}");
        }
        report_failures(&failed, &chosen);
        if drift.is_empty() && failed.is_empty() {
            println!("{shown_out} is up to date ({} files)", plan.len());
            return Ok(ExitCode::SUCCESS);
        }
        if !drift.is_empty() {
            eprintln!(
                "error: {} generated file(s) differ from what {} produces; run {} and commit the result",
                drift.len(),
                spec.display_name(),
                regenerate,
            );
        }
        return Ok(ExitCode::FAILURE);
    }

    let written = plan.write()?;
    let mut failed = failed;
    for backend in &ok {
        if let Err(err) = backend.stage(&cx, &library) {
            failed.push((*backend, err));
        }
    }
    println!(
        "generated {} files into {shown_out}: {} written, {} removed, {} unchanged",
        plan.len(),
        written.written,
        written.removed,
        written.unchanged
    );
    report_failures(&failed, &chosen);
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// One line per failed backend: what failed and how to leave it out.
fn report_failures(failed: &[(&'static dyn Backend, anyhow::Error)], chosen: &[&'static dyn Backend]) {
    for (backend, err) in failed {
        let hint = skip_hint(*backend, chosen);
        let leave_out = if hint.is_empty() { String::new() } else { format!("; fix that, or leave it out with {hint}") };
        eprintln!("error: {} backend: {err:#} (nothing of it was written{leave_out})", label(*backend));
    }
}

/// `path` relative to the current directory where it is below it, else as it is.
fn shown(path: &Utf8Path) -> String {
    let cwd = std::env::current_dir().ok().and_then(|d| Utf8PathBuf::from_path_buf(d).ok());
    match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(p) if p.as_str().is_empty() => ".".into(),
        Some(p) => p.to_string(),
        None => path.to_string(),
    }
}

/// `generate SOURCE ...`: the standard uniffi-bindgen interface, for maturin and friends.
fn standard_mode(
    source: Utf8PathBuf,
    crate_name: Option<String>,
    format: bool,
    metadata_no_deps: bool,
    args: ProjectArgs,
) -> Result<ExitCode> {
    if args.check || args.cdylib.is_some() || args.release {
        bail!("--check, --cdylib and --release apply to the generated folders of a crate; drop SOURCE to use them");
    }
    if args.language.is_empty() {
        bail!(
            "no language given; pass --language {} (repeatable)",
            Language::ALL.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ")
        );
    }
    let out_dir = absolute(args.out_dir.clone().context("--out-dir is required when SOURCE is given")?)?;
    if !source.is_file() {
        bail!("{source} does not exist or is not a file; build the library with `cargo build` or pass a UDL file");
    }
    let ws = workspace::Workspace::load(args.manifest_path.as_deref(), metadata_no_deps)?;
    let spec = match crate_name {
        Some(name) => spec::Spec::for_library(&ws, &source, &name)?,
        None => spec::Spec::for_source(&ws, &source)?,
    };
    let options = options(&args, format);
    let mut languages: Vec<&str> = args.language.iter().map(|l| l.name()).collect();
    languages.dedup();
    let regenerate = format!(
        "`greet-bindgen generate {} --language {} --out-dir {}` (or the build that runs it)",
        shown(&absolute(source.clone())?),
        languages.join(" --language "),
        shown(&out_dir)
    );
    let cx = backends::Context {
        ws: &ws,
        spec: &spec,
        out_dir: &out_dir,
        project_layout: false,
        options: &options,
        regenerate: &regenerate,
    };
    let chosen = selected(&args, Pick::Uniffi);
    let Rendered { plan, failed, .. } = plan(&cx, &chosen);
    if let Some((err_backend, err)) = failed.into_iter().next() {
        return Err(err.context(format!("{} backend", label(err_backend))));
    }
    if let Some((module, package)) = plan.module_collision() {
        bail!(
            "these languages write both the module {} and the package {}/ into {}, and `import` would only ever find the package: generate them into separate --out-dir folders",
            module.file_name().unwrap_or_default(),
            package.file_name().unwrap_or_default(),
            shown(&out_dir)
        );
    }
    plan.write_without_pruning()?;
    Ok(ExitCode::SUCCESS)
}

fn absolute(path: Utf8PathBuf) -> Result<Utf8PathBuf> {
    if path.is_absolute() {
        return Ok(path);
    }
    let cwd = Utf8PathBuf::try_from(std::env::current_dir()?).context("the current directory is not UTF-8")?;
    Ok(cwd.join(path))
}

/// The Python bindings to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PythonBackend {
    /// uniffi's Python module (ctypes over the C ABI): no compiler needed beyond the cdylib.
    Uniffi,
    /// A PyO3 extension over the component's C ABI: native speed, built with cargo/maturin.
    Native,
    /// Both, each in its own folder.
    Both,
}

/// The Kotlin bindings to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KotlinBackend {
    /// uniffi's Kotlin bindings over JNA.
    Uniffi,
    /// JNI glue compiled into a library, and Kotlin with uniffi's API over it.
    Jni,
    /// Both, each in its own folder.
    Both,
}

/// Which of a language's backends to generate: uniffi's own, the others, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Uniffi,
    Others,
    Both,
}

impl Pick {
    fn includes(self, backend: &str) -> bool {
        match self {
            Pick::Both => true,
            Pick::Uniffi => backend == "uniffi",
            Pick::Others => backend != "uniffi",
        }
    }
}

impl From<PythonBackend> for Pick {
    fn from(b: PythonBackend) -> Self {
        match b {
            PythonBackend::Uniffi => Pick::Uniffi,
            PythonBackend::Native => Pick::Others,
            PythonBackend::Both => Pick::Both,
        }
    }
}

impl From<KotlinBackend> for Pick {
    fn from(b: KotlinBackend) -> Self {
        match b {
            KotlinBackend::Uniffi => Pick::Uniffi,
            KotlinBackend::Jni => Pick::Others,
            KotlinBackend::Both => Pick::Both,
        }
    }
}

pub(crate) fn relative_to<'a>(path: &'a Utf8Path, base: &Utf8Path) -> &'a Utf8Path {
    path.strip_prefix(base).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The uniffi version named by `--version` and emitted into glue crates is the one the
    /// workspace locks.
    #[test]
    fn uniffi_version_is_the_locked_one() {
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock")).unwrap();
        let locked = lock
            .split("[[package]]")
            .find(|p| p.contains("\nname = \"uniffi\"\n"))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .map(|v| v.trim_end_matches('"').to_string())
            .unwrap();
        assert_eq!(locked, UNIFFI_VERSION);
        assert!(VERSION.contains(UNIFFI_VERSION));
        assert!(VERSION.contains(&format!("contract version {}", uniffi_meta::UNIFFI_CONTRACT_VERSION)));
    }
}

impl ValueEnum for Language {
    fn value_variants<'a>() -> &'a [Self] {
        &Language::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

/// What the coverage table (`tests/coverage.rs`, `docs/coverage.md`) is made from.
#[doc(hidden)]
pub mod coverage {
    use anyhow::Result;
    use camino::Utf8Path;

    use crate::backends::BACKENDS;

    /// The table's columns: one per backend.
    pub fn backends() -> Vec<String> {
        BACKENDS.iter().map(|b| label(b.language().name(), b.name())).collect()
    }

    fn label(language: &str, backend: &str) -> String {
        match (language, backend) {
            ("grpc", _) => "gRPC".to_string(),
            ("c", _) => "C".to_string(),
            (l, "uniffi") => format!("{} (uniffi)", capitalize(l)),
            (l, b) => format!("{} ({b})", capitalize(l)),
        }
    }

    pub(crate) fn capitalize(s: &str) -> String {
        let mut chars = s.chars();
        chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
    }

    /// Every backend's check of the component in `source` (a UDL file, or a library with
    /// `crate_name`), read with the workspace at `root` for crate configuration.
    pub fn check(
        source: &std::path::Path,
        crate_name: Option<&str>,
        root: &std::path::Path,
    ) -> Result<Vec<(String, std::result::Result<Vec<String>, String>)>> {
        let source = Utf8Path::from_path(source).ok_or_else(|| anyhow::anyhow!("non-UTF-8 path"))?;
        let manifest = camino::Utf8PathBuf::from_path_buf(root.join("Cargo.toml"))
            .map_err(|_| anyhow::anyhow!("non-UTF-8 path"))?;
        let ws = crate::workspace::Workspace::load(Some(&manifest), true)?;
        let c = crate::ir::Component::load(ws.bindgen_paths(), source, crate_name, "python")?;
        Ok(BACKENDS
            .iter()
            .map(|b| (label(b.language().name(), b.name()), b.check(&c).map_err(|e| format!("{e:#}"))))
            .collect())
    }
}
