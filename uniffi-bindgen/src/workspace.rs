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
    /// The library target's name, as in `lib<name>.so`.
    pub lib_name: String,
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
                Some(Component { package_name: p.name.to_string(), lib_name: lib.name.replace('-', "_") })
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

    /// The component `generated/` is for: the one named, else the workspace's root package
    /// when it is a component, else the only component.
    pub fn main_component(&self, name: Option<&str>) -> Result<&Component> {
        let names = || self.components.iter().map(|c| c.package_name.as_str()).collect::<Vec<_>>().join(", ");
        if let Some(name) = name {
            return self
                .components
                .iter()
                .find(|c| c.package_name == name || c.lib_name == name.replace('-', "_"))
                .with_context(|| format!("no uniffi component named {name} in this workspace (components: {})", names()));
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
            _ => bail!("several uniffi components ({}); pass --crate to pick one", names()),
        }
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
                })
            })
            .with_context(|| format!("crate {crate_name} is not in this cargo workspace"))
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
