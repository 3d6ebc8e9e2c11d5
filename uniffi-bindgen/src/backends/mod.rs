//! The backends: one folder of model code each (here) and one folder of templates each
//! (`templates/<backend>/`). A backend turns one component's interface into files; the CLI
//! picks backends by `--language` and `--<language>-backend`, renders them all to memory,
//! and writes (or drift-checks) the result. No backend imports another; what several need
//! lives in `crate::shared`.
//!
//! Adding a backend: a folder here with a type implementing [`Backend`], a template folder,
//! and one line in [`BACKENDS`].

use anyhow::Result;
use camino::{Utf8Path, Utf8PathBuf};

use crate::render::Files;
use crate::spec::Spec;
use crate::workspace::Workspace;

pub mod c;
pub mod grpc;
pub mod kotlin_jni;
pub mod python_native;
pub mod swift_package;
pub mod uniffi;

/// Every backend, in the order they render. The first of each language is its default
/// where one must be picked (uniffi's own bindings).
pub static BACKENDS: &[&dyn Backend] = &[
    &uniffi::Uniffi(Language::Python),
    &python_native::PythonNative,
    &uniffi::Uniffi(Language::Kotlin),
    &kotlin_jni::KotlinJni,
    &uniffi::Uniffi(Language::Swift),
    &grpc::Grpc,
    &c::C,
];

/// A target of `--language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Python,
    Kotlin,
    Swift,
    /// A gRPC service: proto, tonic glue, Python client.
    Grpc,
    /// A C header and C ABI (and a CFFI module over it).
    C,
}

impl Language {
    /// Everything `--language` accepts, and what `generate` produces by default.
    pub const ALL: [Language; 5] = [Language::Python, Language::Kotlin, Language::Swift, Language::Grpc, Language::C];

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Grpc => "grpc",
            Language::C => "c",
        }
    }
}

/// What a backend renders from.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    pub spec: &'a Spec,
    /// Where the output goes (absolute): the workspace's `generated/` or `--out-dir`.
    pub out_dir: &'a Utf8Path,
    /// Arranged for the checked-in `generated/` tree (one folder per backend output), or flat
    /// as uniffi's `generate --out-dir` writes.
    pub project_layout: bool,
    pub options: &'a Options,
}

/// Options some backends read.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A global uniffi config file (`[defaults]`, `[crates.<name>]`).
    pub config: Option<Utf8PathBuf>,
    /// Run uniffi's output through installed formatters (never for `generated/`).
    pub format: bool,
    pub grpc_package: Option<String>,
    pub grpc_service: Option<String>,
}

/// A glue crate an in-process backend generates: its package, and the component crate it
/// links (by relative path) and calls through `src/ffi.rs`.
pub struct GlueCrate {
    /// The generated crate's own package name: `<component package>-<suffix>`.
    pub package: String,
    /// Cargo package name of the component crate, e.g. `greet`.
    pub component_package: String,
    /// Path from the generated crate to the component crate's root, `/`-separated.
    pub component_path: String,
    /// The component's version, which the generated crate (and wheel, jar) takes.
    pub version: String,
    /// The uniffi version the component uses.
    pub uniffi_version: String,
}

impl GlueCrate {
    /// The crate `<component package>-<suffix>` generated into the output folder `dir`, for
    /// the component `c` of the workspace.
    pub fn new(cx: &Context<'_>, c: &crate::ir::Component, dir: &str, suffix: &str) -> Result<Self> {
        let package = cx.ws.package_for_crate(&c.ns.crate_name)?;
        Ok(GlueCrate {
            package: format!("{}-{suffix}", package.name),
            component_package: package.name.clone(),
            component_path: crate::render::relative_path(&cx.dir(dir), &package.root),
            version: package.version.clone(),
            uniffi_version: cx.ws.uniffi_version().unwrap_or_else(|| "0.32".into()),
        })
    }

    /// Stand-ins for a render that only checks the component (the coverage table).
    pub fn placeholder(c: &crate::ir::Component, suffix: &str) -> Self {
        let component_package = c.ns.crate_name.replace('_', "-");
        GlueCrate {
            package: format!("{component_package}-{suffix}"),
            component_package,
            component_path: "..".into(),
            version: "0.0.0".into(),
            uniffi_version: "0.32".into(),
        }
    }
}

/// One folder of output, relative to the output directory (`""` for flat output).
pub struct Output {
    pub dir: String,
    pub files: Files,
}

pub trait Backend: Sync {
    /// The backend's name: its `--<language>-backend` value and its template folder.
    fn name(&self) -> &'static str;
    fn language(&self) -> Language;
    fn render(&self, cx: &Context<'_>) -> Result<Vec<Output>>;
    /// Whether the backend can carry the component: what it leaves out (one note each), or
    /// the first construct it refuses. Builds the backend's model, writes nothing; the
    /// coverage table (`docs/coverage.md`) is made from it.
    fn check(&self, c: &crate::ir::Component) -> Result<Vec<String>> {
        let _ = c;
        anyhow::bail!("the {} backend has no coverage check", self.name())
    }
    /// After writing: copy built artifacts (libraries) next to the output, when built.
    fn stage(&self, _cx: &Context<'_>, _library: &Utf8Path) -> Result<()> {
        Ok(())
    }
}

impl<'a> Context<'a> {
    /// The component's interface, with the renames of `[bindings.<bindings_key>]`.
    pub fn component(&self, bindings_key: &str) -> Result<crate::ir::Component> {
        crate::ir::Component::load(
            self.ws.bindgen_paths(),
            &self.spec.source,
            self.spec.crate_filter.as_deref(),
            bindings_key,
        )
    }

    /// Where a backend's folder `dir` goes.
    pub fn dir(&self, dir: &str) -> Utf8PathBuf {
        if self.project_layout {
            self.out_dir.join(dir)
        } else {
            self.out_dir.to_path_buf()
        }
    }

    /// The folder name a backend's output gets: its own in the project layout, none (flat)
    /// otherwise.
    pub fn output_dir(&self, dir: &str) -> String {
        if self.project_layout {
            dir.to_string()
        } else {
            String::new()
        }
    }
}
