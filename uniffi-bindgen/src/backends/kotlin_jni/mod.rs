//! The JNI Kotlin backend: Kotlin with the public API of uniffi's Kotlin bindings, whose
//! calls go through JNI into a generated Rust crate that calls the component through the
//! Rust client of its C ABI (`shared::rust_client`). No JNA: every call is one JNI
//! transition, arguments are converted in Rust, and nothing per call is left for a
//! background thread to free.
//!
//! Output (`templates/kotlin-jni/`): `Cargo.toml` + `build.rs` + `src/lib.rs` (the JNI glue,
//! a `cdylib` named `<namespace>_jni` that links the component's rlib), `src/ffi.rs` (the
//! client) and `kotlin/<package path>/<namespace>.kt` (the Kotlin API).
//!
//! How values cross: primitives and strings are JNI arguments (strings are transcoded from
//! UTF-16 in Rust, refusing unpaired surrogates before the component runs); every other
//! argument is serialized by Kotlin, in uniffi's buffer format, into one `byte[]` per call
//! that Rust reads with the client's `Lift`; results come back as primitives, strings,
//! object handles or a `byte[]`. Errors are thrown from Rust as the Kotlin exceptions
//! uniffi's bindings throw.

pub mod model;

use anyhow::{Context, Result};
use askama::Template;

use crate::backends::GlueCrate;
use crate::ir::Component;
use crate::render::{add, Files};
use crate::shared::reach::{self, Reach};
use crate::shared::rust_client;
use model::*;

/// The template folder, named in every generated file's `@generated` line.
pub const TEMPLATES: &str = "kotlin-jni";
/// The folder of the output under `generated/`.
pub const DIR: &str = "kotlin-jni";
/// The `jni-sys` version the glue is written against (raw JNI: no per-call wrapper cost).
pub const JNI_SYS_VERSION: &str = "0.4";

#[derive(Template)]
#[template(path = "kotlin-jni/lib.rs", escape = "none")]
struct GlueTemplate<'a> {
    m: &'a KtModel<'a>,
}

#[derive(Template)]
#[template(path = "kotlin-jni/bindings.kt", escape = "none")]
struct KotlinTemplate<'a> {
    m: &'a KtModel<'a>,
}

#[derive(Template)]
#[template(path = "kotlin-jni/Cargo.toml", escape = "none")]
struct CargoTemplate<'a> {
    m: &'a KtModel<'a>,
}

#[derive(Template)]
#[template(path = "kotlin-jni/build.rs", escape = "none")]
struct BuildTemplate<'a> {
    m: &'a KtModel<'a>,
}

/// A KDoc comment (`kdoc.kt`).
#[derive(Template)]
#[template(path = "kotlin-jni/kdoc.kt", escape = "none")]
struct KdocTemplate<'a> {
    lines: Vec<String>,
    pad: &'a str,
}

/// A KDoc comment for `doc`, indented by `indent` spaces (the first line unindented) and
/// ending with the indentation of what follows; empty when there is no docstring.
fn kdoc(doc: Option<&str>, indent: usize) -> askama::Result<String> {
    let Some(doc) = doc else { return Ok(String::new()) };
    let lines = doc.lines().map(|line| line.replace("*/", "*&#47;")).collect();
    KdocTemplate { lines, pad: &" ".repeat(indent) }.render()
}

mod filters {
    pub use crate::shared::rust::filters::rust_str;

    /// A KDoc comment for a docstring, indented by `indent` spaces; empty when there is none.
    #[askama::filter_fn]
    pub fn kdoc(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        super::kdoc(doc.as_deref(), indent)
    }

    /// `kdoc` indented like `pad`.
    #[askama::filter_fn]
    pub fn kdoc_pad(doc: &Option<String>, _: &dyn askama::Values, pad: &str) -> askama::Result<String> {
        super::kdoc(doc.as_deref(), pad.len())
    }

    /// A JNI-mangled method name for a native's symbol.
    #[askama::filter_fn]
    pub fn jni_mangle(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::jni_mangle(s))
    }

    /// A Kotlin string literal (quoted; `\\`, `"` and `$` escaped).
    #[askama::filter_fn]
    pub fn kt_str(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        let body: String = s
            .chars()
            .map(|ch| match ch {
                '\\' => "\\\\".to_string(),
                '"' => "\\\"".to_string(),
                '$' => "\\$".to_string(),
                '\n' => "\\n".to_string(),
                c => c.to_string(),
            })
            .collect();
        Ok(format!("\"{body}\""))
    }

    /// A Kotlin string literal, every control character escaped (`model::kotlin_string`).
    #[askama::filter_fn]
    pub fn kotlin_string(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::kotlin_string(s))
    }

    /// A name without Kotlin's backquotes.
    #[askama::filter_fn]
    pub fn unquote(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(s.trim_matches('`').to_string())
    }
}

/// The JNI backend of Kotlin (`--kotlin-backend jni`).
pub struct KotlinJni;

impl crate::backends::Backend for KotlinJni {
    fn name(&self) -> &'static str {
        "jni"
    }

    fn language(&self) -> crate::backends::Language {
        crate::backends::Language::Kotlin
    }

    fn render(&self, cx: &crate::backends::Context<'_>) -> Result<Vec<crate::backends::Output>> {
        let c = cx.component("kotlin")?;
        let settings = GlueCrate::new(cx, &c, DIR, "kotlin-jni")?;
        let remedy = rust_client::load_remedy(cx, &settings);
        let reach = reach::direct_reach(cx, &c, "JNI Kotlin backend");
        let files = render_with(&c, &settings, Some(&remedy), &reach).with_context(|| format!("JNI Kotlin backend, component `{}`", c.ns.name))?;
        Ok(vec![crate::backends::Output { dir: cx.output_dir(DIR), files }])
    }

    fn check(&self, c: &Component) -> Result<Vec<String>> {
        let settings = GlueCrate::placeholder(c, "kotlin-jni");
        render(c, &settings, None)?;
        Ok(Vec::new())
    }
}

/// Renders the crate and the Kotlin source, or names the first construct the backend cannot carry.
pub fn render(c: &Component, settings: &GlueCrate, remedy: Option<&str>) -> Result<Files> {
    render_with(c, settings, remedy, &Reach::none())
}

/// `render`, calling the functions in `reach` directly (see `DirectCall`).
pub fn render_with(c: &Component, settings: &GlueCrate, remedy: Option<&str>, reach: &Reach) -> Result<Files> {
    let mut model = KtModel::new_with(c, settings, reach)?;
    if let Some(remedy) = remedy {
        model.remedy = remedy.to_string();
    }
    let client = rust_client::render(c)?;
    let mut files = Files::new();
    add(&mut files, "Cargo.toml", TEMPLATES, CargoTemplate { m: &model }.render()?);
    add(&mut files, "build.rs", TEMPLATES, BuildTemplate { m: &model }.render()?);
    add(&mut files, "src/lib.rs", TEMPLATES, GlueTemplate { m: &model }.render()?);
    add(&mut files, "src/ffi.rs", "rust-client", client);
    let kt_path = format!("kotlin/{}/{}.kt", model.package.replace('.', "/"), model.namespace);
    add(&mut files, kt_path, TEMPLATES, KotlinTemplate { m: &model }.render()?);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The Kotlin source the backend renders for a UDL spec (namespace `k`) with `uniffi_toml`
    /// as its crate's uniffi.toml, or the one line generation stops with.
    fn kotlin(udl: &str, uniffi_toml: &str) -> Result<String, String> {
        let tmp = tempfile::tempdir().unwrap();
        let krate = tmp.path().join("k");
        std::fs::create_dir_all(krate.join("src")).unwrap();
        std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"k\"\nversion = \"0.1.0\"\n").unwrap();
        let udl_path = krate.join("src").join("k.udl");
        std::fs::write(&udl_path, udl).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let manifest = camino::Utf8PathBuf::from_path_buf(root.join("Cargo.toml")).unwrap();
        let ws = crate::workspace::Workspace::load(Some(&manifest), true).unwrap();
        let source = camino::Utf8Path::from_path(&udl_path).unwrap();
        let mut c = crate::ir::Component::load(ws.bindgen_paths(), source, None, "kotlin").expect("the spec loads");
        // A crate outside the workspace: its uniffi.toml is given as uniffi's loader gives a
        // member's.
        c.ns.config_toml = Some(uniffi_toml.to_string());
        let settings = crate::backends::GlueCrate::placeholder(&c, "kotlin-jni");
        let files = super::render(&c, &settings, None).map_err(|e| format!("{e:#}"))?;
        Ok(files.into_iter().find(|(path, _)| path.extension() == Some("kt")).expect("a Kotlin file").1.text)
    }

    #[test]
    fn custom_types_convert_as_the_kotlin_config_says() {
        let kt = kotlin(
            "namespace k { Link join(Link base, Cents price); };\n[Custom] typedef string Link;\n[Custom] typedef i64 Cents;\n[Custom] typedef u32 Plain;\ndictionary Holder { Plain p; };\n",
            "[bindings.kotlin.custom_types.Link]\ntype_name = \"URI\"\nimports = [\"java.net.URI\", \"java.net.URI\"]\ninto_custom = \"URI({})\"\nfrom_custom = \"{}.toString()\"\n\n[bindings.kotlin.custom_types.Cents]\ntype_name = \"java.math.BigDecimal\"\nlift = \"java.math.BigDecimal.valueOf({}, 2)\"\nlower = \"{}.movePointRight(2).longValueExact()\"\n",
        )
        .unwrap();
        for needed in [
            "\nimport java.net.URI\n",
            "public typealias Link = URI\n",
            "public object FfiConverterTypeLink : FfiConverter<Link> {",
            "val builtinValue = FfiConverterString.read(buf)\n        return URI(builtinValue)",
            "val builtinValue = value.toString()\n        FfiConverterString.write(builtinValue, buf)",
            "public typealias Cents = java.math.BigDecimal\n",
            "return java.math.BigDecimal.valueOf(builtinValue, 2)",
            "val builtinValue = value.movePointRight(2).longValueExact()",
            "FfiConverterTypeLink.write(base, uniffiW)",
            "FfiConverterTypeCents.write(price, uniffiW)",
            // Without an entry, a custom type stays its builtin.
            "public typealias Plain = kotlin.UInt\n",
            "FfiConverterUInt32.write(value.p, buf)",
        ] {
            assert!(kt.contains(needed), "{needed:?} not in the Kotlin");
        }
        assert_eq!(kt.matches("import java.net.URI\n").count(), 1, "one import per name");
        assert!(!kt.contains("FfiConverterTypePlain"), "no converter of its own without an entry");
    }

    #[test]
    fn object_arguments_default_to_a_new_object_or_null() {
        let kt = kotlin(
            "namespace k { string styled(optional Style? style = null); };\ninterface Style { constructor(); string prefix(optional Style? other = null); };\n",
            "",
        )
        .unwrap();
        assert!(kt.contains("fun styled(style: Style? = null): kotlin.String {"), "{kt}");
        assert!(kt.contains("fun prefix(other: Style? = null): kotlin.String"), "{kt}");
    }

    #[test]
    fn a_custom_type_used_as_an_error_is_one_line_saying_what_to_throw() {
        let err = kotlin("namespace k { [Throws=Oops] u32 fail(); };\n[Custom] typedef string Oops;\n", "").unwrap_err();
        assert!(err.contains("custom type `Oops` used as an error is not supported by the JNI backend"), "{err}");
        assert!(err.contains("`#[derive(uniffi::Error)]` enum"), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}
