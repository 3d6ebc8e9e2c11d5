//! The C backend: a self-contained C11 header and a Rust crate that implements it, calling
//! the component through the Rust client of its C ABI (`shared::rust_client`).
//!
//! Output (`templates/c/`), in `generated/c/`: `<namespace>.h` (the C API), `src/lib.rs`
//! (the `extern "C"` functions behind it), `src/ffi.rs` (the client) and a `Cargo.toml`
//! that builds `lib<namespace>_c.so`, which links the component's rlib. Values cross as C
//! structs (strings as UTF-8 pointer + length), errors as a status code plus an error
//! struct, objects as opaque pointers, foreign traits as vtables of C function pointers,
//! async calls with a completion callback. See `docs/c.md`.
//!
//! Beside it, `generated/python-cffi/` holds a CFFI (API mode) Python module over the same
//! header (`templates/c-cffi/`).

pub mod cffi;
pub mod model;

use anyhow::{Context as _, Result};
use askama::Template;

use crate::backends::GlueCrate;
use crate::backends::{Backend, Context, Language, Output};
use crate::ir::Component;
use crate::render::{add, Files};
use crate::shared::rust_client;
use model::{AllocKind, CModel, Decl, PairKind, Pass, Receiver};

/// The template folder, named in every generated file's `@generated` line.
pub const TEMPLATES: &str = "c";
/// The folder of the output under `generated/`.
pub const DIR: &str = "c";

#[derive(Template)]
#[template(path = "c/header.h", escape = "none")]
struct HeaderTemplate<'a> {
    m: &'a CModel<'a>,
}

#[derive(Template)]
#[template(path = "c/lib.rs", escape = "none")]
struct GlueTemplate<'a> {
    m: &'a CModel<'a>,
}

#[derive(Template)]
#[template(path = "c/Cargo.toml", escape = "none")]
struct CargoTemplate<'a> {
    m: &'a CModel<'a>,
    s: &'a GlueCrate,
}

mod filters {
    pub use crate::shared::rust::filters::*;

    /// A `/** ... */` comment for a docstring (nothing when there is none), indented by
    /// `indent` spaces, ending with a newline and the indentation for what follows.
    #[askama::filter_fn]
    pub fn c_doc(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        Ok(match doc {
            Some(d) => super::comment(d, indent, true)?,
            None => String::new(),
        })
    }

    /// A docstring's lines as ` * ` comment lines (no opening or closing), for longer comments.
    #[askama::filter_fn]
    pub fn c_doc_lines(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        let Some(doc) = doc else { return Ok(String::new()) };
        super::comment(doc, indent, false)
    }

}

/// A C doc comment (`c/comment.h`).
#[derive(Template)]
#[template(path = "c/comment.h", escape = "none")]
struct CommentTemplate<'a> {
    lines: Vec<String>,
    single: Option<String>,
    pad: &'a str,
    whole: bool,
}

/// `text` as a comment indented by `indent` spaces (`*/` inside is broken up): a whole
/// `/** ... */` comment ending with the indentation of what follows, or only its lines.
fn comment(text: &str, indent: usize, whole: bool) -> askama::Result<String> {
    let lines: Vec<String> = text.lines().map(|l| l.replace("*/", "* /")).collect();
    let single = if lines.len() == 1 { lines.first().cloned() } else { None };
    CommentTemplate { lines, single, pad: &" ".repeat(indent), whole }.render()
}

/// The C backend (`--language c`).
pub struct C;

impl Backend for C {
    fn name(&self) -> &'static str {
        "c"
    }

    fn language(&self) -> Language {
        Language::C
    }

    fn render(&self, cx: &Context<'_>) -> Result<Vec<Output>> {
        let c = cx.component("c")?;
        let settings = GlueCrate::new(cx, &c, DIR, "c")?;
        let mut model = CModel::new(&c).with_context(|| format!("C backend, component `{}`", c.ns.name))?;
        model.remedy = rust_client::load_remedy(cx, &settings);
        let files = render(&c, &model, &settings).with_context(|| format!("C backend, component `{}`", c.ns.name))?;
        let pyc = cx.component("python")?;
        let cffi_files = cffi::render(&model, &pyc).with_context(|| format!("CFFI module, component `{}`", c.ns.name))?;
        Ok(vec![Output { dir: cx.output_dir(DIR), files }, Output { dir: cx.output_dir(cffi::DIR), files: cffi_files }])
    }

    fn check(&self, c: &Component) -> Result<Vec<String>> {
        let model = CModel::new(c)?;
        rust_client::render(c)?;
        cffi::check(&model)?;
        Ok(model.notes())
    }
}

/// Renders the header and the glue crate.
pub fn render(c: &Component, model: &CModel<'_>, settings: &GlueCrate) -> Result<Files> {
    let client = rust_client::render(c)?;
    let mut files = Files::new();
    add(&mut files, format!("{}.h", model.ns), TEMPLATES, HeaderTemplate { m: model }.render()?);
    add(&mut files, "src/lib.rs", TEMPLATES, GlueTemplate { m: model }.render()?);
    add(&mut files, "src/ffi.rs", "rust-client", client);
    add(&mut files, "Cargo.toml", TEMPLATES, CargoTemplate { m: model, s: settings }.render()?);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The C backend's coverage check of a UDL spec (namespace `c`): its notes, or the one line
    /// generation stops with.
    fn check(udl: &str) -> Result<Vec<String>, String> {
        let tmp = tempfile::tempdir().unwrap();
        let krate = tmp.path().join("c");
        std::fs::create_dir_all(krate.join("src")).unwrap();
        std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"c\"\nversion = \"0.1.0\"\n").unwrap();
        let udl_path = krate.join("src").join("c.udl");
        std::fs::write(&udl_path, udl).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let results = crate::coverage::check(&udl_path, None, root).expect("the spec loads");
        results.into_iter().find(|(label, _)| label == "C").expect("a C column").1
    }

    #[test]
    fn two_items_with_one_c_name_stop_generation_naming_both() {
        let err = check("namespace c { string string_free(); };").unwrap_err();
        assert!(err.contains("`c_string_free`"), "{err}");
        assert!(err.contains("builtin function") && err.contains("function `c_string_free`"), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }

    #[test]
    fn what_c_leaves_out_is_noted() {
        let notes = check(
            "namespace c { u32 add(u32 a, optional u32 b = 1); };
             dictionary Opts { boolean loud = false; };
             interface Counter { constructor(); [Async] u32 later(); };",
        )
        .unwrap();
        assert_eq!(
            notes,
            [
                "argument defaults (C has none: every argument is passed)",
                "field defaults (C initializers give every field)",
            ]
        );
        assert_eq!(check("namespace c { string hello(string name); };").unwrap(), Vec::<String>::new());
    }
}
