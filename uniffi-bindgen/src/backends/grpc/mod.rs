//! The gRPC backend: the component's interface as a gRPC service.
//!
//! Output, all derived from the `ComponentInterface` (nothing per component):
//! - `proto/<namespace>.proto`: the service definition. Namespace functions become rpcs
//!   (UpperCamelCase), arguments become request fields numbered from 1, the return value
//!   reply field 1 (`value`); records become messages, flat enums proto enums (value 0 is
//!   `<ENUM>_UNSPECIFIED`, rejected), data enums and errors messages with a `oneof kind`,
//!   optionals `optional`, sequences `repeated`, maps `map`, timestamps and durations the
//!   well-known types. Objects become server-side handles (`uint64`): each constructor, method
//!   and `Display` is an rpc `<Object><Member>`, `<Object>Release` frees a handle.
//! - `grpc-rust/service.rs`: Rust glue implementing the tonic service trait over the component
//!   crate, to be `include!`d by a crate that provides `crate::runtime` (the handle table and
//!   conversions of the well-known types; see the `greet-grpc-server` crate).
//! - `python-grpc/<namespace>_grpc/`: `<namespace>_pb2.py`/`.pyi` from the vendored protoc,
//!   `<namespace>_pb2_grpc.py` (the client stub, shaped like grpcio-tools' output) and an
//!   `__init__.py` with the same functions, classes and exceptions as the in-process module.
//!
//! Errors become gRPC statuses: the code is chosen per error variant (configurable, default
//! `INVALID_ARGUMENT`), the message is the error's `Display`, and the variant itself travels
//! in `grpc-status-details-bin` as a `google.rpc.Status` whose details hold the error message
//! packed in an `Any`, so clients rebuild the typed exception.
//!
//! Foreign-implemented traits (`[Trait, WithForeign]`, callback interfaces) cannot be called
//! across the network: they, and every member that takes or returns one, are left out and
//! listed (in the proto's header comment and on stderr). Anything else this backend cannot map
//! stops generation with an error naming the construct.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use anyhow::{bail, Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use uniffi_bindgen::interface::{Argument, AsType, ComponentInterface, Enum, Field, Object, Record, Type, UniffiTrait};
use uniffi_meta::{DefaultValueMetadata, LiteralMetadata, ObjectImpl};

use crate::render::Files;

mod legacy_python;
mod rust_type;

/// The folders under `generated/` this backend writes.
pub const PROTO_DIR: &str = "proto";
pub const RUST_DIR: &str = "grpc-rust";
pub const PYTHON_DIR: &str = "python-grpc";

/// The status codes an error variant may map to (`tonic::Code` names, SHOUTY as in grpc).
const CODES: &[(&str, &str)] = &[
    ("CANCELLED", "Cancelled"),
    ("UNKNOWN", "Unknown"),
    ("INVALID_ARGUMENT", "InvalidArgument"),
    ("DEADLINE_EXCEEDED", "DeadlineExceeded"),
    ("NOT_FOUND", "NotFound"),
    ("ALREADY_EXISTS", "AlreadyExists"),
    ("PERMISSION_DENIED", "PermissionDenied"),
    ("RESOURCE_EXHAUSTED", "ResourceExhausted"),
    ("FAILED_PRECONDITION", "FailedPrecondition"),
    ("ABORTED", "Aborted"),
    ("OUT_OF_RANGE", "OutOfRange"),
    ("UNIMPLEMENTED", "Unimplemented"),
    ("INTERNAL", "Internal"),
    ("UNAVAILABLE", "Unavailable"),
    ("DATA_LOSS", "DataLoss"),
    ("UNAUTHENTICATED", "Unauthenticated"),
];

/// Names and choices that are not in the interface itself.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Proto package, e.g. `greet.v1`.
    pub package: Option<String>,
    /// Service name, e.g. `Greet`.
    pub service: Option<String>,
    /// `Error.Variant` or `Error` → status code name (`NOT_FOUND`, ...).
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

fn check_proto_ident(what: &str, value: &str, dotted: bool) -> Result<()> {
    let ok = !value.is_empty()
        && value.split('.').all(|part| {
            !part.is_empty()
                && part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        && (dotted || !value.contains('.'));
    if !ok {
        bail!("gRPC {what} {value:?} is not a valid protobuf {}", if dotted { "package name (dot-separated identifiers)" } else { "identifier" });
    }
    Ok(())
}

// ---- the model the templates render -------------------------------------------------------

pub struct Model {
    pub namespace: String,
    pub proto_file: String,
    pub package: String,
    pub service: String,
    /// The module tonic generates the service trait in (`greet_server`).
    pub service_module: String,
    pub doc: Vec<String>,
    pub imports: Vec<String>,
    pub left_out: Vec<String>,
    pub records: Vec<MessageModel>,
    pub enums: Vec<EnumModel>,
    pub unions: Vec<UnionModel>,
    pub rpcs: Vec<Rpc>,
    pub objects: Vec<ObjectModel>,
    /// Rust conversion functions (records, enums, errors), in order.
    pub rust_convert: Vec<String>,
    /// Python conversion functions, in order.
    pub py_convert: Vec<String>,
    /// python-native's pure-Python types, reused so the classes are the same.
    pub py: legacy_python::Model,
    /// (fully qualified proto name of an error, Python lifting function).
    pub py_errors: Vec<(String, String)>,
    pub py_functions: Vec<PyCallable>,
    pub py_objects: Vec<PyObject>,
    pub all_exports: Vec<String>,
}

pub struct FieldModel {
    pub doc: Vec<String>,
    pub decl: String,
}

pub struct MessageModel {
    pub name: String,
    pub doc: Vec<String>,
    pub fields: Vec<FieldModel>,
}

pub struct EnumModel {
    pub name: String,
    pub doc: Vec<String>,
    pub values: Vec<(Vec<String>, String)>,
    pub unspecified: String,
}

pub struct UnionModel {
    pub name: String,
    pub doc: Vec<String>,
    pub variants: Vec<MessageModel>,
    /// `Variant variant = N;` lines of the oneof.
    pub cases: Vec<String>,
}

pub struct Rpc {
    pub name: String,
    pub doc: Vec<String>,
    pub request: MessageModel,
    pub reply: MessageModel,
    /// The Rust method of the tonic service trait.
    pub method: String,
    /// The Rust handler body.
    pub body: String,
}

pub struct ObjectModel {
    pub name: String,
    pub field: String,
    pub rust_type: String,
}

pub struct PyCallable {
    pub name: String,
    pub doc: String,
    pub is_async: bool,
    pub decorator: String,
    pub params: String,
    pub body: String,
}

pub struct PyObject {
    pub name: String,
    /// The rpc that frees a handle (for objects the garbage collector drops).
    pub release_rpc: String,
    pub has_init: bool,
    pub doc: String,
    pub members: Vec<PyCallable>,
}

// ---- templates -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "proto/file.proto", escape = "none")]
struct ProtoTemplate<'a> {
    m: &'a Model,
}

#[derive(Template)]
#[template(path = "grpc-rust/service.rs", escape = "none")]
struct RustTemplate<'a> {
    m: &'a Model,
}

#[derive(Template)]
#[template(path = "grpc-python/__init__.py", escape = "none")]
struct PyInitTemplate<'a> {
    m: &'a Model,
}

#[derive(Template)]
#[template(path = "grpc-python/pb2_grpc.py", escape = "none")]
struct PyStubTemplate<'a> {
    m: &'a Model,
}

/// Maps the interface; fails on the first construct the backend cannot carry.
pub fn model(ci: &ComponentInterface, settings: &Settings) -> Result<Model> {
    let namespace = ci.namespace().to_string();
    let package = settings.package.clone().unwrap_or_else(|| format!("{namespace}.v1"));
    let service = settings.service.clone().unwrap_or_else(|| namespace.to_upper_camel_case());
    check_proto_ident("package", &package, true)?;
    check_proto_ident("service", &service, false)?;
    for (item, code) in &settings.status {
        if !CODES.iter().any(|(c, _)| c == code) {
            bail!("status code {code:?} for {item} is not a gRPC status code name (e.g. \"NOT_FOUND\")");
        }
        let (error, variant) = item.split_once('.').map_or((item.as_str(), None), |(e, v)| (e, Some(v)));
        let known = ci.enum_definitions().iter().any(|e| {
            e.name() == error
                && ci.is_name_used_as_error(error)
                && variant.is_none_or(|v| e.variants().iter().any(|x| x.name() == v))
        });
        if !known {
            bail!("bindings.grpc.status names {item}, which is not an error or error variant of the interface");
        }
    }
    let py = legacy_python::model(ci).context("the gRPC Python client reuses the native backend's Python types")?;
    let mut g = Gen {
        ci,
        krate: format!("::{}", ci.crate_name()),
        package: package.clone(),
        settings,
        imports: BTreeSet::new(),
        left_out: Vec::new(),
    };
    let m = g
        .model(namespace.clone(), package, service, py)
        .with_context(|| format!("gRPC backend, component `{namespace}`"))?;
    Ok(m)
}

/// Renders the proto, the Rust glue and the Python client (including `_pb2` from protoc).
pub fn render(model: &Model) -> Result<BTreeMap<&'static str, Files>> {
    let proto = ProtoTemplate { m: model }.render()?;
    let mut out = BTreeMap::new();
    let mut proto_files = Files::new();
    crate::render::add(&mut proto_files, model.proto_file.clone(), "proto", proto.clone());
    out.insert(PROTO_DIR, proto_files);

    let mut rust = Files::new();
    crate::render::add(&mut rust, "service.rs", "grpc-rust", RustTemplate { m: model }.render()?);
    out.insert(RUST_DIR, rust);

    let pkg = format!("{}_grpc", model.namespace);
    let mut py = Files::new();
    crate::render::add(&mut py, format!("{pkg}/__init__.py"), "grpc-python", PyInitTemplate { m: model }.render()?);
    crate::render::add(&mut py, format!("{pkg}/{}_pb2_grpc.py", model.namespace), "grpc-python", PyStubTemplate { m: model }.render()?);
    for (name, text) in protoc_python(&model.proto_file, &proto)? {
        py.insert(
            format!("{pkg}/{name}").into(),
            crate::render::Rendered { text, templates: "protoc over uniffi-bindgen/templates/proto".into() },
        );
    }
    out.insert(PYTHON_DIR, py);
    Ok(out)
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

// ---- mapping ---------------------------------------------------------------------------------

struct Gen<'a> {
    ci: &'a ComponentInterface,
    krate: String,
    package: String,
    settings: &'a Settings,
    imports: BTreeSet<String>,
    left_out: Vec<String>,
}

/// `// ` comment lines for a docstring.
fn proto_doc(doc: Option<&str>) -> Vec<String> {
    doc.map(|d| d.lines().map(|l| format!("// {l}").trim_end().to_string()).collect()).unwrap_or_default()
}

fn py_doc(doc: Option<&str>) -> String {
    doc.unwrap_or("").replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// Why a type cannot cross the network, if it cannot.
enum Unremotable {
    ForeignTrait(String),
}

fn is_message_kind(ty: &Type) -> bool {
    matches!(ty, Type::Record { .. } | Type::Timestamp | Type::Duration)
}

impl Gen<'_> {
    fn is_flat_enum(&self, name: &str) -> bool {
        self.ci.get_enum_definition(name).is_some_and(|e| !e.variants().iter().any(|v| v.has_fields()))
    }

    /// A type carried as a proto message (so prost wraps singular fields in `Option`).
    fn is_message(&self, ty: &Type) -> bool {
        match ty {
            Type::Enum { name, .. } => !self.is_flat_enum(name),
            Type::Box { inner_type } => self.is_message(inner_type),
            other => is_message_kind(other),
        }
    }

    /// Foreign traits and the like, which are left out of the remote surface.
    fn unremotable(&self, ty: &Type) -> Option<Unremotable> {
        match ty {
            Type::Object { name, imp, .. } if *imp != ObjectImpl::Struct => Some(Unremotable::ForeignTrait(name.clone())),
            Type::CallbackInterface { name, .. } => Some(Unremotable::ForeignTrait(name.clone())),
            Type::Optional { inner_type } | Type::Sequence { inner_type } | Type::Box { inner_type } => {
                self.unremotable(inner_type)
            }
            Type::Map { key_type, value_type } => self.unremotable(key_type).or_else(|| self.unremotable(value_type)),
            _ => None,
        }
    }

    /// The proto type of a singular (not optional/repeated/map) value.
    fn proto_scalar(&mut self, ty: &Type) -> Result<String> {
        Ok(match ty {
            Type::UInt8 | Type::UInt16 | Type::UInt32 => "uint32".into(),
            Type::Int8 | Type::Int16 | Type::Int32 => "int32".into(),
            Type::UInt64 => "uint64".into(),
            Type::Int64 => "int64".into(),
            Type::Float32 => "float".into(),
            Type::Float64 => "double".into(),
            Type::Boolean => "bool".into(),
            Type::String => "string".into(),
            Type::Bytes => "bytes".into(),
            Type::Timestamp => {
                self.imports.insert("google/protobuf/timestamp.proto".into());
                "google.protobuf.Timestamp".into()
            }
            Type::Duration => {
                self.imports.insert("google/protobuf/duration.proto".into());
                "google.protobuf.Duration".into()
            }
            Type::Box { inner_type } => self.proto_scalar(inner_type)?,
            Type::Enum { name, .. } if self.ci.is_name_used_as_error(name) => {
                bail!("error type `{name}` used as a value cannot be mapped to gRPC")
            }
            Type::Record { name, .. } | Type::Enum { name, .. } => name.clone(),
            Type::Object { imp: ObjectImpl::Struct, .. } => "uint64".into(),
            Type::Optional { .. } => bail!("nested optional {ty:?} cannot be mapped to protobuf"),
            Type::Sequence { .. } => bail!("nested sequence {ty:?} cannot be mapped to protobuf (repeated fields do not nest)"),
            Type::Map { .. } => bail!("nested map {ty:?} cannot be mapped to protobuf"),
            other => bail!("type {other:?} cannot be mapped to gRPC"),
        })
    }

    /// `[label ]type` of a field holding `ty`.
    fn proto_field_type(&mut self, ty: &Type) -> Result<String> {
        Ok(match ty {
            Type::Optional { inner_type } => format!("optional {}", self.proto_scalar(inner_type)?),
            Type::Sequence { inner_type } => format!("repeated {}", self.proto_scalar(inner_type)?),
            Type::Map { key_type, value_type } => {
                let key = match &**key_type {
                    Type::String | Type::Boolean | Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64
                    | Type::Int8 | Type::Int16 | Type::Int32 | Type::Int64 => self.proto_scalar(key_type)?,
                    other => bail!("map key type {other:?} cannot be a protobuf map key (integers, bool or string only)"),
                };
                format!("map<{key}, {}>", self.proto_scalar(value_type)?)
            }
            other => self.proto_scalar(other)?,
        })
    }

    fn field(&mut self, name: &str, ty: &Type, number: usize, doc: Option<&str>) -> Result<FieldModel> {
        let t = self.proto_field_type(ty).with_context(|| format!("field `{name}`"))?;
        Ok(FieldModel { doc: proto_doc(doc), decl: format!("{t} {name} = {number};") })
    }

    // -- Rust conversions: expressions that may use `?` (inside fns returning Result<_, Status>)

    fn rust_type(&self, ty: &Type) -> Result<String> {
        rust_type::rust_type(&self.krate, ty).with_context(|| format!("type {ty:?} cannot be mapped to gRPC"))
    }

    /// Types whose prost form is the Rust type itself, in both directions.
    fn rs_identity(&self, ty: &Type) -> bool {
        match ty {
            Type::UInt32 | Type::Int32 | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean
            | Type::String | Type::Bytes => true,
            Type::Optional { inner_type } | Type::Sequence { inner_type } => self.rs_identity(inner_type),
            Type::Map { key_type, value_type } => self.rs_identity(key_type) && self.rs_identity(value_type),
            _ => false,
        }
    }

    /// A bare value (not a field) from its prost form.
    fn rs_from_value(&self, ty: &Type, e: &str, what: &str) -> Result<String> {
        Ok(match ty {
            Type::UInt8 | Type::UInt16 | Type::Int8 | Type::Int16 => format!(
                "crate::runtime::narrow::<{}, _>({e}, {what:?})?",
                self.rust_type(ty)?
            ),
            Type::UInt32 | Type::Int32 | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean
            | Type::String | Type::Bytes => e.to_string(),
            Type::Timestamp => format!("crate::runtime::timestamp_from_pb({e}, {what:?})?"),
            Type::Duration => format!("crate::runtime::duration_from_pb({e}, {what:?})?"),
            Type::Box { inner_type } => self.rs_from_value(inner_type, e, what)?,
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_from_pb_{name}(h, {e})?"),
            Type::Object { name, .. } => format!("h.{}.get({e})?", name.to_snake_case()),
            other => bail!("type {other:?} cannot be mapped to gRPC"),
        })
    }

    /// A bare value into its prost form.
    fn rs_to_value(&self, ty: &Type, e: &str) -> Result<String> {
        Ok(match ty {
            Type::UInt8 | Type::UInt16 => format!("u32::from({e})"),
            Type::Int8 | Type::Int16 => format!("i32::from({e})"),
            Type::UInt32 | Type::Int32 | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean
            | Type::String | Type::Bytes => e.to_string(),
            Type::Timestamp => format!("crate::runtime::timestamp_to_pb({e})"),
            Type::Duration => format!("crate::runtime::duration_to_pb({e})"),
            Type::Box { inner_type } => self.rs_to_value(inner_type, e)?,
            Type::Enum { name, .. } if self.is_flat_enum(name) => format!("_to_pb_{name}({e}) as i32"),
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_to_pb_{name}(h, {e})?"),
            Type::Object { name, .. } => format!("h.{}.insert({e})?", name.to_snake_case()),
            other => bail!("type {other:?} cannot be mapped to gRPC"),
        })
    }

    /// A field's value from its prost form (messages arrive as `Option`).
    fn rs_from_field(&self, ty: &Type, e: &str, what: &str) -> Result<String> {
        if self.rs_identity(ty) {
            return Ok(e.to_string());
        }
        Ok(match ty {
            Type::Optional { inner_type } => format!(
                "match {e} {{ Some(v) => Some({}), None => None }}",
                self.rs_from_value(inner_type, "v", what)?
            ),
            Type::Sequence { inner_type } => format!(
                "{e}.into_iter().map(|v| Ok::<_, ::tonic::Status>({})).collect::<Result<Vec<_>, ::tonic::Status>>()?",
                self.rs_from_value(inner_type, "v", what)?
            ),
            Type::Map { key_type, value_type } => format!(
                "{e}.into_iter().map(|(k, v)| Ok::<_, ::tonic::Status>(({}, {}))).collect::<Result<::std::collections::HashMap<_, _>, ::tonic::Status>>()?",
                self.rs_from_value(key_type, "k", what)?,
                self.rs_from_value(value_type, "v", what)?
            ),
            t if self.is_message(t) => self.rs_from_value(
                t,
                &format!("{e}.ok_or_else(|| crate::runtime::missing({what:?}))?"),
                what,
            )?,
            t => self.rs_from_value(t, e, what)?,
        })
    }

    fn rs_to_field(&self, ty: &Type, e: &str) -> Result<String> {
        if self.rs_identity(ty) {
            return Ok(e.to_string());
        }
        Ok(match ty {
            Type::Optional { inner_type } => {
                format!("match {e} {{ Some(v) => Some({}), None => None }}", self.rs_to_value(inner_type, "v")?)
            }
            Type::Sequence { inner_type } => format!(
                "{e}.into_iter().map(|v| Ok::<_, ::tonic::Status>({})).collect::<Result<Vec<_>, ::tonic::Status>>()?",
                self.rs_to_value(inner_type, "v")?
            ),
            Type::Map { key_type, value_type } => format!(
                "{e}.into_iter().map(|(k, v)| Ok::<_, ::tonic::Status>(({}, {}))).collect::<Result<::std::collections::HashMap<_, _>, ::tonic::Status>>()?",
                self.rs_to_value(key_type, "k")?,
                self.rs_to_value(value_type, "v")?
            ),
            t if self.is_message(t) => format!("Some({})", self.rs_to_value(t, e)?),
            t => self.rs_to_value(t, e)?,
        })
    }

    // -- Python conversions

    fn py_lift_value(&self, ty: &Type, e: &str) -> Result<String> {
        Ok(match ty {
            Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64 | Type::Int8 | Type::Int16 | Type::Int32
            | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean | Type::String | Type::Bytes => e.to_string(),
            Type::Timestamp => format!("_lift_timestamp({e})"),
            Type::Duration => format!("{e}.ToTimedelta()"),
            Type::Box { inner_type } => self.py_lift_value(inner_type, e)?,
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_lift_{name}({e})"),
            Type::Object { name, .. } => format!("{name}._uniffi_from_handle({e})"),
            other => bail!("type {other:?} cannot be mapped to gRPC"),
        })
    }

    /// `msg` is the message expression, `field` the field name.
    fn py_lift_field(&self, ty: &Type, msg: &str, field: &str) -> Result<String> {
        let e = format!("{msg}.{field}");
        Ok(match ty {
            Type::Optional { inner_type } => {
                format!("({} if {msg}.HasField({field:?}) else None)", self.py_lift_value(inner_type, &e)?)
            }
            Type::Sequence { inner_type } => format!("[{} for v in {e}]", self.py_lift_value(inner_type, "v")?),
            Type::Map { key_type, value_type } => format!(
                "{{{}: {} for k, v in {e}.items()}}",
                self.py_lift_value(key_type, "k")?,
                self.py_lift_value(value_type, "v")?
            ),
            t => self.py_lift_value(t, &e)?,
        })
    }

    fn py_lower_value(&self, ty: &Type, e: &str) -> Result<String> {
        Ok(match ty {
            Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64 | Type::Int8 | Type::Int16 | Type::Int32
            | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean | Type::String | Type::Bytes => e.to_string(),
            Type::Timestamp => format!("_lower_timestamp({e})"),
            Type::Duration => format!("_lower_duration({e})"),
            Type::Box { inner_type } => self.py_lower_value(inner_type, e)?,
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_lower_{name}({e})"),
            Type::Object { name, .. } => format!("_handle_of({e}, {name})"),
            other => bail!("type {other:?} cannot be mapped to gRPC"),
        })
    }

    fn py_lower_field(&self, ty: &Type, e: &str) -> Result<String> {
        Ok(match ty {
            Type::Optional { inner_type } => {
                format!("(None if {e} is None else {})", self.py_lower_value(inner_type, e)?)
            }
            Type::Sequence { inner_type } => format!("[{} for v in {e}]", self.py_lower_value(inner_type, "v")?),
            Type::Map { key_type, value_type } => format!(
                "{{{}: {} for k, v in {e}.items()}}",
                self.py_lower_value(key_type, "k")?,
                self.py_lower_value(value_type, "v")?
            ),
            t => self.py_lower_value(t, e)?,
        })
    }

    fn py_literal(&self, default: &DefaultValueMetadata) -> Result<String> {
        let DefaultValueMetadata::Literal(lit) = default else {
            bail!("`default` (unspecified) default arguments cannot be mapped to the gRPC Python client");
        };
        Ok(match lit {
            LiteralMetadata::Boolean(b) => (if *b { "True" } else { "False" }).into(),
            LiteralMetadata::String(s) => format!("{s:?}"),
            LiteralMetadata::UInt(v, _, _) => v.to_string(),
            LiteralMetadata::Int(v, _, _) => v.to_string(),
            LiteralMetadata::Float(v, _) => v.clone(),
            LiteralMetadata::None => "None".into(),
            LiteralMetadata::Enum(variant, Type::Enum { name, .. }) => format!("{name}.{}", variant.to_shouty_snake_case()),
            other => bail!("default argument {other:?} cannot be mapped to the gRPC Python client"),
        })
    }

    // -- the interface --

    fn model(&mut self, namespace: String, package: String, service: String, py: legacy_python::Model) -> Result<Model> {
        let ci = self.ci;
        if !ci.iter_external_types().collect::<Vec<_>>().is_empty() {
            bail!("external types cannot be mapped to gRPC");
        }
        for cb in ci.callback_interface_definitions() {
            self.left_out.push(format!("callback interface `{}`: implemented by the caller, so it cannot run on the server", cb.name()));
        }
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut claim = |name: &str, what: &str| -> Result<()> {
            if !taken.insert(name.to_string()) {
                bail!("{what} `{name}` collides with another generated protobuf name");
            }
            Ok(())
        };
        let mut rust_convert = Vec::new();
        let mut py_convert = Vec::new();
        let mut records = Vec::new();
        for r in ci.record_definitions() {
            claim(r.name(), "record")?;
            records.push(self.record(r, &mut rust_convert, &mut py_convert).with_context(|| format!("record `{}`", r.name()))?);
        }
        let mut enums = Vec::new();
        let mut unions = Vec::new();
        let mut py_errors = Vec::new();
        for e in ci.enum_definitions() {
            claim(e.name(), "enum")?;
            let is_error = ci.is_name_used_as_error(e.name());
            if is_error {
                unions.push(self.union(e, true, &mut rust_convert, &mut py_convert).with_context(|| format!("error `{}`", e.name()))?);
                py_errors.push((format!("{}.{}", self.package, e.name()), format!("_lift_err_{}", e.name())));
            } else if self.is_flat_enum(e.name()) {
                enums.push(self.flat_enum(e, &mut rust_convert, &mut py_convert).with_context(|| format!("enum `{}`", e.name()))?);
            } else {
                unions.push(self.union(e, false, &mut rust_convert, &mut py_convert).with_context(|| format!("enum `{}`", e.name()))?);
            }
        }

        let mut rpcs = Vec::new();
        let mut py_functions = Vec::new();
        for f in ci.function_definitions() {
            let args: Vec<Argument> = f.arguments().into_iter().cloned().collect();
            let call = Call::Function { name: f.name().to_string(), is_async: f.is_async() };
            let rpc_name = f.name().to_upper_camel_case();
            if let Some((rpc, py)) = self
                .callable(&rpc_name, f.docstring(), &args, f.return_type(), f.throws_type(), &call)
                .with_context(|| format!("function `{}`", f.name()))?
            {
                rpcs.push(rpc);
                py_functions.push(py);
            }
        }

        let mut objects = Vec::new();
        let mut py_objects = Vec::new();
        for o in ci.object_definitions() {
            if o.is_trait_interface() {
                self.left_out.push(if o.has_callback_interface() {
                    format!("trait interface `{}`: implemented by the caller, so it cannot run on the server", o.name())
                } else {
                    format!("trait interface `{}`: trait objects are not remoted (only concrete interfaces become handles)", o.name())
                });
                continue;
            }
            let (obj_rpcs, py_obj) = self.object(o).with_context(|| format!("interface `{}`", o.name()))?;
            rpcs.extend(obj_rpcs);
            py_objects.push(py_obj);
            objects.push(ObjectModel {
                name: o.name().to_string(),
                field: o.name().to_snake_case(),
                rust_type: format!("{}::{}", self.krate, o.name()),
            });
        }
        for rpc in &rpcs {
            claim(&rpc.request.name, "request message")?;
            claim(&rpc.reply.name, "reply message")?;
        }
        let mut seen_rpcs = BTreeSet::new();
        for rpc in &rpcs {
            if !seen_rpcs.insert(rpc.name.clone()) {
                bail!("rpc `{}` is generated twice (rename one of the members it comes from)", rpc.name);
            }
        }
        if rpcs.is_empty() {
            bail!("nothing in the interface can be called over gRPC");
        }
        let mut all_exports: Vec<String> = py_functions
            .iter()
            .map(|f| f.name.clone())
            .chain(py_objects.iter().map(|o| o.name.clone()))
            .chain(py.records.iter().map(|r| r.py_name.clone()))
            .chain(py.enums.iter().map(|e| e.py_name.clone()))
            .chain(py.errors.iter().map(|e| e.py_name.clone()))
            .chain(["connect".to_string(), "close".to_string(), "Connection".to_string()])
            .collect();
        all_exports.sort();
        Ok(Model {
            proto_file: format!("{namespace}.proto"),
            namespace,
            package,
            service_module: service.to_snake_case(),
            service,
            doc: proto_doc(ci.namespace_docstring()),
            imports: self.imports.iter().cloned().collect(),
            left_out: self.left_out.clone(),
            records,
            enums,
            unions,
            rpcs,
            objects,
            rust_convert,
            py_convert,
            py,
            py_errors,
            py_functions,
            py_objects,
            all_exports,
        })
    }

    fn record(&mut self, r: &Record, rust: &mut Vec<String>, py: &mut Vec<String>) -> Result<MessageModel> {
        let name = r.name();
        let k = self.krate.clone();
        let mut fields = Vec::new();
        for (i, f) in r.fields().iter().enumerate() {
            if let Some(Unremotable::ForeignTrait(t)) = self.unremotable(&f.as_type()) {
                bail!("field `{}` holds the foreign trait `{t}`, which cannot cross the network", f.name());
            }
            fields.push(self.field(f.name(), &f.as_type(), i + 1, f.docstring())?);
        }
        let mut s = String::new();
        writeln!(s, "#[allow(unused_variables)]\nfn _from_pb_{name}(h: &Handles, v: pb::{name}) -> Result<{k}::{name}, ::tonic::Status> {{")?;
        writeln!(s, "    Ok({k}::{name} {{")?;
        for f in r.fields() {
            let what = format!("{name}.{}", f.name());
            writeln!(s, "        {}: {},", f.name(), self.rs_from_field(&f.as_type(), &format!("v.{}", f.name()), &what)?)?;
        }
        writeln!(s, "    }})\n}}\n")?;
        writeln!(s, "#[allow(unused_variables)]\nfn _to_pb_{name}(h: &Handles, v: {k}::{name}) -> Result<pb::{name}, ::tonic::Status> {{")?;
        writeln!(s, "    Ok(pb::{name} {{")?;
        for f in r.fields() {
            writeln!(s, "        {}: {},", f.name(), self.rs_to_field(&f.as_type(), &format!("v.{}", f.name()))?)?;
        }
        writeln!(s, "    }})\n}}")?;
        rust.push(s);

        let mut p = String::new();
        writeln!(p, "def _lift_{name}(m):")?;
        writeln!(p, "    return {name}(")?;
        for f in r.fields() {
            writeln!(p, "        {}={},", f.name(), self.py_lift_field(&f.as_type(), "m", f.name())?)?;
        }
        writeln!(p, "    )\n\n")?;
        writeln!(p, "def _lower_{name}(v):")?;
        writeln!(p, "    if not isinstance(v, {name}):")?;
        writeln!(p, "        raise TypeError(\"expected {name}, got {{}}\".format(type(v).__name__))")?;
        writeln!(p, "    return _pb.{name}(")?;
        for f in r.fields() {
            writeln!(p, "        {}={},", f.name(), self.py_lower_field(&f.as_type(), &format!("v.{}", f.name()))?)?;
        }
        writeln!(p, "    )")?;
        py.push(p);
        Ok(MessageModel { name: name.to_string(), doc: proto_doc(r.docstring()), fields })
    }

    fn flat_enum(&mut self, e: &Enum, rust: &mut Vec<String>, py: &mut Vec<String>) -> Result<EnumModel> {
        let name = e.name();
        let k = &self.krate;
        let prefix = name.to_shouty_snake_case();
        let values = e
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| (proto_doc(v.docstring()), format!("{prefix}_{} = {};", v.name().to_shouty_snake_case(), i + 1)))
            .collect();
        let mut s = String::new();
        writeln!(s, "#[allow(unused_variables)]\nfn _from_pb_{name}(h: &Handles, v: i32) -> Result<{k}::{name}, ::tonic::Status> {{")?;
        writeln!(s, "    match v {{")?;
        for (i, v) in e.variants().iter().enumerate() {
            writeln!(s, "        {} => Ok({k}::{name}::{}),", i + 1, v.name())?;
        }
        writeln!(s, "        other => Err(::tonic::Status::invalid_argument(format!(\"{{other}} is not a {name} value\"))),")?;
        writeln!(s, "    }}\n}}\n")?;
        writeln!(s, "fn _to_pb_{name}(v: {k}::{name}) -> pb::{name} {{")?;
        writeln!(s, "    match v {{")?;
        for v in e.variants() {
            writeln!(s, "        {k}::{name}::{} => pb::{name}::{},", v.name(), v.name().to_upper_camel_case())?;
        }
        if e.is_non_exhaustive() {
            writeln!(s, "        _ => pb::{name}::Unspecified,")?;
        }
        writeln!(s, "    }}\n}}")?;
        rust.push(s);
        let mut p = String::new();
        writeln!(p, "def _lift_{name}(v):\n    return {name}(v - 1)\n\n")?;
        writeln!(p, "def _lower_{name}(v):")?;
        writeln!(p, "    if not isinstance(v, {name}):")?;
        writeln!(p, "        raise TypeError(\"expected {name}, got {{}}\".format(type(v).__name__))")?;
        writeln!(p, "    return v.value + 1")?;
        py.push(p);
        Ok(EnumModel { name: name.to_string(), doc: proto_doc(e.docstring()), values, unspecified: format!("{prefix}_UNSPECIFIED = 0;") })
    }

    /// Data enums and errors: a message with a `oneof kind` of one message per variant.
    fn union(&mut self, e: &Enum, is_error: bool, rust: &mut Vec<String>, py: &mut Vec<String>) -> Result<UnionModel> {
        let name = e.name();
        let k = self.krate.clone();
        let module = name.to_snake_case();
        let flat_error = is_error && e.is_flat();
        let mut variants = Vec::new();
        let mut cases = Vec::new();
        for (i, v) in e.variants().iter().enumerate() {
            if v.has_nameless_fields() {
                bail!("variant `{name}::{}` has unnamed fields, which cannot be mapped to protobuf", v.name());
            }
            if v.name().to_upper_camel_case() == "Kind" {
                bail!("variant `{name}::Kind` collides with the generated oneof `kind`");
            }
            let mut fields = Vec::new();
            if !flat_error {
                for (j, f) in v.fields().iter().enumerate() {
                    if let Some(Unremotable::ForeignTrait(t)) = self.unremotable(&f.as_type()) {
                        bail!("variant `{name}::{}` holds the foreign trait `{t}`, which cannot cross the network", v.name());
                    }
                    fields.push(self.field(f.name(), &f.as_type(), j + 1, f.docstring())?);
                }
            }
            variants.push(MessageModel { name: v.name().to_upper_camel_case(), doc: proto_doc(v.docstring()), fields });
            cases.push(format!("{} {} = {};", v.name().to_upper_camel_case(), v.name().to_snake_case(), i + 1));
        }
        let mut s = String::new();
        let fields_of = |v: &uniffi_bindgen::interface::Variant| -> Vec<Field> { if flat_error { vec![] } else { v.fields().to_vec() } };
        if !is_error {
            writeln!(s, "#[allow(unused_variables)]\nfn _from_pb_{name}(h: &Handles, v: pb::{name}) -> Result<{k}::{name}, ::tonic::Status> {{")?;
            writeln!(s, "    match v.kind {{")?;
            for v in e.variants() {
                let vn = v.name().to_upper_camel_case();
                writeln!(s, "        Some(pb::{module}::Kind::{vn}(x)) => Ok({k}::{name}::{} {{", v.name())?;
                for f in fields_of(v) {
                    let what = format!("{name}.{}.{}", v.name(), f.name());
                    writeln!(s, "            {}: {},", f.name(), self.rs_from_field(&f.as_type(), &format!("x.{}", f.name()), &what)?)?;
                }
                writeln!(s, "        }}),")?;
            }
            writeln!(s, "        None => Err(crate::runtime::missing(\"{name}.kind\")),")?;
            writeln!(s, "    }}\n}}\n")?;
        }
        writeln!(s, "#[allow(unused_variables)]\nfn _to_pb_{name}(h: &Handles, v: {k}::{name}) -> Result<pb::{name}, ::tonic::Status> {{")?;
        writeln!(s, "    let kind = match v {{")?;
        for v in e.variants() {
            let vn = v.name().to_upper_camel_case();
            let fs = fields_of(v);
            if flat_error {
                writeln!(s, "        {k}::{name}::{} {{ .. }} => pb::{module}::Kind::{vn}(pb::{module}::{vn} {{}}),", v.name())?;
                continue;
            }
            let names: Vec<&str> = fs.iter().map(|f| f.name()).collect();
            writeln!(s, "        {k}::{name}::{} {{ {} }} => pb::{module}::Kind::{vn}(pb::{module}::{vn} {{", v.name(), names.join(", "))?;
            for f in &fs {
                writeln!(s, "            {}: {},", f.name(), self.rs_to_field(&f.as_type(), f.name())?)?;
            }
            writeln!(s, "        }}),")?;
        }
        if e.is_non_exhaustive() {
            writeln!(s, "        _ => return Err(::tonic::Status::internal(\"unknown {name} variant\")),")?;
        }
        writeln!(s, "    }};\n    Ok(pb::{name} {{ kind: Some(kind) }})\n}}")?;
        if is_error {
            writeln!(s, "\nfn _status_{name}(h: &Handles, e: {k}::{name}) -> ::tonic::Status {{")?;
            writeln!(s, "    let message = e.to_string();")?;
            writeln!(s, "    let code = match &e {{")?;
            for v in e.variants() {
                let code = self
                    .settings
                    .status
                    .get(&format!("{name}.{}", v.name()))
                    .or_else(|| self.settings.status.get(name))
                    .map(String::as_str)
                    .unwrap_or("INVALID_ARGUMENT");
                let rust_code = CODES.iter().find(|(c, _)| *c == code).map(|(_, r)| *r).unwrap_or("InvalidArgument");
                writeln!(s, "        {k}::{name}::{} {{ .. }} => ::tonic::Code::{rust_code},", v.name())?;
            }
            if e.is_non_exhaustive() {
                writeln!(s, "        _ => ::tonic::Code::Unknown,")?;
            }
            writeln!(s, "    }};")?;
            writeln!(s, "    match _to_pb_{name}(h, e) {{")?;
            writeln!(s, "        Ok(detail) => crate::runtime::status_with_detail(code, message, \"{}.{name}\", &detail),", self.package)?;
            writeln!(s, "        Err(status) => status,\n    }}\n}}")?;
        }
        rust.push(s);

        let mut p = String::new();
        let fn_name = if is_error { format!("_lift_err_{name}") } else { format!("_lift_{name}") };
        if is_error {
            writeln!(p, "def {fn_name}(data, message):")?;
            writeln!(p, "    m = _pb.{name}.FromString(data)")?;
        } else {
            writeln!(p, "def {fn_name}(m):")?;
        }
        writeln!(p, "    which = m.WhichOneof(\"kind\")")?;
        let py_variants: Vec<(String, String)> = if is_error {
            self.py_error_aliases(name)
        } else {
            self.py_enum_aliases(name)
        };
        for (v, (_, alias)) in e.variants().iter().zip(&py_variants) {
            let oneof = v.name().to_snake_case();
            writeln!(p, "    if which == {oneof:?}:")?;
            writeln!(p, "        x = m.{oneof}")?;
            if flat_error {
                writeln!(p, "        return {alias}(message)")?;
            } else {
                let args = fields_of(v)
                    .iter()
                    .map(|f| Ok(format!("{}={}", f.name(), self.py_lift_field(&f.as_type(), "x", f.name())?)))
                    .collect::<Result<Vec<_>>>()?;
                writeln!(p, "        return {alias}({})", args.join(", "))?;
            }
        }
        if is_error {
            writeln!(p, "    return None\n\n")?;
        } else {
            writeln!(p, "    raise ValueError(\"the server sent a {name} without a variant\")\n\n")?;
            writeln!(p, "def _lower_{name}(v):")?;
            for (v, (_, alias)) in e.variants().iter().zip(&py_variants) {
                let oneof = v.name().to_snake_case();
                writeln!(p, "    if isinstance(v, {alias}):")?;
                let args = fields_of(v)
                    .iter()
                    .map(|f| Ok(format!("{}={}", f.name(), self.py_lower_field(&f.as_type(), &format!("v.{}", f.name()))?)))
                    .collect::<Result<Vec<_>>>()?;
                writeln!(p, "        return _pb.{name}({oneof}=_pb.{name}.{}({}))", v.name().to_upper_camel_case(), args.join(", "))?;
            }
            writeln!(p, "    raise TypeError(\"expected {name}, got {{}}\".format(type(v).__name__))")?;
        }
        py.push(p.trim_end().to_string() + "\n");
        Ok(UnionModel { name: name.to_string(), doc: proto_doc(e.docstring()), variants, cases })
    }

    /// (variant name, Python class alias) as python-native names them.
    fn py_error_aliases(&self, name: &str) -> Vec<(String, String)> {
        self.ci
            .get_enum_definition(name)
            .map(|e| e.variants().iter().map(|v| (v.name().to_string(), format!("_uniffi_{name}_{}", v.name()))).collect())
            .unwrap_or_default()
    }

    fn py_enum_aliases(&self, name: &str) -> Vec<(String, String)> {
        self.ci
            .get_enum_definition(name)
            .map(|e| {
                e.variants()
                    .iter()
                    .map(|v| (v.name().to_string(), format!("_uniffi_{name}_{}", v.name().to_shouty_snake_case())))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn object(&mut self, o: &Object) -> Result<(Vec<Rpc>, PyObject)> {
        let name = o.name();
        let camel = name.to_upper_camel_case();
        let mut rpcs = Vec::new();
        let mut members = Vec::new();
        for c in o.constructors() {
            let args: Vec<Argument> = c.arguments().into_iter().cloned().collect();
            let rpc_name = format!("{camel}{}", c.name().to_upper_camel_case());
            let call = Call::Constructor { object: name.to_string(), name: c.name().to_string(), primary: c.is_primary_constructor(), is_async: c.is_async() };
            let ret = Type::Object { module_path: String::new(), name: name.to_string(), imp: ObjectImpl::Struct };
            if let Some((rpc, py)) = self
                .callable(&rpc_name, c.docstring(), &args, Some(&ret), c.throws_type(), &call)
                .with_context(|| format!("constructor `{}`", c.name()))?
            {
                rpcs.push(rpc);
                members.push(py);
            }
        }
        for m in o.methods() {
            let args: Vec<Argument> = m.arguments().into_iter().cloned().collect();
            let rpc_name = format!("{camel}{}", m.name().to_upper_camel_case());
            let call = Call::Method {
                object: name.to_string(),
                name: m.name().to_string(),
                is_async: m.is_async(),
                by_arc: m.takes_self_by_arc(),
            };
            if let Some((rpc, py)) = self
                .callable(&rpc_name, m.docstring(), &args, m.return_type(), m.throws_type(), &call)
                .with_context(|| format!("method `{}`", m.name()))?
            {
                rpcs.push(rpc);
                members.push(py);
            }
        }
        for t in o.uniffi_traits() {
            match t {
                UniffiTrait::Display { .. } => {
                    let call = Call::Display { object: name.to_string() };
                    let doc = format!("The `Display` text of a `{name}` (Python: `str()`).");
                    if let Some((rpc, py)) =
                        self.callable(&format!("{camel}ToString"), Some(&doc), &[], Some(&Type::String), None, &call)?
                    {
                        rpcs.push(rpc);
                        members.push(py);
                    }
                }
                UniffiTrait::Debug { .. } => self.left_out.push(format!("`Debug` of `{name}`: `Display` is remoted as `{camel}ToString`")),
                UniffiTrait::Eq { .. } => self.left_out.push(format!("`Eq` of `{name}`: compare what its methods return instead")),
                UniffiTrait::Hash { .. } => self.left_out.push(format!("`Hash` of `{name}`: handles are not values")),
                UniffiTrait::Ord { .. } => self.left_out.push(format!("`Ord` of `{name}`: handles are not values")),
            }
        }
        let release = Call::Release { object: name.to_string() };
        let doc = format!("Frees a `{name}` handle; later calls with it fail with NOT_FOUND.");
        if let Some((rpc, py)) = self.callable(&format!("{camel}Release"), Some(&doc), &[], None, None, &release)? {
            rpcs.push(rpc);
            members.push(py);
        }
        let has_init = members.iter().any(|m| m.name == "__init__");
        Ok((rpcs, PyObject { name: name.to_string(), release_rpc: format!("{camel}Release"), has_init, doc: py_doc(o.docstring()), members }))
    }

    /// One rpc and its Python wrapper, or `None` (and a note) when it cannot be remoted.
    fn callable(
        &mut self,
        rpc_name: &str,
        doc: Option<&str>,
        args: &[Argument],
        ret: Option<&Type>,
        throws: Option<&Type>,
        call: &Call,
    ) -> Result<Option<(Rpc, PyCallable)>> {
        let shown = call.shown();
        for (what, ty) in args.iter().map(|a| (format!("argument `{}`", a.name()), a.as_type())).chain(ret.map(|t| ("return value".to_string(), t.clone()))) {
            if let Some(Unremotable::ForeignTrait(t)) = self.unremotable(&ty) {
                self.left_out.push(format!("{shown}: its {what} is the foreign trait `{t}`, which cannot cross the network"));
                return Ok(None);
            }
        }
        let throws = match throws {
            None => None,
            Some(Type::Enum { name, .. }) => Some(name.clone()),
            Some(other) => bail!("throwing {other:?} cannot be mapped to gRPC"),
        };
        let has_handle = call.has_handle();
        let mut req_fields = Vec::new();
        let offset = usize::from(has_handle);
        if has_handle {
            req_fields.push(FieldModel { doc: vec!["// The object's handle.".into()], decl: "uint64 handle = 1;".into() });
        }
        for (i, a) in args.iter().enumerate() {
            if has_handle && a.name() == "handle" {
                bail!("an argument named `handle` collides with the generated handle field");
            }
            req_fields.push(self.field(a.name(), &a.as_type(), i + 1 + offset, None)?);
        }
        let mut reply_fields = Vec::new();
        if let Some(t) = ret {
            reply_fields.push(self.field("value", t, 1, None).context("return value")?);
        }

        // Rust handler.
        let k = &self.krate;
        let mut body = String::new();
        writeln!(body, "        let h = &*self.handles;\n        let _ = h;")?;
        writeln!(body, "        let _uniffi_req = request.into_inner();")?;
        for a in args {
            let what = format!("{rpc_name}Request.{}", a.name());
            writeln!(body, "        let {} = {};", a.name(), self.rs_from_field(&a.as_type(), &format!("_uniffi_req.{}", a.name()), &what)?)?;
        }
        let call_args: Vec<String> = args.iter().map(|a| if a.by_ref() { format!("&{}", a.name()) } else { a.name().to_string() }).collect();
        let call_args = call_args.join(", ");
        let awaiting = if call.is_async() { ".await" } else { "" };
        match call {
            Call::Function { name, .. } => writeln!(body, "        let _uniffi_r = {k}::{name}({call_args}){awaiting};")?,
            Call::Constructor { object, name, .. } => writeln!(body, "        let _uniffi_r = {k}::{object}::{name}({call_args}){awaiting};")?,
            Call::Method { object, name, by_arc, .. } => {
                writeln!(body, "        let _uniffi_obj = h.{}.get(_uniffi_req.handle)?;", object.to_snake_case())?;
                let recv = if *by_arc { "::std::sync::Arc::clone(&_uniffi_obj)" } else { "&_uniffi_obj" };
                let all = if call_args.is_empty() { recv.to_string() } else { format!("{recv}, {call_args}") };
                writeln!(body, "        let _uniffi_r = {k}::{object}::{name}({all}){awaiting};")?;
            }
            Call::Display { object } => {
                writeln!(body, "        let _uniffi_obj = h.{}.get(_uniffi_req.handle)?;", object.to_snake_case())?;
                writeln!(body, "        let _uniffi_r = _uniffi_obj.to_string();")?;
            }
            Call::Release { object } => {
                writeln!(body, "        h.{}.release(_uniffi_req.handle)?;", object.to_snake_case())?;
                writeln!(body, "        let _uniffi_r = ();")?;
            }
        }
        if let Some(e) = &throws {
            writeln!(body, "        let _uniffi_r = _uniffi_r.map_err(|e| _status_{e}(h, e))?;")?;
        }
        if let Call::Constructor { object, .. } = call {
            writeln!(body, "        let _uniffi_r: ::std::sync::Arc<{k}::{object}> = _uniffi_r.into();")?;
        }
        match ret {
            Some(t) => writeln!(body, "        Ok(::tonic::Response::new(pb::{rpc_name}Reply {{ value: {} }}))", self.rs_to_field(t, "_uniffi_r")?)?,
            None => writeln!(body, "        let () = _uniffi_r;\n        Ok(::tonic::Response::new(pb::{rpc_name}Reply {{}}))")?,
        }

        // Python wrapper.
        let mut params = Vec::new();
        if matches!(call, Call::Method { .. } | Call::Display { .. } | Call::Release { .. }) {
            params.push("self".to_string());
        }
        if matches!(call, Call::Constructor { primary: false, .. }) {
            params.push("cls".to_string());
        }
        if matches!(call, Call::Constructor { primary: true, .. }) {
            params.push("self".to_string());
        }
        for a in args {
            match a.default_value() {
                Some(d) => params.push(format!("{}={}", a.name(), self.py_literal(d)?)),
                None => params.push(a.name().to_string()),
            }
        }
        let mut kwargs: Vec<String> = Vec::new();
        if has_handle && !matches!(call, Call::Release { .. }) {
            kwargs.push("handle=self._uniffi_live_handle()".into());
        } else if has_handle {
            kwargs.push("handle=self._uniffi_handle".into());
        }
        for a in args {
            kwargs.push(format!("{}={}", a.name(), self.py_lower_field(&a.as_type(), a.name())?));
        }
        let mut pb = String::new();
        let request = format!("_pb.{rpc_name}Request({})", kwargs.join(", "));
        let invoke = if call.is_async() {
            format!("await _call_async({rpc_name:?}, {request})")
        } else {
            format!("_call({rpc_name:?}, {request})")
        };
        let indent = if matches!(call, Call::Function { .. }) { "    " } else { "        " };
        if matches!(call, Call::Release { .. }) {
            writeln!(pb, "{indent}if self._uniffi_handle is None:\n{indent}    return")?;
        }
        match call {
            Call::Constructor { primary: true, .. } => {
                writeln!(pb, "{indent}self._uniffi_handle = {invoke}.value")?;
            }
            Call::Constructor { .. } => {
                writeln!(pb, "{indent}return cls._uniffi_from_handle({invoke}.value)")?;
            }
            Call::Release { .. } => {
                writeln!(pb, "{indent}{invoke}")?;
                writeln!(pb, "{indent}self._uniffi_handle = None")?;
            }
            _ => match ret {
                Some(t) => {
                    writeln!(pb, "{indent}_r = {invoke}")?;
                    writeln!(pb, "{indent}return {}", self.py_lift_field(t, "_r", "value")?)?;
                }
                None => writeln!(pb, "{indent}{invoke}")?,
            },
        }
        let (py_name, decorator) = match call {
            Call::Constructor { primary: true, .. } => ("__init__".to_string(), String::new()),
            Call::Constructor { name, .. } => (name.clone(), "@classmethod".to_string()),
            Call::Display { .. } => ("__str__".to_string(), String::new()),
            Call::Release { .. } => ("close".to_string(), String::new()),
            Call::Function { name, .. } | Call::Method { name, .. } => (name.clone(), String::new()),
        };
        let py = PyCallable {
            name: py_name,
            doc: py_doc(doc),
            is_async: call.is_async(),
            decorator,
            params: params.join(", "),
            body: pb.trim_end().to_string(),
        };
        let rpc = Rpc {
            name: rpc_name.to_string(),
            doc: proto_doc(doc),
            request: MessageModel { name: format!("{rpc_name}Request"), doc: vec![], fields: req_fields },
            reply: MessageModel { name: format!("{rpc_name}Reply"), doc: vec![], fields: reply_fields },
            method: rpc_name.to_snake_case(),
            body,
        };
        Ok(Some((rpc, py)))
    }
}

enum Call {
    Function { name: String, is_async: bool },
    Constructor { object: String, name: String, primary: bool, is_async: bool },
    Method { object: String, name: String, is_async: bool, by_arc: bool },
    Display { object: String },
    Release { object: String },
}

impl Call {
    fn has_handle(&self) -> bool {
        matches!(self, Call::Method { .. } | Call::Display { .. } | Call::Release { .. })
    }

    fn is_async(&self) -> bool {
        match self {
            Call::Function { is_async, .. } | Call::Constructor { is_async, .. } | Call::Method { is_async, .. } => *is_async,
            _ => false,
        }
    }

    fn shown(&self) -> String {
        match self {
            Call::Function { name, .. } => format!("function `{name}`"),
            Call::Constructor { object, name, .. } => format!("constructor `{object}::{name}`"),
            Call::Method { object, name, .. } => format!("method `{object}::{name}`"),
            Call::Display { object } => format!("`Display` of `{object}`"),
            Call::Release { object } => format!("release of `{object}`"),
        }
    }
}

/// The gRPC service: proto, Rust glue, Python client.
pub struct Grpc;

impl super::Backend for Grpc {
    fn name(&self) -> &'static str {
        "grpc"
    }

    fn language(&self) -> super::Language {
        super::Language::Grpc
    }

    fn render(&self, cx: &super::Context<'_>) -> Result<Vec<super::Output>> {
        let ci = component_interface(cx)?;
        let ci = &ci;
        let root = match cx.ws.package_for_crate(ci.crate_name()) {
            Ok(p) => p.root,
            Err(_) => cx.spec.source.parent().map(Utf8Path::to_path_buf).unwrap_or_default(),
        };
        let mut settings = Settings::from_uniffi_toml(&root.join("uniffi.toml"))?;
        if let Some(p) = &cx.options.grpc_package {
            settings.package = Some(p.to_string());
        }
        if let Some(s) = &cx.options.grpc_service {
            settings.service = Some(s.to_string());
        }
        let model = model(ci, &settings)?;
        for item in &model.left_out {
            eprintln!("note: gRPC: left out {item}");
        }
        Ok(render(&model)?
            .into_iter()
            .map(|(dir, files)| super::Output { dir: if cx.project_layout { dir.to_string() } else { dir.to_string() }, files })
            .collect())
    }
}

/// The parsed interface (uniffi's `ComponentInterface`) of the context's component.
fn component_interface(cx: &super::Context<'_>) -> Result<uniffi_bindgen::interface::ComponentInterface> {
    let loader = uniffi_bindgen::BindgenLoader::new(cx.ws.bindgen_paths(), uniffi_bindgen::GlobalConfig::default());
    let metadata = loader.load_metadata(&cx.spec.source)?;
    let mut cis = loader.load_cis(metadata)?;
    let index = match &cx.spec.crate_filter {
        Some(name) => cis.iter().position(|ci| ci.crate_name() == name),
        None if cis.len() == 1 => Some(0),
        None => bail!("several components in {}; pass --crate", cx.spec.source),
    }
    .with_context(|| format!("no uniffi component found in {}", cx.spec.source))?;
    Ok(cis.swap_remove(index))
}
