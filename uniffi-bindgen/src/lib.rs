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

mod grpc;
pub mod backends;
pub mod ir;
pub mod shared;
mod output;
mod legacy_python_native;
mod render;
mod rust_type;
mod spec;
mod swift_package;
mod workspace;

pub use output::{Drift, Plan};
pub use render::Language;

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

/// `generate` without SOURCE, and `check`: the workspace's `generated/` tree.
fn project_mode(args: ProjectArgs, metadata_no_deps: bool, crate_name: Option<&str>) -> Result<ExitCode> {
    let ws = workspace::Workspace::load(args.manifest_path.as_deref(), metadata_no_deps)?;
    let component = ws.main_component(crate_name)?;
    let library = match &args.cdylib {
        Some(path) => path.clone(),
        None => ws.library_path(component, if args.release { "release" } else { "debug" }),
    };
    let out_dir = args.out_dir.clone().unwrap_or_else(|| ws.root.join("generated"));
    let languages = if args.language.is_empty() { Language::CLI.to_vec() } else { args.language.clone() };

    let backend = args.python_backend.unwrap_or(PythonBackend::Both);

    let spec = spec::Spec::for_library(&ws, &library, &component.package_name)?;
    let mut plan = Plan::new(out_dir.clone());
    for language in &languages {
        if *language == Language::Python && !backend.uniffi() || *language == Language::Grpc {
            continue;
        }
        let files = render::render(&ws, &spec, *language, args.config.as_deref(), false, true)?;
        plan.add_dir(language.dir_name(), files);
    }
    if languages.contains(&Language::Grpc) {
        let dirs = render::render_grpc(&ws, &spec, args.grpc_package.as_deref(), args.grpc_service.as_deref())?;
        for (dir, files) in dirs {
            plan.add_dir(dir, files);
        }
    }
    if languages.contains(&Language::Python) && backend.native() {
        let dir = out_dir.join(NATIVE_DIR);
        plan.add_dir(NATIVE_DIR, render::render_python_native(&ws, &spec, &dir)?);
    }

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
    if languages.contains(&Language::Python) && backend.uniffi() {
        output::stage_library(&library, &out_dir.join(Language::Python.dir_name()))?;
    }
    if languages.contains(&Language::Python) && backend.native() {
        stage_native_extension(&library, &out_dir.join(NATIVE_DIR), &component.package_name)?;
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
        bail!("no language given; pass --language python, kotlin, swift or grpc (repeatable)");
    }
    let out_dir = args.out_dir.context("--out-dir is required when SOURCE is given")?;
    if !source.is_file() {
        bail!("{source} does not exist or is not a file; build the library with `cargo build` or pass a UDL file");
    }
    let ws = workspace::Workspace::load(args.manifest_path.as_deref(), metadata_no_deps)?;
    let spec = match crate_name {
        Some(name) => spec::Spec::for_library(&ws, &source, &name)?,
        None => spec::Spec::for_source(&ws, &source)?,
    };
    let backend = args.python_backend.unwrap_or(PythonBackend::Uniffi);
    let mut plan = Plan::new(out_dir.clone());
    for language in &args.language {
        if *language == Language::Python && !backend.uniffi() {
            continue;
        }
        if *language == Language::Grpc {
            let dirs = render::render_grpc(&ws, &spec, args.grpc_package.as_deref(), args.grpc_service.as_deref())?;
            for (dir, files) in dirs {
                plan.add_dir(dir, files);
            }
            continue;
        }
        let files = render::render(&ws, &spec, *language, args.config.as_deref(), format, false)?;
        plan.add_dir("", files);
    }
    if args.language.contains(&Language::Python) && backend.native() {
        plan.add_dir("", render::render_python_native(&ws, &spec, &out_dir)?);
    }
    plan.write_without_pruning()?;
    Ok(ExitCode::SUCCESS)
}

/// The folder of the native Python backend under `generated/`.
const NATIVE_DIR: &str = "python-native";

/// The Python bindings to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PythonBackend {
    /// uniffi's Python module (ctypes over the C ABI): no compiler needed beyond the cdylib.
    Uniffi,
    /// A PyO3 extension calling the Rust API directly: native speed, built with cargo/maturin.
    Native,
    /// Both, each in its own folder.
    Both,
}

impl PythonBackend {
    fn uniffi(self) -> bool {
        matches!(self, PythonBackend::Uniffi | PythonBackend::Both)
    }

    fn native(self) -> bool {
        matches!(self, PythonBackend::Native | PythonBackend::Both)
    }
}

/// Copies the built native extension (`lib<package>_native.so` beside the component library)
/// into its package as `_native.so`, when it has been built.
fn stage_native_extension(library: &Utf8Path, native_dir: &Utf8Path, package: &str) -> Result<()> {
    let Some(lib_dir) = library.parent() else { return Ok(()) };
    let namespace_dir = std::fs::read_dir(native_dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("__init__.py").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .next();
    let Some(namespace) = namespace_dir else { return Ok(()) };
    let built = lib_dir.join(format!(
        "{}{namespace}_native{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    if built.is_file() {
        output::stage_file(&built, &native_dir.join(&namespace).join(format!("_native{}", std::env::consts::DLL_SUFFIX)))?;
    } else {
        eprintln!(
            "note: the native Python extension is not built yet; `cargo build -p {package}-python-native` builds it, then rerun generate to stage it"
        );
    }
    Ok(())
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
        &Language::CLI
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.dir_name()))
    }
}

#[doc(hidden)]
pub fn dump_general_ir(library: &Utf8Path) -> Result<String> {
    let ws = workspace::Workspace::load(None, false)?;
    let loader = uniffi_bindgen::BindgenLoader::new(ws.bindgen_paths(), uniffi_bindgen::GlobalConfig::default());
    let md = loader.load_metadata(library)?;
    let initial = loader.load_pipeline_initial_root(library, md)?;
    let root = uniffi_bindgen::pipeline::general::pipeline("python").execute(initial)?;
    Ok(format!("{root:#?}"))
}

#[doc(hidden)]
pub fn dump_rust_client(library: &Utf8Path) -> Result<String> {
    let ws = workspace::Workspace::load(None, false)?;
    let c = ir::Component::load(ws.bindgen_paths(), library, None, "python")?;
    shared::rust_client::render(&c)
}

#[doc(hidden)]
pub fn dump_native(library: &Utf8Path, out: &Utf8Path) -> Result<()> {
    let ws = workspace::Workspace::load(None, false)?;
    let c = ir::Component::load(ws.bindgen_paths(), library, None, "python")?;
    let settings = backends::python_native::Settings {
        component_package: "greet".into(),
        component_path: "../..".into(),
        version: "0.1.0".into(),
        uniffi_version: "0.32".into(),
        package: "greet-python-native".into(),
    };
    let files = backends::python_native::render(&c, &settings)?;
    for (path, text) in files {
        let p = out.join(path);
        std::fs::create_dir_all(p.parent().unwrap())?;
        std::fs::write(p, text)?;
    }
    Ok(())
}
