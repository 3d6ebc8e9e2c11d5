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
    /// A library built from `crate_name` (a package or library name); it must exist and be
    /// newer than its spec and every source file it was built from.
    pub fn for_library(ws: &Workspace, library: &Utf8Path, crate_name: &str) -> Result<Self> {
        let crate_name = ws.crate_name(crate_name);
        let mut spec = Self::from_library(ws, library)?;
        if !spec.has_crate(library, &crate_name)? {
            bail!(
                "{library} holds no uniffi component of crate {crate_name}; pass --crate with the package or library name of the crate that built it"
            );
        }
        spec.crate_filter = Some(crate_name);
        Ok(spec)
    }

    /// Whether the library holds metadata of `crate_name`.
    fn has_crate(&self, library: &Utf8Path, crate_name: &str) -> Result<bool> {
        let bytes = std::fs::read(library).with_context(|| format!("cannot read library {library}"))?;
        let items = uniffi_bindgen::macro_metadata::extract_from_bytes(&bytes)
            .with_context(|| format!("cannot read uniffi metadata from {library}"))?;
        Ok(items.iter().any(|item| item_crate(item).is_some_and(|c| c == crate_name)))
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
        check_sources(library, &build_hint)?;
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

/// The crate an item of metadata belongs to.
fn item_crate(item: &Metadata) -> Option<&str> {
    let module_path = match item {
        Metadata::Namespace(m) => &m.crate_name,
        Metadata::UdlFile(m) => &m.module_path,
        Metadata::Func(m) => &m.module_path,
        Metadata::Object(m) => &m.module_path,
        Metadata::Record(m) => &m.module_path,
        Metadata::Enum(m) => &m.module_path,
        Metadata::CallbackInterface(m) => &m.module_path,
        _ => return None,
    };
    module_path.split("::").next()
}

/// Fails when a file the library was built from (cargo's dep-info, `<library>.d` beside it)
/// is newer than the library: generating from it would describe an interface the sources no
/// longer have. Proc-macro crates have no UDL to compare with, so this is what notices an
/// edited signature there.
fn check_sources(library: &Utf8Path, build_hint: &str) -> Result<()> {
    let Some(stem) = library.file_stem() else { return Ok(()) };
    let dep_info = library.with_file_name(format!("{stem}.d"));
    let Ok(text) = std::fs::read_to_string(&dep_info) else { return Ok(()) };
    let built = modified(library)?;
    for source in dep_info_sources(&text) {
        let path = Utf8PathBuf::from(source);
        // Source files only: cargo does not relink for every manifest edit it lists here
        // (a workspace's members list, say), and a library is not stale for those.
        if !matches!(path.extension(), Some("rs" | "udl")) {
            continue;
        }
        // Sources that are gone are cargo's business (it rebuilds); compare what exists.
        let Ok(metadata) = std::fs::metadata(&path) else { continue };
        if metadata.modified().is_ok_and(|m| m > built) {
            bail!("{library} is older than {path}, which it is built from; rebuild it with `{build_hint}` before generating");
        }
    }
    Ok(())
}

/// The prerequisites of the first rule of a Makefile-style dep-info file (`target: a b\ c`).
fn dep_info_sources(text: &str) -> Vec<String> {
    let Some(line) = text.lines().find(|l| !l.trim().is_empty()) else { return Vec::new() };
    // The target ends at the first `: ` (paths may contain `:` on Windows, not followed by a space).
    let Some((_, rest)) = line.split_once(": ") else { return Vec::new() };
    let mut sources = Vec::new();
    let mut current = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            ' ' => {
                if !current.is_empty() {
                    sources.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(ch),
        }
    }
    if !current.is_empty() {
        sources.push(current);
    }
    sources
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

#[cfg(test)]
mod tests {
    use super::dep_info_sources;

    #[test]
    fn dep_info() {
        let text = "/t/debug/libx.so: /c/src/lib.rs /c/src/my\\ mod.rs /c/build.rs\n\n/c/src/lib.rs:\n";
        assert_eq!(dep_info_sources(text), ["/c/src/lib.rs", "/c/src/my mod.rs", "/c/build.rs"]);
        assert!(dep_info_sources("").is_empty());
    }
}
