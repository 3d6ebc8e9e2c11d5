//! The cargo workspace: its root, target dir, uniffi components, and where their specs live.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};
use uniffi_bindgen::cargo_metadata::CrateConfigSupplier;
use uniffi_bindgen::{BindgenPaths, BindgenPathsLayer};

/// A workspace package that builds a uniffi cdylib.
#[derive(Debug, Clone)]
pub struct Component {
    pub package_name: String,
    /// The library target's name, as in `lib<name>.so`: uniffi's crate name for it.
    pub lib_name: String,
    /// The folder of the package's `Cargo.toml`.
    pub root: Utf8PathBuf,
}

pub struct Workspace {
    pub root: Utf8PathBuf,
    pub target_dir: Utf8PathBuf,
    pub components: Vec<Component>,
    /// Crate name (underscored) → crate root, for every package cargo knows.
    crate_roots: HashMap<String, Utf8PathBuf>,
    metadata: cargo_metadata::Metadata,
}

impl Workspace {
    pub fn load(manifest_path: Option<&Utf8Path>, no_deps: bool) -> Result<Self> {
        let mut cmd = cargo_metadata::MetadataCommand::new();
        if let Some(path) = manifest_path {
            cmd.manifest_path(path);
        }
        if no_deps {
            cmd.no_deps();
        }
        let metadata = cmd
            .exec()
            .context("cannot read the cargo workspace (`cargo metadata` failed); run this inside the workspace or pass --manifest-path")?;
        let mut crate_roots = HashMap::new();
        for package in &metadata.packages {
            let Some(root) = package.manifest_path.parent() else { continue };
            for target in package.targets.iter().filter(|t| t.is_lib() || t.is_cdylib()) {
                crate_roots.insert(target.name.replace('-', "_"), root.to_path_buf());
            }
            crate_roots.insert(package.name.replace('-', "_"), root.to_path_buf());
        }
        let candidates: Vec<&cargo_metadata::Package> = metadata
            .workspace_packages()
            .into_iter()
            .filter(|p| p.dependencies.iter().any(|d| d.name == "uniffi"))
            .filter(|p| p.targets.iter().any(|t| t.is_cdylib()))
            .collect();
        // A crate that wraps another component (like the generated native Python extension)
        // is not a component itself.
        let components = candidates
            .iter()
            .filter(|p| !p.dependencies.iter().any(|d| candidates.iter().any(|c| c.name.as_str() == d.name)))
            .filter_map(|p| {
                let lib = p.targets.iter().find(|t| t.is_cdylib())?;
                Some(Component {
                    package_name: p.name.to_string(),
                    lib_name: lib.name.replace('-', "_"),
                    root: p.manifest_path.parent()?.to_path_buf(),
                })
            })
            .collect();
        Ok(Workspace {
            root: metadata.workspace_root.clone(),
            target_dir: metadata.target_directory.clone(),
            components,
            crate_roots,
            metadata,
        })
    }

    /// The component to generate for: the one named (by package or library name), else the
    /// one whose folder holds the current directory, else the workspace's root package when it
    /// is a component, else the only component.
    pub fn main_component(&self, name: Option<&str>) -> Result<&Component> {
        let names = || {
            self.components
                .iter()
                .map(|c| if c.package_name.replace('-', "_") == c.lib_name {
                    c.package_name.clone()
                } else {
                    format!("package {} (library {})", c.package_name, c.lib_name)
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(name) = name {
            let wanted = name.replace('-', "_");
            return self
                .components
                .iter()
                .find(|c| c.package_name.replace('-', "_") == wanted || c.lib_name == wanted)
                .with_context(|| match self.components.is_empty() {
                    true => format!("no uniffi component named {name}: no package of the workspace at {} builds a uniffi cdylib", self.root),
                    false => format!("no uniffi component named {name} (package or library name) in the workspace at {}; components: {}", self.root, names()),
                });
        }
        let cwd = std::env::current_dir().ok().and_then(|d| Utf8PathBuf::from_path_buf(d).ok());
        if let Some(cwd) = cwd {
            let here = self
                .components
                .iter()
                .filter(|c| cwd.starts_with(&c.root))
                .max_by_key(|c| c.root.components().count());
            if let Some(here) = here {
                return Ok(here);
            }
        }
        let root = self.metadata.root_package().map(|p| p.name.to_string());
        if let Some(root) = root.and_then(|r| self.components.iter().find(|c| c.package_name == r)) {
            return Ok(root);
        }
        match self.components.as_slice() {
            [one] => Ok(one),
            [] => bail!(
                "no workspace package builds a uniffi cdylib (crate-type \"cdylib\" and a `uniffi` dependency) in {}",
                self.root
            ),
            _ => bail!("several uniffi components ({}); run this in one's folder or pass --crate <package or library name>", names()),
        }
    }

    /// uniffi's crate name for `name`, a package or library name of the workspace (the library
    /// name, with `_`); `name` itself with `_` when no package matches.
    pub fn crate_name(&self, name: &str) -> String {
        let wanted = name.replace('-', "_");
        self.metadata
            .packages
            .iter()
            .find(|p| p.name.replace('-', "_") == wanted)
            .and_then(|p| p.targets.iter().find(|t| t.is_lib() || t.is_cdylib()))
            .map(|t| t.name.replace('-', "_"))
            .unwrap_or(wanted)
    }

    /// Whether this is the workspace of the CLI itself, where it runs as
    /// `cargo run -p uniffi-bindgen --`.
    pub fn is_bindgen_workspace(&self) -> bool {
        self.metadata
            .workspace_packages()
            .iter()
            .any(|p| p.name.as_str() == "uniffi-bindgen" && p.targets.iter().any(|t| t.name == "greet_bindgen"))
    }

    /// The cargo profile directory a library was built into (`debug`, `release`, ...).
    pub fn profile_of(&self, library: &Utf8Path) -> Option<String> {
        let relative = library.strip_prefix(&self.target_dir).ok()?;
        relative.components().next().map(|c| c.as_str().to_string())
    }

    /// `target/<profile>/lib<name>.so` (or the platform's equivalent).
    pub fn library_path(&self, component: &Component, profile: &str) -> Utf8PathBuf {
        self.target_dir.join(profile).join(format!(
            "{}{}{}",
            std::env::consts::DLL_PREFIX,
            component.lib_name,
            std::env::consts::DLL_SUFFIX
        ))
    }

    /// Paths for uniffi's loader: our crate roots first, allowing the UDL at the crate root.
    pub fn bindgen_paths(&self) -> BindgenPaths {
        let mut paths = BindgenPaths::default();
        paths.add_layer(UdlAtRootLayer {
            roots: self.crate_roots.clone(),
            fallback: CrateConfigSupplier::from(self.metadata.clone()),
        });
        paths
    }

    /// The cargo package that builds `crate_name`.
    pub fn package_for_crate(&self, crate_name: &str) -> Result<PackageInfo> {
        self.metadata
            .packages
            .iter()
            .find(|p| {
                p.name.replace('-', "_") == crate_name
                    || p.targets.iter().any(|t| t.is_lib() && t.name.replace('-', "_") == crate_name)
            })
            .and_then(|p| {
                Some(PackageInfo {
                    name: p.name.to_string(),
                    version: p.version.to_string(),
                    root: p.manifest_path.parent()?.to_path_buf(),
                    manifest: p.manifest_path.clone(),
                    links_as_rust: p
                        .targets
                        .iter()
                        .any(|t| t.kind.iter().any(|k| matches!(k.to_string().as_str(), "lib" | "rlib"))),
                })
            })
            .with_context(|| format!("crate {crate_name} is not in this cargo workspace"))
    }

    /// Whether the workspace's manifest lists `dir` (absolute) as a member. A generated crate
    /// that is not a member gets its own `[workspace]` table, so that it builds with
    /// `cargo build --manifest-path <dir>/Cargo.toml` inside the user's workspace without
    /// an edit to their manifest.
    pub fn lists_member(&self, dir: &Utf8Path) -> bool {
        let Ok(relative) = dir.strip_prefix(&self.root) else { return false };
        let Ok(text) = std::fs::read_to_string(self.root.join("Cargo.toml")) else { return false };
        let Ok(manifest) = text.parse::<toml::Table>() else { return false };
        let Some(workspace) = manifest.get("workspace").and_then(|w| w.as_table()) else { return false };
        let patterns = |key: &str| -> Vec<String> {
            workspace
                .get(key)
                .and_then(|m| m.as_array())
                .map(|a| a.iter().filter_map(|v| v.as_str()).map(str::to_string).collect())
                .unwrap_or_default()
        };
        let relative = relative.as_str();
        patterns("members").iter().any(|p| glob_matches(p, relative))
            && !patterns("exclude").iter().any(|p| glob_matches(p, relative))
    }

    /// The version of `uniffi` the workspace resolved, if any.
    pub fn uniffi_version(&self) -> Option<String> {
        self.metadata.packages.iter().find(|p| p.name.as_str() == "uniffi").map(|p| p.version.to_string())
    }

    pub fn udl_path(&self, crate_name: &str, file_stub: &str) -> Option<Utf8PathBuf> {
        self.bindgen_paths().get_udl_path(crate_name, file_stub)
    }
}

pub struct PackageInfo {
    pub name: String,
    pub version: String,
    pub root: Utf8PathBuf,
    pub manifest: Utf8PathBuf,
    /// Its library builds as a Rust library too (crate-type `lib` or `rlib`), which a glue
    /// crate needs to depend on it.
    pub links_as_rust: bool,
}

/// uniffi looks for `<crate>/src/<name>.udl`; this also accepts `<crate>/<name>.udl`,
/// where `build.rs` projects (this one included) often keep the spec.
struct UdlAtRootLayer {
    roots: HashMap<String, Utf8PathBuf>,
    fallback: CrateConfigSupplier,
}

impl BindgenPathsLayer for UdlAtRootLayer {
    fn get_crate_root(&self, crate_name: &str) -> Option<Utf8PathBuf> {
        self.roots.get(crate_name).cloned().or_else(|| self.fallback.get_crate_root(crate_name))
    }

    fn get_udl_path(&self, crate_name: &str, udl_name: &str) -> Option<Utf8PathBuf> {
        let root = self.get_crate_root(crate_name)?;
        let file = format!("{udl_name}.udl");
        [root.join("src").join(&file), root.join(&file)]
            .into_iter()
            .find(|p| p.is_file())
            .or_else(|| Some(root.join("src").join(file)))
    }
}

/// Cargo's member patterns: `/`-separated segments, each may hold `*` and `?`.
fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.trim_end_matches('/').split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    pattern.len() == path.len() && pattern.iter().zip(&path).all(|(p, s)| segment_matches(p.as_bytes(), s.as_bytes()))
}

fn segment_matches(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => segment_matches(&p[1..], s) || (!s.is_empty() && segment_matches(p, &s[1..])),
        (Some(b'?'), Some(_)) => segment_matches(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => segment_matches(&p[1..], &s[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::glob_matches;

    #[test]
    fn member_patterns() {
        assert!(glob_matches("generated/c", "generated/c"));
        assert!(glob_matches("fixtures/*/generated/c", "fixtures/x/generated/c"));
        assert!(glob_matches("bindings/*", "bindings/python-native"));
        assert!(!glob_matches("bindings/*", "bindings/python-native/src"));
        assert!(!glob_matches("generated/c", "generated/cffi"));
        assert!(glob_matches("./generated/c/", "generated/c"));
    }
}
