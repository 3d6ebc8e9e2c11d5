//! Rendering one language's bindings to memory.
//!
//! uniffi's generators write files; they run into a private temporary directory, and the
//! result is read back, given its `@generated` header and returned as a path → text map.
//! Nothing under the real output directory is touched here.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::bindings::{generate_with_bindgen_paths, GenerateOptions, TargetLanguage};

use crate::spec::Spec;
use crate::workspace::Workspace;

/// Rendered files, by path relative to the output directory.
pub type Files = BTreeMap<Utf8PathBuf, String>;

/// A language this tool generates bindings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    Python,
    Kotlin,
    Swift,
    /// The gRPC service (proto, Rust glue, Python client): this tool's own backend.
    Grpc,
}

impl Language {
    /// The languages uniffi's own generators produce.
    pub const ALL: [Language; 3] = [Language::Python, Language::Kotlin, Language::Swift];
    /// Everything `--language` accepts, and what `generate` produces by default.
    pub const CLI: [Language; 4] = [Language::Python, Language::Kotlin, Language::Swift, Language::Grpc];

    /// The folder under `generated/`, and the `--language` value.
    pub fn dir_name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Grpc => "grpc",
        }
    }

    fn target(self) -> Result<TargetLanguage> {
        Ok(match self {
            Language::Python => TargetLanguage::Python,
            Language::Kotlin => TargetLanguage::Kotlin,
            Language::Swift => TargetLanguage::Swift,
            Language::Grpc => anyhow::bail!("gRPC output is rendered by render_grpc, not by uniffi"),
        })
    }
}

/// Renders `language`'s bindings for `spec`. With `project_layout`, files are arranged for
/// the checked-in `generated/` tree (Swift as a package); otherwise as uniffi lays them out.
pub fn render(
    ws: &Workspace,
    spec: &Spec,
    language: Language,
    config: Option<&Utf8Path>,
    format: bool,
    project_layout: bool,
) -> Result<Files> {
    let scratch = tempfile::Builder::new()
        .prefix("uniffi-bindgen-")
        .tempdir()
        .context("cannot create a temporary directory to render into")?;
    let scratch_dir = Utf8Path::from_path(scratch.path()).context("temporary directory path is not UTF-8")?;
    let options = GenerateOptions {
        languages: vec![language.target()?],
        source: spec.source.clone(),
        out_dir: scratch_dir.to_path_buf(),
        config_override: config.map(Utf8Path::to_path_buf),
        format,
        crate_filter: spec.crate_filter.clone(),
        // Crate roots come from our own layer, which already ran `cargo metadata` once.
        metadata_no_deps: true,
    };
    let generated = {
        let _quiet = QuietStdout::new();
        generate_with_bindgen_paths(options, ws.bindgen_paths())
    };
    generated
        .with_context(|| format!("generating {} bindings from {}", language.dir_name(), spec.display_name()))?;

    let mut files = Files::new();
    read_tree(scratch_dir, scratch_dir, &mut files)?;
    let files = if project_layout && language == Language::Swift {
        crate::swift_package::package(files, spec)?
    } else {
        files
    };
    Ok(files
        .into_iter()
        .map(|(path, text)| {
            let text = with_header(&path, text, spec);
            (path, text)
        })
        .collect())
}

fn read_tree(root: &Utf8Path, dir: &Utf8Path, files: &mut Files) -> Result<()> {
    for entry in dir.read_dir_utf8().with_context(|| format!("cannot list {dir}"))? {
        let path = entry?.into_path();
        if path.is_dir() {
            read_tree(root, &path, files)?;
        } else {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read rendered {path}"))?;
            files.insert(crate::relative_to(&path, root).to_path_buf(), text);
        }
    }
    Ok(())
}

/// The parsed interface (uniffi's `ComponentInterface`) of `spec`'s component, for the
/// backends this CLI renders itself.
fn component_interface(ws: &Workspace, spec: &Spec) -> Result<uniffi_bindgen::interface::ComponentInterface> {
    let loader = uniffi_bindgen::BindgenLoader::new(ws.bindgen_paths(), uniffi_bindgen::GlobalConfig::default());
    let metadata = loader.load_metadata(&spec.source)?;
    let mut cis = loader.load_cis(metadata)?;
    let index = match &spec.crate_filter {
        Some(name) => cis.iter().position(|ci| ci.crate_name() == name),
        None if cis.len() == 1 => Some(0),
        None => anyhow::bail!("several components in {}; pass --crate", spec.source),
    }
    .with_context(|| format!("no uniffi component found in {}", spec.source))?;
    Ok(cis.swap_remove(index))
}

/// Renders the native (PyO3) Python backend for `spec`'s component.
pub fn render_python_native(ws: &Workspace, spec: &Spec, out_dir: &Utf8Path) -> Result<Files> {
    let c = crate::ir::Component::load(ws.bindgen_paths(), &spec.source, spec.crate_filter.as_deref(), "python")?;
    let package = ws.package_for_crate(&c.ns.crate_name)?;
    let out_dir = if out_dir.is_absolute() {
        out_dir.to_path_buf()
    } else {
        Utf8PathBuf::try_from(std::env::current_dir()?)?.join(out_dir)
    };
    let settings = crate::backends::python_native::Settings {
        package: format!("{}-python-native", package.name),
        component_package: package.name.clone(),
        component_path: relative_path(&out_dir, &package.root),
        version: package.version.clone(),
        uniffi_version: ws.uniffi_version().unwrap_or_else(|| "0.32".into()),
    };
    let files = crate::backends::python_native::render(&c, &settings)?;
    Ok(files
        .into_iter()
        .map(|(path, text)| {
            let text = with_header(&path, text, spec);
            (path, text)
        })
        .collect())
}

/// Renders the gRPC backend (proto, Rust glue, Python client) for `spec`'s component: one
/// file map per folder under `generated/`. Names come from `[bindings.grpc]` in the
/// component's `uniffi.toml`, overridden by `package`/`service`. What it leaves out of the
/// remote surface is printed on stderr as notes.
pub fn render_grpc(
    ws: &Workspace,
    spec: &Spec,
    package: Option<&str>,
    service: Option<&str>,
) -> Result<BTreeMap<&'static str, Files>> {
    let ci = component_interface(ws, spec)?;
    let ci = &ci;
    let root = match ws.package_for_crate(ci.crate_name()) {
        Ok(p) => p.root,
        Err(_) => spec.source.parent().map(Utf8Path::to_path_buf).unwrap_or_default(),
    };
    let mut settings = crate::grpc::Settings::from_uniffi_toml(&root.join("uniffi.toml"))?;
    if let Some(p) = package {
        settings.package = Some(p.to_string());
    }
    if let Some(s) = service {
        settings.service = Some(s.to_string());
    }
    let model = crate::grpc::model(ci, &settings)?;
    for item in &model.left_out {
        eprintln!("note: gRPC: left out {item}");
    }
    let dirs = crate::grpc::render(&model)?;
    Ok(dirs
        .into_iter()
        .map(|(dir, files)| {
            let files = files
                .into_iter()
                .map(|(path, text)| {
                    let text = with_header(&path, text, spec);
                    (path, text)
                })
                .collect();
            (dir, files)
        })
        .collect())
}

/// `to` relative to the directory `from`, with `/` separators.
fn relative_path(from: &Utf8Path, to: &Utf8Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_str().to_string()));
    if parts.is_empty() { ".".to_string() } else { parts.join("/") }
}

/// Puts the `@generated` line first, in the file's own comment syntax.
pub fn with_header(path: &Utf8Path, text: String, spec: &Spec) -> String {
    let comment = match path.extension() {
        Some("py" | "pyi" | "toml") => "#",
        _ => "//",
    };
    let line = format!(
        "{comment} @generated by uniffi-bindgen from {}. Do not edit: change the spec, then run `cargo run -p uniffi-bindgen -- generate`.\n",
        spec.display_name()
    );
    // Swift's tools-version comment must stay the first line of a manifest.
    if path.file_name() == Some("Package.swift") {
        if let Some((first, rest)) = text.split_once('\n') {
            return format!("{first}\n{line}{rest}");
        }
    }
    format!("{line}{text}")
}

/// Silences uniffi's generators, which print the temporary paths they write to on stdout.
/// Stdout is restored when dropped, also on an error or panic.
struct QuietStdout {
    #[cfg(unix)]
    saved: Option<std::os::fd::OwnedFd>,
}

impl QuietStdout {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use std::io::Write;
            use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
            let _ = std::io::stdout().flush();
            let Ok(devnull) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
                return QuietStdout { saved: None };
            };
            // SAFETY: plain descriptor calls; `dup` returns a fresh descriptor we own.
            let saved = unsafe {
                let fd = libc::dup(libc::STDOUT_FILENO);
                if fd < 0 || libc::dup2(devnull.as_raw_fd(), libc::STDOUT_FILENO) < 0 {
                    if fd >= 0 {
                        libc::close(fd);
                    }
                    None
                } else {
                    Some(OwnedFd::from_raw_fd(fd))
                }
            };
            QuietStdout { saved }
        }
        #[cfg(not(unix))]
        QuietStdout {}
    }
}

impl Drop for QuietStdout {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            use std::io::Write;
            use std::os::fd::AsRawFd;
            let _ = std::io::stdout().flush();
            // SAFETY: restores the descriptor saved in `new`.
            unsafe {
                libc::dup2(saved.as_raw_fd(), libc::STDOUT_FILENO);
            }
        }
    }
}
