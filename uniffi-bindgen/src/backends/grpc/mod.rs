//! The gRPC backend: any component's interface as a gRPC service, with a server crate and a
//! Python client that has the in-process module's API.
//!
//! Output (typed data in [`model`], every emitted line in the templates):
//! - `proto/<namespace>.proto` (`templates/proto/`): the service. Functions, constructors and
//!   methods are rpcs; objects live on the server as `uint64` handles; errors are statuses that
//!   carry the typed error in `grpc-status-details-bin`. Callback interfaces and traits foreign
//!   code implements are the client's objects: the server calls them over one bidirectional
//!   stream per client connection (`UniffiCallbacks`, docs/grpc.md). Notes (what protobuf
//!   cannot carry) are listed in the proto's header and as `note:` lines on stderr.
//! - `grpc-rust/` (`templates/grpc-rust/`): a server crate. `build.rs` compiles the proto with
//!   the vendored protoc and tonic-prost-build; `src/callbacks.rs` has the proxies of the
//!   client's objects; `src/lib.rs` implements the service over the
//!   Rust client of the component's C ABI (`src/ffi.rs`, `templates/rust-client/`), so private
//!   items and proc-macro receivers need nothing special; `src/main.rs` hands it to the
//!   generic server runtime `src/runtime/` (`templates/grpc-rust/runtime/`, the same in every
//!   crate: flags, health, reflection, TLS, limits, deadlines, handle tables, graceful
//!   shutdown). The crate depends on crates.io and the component only, so it builds wherever
//!   it is committed.
//! - `python-grpc/<namespace>_grpc/` (`templates/grpc-python/`): the Python client. Records,
//!   enums, errors and protocols are the in-process module's classes (`templates/python-types/`
//!   over `shared::python::PyModule`); functions and objects check every argument as uniffi's
//!   Python does before any rpc; `__init__.pyi` is the shared type stub; `_pb2` modules come
//!   from the vendored protoc.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use askama::Template;
use camino::Utf8Path;

use crate::ir::Component;
use crate::render::{add, Files, Rendered};
use crate::shared::python::PyModule;
use crate::shared::{python_stub, rust_client};

pub mod model;
mod python;

use model::RpcKind;
pub use model::Model;

/// The folders under `generated/` this backend writes.
pub const PROTO_DIR: &str = "proto";
pub const RUST_DIR: &str = "grpc-rust";
pub const PYTHON_DIR: &str = "python-grpc";

/// Names and choices that are not in the interface itself: `[bindings.grpc]` of uniffi.toml,
/// overridden by `--grpc-package`/`--grpc-service`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Proto package, e.g. `greet.v1`.
    pub package: Option<String>,
    /// Service name, e.g. `Greet`.
    pub service: Option<String>,
    /// `Error.Variant`, `Error` or an object thrown as error → status code name (`NOT_FOUND`).
    pub status: BTreeMap<String, String>,
}

impl Settings {
    /// Reads `[bindings.grpc]` (`package`, `service`, and a `[bindings.grpc.status]` table)
    /// from the component's `uniffi.toml`, if it has one.
    pub fn from_uniffi_toml(path: &Utf8Path) -> Result<Self> {
        if !path.is_file() {
            return Ok(Settings::default());
        }
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
        let doc: toml::Table = toml::from_str(&text).with_context(|| format!("{path} is not valid TOML"))?;
        let Some(grpc) = doc.get("bindings").and_then(|b| b.get("grpc")) else {
            return Ok(Settings::default());
        };
        let grpc = grpc.as_table().with_context(|| format!("{path}: [bindings.grpc] must be a table"))?;
        let mut settings = Settings::default();
        for (key, value) in grpc {
            match key.as_str() {
                "package" | "service" => {
                    let v = value
                        .as_str()
                        .with_context(|| format!("{path}: bindings.grpc.{key} must be a string"))?
                        .to_string();
                    if key == "package" {
                        settings.package = Some(v);
                    } else {
                        settings.service = Some(v);
                    }
                }
                "status" => {
                    let table =
                        value.as_table().with_context(|| format!("{path}: bindings.grpc.status must be a table"))?;
                    for (item, code) in table {
                        let code = code.as_str().with_context(|| {
                            format!("{path}: bindings.grpc.status.{item} must be a status code name such as \"NOT_FOUND\"")
                        })?;
                        settings.status.insert(item.clone(), code.to_string());
                    }
                }
                other => bail!("{path}: unknown key bindings.grpc.{other} (expected package, service or status)"),
            }
        }
        Ok(settings)
    }
}

/// What the server crate needs to know about its surroundings.
pub struct Crate {
    /// Its package (and binary) name: `<component package>-grpc-server`.
    pub package: String,
    /// Its library's name (`greet_grpc_server`).
    pub lib: String,
    pub version: String,
    pub component_package: String,
    /// From the crate to the component crate, `/`-separated.
    pub component_path: String,
    /// From the crate to the proto.
    pub proto_path: String,
    pub uniffi_version: String,
    /// Not a member of the enclosing workspace: the manifest gets a `[workspace]` table of
    /// its own (see `Context::standalone`).
    pub standalone: bool,
    /// What to run when the server finds a component other than the one it was generated for.
    pub remedy: String,
}

/// The server runtime's files (`templates/grpc-rust/runtime/`, no template syntax), emitted
/// unchanged into `src/runtime/` of every server crate.
macro_rules! runtime_files {
    ($($name:ident: $file:tt),* $(,)?) => {
        $(
            #[derive(Template)]
            #[template(path = $file, escape = "none")]
            struct $name;
        )*

        /// `(path in the crate, text)` of each runtime file.
        fn runtime_files() -> Result<Vec<(&'static str, String)>> {
            Ok(vec![$(($file.trim_start_matches("grpc-rust/runtime/"), $name.render()?)),*])
        }
    };
}

runtime_files! {
    RuntimeMod: "grpc-rust/runtime/mod.rs",
    RuntimeCallbacks: "grpc-rust/runtime/callbacks.rs",
    RuntimeCli: "grpc-rust/runtime/cli.rs",
    RuntimeConvert: "grpc-rust/runtime/convert.rs",
    RuntimeHandles: "grpc-rust/runtime/handles.rs",
    RuntimeServer: "grpc-rust/runtime/server.rs",
    RuntimeStatus: "grpc-rust/runtime/status.rs",
}

mod filters {
    pub use crate::shared::rust::filters::*;

    /// `//` comment lines for a docstring at `indent` spaces (nothing when there is none).
    #[askama::filter_fn]
    pub fn proto_doc(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        let Some(doc) = doc else { return Ok(String::new()) };
        let pad = " ".repeat(indent);
        Ok(doc.lines().map(|l| format!("// {l}").trim_end().to_string()).map(|l| format!("{l}\n{pad}")).collect())
    }
}

#[derive(Template)]
#[template(path = "proto/file.proto", escape = "none")]
struct ProtoTemplate<'a> {
    m: &'a Model<'a>,
}

#[derive(Template)]
#[template(path = "grpc-rust/lib.rs", escape = "none")]
struct LibTemplate<'a> {
    m: &'a Model<'a>,
    k: &'a Crate,
}

#[derive(Template)]
#[template(path = "grpc-rust/convert.rs", escape = "none")]
struct ConvertTemplate<'a> {
    m: &'a Model<'a>,
}

#[derive(Template)]
#[template(path = "grpc-rust/callbacks.rs", escape = "none")]
struct CallbacksTemplate<'a> {
    m: &'a Model<'a>,
}

#[derive(Template)]
#[template(path = "grpc-rust/main.rs", escape = "none")]
struct MainTemplate<'a> {
    m: &'a Model<'a>,
    k: &'a Crate,
}

#[derive(Template)]
#[template(path = "grpc-rust/build.rs", escape = "none")]
struct BuildTemplate<'a> {
    m: &'a Model<'a>,
    k: &'a Crate,
}

#[derive(Template)]
#[template(path = "grpc-rust/Cargo.toml", escape = "none")]
struct CargoTemplate<'a> {
    k: &'a Crate,
}

/// The gRPC service: proto, server crate, Python client.
pub struct Grpc;

impl super::Backend for Grpc {
    fn name(&self) -> &'static str {
        "grpc"
    }

    fn language(&self) -> super::Language {
        super::Language::Grpc
    }

    fn check(&self, c: &Component) -> Result<Vec<String>> {
        Self::summary(c)
    }

    fn render(&self, cx: &super::Context<'_>) -> Result<Vec<super::Output>> {
        // The Python names (and renames) of the in-process module, which the client mirrors.
        let c = cx.component("python")?;
        let package = cx.ws.package_for_crate(&c.ns.crate_name).ok();
        let root = match &package {
            Some(p) => p.root.clone(),
            None => cx.spec.source.parent().map(Utf8Path::to_path_buf).unwrap_or_default(),
        };
        let mut settings = Settings::from_uniffi_toml(&root.join("uniffi.toml"))?;
        if let Some(p) = &cx.options.grpc_package {
            settings.package = Some(p.to_string());
        }
        if let Some(s) = &cx.options.grpc_service {
            settings.service = Some(s.to_string());
        }
        let component_package = package.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| c.ns.crate_name.replace('_', "-"));
        let krate = Crate {
            package: format!("{component_package}-grpc-server"),
            lib: format!("{}_grpc_server", component_package.replace('-', "_")),
            version: package.as_ref().map(|p| p.version.clone()).unwrap_or_else(|| "0.1.0".into()),
            component_path: crate::render::relative_path(&cx.dir(RUST_DIR), &root),
            proto_path: crate::render::relative_path(&cx.dir(RUST_DIR), &cx.dir(PROTO_DIR)),
            uniffi_version: cx.ws.uniffi_version().unwrap_or_else(|| "0.32".into()),
            standalone: cx.standalone(RUST_DIR),
            remedy: match crate::backends::GlueCrate::new(cx, &c, RUST_DIR, "grpc-server") {
                Ok(glue) => crate::shared::rust_client::load_remedy(cx, &glue),
                Err(_) => crate::shared::rust_client::remedy(cx.regenerate, "cargo build"),
            },
            component_package,
        };
        let out = render(&c, &settings, &krate).with_context(|| format!("gRPC backend, component `{}`", c.ns.name))?;
        for note in &out.notes {
            eprintln!("note: gRPC: {note}");
        }
        Ok(vec![
            super::Output { dir: cx.output_dir(PROTO_DIR), files: out.proto },
            super::Output { dir: cx.output_dir(RUST_DIR), files: out.rust },
            super::Output { dir: cx.output_dir(PYTHON_DIR), files: out.python },
        ])
    }
}

impl Grpc {
    /// What the coverage table says the backend leaves out of `c`, by kind of construct.
    fn summary(c: &Component) -> Result<Vec<String>> {
        let m = Model::new(c, &Settings::default())?;
        python::ClientModel::new(&m, PyModule::new(c)?)?;
        rust_client::render(c)?;
        Ok(m.summary())
    }
}

/// Everything the backend writes, by output folder.
pub struct GrpcOutput {
    pub proto: Files,
    pub rust: Files,
    pub python: Files,
    pub notes: Vec<String>,
}

/// Renders the proto, the server crate and the Python client (including `_pb2` from protoc).
pub fn render(c: &Component, settings: &Settings, krate: &Crate) -> Result<GrpcOutput> {
    let m = Model::new(c, settings)?;
    let proto_text = ProtoTemplate { m: &m }.render()?;
    let mut proto = Files::new();
    add(&mut proto, m.proto_file.clone(), "proto", proto_text.clone());

    let mut rust = Files::new();
    add(&mut rust, "Cargo.toml", "grpc-rust", CargoTemplate { k: krate }.render()?);
    add(&mut rust, "build.rs", "grpc-rust", BuildTemplate { m: &m, k: krate }.render()?);
    add(&mut rust, "src/lib.rs", "grpc-rust", LibTemplate { m: &m, k: krate }.render()?);
    add(&mut rust, "src/convert.rs", "grpc-rust", ConvertTemplate { m: &m }.render()?);
    if m.has_callbacks() {
        add(&mut rust, "src/callbacks.rs", "grpc-rust", CallbacksTemplate { m: &m }.render()?);
    }
    add(&mut rust, "src/main.rs", "grpc-rust", MainTemplate { m: &m, k: krate }.render()?);
    for (name, text) in runtime_files()? {
        add(&mut rust, format!("src/runtime/{name}"), "grpc-rust/runtime", text);
    }
    add(&mut rust, "src/ffi.rs", "rust-client", rust_client::render(c)?);

    let py = PyModule::new(c)?;
    let client = python::ClientModel::new(&m, py)?;
    let pkg = format!("{}_grpc", m.namespace);
    let mut python = Files::new();
    add(&mut python, format!("{pkg}/__init__.py"), "grpc-python", client.render_init()?);
    add(&mut python, format!("{pkg}/__init__.pyi"), "python-stub", client.render_stub(python_stub::render)?);
    add(&mut python, format!("{pkg}/py.typed"), "grpc-python", String::new());
    add(&mut python, format!("{pkg}/{}_pb2_grpc.py", m.namespace), "grpc-python", client.render_stub_module()?);
    for (name, text) in protoc_python(&m.proto_file, &proto_text)? {
        python.insert(
            format!("{pkg}/{name}").into(),
            Rendered { text, templates: "protoc over uniffi-bindgen/templates/proto".into() },
        );
    }
    Ok(GrpcOutput { proto, rust, python, notes: m.notes.clone() })
}

/// Runs the vendored protoc over the proto (which also validates it) and returns the Python
/// message modules it writes (`<name>_pb2.py`, `<name>_pb2.pyi`).
fn protoc_python(file_name: &str, proto: &str) -> Result<Vec<(String, String)>> {
    let protoc = protoc_bin_vendored::protoc_bin_path().context("no vendored protoc for this platform")?;
    let include = protoc_bin_vendored::include_path().context("no vendored protoc include path")?;
    let scratch = tempfile::Builder::new().prefix("uniffi-bindgen-proto-").tempdir()?;
    let src = scratch.path().join("src");
    let out = scratch.path().join("out");
    std::fs::create_dir_all(&src)?;
    std::fs::create_dir_all(&out)?;
    std::fs::write(src.join(file_name), proto)?;
    let output = std::process::Command::new(&protoc)
        .current_dir(&src)
        .arg("-I.")
        .arg(format!("-I{}", include.display()))
        .arg(format!("--python_out={}", out.display()))
        .arg(format!("--pyi_out={}", out.display()))
        .arg(file_name)
        .output()
        .with_context(|| format!("cannot run the vendored protoc ({})", protoc.display()))?;
    if !output.status.success() {
        bail!(
            "protoc rejected the generated {file_name} (a bug in the gRPC backend): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let stem = file_name.trim_end_matches(".proto");
    let mut files = Vec::new();
    for ext in ["py", "pyi"] {
        let name = format!("{stem}_pb2.{ext}");
        let text = std::fs::read_to_string(out.join(&name)).with_context(|| format!("protoc wrote no {name}"))?;
        files.push((name, text));
    }
    Ok(files)
}
