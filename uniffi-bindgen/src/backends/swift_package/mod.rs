//! Lays uniffi's flat Swift output out as a Swift package:
//! `Package.swift`, `Sources/<Module>/<Module>.swift`, and a system-library target
//! `Sources/<Module>FFI/` holding the C header and a module map that links the cdylib.

use anyhow::{bail, Context, Result};
use askama::Template;
use camino::{Utf8Path, Utf8PathBuf};

use crate::render::{Files, Rendered};
use crate::spec::Spec;

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct PackageManifest<'a> {
    module: &'a str,
    ffi_module: &'a str,
    cdylib: &'a str,
}

#[derive(Template)]
#[template(path = "swift/module.modulemap", escape = "none")]
struct ModuleMap<'a> {
    module: &'a str,
    ffi_module: &'a str,
    header: &'a str,
    cdylib: &'a str,
}

pub fn package(flat: Files, spec: &Spec) -> Result<Files> {
    let cdylib = spec
        .cdylib_name
        .as_deref()
        .context("a Swift package needs the cdylib's name; generate from the library, not a UDL file")?;
    let one = |ext: &str| -> Result<(&Utf8PathBuf, &Rendered)> {
        let mut found = flat.iter().filter(|(p, _)| p.extension() == Some(ext));
        match (found.next(), found.next()) {
            (Some(item), None) => Ok(item),
            (None, _) => bail!("uniffi produced no .{ext} file for Swift"),
            (Some(_), Some(_)) => bail!(
                "uniffi produced several .{ext} files for Swift (several components?); generate them with SOURCE and --out-dir instead"
            ),
        }
    };
    let (swift_path, swift_file) = one("swift")?;
    let (header_path, header_file) = one("h")?;
    let (modulemap_path, _) = one("modulemap")?;
    let module = stem(swift_path)?;
    let ffi_module = stem(modulemap_path)?;
    let header = header_path.file_name().context("header has no name")?;

    let manifest = PackageManifest { module, ffi_module, cdylib }.render()?;
    let modulemap = ModuleMap { module, ffi_module, header, cdylib }.render()?;

    let mut files = Files::new();
    crate::render::add(&mut files, "Package.swift", "swift", manifest);
    files.insert(format!("Sources/{module}/{module}.swift").into(), swift_file.clone());
    files.insert(format!("Sources/{ffi_module}/{header}").into(), header_file.clone());
    crate::render::add(&mut files, format!("Sources/{ffi_module}/module.modulemap"), "swift", modulemap);
    Ok(files)
}

fn stem(path: &Utf8Path) -> Result<&str> {
    path.file_stem().with_context(|| format!("{path} has no file name"))
}
