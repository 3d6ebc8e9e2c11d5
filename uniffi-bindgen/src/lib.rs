//! The workspace's bindings generator: regenerates `generated/` from the built component
//! library and its spec, checks it for drift, and also answers the standard
//! `uniffi-bindgen generate` command line that maturin and other tools use.
//!
//! Everything works from the parsed interface, never from knowledge of one component:
//! replace the UDL (and the crate) and the same commands regenerate for it.

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

/// Regenerates and checks the uniffi bindings of this workspace.
#[derive(Debug, Parser)]
#[command(name = "uniffi-bindgen", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate bindings.
    ///
    /// Without SOURCE: regenerate every language into the workspace's `generated/` folder
    /// from the built component library (`cargo build` first).
    /// With SOURCE (a library or UDL file): behave like uniffi's own `uniffi-bindgen
    /// generate`, writing the requested languages flat into `--out-dir`.
    Generate(GenerateArgs),
    /// Exit non-zero, naming each stale file, when `generated/` differs from what the
    /// spec and library produce. Same as `generate --check`.
    Check(ProjectArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// Path to the cdylib (or a UDL file). Omit it to regenerate the workspace's `generated/`.
    source: Option<Utf8PathBuf>,

    /// Accepted for compatibility; a library SOURCE is detected by its extension.
    #[arg(long = "library")]
    _library_mode: bool,

    /// The component to generate for: with SOURCE, the crate's component in the library;
    /// without, the workspace package (default: the root package, or the only component).
    #[arg(long = "crate")]
    crate_name: Option<String>,

    /// Run generated code through installed formatters (ktlint, swiftformat). Never used
    /// for `generated/`, which must be byte-for-byte reproducible.
    #[arg(long, short = 'n')]
    no_format: bool,

    /// Exclude dependencies when running `cargo metadata`.
    #[arg(long)]
    metadata_no_deps: bool,

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

    /// Directory to write into. Default: `<workspace>/generated`, one folder per language.
    #[arg(long, short)]
    out_dir: Option<Utf8PathBuf>,

    /// A global uniffi config file (`[defaults]`, `[crates.<name>]`).
    #[arg(long, short)]
    config: Option<Utf8PathBuf>,

    /// The component library to read. Default: the workspace's cdylib under `target/<profile>`.
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

    /// Path to the workspace's Cargo.toml. Default: found from the current directory.
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
        Command::Check(mut project) => {
            project.check = true;
            project_mode(project, false, None)
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

/// Renders every selected backend into a plan under `out_dir`.
fn plan(cx: &backends::Context<'_>, chosen: &[&'static dyn Backend]) -> Result<Plan> {
    let mut plan = Plan::new(cx.out_dir.to_path_buf());
    for backend in chosen {
        for out in backend.render(cx)? {
            let files = out.files.iter().map(|(path, file)| (path.clone(), render::with_header(path, file, cx.spec))).collect();
            if cx.project_layout {
                plan.add_dir(&out.dir, files);
            } else {
                plan.add_files(&out.dir, files);
            }
        }
    }
    Ok(plan)
}

/// `generate` without SOURCE, and `check`: the workspace's `generated/` tree (or, with
/// `--crate`, another component's tree under `--out-dir`).
fn project_mode(args: ProjectArgs, metadata_no_deps: bool, crate_name: Option<&str>) -> Result<ExitCode> {
    let ws = workspace::Workspace::load(args.manifest_path.as_deref(), metadata_no_deps)?;
    let component = ws.main_component(crate_name)?;
    let library = match &args.cdylib {
        Some(path) => path.clone(),
        None => ws.library_path(component, if args.release { "release" } else { "debug" }),
    };
    let out_dir = absolute(args.out_dir.clone().unwrap_or_else(|| ws.root.join("generated")))?;
    let spec = spec::Spec::for_library(&ws, &library, &component.package_name)?;
    let options = options(&args, false);
    let cx = backends::Context { ws: &ws, spec: &spec, out_dir: &out_dir, project_layout: true, options: &options };
    let chosen = selected(&args, Pick::Both);
    let plan = plan(&cx, &chosen)?;

    if args.check {
        let drift = plan.drift()?;
        if drift.is_empty() {
            println!("{} is up to date ({} files)", relative_to(&out_dir, &ws.root), plan.len());
            return Ok(ExitCode::SUCCESS);
        }
        for item in &drift {
            eprintln!("stale: {item}");
        }
        eprintln!(
            "error: {} generated file(s) differ from what {} produces; run `cargo build && cargo run -p uniffi-bindgen -- generate` and commit the result",
            drift.len(),
            spec.display_name()
        );
        return Ok(ExitCode::FAILURE);
    }

    let changed = plan.write()?;
    for backend in &chosen {
        backend.stage(&cx, &library)?;
    }
    println!("generated {} files into {} ({changed} changed)", plan.len(), relative_to(&out_dir, &ws.root));
    Ok(ExitCode::SUCCESS)
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
        bail!("--check, --cdylib and --release apply to the workspace's generated/ folder; drop SOURCE to use them");
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
    let cx = backends::Context { ws: &ws, spec: &spec, out_dir: &out_dir, project_layout: false, options: &options };
    let chosen = selected(&args, Pick::Uniffi);
    plan(&cx, &chosen)?.write_without_pruning()?;
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

    fn capitalize(s: &str) -> String {
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
