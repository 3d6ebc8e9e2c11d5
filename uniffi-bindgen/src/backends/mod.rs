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
    /// The exact command that regenerates this output in the user's context (named in every
    /// file's `@generated` line and in error messages), e.g. `greet-bindgen generate --out-dir
    /// bindings`, run in the component crate's folder.
    pub regenerate: &'a str,
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
    /// The crate is not a member of the enclosing workspace, so its manifest carries its own
    /// `[workspace]` table (see [`Context::standalone`]).
    pub standalone: bool,
    /// The exact cargo command that builds it, run in the component crate's folder:
    /// `cargo build --manifest-path <dir>/Cargo.toml` (its own workspace) or
    /// `cargo build -p <package>` (a member of the component's workspace).
    pub build_command: String,
}

impl GlueCrate {
    /// The crate `<component package>-<suffix>` generated into the output folder `dir`, for
    /// the component `c` of the workspace.
    pub fn new(cx: &Context<'_>, c: &crate::ir::Component, dir: &str, suffix: &str) -> Result<Self> {
        let package = cx.ws.package_for_crate(&c.ns.crate_name)?;
        if !package.links_as_rust {
            anyhow::bail!(
                "its glue crate links the component as a Rust library, but {} builds only a cdylib: set `crate-type = [\"cdylib\", \"lib\"]` under [lib] there",
                package.manifest
            );
        }
        let standalone = cx.standalone(dir);
        let glue_package = format!("{}-{suffix}", package.name);
        let build_command = if standalone {
            let manifest = cx.dir(dir).join("Cargo.toml");
            format!("cargo build --manifest-path {}", crate::render::relative_path(&package.root, &manifest))
        } else {
            format!("cargo build -p {glue_package}")
        };
        Ok(GlueCrate {
            build_command,
            package: glue_package,
            component_package: package.name.clone(),
            component_path: crate::render::relative_path(&cx.dir(dir), &package.root),
            version: package.version.clone(),
            uniffi_version: cx.ws.uniffi_version().unwrap_or_else(|| "0.32".into()),
            standalone,
        })
    }

    /// Stand-ins for a render that only checks the component (the coverage table).
    pub fn placeholder(c: &crate::ir::Component, suffix: &str) -> Self {
        let component_package = c.ns.crate_name.replace('_', "-");
        GlueCrate {
            build_command: format!("cargo build -p {component_package}-{suffix}"),
            package: format!("{component_package}-{suffix}"),
            component_package,
            component_path: "..".into(),
            version: "0.0.0".into(),
            uniffi_version: "0.32".into(),
            standalone: false,
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
    /// Whether [`Backend::stage`] copies libraries into the output (which then gets a
    /// `.gitignore` for them).
    fn stages_libraries(&self) -> bool {
        false
    }
}

/// The newest build of the library file `file_name` (e.g. `libx_native.so`) of the glue crate
/// generated into the folder `dir`, for the profile `library` (the component's) was built
/// with: in the component's target folder (a workspace member), the glue crate's own
/// `target/` (its own workspace), or `$CARGO_TARGET_DIR`.
pub fn built_glue_library(cx: &Context<'_>, dir: &str, library: &Utf8Path, file_name: &str) -> Option<Utf8PathBuf> {
    let profile = cx.ws.profile_of(library).unwrap_or_else(|| "debug".into());
    let mut candidates = vec![cx.ws.target_dir.join(&profile), cx.dir(dir).join("target").join(&profile)];
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR").and_then(|t| Utf8PathBuf::from_path_buf(t.into()).ok()) {
        let target = if target.is_absolute() { target } else { cx.dir(dir).join(target) };
        candidates.push(target.join(&profile));
    }
    if let Some(parent) = library.parent() {
        candidates.push(parent.to_path_buf());
    }
    candidates
        .into_iter()
        .map(|d| d.join(file_name))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max_by_key(|(modified, _)| *modified)
        .map(|(_, p)| p)
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

    /// Whether a crate generated into the folder `dir` must be its own workspace: true unless
    /// the workspace's manifest lists that folder as a member. With its own `[workspace]`
    /// table it builds with `cargo build --manifest-path <dir>/Cargo.toml` wherever it is,
    /// and the user's manifest needs no edit.
    pub fn standalone(&self, dir: &str) -> bool {
        !self.ws.lists_member(&self.dir(dir))
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
