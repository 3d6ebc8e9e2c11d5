//! Writing a rendered tree: compare it with what is on disk (the drift check), or write it
//! so that an error leaves the output directory as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};


/// Files to put under `root`; the folders named in `managed` hold nothing else.
pub struct Plan {
    root: Utf8PathBuf,
    files: BTreeMap<Utf8PathBuf, String>,
    managed: BTreeSet<Utf8PathBuf>,
}

/// One way the tree on disk differs from the plan.
#[derive(Debug, PartialEq, Eq)]
pub enum Drift {
    Differs(Utf8PathBuf),
    Missing(Utf8PathBuf),
    NotGenerated(Utf8PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Differs(p) => write!(f, "{} differs from what the spec generates", shown(p)),
            Drift::Missing(p) => write!(f, "{} is missing", shown(p)),
            Drift::NotGenerated(p) => write!(f, "{} is no longer generated and would be removed", shown(p)),
        }
    }
}

/// A path relative to the current directory where possible.
fn shown(path: &Utf8Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| Utf8PathBuf::from_path_buf(cwd).ok())
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(|p| p.to_string()))
        .unwrap_or_else(|| path.to_string())
}

/// Files in managed folders that are built or cached, never generated.
fn is_unmanaged(path: &Utf8Path) -> bool {
    let native = matches!(path.extension(), Some("so" | "dylib" | "dll" | "pyc"));
    let cache = path.components().any(|c| matches!(c.as_str(), "__pycache__" | ".build" | ".swiftpm"));
    native || cache
}

impl Plan {
    pub fn new(root: Utf8PathBuf) -> Self {
        Plan { root, files: BTreeMap::new(), managed: BTreeSet::new() }
    }

    /// Adds `files` under `dir` (relative to the root), which then holds only them.
    pub fn add_dir(&mut self, dir: &str, files: BTreeMap<Utf8PathBuf, String>) {
        let dir = Utf8PathBuf::from(dir);
        for (path, text) in files {
            self.files.insert(self.root.join(&dir).join(path), text);
        }
        self.managed.insert(self.root.join(dir));
    }

    /// Adds `files` under `dir` without claiming the folder (other files may stay there).
    pub fn add_files(&mut self, dir: &str, files: BTreeMap<Utf8PathBuf, String>) {
        for (path, text) in files {
            self.files.insert(self.root.join(dir).join(path), text);
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every difference between the plan and the disk, in path order.
    pub fn drift(&self) -> Result<Vec<Drift>> {
        let mut drift = Vec::new();
        for (path, text) in &self.files {
            match std::fs::read(path) {
                Ok(bytes) if bytes == text.as_bytes() => {}
                Ok(_) => drift.push(Drift::Differs(path.clone())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.push(Drift::Missing(path.clone())),
                Err(e) => bail!("cannot read {path}: {e}"),
            }
        }
        drift.extend(self.extra_files()?.into_iter().map(Drift::NotGenerated));
        Ok(drift)
    }

    /// Writes every changed file and removes files no longer generated. Returns how many
    /// files changed.
    pub fn write(&self) -> Result<usize> {
        let changed = self.write_without_pruning()?;
        let extra = self.extra_files()?;
        for path in &extra {
            std::fs::remove_file(path).with_context(|| format!("cannot remove stale {path}"))?;
        }
        Ok(changed + extra.len())
    }

    /// Writes every changed file: all go to temporary files beside their targets first, and
    /// only when every one of them is written are they renamed into place. On an error,
    /// the temporary files are removed and no target has changed.
    pub fn write_without_pruning(&self) -> Result<usize> {
        let changed: Vec<(&Utf8PathBuf, &String)> = self
            .files
            .iter()
            .filter(|(path, text)| std::fs::read(path).map_or(true, |bytes| bytes != text.as_bytes()))
            .collect();
        for (path, _) in &changed {
            if path.is_dir() {
                bail!("cannot write {path}: a directory is in the way");
            }
        }
        let mut staged: Vec<(Utf8PathBuf, &Utf8PathBuf)> = Vec::new();
        let result = (|| -> Result<()> {
            for (path, text) in &changed {
                let parent = path.parent().context("output path has no parent")?;
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create output directory {parent}"))?;
                let temp = parent.join(format!(".{}.uniffi-bindgen-tmp", path.file_name().unwrap_or("out")));
                staged.push((temp.clone(), path));
                write_file(&temp, text.as_bytes()).with_context(|| format!("cannot write {path}"))?;
            }
            Ok(())
        })();
        if let Err(err) = result {
            for (temp, _) in &staged {
                let _ = std::fs::remove_file(temp);
            }
            return Err(err);
        }
        for (temp, path) in &staged {
            std::fs::rename(temp, path).with_context(|| format!("cannot move {temp} to {path}"))?;
        }
        Ok(changed.len())
    }

    fn extra_files(&self) -> Result<Vec<Utf8PathBuf>> {
        let mut extra = Vec::new();
        for dir in &self.managed {
            if dir.is_dir() {
                self.collect_extra(dir, &mut extra)?;
            }
        }
        Ok(extra)
    }

    fn collect_extra(&self, dir: &Utf8Path, extra: &mut Vec<Utf8PathBuf>) -> Result<()> {
        for entry in dir.read_dir_utf8().with_context(|| format!("cannot list {dir}"))? {
            let path = entry?.into_path();
            if is_unmanaged(&path) {
                continue;
            }
            if path.is_dir() {
                self.collect_extra(&path, extra)?;
            } else if !self.files.contains_key(&path) {
                extra.push(path);
            }
        }
        Ok(())
    }
}

fn write_file(path: &Utf8Path, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if let Some(target) = std::env::var_os("UNIFFI_BINDGEN_FAIL_WRITE") {
        // Test hook: fail writing the file with this name, to prove nothing is left half-done.
        if path.file_name().is_some_and(|n| n.contains(&*target.to_string_lossy())) {
            return Err(std::io::Error::other("injected failure (UNIFFI_BINDGEN_FAIL_WRITE)"));
        }
    }
    std::fs::write(path, bytes)
}

/// Copies the built library next to the Python module so `import` finds it there.
/// The copy is untracked (see `.gitignore`); the drift check ignores it.
pub fn stage_library(library: &Utf8Path, python_dir: &Utf8Path) -> Result<()> {
    let name = library.file_name().context("library path has no file name")?;
    stage_file(library, &python_dir.join(name))
}

/// Copies `from` to `to` through a temporary file, so `to` is never half-written.
pub fn stage_file(from: &Utf8Path, to: &Utf8Path) -> Result<()> {
    let dir = to.parent().context("staging path has no parent")?;
    let temp = dir.join(format!(".{}.uniffi-bindgen-tmp", to.file_name().unwrap_or("staged")));
    std::fs::copy(from, &temp).with_context(|| format!("cannot copy {from} into {dir}"))?;
    std::fs::rename(&temp, to).with_context(|| format!("cannot move {temp} to {to}"))?;
    Ok(())
}
