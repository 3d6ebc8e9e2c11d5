//! The input of a generation: a component library (or UDL file) and the spec behind it,
//! checked before anything is rendered.

use std::time::SystemTime;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_meta::Metadata;

use crate::workspace::Workspace;

pub struct Spec {
    /// What uniffi reads: the library, or a UDL file.
    pub source: Utf8PathBuf,
    /// The crate to generate for; `None` generates every component in the source.
    pub crate_filter: Option<String>,
    /// The cdylib's name without `lib` and extension, when the source is a library.
    pub cdylib_name: Option<String>,
    /// The UDL files behind the source.
    pub udl_files: Vec<Utf8PathBuf>,
}

impl Spec {
    /// A library built from `crate_name`; it must exist and be newer than its spec.
    pub fn for_library(ws: &Workspace, library: &Utf8Path, crate_name: &str) -> Result<Self> {
        let crate_name = crate_name.replace('-', "_");
        let mut spec = Self::from_library(ws, library)?;
        spec.crate_filter = Some(crate_name);
        Ok(spec)
    }

    /// A library or a UDL file, as uniffi-bindgen's SOURCE argument.
    pub fn for_source(ws: &Workspace, source: &Utf8Path) -> Result<Self> {
        if source.extension().is_some_and(|e| e.eq_ignore_ascii_case("udl")) {
            check_udl_syntax(source)?;
            return Ok(Spec {
                source: source.to_path_buf(),
                crate_filter: None,
                cdylib_name: None,
                udl_files: vec![source.to_path_buf()],
            });
        }
        Self::from_library(ws, source)
    }

    fn from_library(ws: &Workspace, library: &Utf8Path) -> Result<Self> {
        let build_hint = build_hint(library);
        let bytes = std::fs::read(library).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => {
                anyhow::anyhow!("library {library} not found; build it first with `{build_hint}`")
            }
            _ => anyhow::anyhow!("cannot read library {library}: {err}"),
        })?;
        let items = uniffi_bindgen::macro_metadata::extract_from_bytes(&bytes)
            .with_context(|| format!("cannot read uniffi metadata from {library}"))?;
        if items.is_empty() {
            bail!("{library} holds no uniffi metadata; is it a uniffi component's cdylib?");
        }
        let mut udl_files = Vec::new();
        for item in &items {
            if let Metadata::UdlFile(udl) = item {
                let path = ws
                    .udl_path(&udl.module_path, &udl.file_stub)
                    .with_context(|| format!("{library} was built from {}.udl, but crate {} is not in this workspace", udl.file_stub, udl.module_path))?;
                if !path.is_file() {
                    bail!("{library} was built from {path}, which no longer exists; rebuild with `{build_hint}`");
                }
                check_udl_syntax(&path)?;
                if modified(&path)? > modified(library)? {
                    bail!(
                        "{library} is older than {}; rebuild it with `{build_hint}` before generating",
                        crate::relative_to(&path, &ws.root)
                    );
                }
                udl_files.push(path);
            }
        }
        let cdylib_name = library
            .file_stem()
            .map(|stem| stem.strip_prefix(std::env::consts::DLL_PREFIX).unwrap_or(stem).to_string());
        Ok(Spec { source: library.to_path_buf(), crate_filter: None, cdylib_name, udl_files })
    }

    /// The spec's file names, for messages and headers.
    pub fn display_name(&self) -> String {
        let names: Vec<&str> = self.udl_files.iter().filter_map(|p| p.file_name()).collect();
        if names.is_empty() {
            self.source.file_name().unwrap_or(self.source.as_str()).to_string()
        } else {
            names.join(", ")
        }
    }
}

fn build_hint(library: &Utf8Path) -> &'static str {
    if library.components().any(|c| c.as_str() == "release") {
        "cargo build --release"
    } else {
        "cargo build"
    }
}

fn modified(path: &Utf8Path) -> Result<SystemTime> {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .with_context(|| format!("cannot read the modification time of {path}"))
}

/// Reports a UDL syntax error as `file:line:column`, which uniffi itself does not.
pub fn check_udl_syntax(path: &Utf8Path) -> Result<()> {
    use weedle::Parse;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    let trimmed = text.trim();
    let remaining = match weedle::Definitions::parse(trimmed) {
        Ok((rest, _)) if rest.trim().is_empty() => return Ok(()),
        Ok((rest, _)) => rest,
        Err(weedle::Err::Error(e) | weedle::Err::Failure(e)) => e.input,
        Err(weedle::Err::Incomplete(_)) => "",
    };
    let offset = (text.len() - text.trim_start().len()) + (trimmed.len() - remaining.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let near: String = remaining.lines().next().unwrap_or("").chars().take(40).collect();
    bail!("{path}:{line}:{column}: UDL syntax error near `{}`", near.trim())
}
