//! uniffi's own Python, Kotlin and Swift bindings, rendered by `uniffi_bindgen` into a
//! private temporary directory and read back. In the project layout, Swift becomes a Swift
//! package (see `swift_package`).

use anyhow::{Context as _, Result};
use camino::Utf8Path;
use uniffi_bindgen::bindings::{generate_with_bindgen_paths, GenerateOptions, TargetLanguage};

use super::{Backend, Context, Language, Output};
use crate::render::{Files, QuietStdout, Rendered};

/// uniffi's bindings for one language.
pub struct Uniffi(pub Language);

impl Backend for Uniffi {
    fn name(&self) -> &'static str {
        "uniffi"
    }

    fn language(&self) -> Language {
        self.0
    }

    fn render(&self, cx: &Context<'_>) -> Result<Vec<Output>> {
        if self.0 != Language::Python {
            // What uniffi's own generator would panic on, as one line instead.
            self.check(&cx.component(self.0.name())?)?;
        }
        let mut files = render(cx, self.0)?;
        if self.0 == Language::Python {
            // The module's type stub (uniffi writes none): the API from the spec, for mypy.
            let c = cx.component("python")?;
            let py = crate::shared::python::PyModule::new(&c)?;
            crate::render::add(&mut files, format!("{}.pyi", c.ns.name), "python-stub", crate::shared::python_stub::render(&py)?);
        }
        let files = if cx.project_layout && self.0 == Language::Swift {
            super::swift_package::package(files, cx.spec)?
        } else {
            files
        };
        Ok(vec![Output { dir: cx.output_dir(self.0.name()), files }])
    }

    /// uniffi's bindings carry every construct uniffi has, except where a language has no
    /// way to express it (checked by uniffi's own Python pipeline).
    fn check(&self, c: &crate::ir::Component) -> Result<Vec<String>> {
        if self.0 == Language::Python {
            crate::shared::python::PyModule::new(c)?;
        } else if let Some(t) = c.custom_types().find(|t| t.self_type.is_used_as_error) {
            // uniffi 0.32's ComponentInterface (Kotlin, Swift) panics on it: "unknown throw type".
            anyhow::bail!(
                "custom type `{}` used as an error: uniffi's {} generator stops at it (unknown throw type); throw a `#[derive(uniffi::Error)]` enum or an error object instead",
                t.name,
                crate::coverage::capitalize(self.0.name())
            );
        }
        Ok(Vec::new())
    }

    /// The Python module loads the library from its own folder.
    fn stages_libraries(&self) -> bool {
        self.0 == Language::Python
    }

    fn stage(&self, cx: &Context<'_>, library: &Utf8Path) -> Result<()> {
        if self.0 == Language::Python && cx.project_layout {
            crate::output::stage_library(library, &cx.dir(self.0.name()))?;
        }
        Ok(())
    }
}

fn target(language: Language) -> TargetLanguage {
    match language {
        Language::Python => TargetLanguage::Python,
        Language::Kotlin => TargetLanguage::Kotlin,
        Language::Swift => TargetLanguage::Swift,
        other => unreachable!("uniffi has no {} bindings", other.name()),
    }
}

fn render(cx: &Context<'_>, language: Language) -> Result<Files> {
    let scratch = tempfile::Builder::new()
        .prefix("uniffi-bindgen-")
        .tempdir()
        .context("cannot create a temporary directory to render into")?;
    let scratch_dir = Utf8Path::from_path(scratch.path()).context("temporary directory path is not UTF-8")?;
    let options = GenerateOptions {
        languages: vec![target(language)],
        source: cx.spec.source.clone(),
        out_dir: scratch_dir.to_path_buf(),
        config_override: cx.options.config.clone(),
        format: cx.options.format,
        crate_filter: cx.spec.crate_filter.clone(),
        // Crate roots come from our own layer, which already ran `cargo metadata` once.
        metadata_no_deps: true,
    };
    let generated = {
        let _quiet = QuietStdout::new();
        generate_with_bindgen_paths(options, cx.ws.bindgen_paths())
    };
    generated.with_context(|| format!("generating {} bindings from {}", language.name(), cx.spec.display_name()))?;
    let templates = format!("uniffi_bindgen {} (bindings/{}/templates)", uniffi_bindgen_version(), language.name());
    let mut files = Files::new();
    read_tree(scratch_dir, scratch_dir, &templates, &mut files)?;
    Ok(files)
}

/// The version of uniffi_bindgen this CLI links.
fn uniffi_bindgen_version() -> &'static str {
    // Pinned in the workspace (`=0.32.2`); kept in one place.
    "0.32.2"
}

fn read_tree(root: &Utf8Path, dir: &Utf8Path, templates: &str, files: &mut Files) -> Result<()> {
    for entry in dir.read_dir_utf8().with_context(|| format!("cannot list {dir}"))? {
        let path = entry?.into_path();
        if path.is_dir() {
            read_tree(root, &path, templates, files)?;
        } else {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read rendered {path}"))?;
            files.insert(
                crate::relative_to(&path, root).to_path_buf(),
                Rendered { text, templates: templates.to_string() },
            );
        }
    }
    Ok(())
}
