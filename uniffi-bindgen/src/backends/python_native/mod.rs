//! The native Python backend: a PyO3 extension with uniffi's Python API, calling the
//! component through the Rust client of its C ABI (`shared::rust_client`).
//!
//! Output (`templates/python-native/`): `src/lib.rs` (the PyO3 glue), `src/ffi.rs` (the
//! client), `<namespace>/__init__.py` (records, enums, errors and protocols as uniffi shapes
//! them, from `templates/python-types/`), `<namespace>/__init__.pyi` (the type stub), and a
//! `Cargo.toml` + `pyproject.toml` that build it with cargo or maturin (abi3: one wheel for
//! every CPython >= 3.9).

use anyhow::{Context, Result};
use askama::Template;

use crate::backends::GlueCrate;
use crate::ir::{Component, Type};
use crate::render::{add, Files};
use crate::shared::python::{PyCallable, PyCallableKind, PyModule};

#[allow(unused_imports)]
use PyCallableKind as _;
use crate::shared::reach::Reach;
use crate::shared::{python_stub, reach, rust_client};

/// The PyO3 version the templates are written against.
pub const PYO3_VERSION: &str = "0.30";
/// The template folder, named in every generated file's `@generated` line.
pub const TEMPLATES: &str = "python-native";

/// An interface's Python class, as a PyO3 class.
pub struct NativeObject<'a> {
    pub py: &'a crate::shared::python::PyInterface<'a>,
    /// The Rust struct of the pyclass.
    pub struct_name: String,
    /// The client type of its values (`ffi::X`, or a trait object).
    pub client_type: String,
}

/// A trait or callback interface that Python code implements.
pub struct NativeForeign<'a> {
    pub name: String,
    /// The client's static map of this trait's Python implementations.
    pub handles: String,
    /// The Python class (protocol) implementations subclass.
    pub protocol: String,
    pub client_trait: String,
    pub struct_name: String,
    pub methods: Vec<PyCallable<'a>>,
    pub is_callback_interface: bool,
}

pub struct NativeModel<'a> {
    pub c: &'a Component,
    pub py: &'a PyModule<'a>,
    pub s: &'a GlueCrate,
    pub objects: Vec<NativeObject<'a>>,
    pub foreign: Vec<NativeForeign<'a>>,
    pub pyo3: &'static str,
    /// The interface fingerprint the package and its extension share (checked at import).
    pub fingerprint: String,
    /// What an import that finds a mismatched library tells the user to run.
    pub remedy: String,
    /// The records whose fields the extension stores in the object (see `StoredRecord`).
    pub stored: Vec<StoredRecord>,
    /// The functions the glue calls as plain Rust, and the component's types it converts for
    /// them (`shared::reach`); everything else goes through the C ABI.
    pub reach: Reach,
}

/// A record whose fields are all integers, floats or booleans. Its Python class is a type of
/// the extension that keeps the fields as machine values in the object, as a C struct (the
/// package's class body is moved onto it by the decorator `_native._uniffi_stored_record`): the glue builds one with an allocation and plain stores, and reads one back with
/// plain loads, instead of a keyword call of the class and a `getattr` per field. Fields are
/// boxed when read, and checked (as uniffi checks them when lowering) when assigned.
pub struct StoredRecord {
    /// The Python class.
    pub name: String,
    /// The type's name in the extension module (until the package adopts it as the class).
    pub base: String,
    pub fields: Vec<StoredField>,
}

pub struct StoredField {
    pub name: String,
    /// The field's name in the IR (and in the Rust client).
    pub ir_name: String,
    /// Its machine type: `i8` … `u64`, `f32`, `f64` or `bool`.
    pub rust_type: &'static str,
    /// The `_UniffiSlot` variant the runtime boxes and checks it by.
    pub slot: &'static str,
}

/// The machine type and slot kind of a field type the extension can store.
fn storable(ty: &Type) -> Option<(&'static str, &'static str)> {
    Some(match ty {
        Type::Int8 => ("i8", "I8"),
        Type::UInt8 => ("u8", "U8"),
        Type::Int16 => ("i16", "I16"),
        Type::UInt16 => ("u16", "U16"),
        Type::Int32 => ("i32", "I32"),
        Type::UInt32 => ("u32", "U32"),
        Type::Int64 => ("i64", "I64"),
        Type::UInt64 => ("u64", "U64"),
        Type::Float32 => ("f32", "F32"),
        Type::Float64 => ("f64", "F64"),
        Type::Boolean => ("bool", "Bool"),
        _ => return None,
    })
}

/// Marks the records of primitives as stored (their classes derive from the extension's base
/// type) and describes them for the glue.
fn stored_records(py: &mut PyModule<'_>) -> Vec<StoredRecord> {
    let mut stored = Vec::new();
    for r in &mut py.records {
        let fields: Option<Vec<StoredField>> = r
            .fields
            .iter()
            .map(|f| {
                storable(&f.ty.ty).map(|(rust_type, slot)| StoredField {
                    name: f.name.clone(),
                    ir_name: f.ir_name.clone(),
                    rust_type,
                    slot,
                })
            })
            .collect();
        let Some(fields) = fields.filter(|f| !f.is_empty()) else { continue };
        let base = format!("_Uniffi{}Fields", r.name);
        r.stored_in = Some("_native._uniffi_stored_record".to_string());
        stored.push(StoredRecord { name: r.name.clone(), base, fields });
    }
    stored
}

/// The functions the glue may call as plain Rust (see `shared::reach`). Set
/// `GREET_BINDGEN_DIRECT_CALLS=0` to send every call through uniffi's C ABI.
fn direct_reach(cx: &crate::backends::Context<'_>, c: &Component) -> Reach {
    reach::direct_reach(cx, c, "native Python backend")
}

#[derive(Template)]
#[template(path = "python-native/lib.rs", escape = "none")]
struct GlueTemplate<'a> {
    m: &'a NativeModel<'a>,
}

#[derive(Template)]
#[template(path = "python-native/__init__.py", escape = "none")]
struct InitTemplate<'a> {
    m: &'a NativeModel<'a>,
}

#[derive(Template)]
#[template(path = "python-native/_types.py", escape = "none")]
struct TypesTemplate<'a> {
    m: &'a NativeModel<'a>,
}

#[derive(Template)]
#[template(path = "python-native/Cargo.toml", escape = "none")]
struct CargoTemplate<'a> {
    m: &'a NativeModel<'a>,
}

#[derive(Template)]
#[template(path = "python-native/pyproject.toml", escape = "none")]
struct PyprojectTemplate<'a> {
    m: &'a NativeModel<'a>,
}

mod filters {
    pub use crate::shared::python::filters::*;
    pub use crate::shared::rust::filters::*;

    /// The Rust expression of a default value, in the glue (where `py` is at hand).
    #[askama::filter_fn]
    pub fn rust_default(
        d: &crate::ir::DefaultValue,
        _: &dyn askama::Values,
        ty: &crate::ir::Type,
    ) -> askama::Result<String> {
        Ok(crate::shared::rust::default_expr(d, ty, "ffi::", &|class| {
            format!("FromPy::from_py(&_uniffi_class(py, {class:?})?.call0()?)?")
        }))
    }

    /// The `__doc__` uniffi's Python gives an item defined at `indent`, as a Python literal
    /// (`None` when there is none).
    #[askama::filter_fn]
    pub fn py_doc(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        Ok(match crate::shared::python::doc_value(doc.as_deref(), indent) {
            Some(d) => crate::shared::python::py_str_literal(&d),
            None => "None".to_string(),
        })
    }

    /// The `__doc__` uniffi's Python gives an item defined at `indent`, as a Rust literal
    /// (an empty string when there is none).
    #[askama::filter_fn]
    pub fn doc_value(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        Ok(format!("{:?}", crate::shared::python::doc_value(doc.as_deref(), indent).unwrap_or_default()))
    }
}

/// The folder of the output under `generated/`.
pub const DIR: &str = "python-native";

/// The native Python backend (`--python-backend native`).
pub struct PythonNative;

impl crate::backends::Backend for PythonNative {
    fn name(&self) -> &'static str {
        "native"
    }

    fn language(&self) -> crate::backends::Language {
        crate::backends::Language::Python
    }

    fn render(&self, cx: &crate::backends::Context<'_>) -> Result<Vec<crate::backends::Output>> {
        let c = cx.component("python")?;
        // Constructs the backend cannot carry are named before anything else is looked up.
        PyModule::new(&c).with_context(|| format!("native Python backend, component `{}`", c.ns.name))?;
        rust_client::render(&c).with_context(|| format!("native Python backend, component `{}`", c.ns.name))?;
        let settings = GlueCrate::new(cx, &c, DIR, "python-native").with_context(|| "the native Python backend builds a crate that depends on the component's cargo package")?;
        let remedy = rust_client::load_remedy(cx, &settings);
        let reach = direct_reach(cx, &c);
        let files = render(&c, &settings, &remedy, reach).with_context(|| format!("native Python backend, component `{}`", c.ns.name))?;
        Ok(vec![crate::backends::Output { dir: cx.output_dir(DIR), files }])
    }

    fn check(&self, c: &crate::ir::Component) -> Result<Vec<String>> {
        PyModule::new(c)?;
        rust_client::render(c)?;
        Ok(Vec::new())
    }

    fn stages_libraries(&self) -> bool {
        true
    }

    /// Copies the built extension (`lib<namespace>_native.so`, wherever its crate was built:
    /// see `built_glue_library`) into its package as `_native.so`, when it has been built.
    fn stage(&self, cx: &crate::backends::Context<'_>, library: &camino::Utf8Path) -> Result<()> {
        let c = cx.component("python")?;
        let namespace = &c.ns.name;
        let file_name = format!("{}{namespace}_native{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
        let package_dir = cx.dir(DIR).join(namespace);
        match crate::backends::built_glue_library(cx, DIR, library, &file_name) {
            Some(built) if package_dir.is_dir() => {
                crate::output::stage_file(&built, &package_dir.join(format!("_native{}", std::env::consts::DLL_SUFFIX)))?;
            }
            Some(_) => {}
            None => {
                let glue = GlueCrate::new(cx, &c, DIR, "python-native")?;
                eprintln!(
                    "note: the native Python extension is not built yet: run `{}` in the crate's folder, then generate again to stage it into {} (or `pip install {}`, which builds it with maturin)",
                    glue.build_command,
                    crate::render::relative_path(&glue_root(cx), &package_dir),
                    crate::render::relative_path(&glue_root(cx), &cx.dir(DIR)),
                );
            }
        }
        Ok(())
    }
}

/// The component crate's folder, where the printed commands run.
fn glue_root(cx: &crate::backends::Context<'_>) -> camino::Utf8PathBuf {
    cx.component("python")
        .ok()
        .and_then(|c| cx.ws.package_for_crate(&c.ns.crate_name).ok())
        .map(|p| p.root)
        .unwrap_or_else(|| cx.ws.root.clone())
}

/// Renders the package, or names the first construct the backend cannot carry.
pub fn render(c: &Component, settings: &GlueCrate, remedy: &str, reach: Reach) -> Result<Files> {
    let client = rust_client::render(c)?;
    let mut py = PyModule::new(c)?;
    let stored = stored_records(&mut py);
    let mut model = NativeModel::new(c, &py, settings)?;
    model.stored = stored;
    model.reach = reach;
    model.remedy = remedy.to_string();
    let package = &model.py.name;
    let mut files = Files::new();
    add(&mut files, "src/lib.rs", TEMPLATES, GlueTemplate { m: &model }.render()?);
    add(&mut files, "src/ffi.rs", "rust-client", client);
    add(&mut files, format!("{package}/__init__.py"), TEMPLATES, InitTemplate { m: &model }.render()?);
    add(&mut files, format!("{package}/_types.py"), TEMPLATES, TypesTemplate { m: &model }.render()?);
    add(&mut files, format!("{package}/__init__.pyi"), "python-stub", python_stub::render(&model.py)?);
    add(&mut files, format!("{package}/py.typed"), TEMPLATES, String::new());
    add(&mut files, "Cargo.toml", TEMPLATES, CargoTemplate { m: &model }.render()?);
    add(&mut files, "pyproject.toml", TEMPLATES, PyprojectTemplate { m: &model }.render()?);
    Ok(files)
}

impl<'a> NativeModel<'a> {
    fn new(c: &'a Component, py: &'a PyModule<'a>, s: &'a GlueCrate) -> Result<Self> {
        let mut foreign = Vec::new();
        for i in c.interfaces() {
            if let Some(vtable) = &i.vtable {
                let methods = vtable_methods(vtable)?;
                foreign.push(NativeForeign {
                    handles: rust_client::foreign_handles(&i.name),
                    name: i.name.clone(),
                    protocol: crate::shared::python::type_name(&i.name),
                    client_trait: format!("ffi::{}Foreign", crate::shared::rust::ident(&i.name)),
                    struct_name: format!("_UniffiForeign{}", i.name),
                    methods,
                    is_callback_interface: false,
                });
            }
        }
        for cb in c.callback_interfaces() {
            foreign.push(NativeForeign {
                handles: rust_client::foreign_handles(&cb.name),
                name: cb.name.clone(),
                protocol: crate::shared::python::type_name(&cb.name),
                client_trait: format!("ffi::{}", crate::shared::rust::ident(&cb.name)),
                struct_name: format!("_UniffiForeign{}", cb.name),
                methods: vtable_methods(&cb.vtable)?,
                is_callback_interface: true,
            });
        }
        let objects = py
            .interfaces
            .iter()
            .map(|i| NativeObject {
                py: i,
                struct_name: format!("_UniffiObj{}", i.i.name),
                client_type: crate::shared::rust::client_type_in(&i.i.self_type.ty, "ffi::"),
            })
            .collect();
        let fingerprint = rust_client::fingerprint(c);
        Ok(NativeModel { c, py, s, objects, foreign, pyo3: PYO3_VERSION, fingerprint, remedy: String::new(), stored: Vec::new(), reach: Reach::none() })
    }

    /// The Rust type of a value the glue passes to, or gets from, a direct call: the
    /// component's own records and enums (`shared::reach`), built-in types otherwise.
    pub fn direct_type(&self, ty: &Type) -> String {
        match ty {
            Type::Sequence { inner_type } => format!("::std::vec::Vec<{}>", self.direct_type(inner_type)),
            Type::Optional { inner_type } => format!("::std::option::Option<{}>", self.direct_type(inner_type)),
            Type::Record { name, .. } | Type::Enum { name, .. } => {
                self.reach.type_path(name).map(str::to_string).unwrap_or_else(|| format!("ffi::{}", crate::shared::rust::ident(name)))
            }
            Type::String => "::std::string::String".to_string(),
            other => crate::shared::rust::client_type_in(other, "ffi::"),
        }
    }

    /// Bytes cross a direct call as `Vec<u8>`, converted through the client's `Bytes`.
    pub fn is_bytes(&self, ty: &Type) -> bool {
        matches!(ty, Type::Bytes)
    }

    pub fn returns_bytes(&self, f: &PyCallable<'_>) -> bool {
        f.return_type.is_some_and(|t| matches!(t.ty, Type::Bytes))
    }

    /// How the extension stores a record's fields, if it does.
    pub fn stored_record(&self, name: &str) -> Option<&StoredRecord> {
        self.stored.iter().find(|s| s.name == name)
    }

    /// The Python classes of records, enums, errors and protocols, which the glue looks up.
    pub fn py_classes(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .py
            .enums
            .iter()
            .map(|e| e.name.clone())
            .chain(self.py.records.iter().map(|r| r.name.clone()))
            .chain(self.py.protocols.iter().map(|p| p.name.clone()))
            // Objects: thrown as errors, and built as an argument's default (`Style()`).
            .chain(self.py.interfaces.iter().map(|i| i.name.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The pyclass struct behind an interface type, for converting its values.
    pub fn object_struct(&self, ty: &Type) -> Option<&str> {
        match ty {
            Type::Interface { name, .. } => self.objects.iter().find(|o| o.py.i.name == *name).map(|o| o.struct_name.as_str()),
            _ => None,
        }
    }

    /// Whether the Python side names `Timestamp` or `Duration`.
    pub fn uses_time(&self) -> bool {
        let mut found = false;
        for def in &self.c.ns.type_definitions {
            if let crate::ir::TypeDefinition::Simple(t) = def {
                found |= matches!(t.ty, Type::Timestamp | Type::Duration);
            }
        }
        found
    }

    /// Whether a callable's Python wrapper can be defined before the package's types are
    /// loaded: its defaults are plain literals (not names of enum members or records).
    pub fn eager(&self, f: &PyCallable<'_>) -> bool {
        f.args.iter().all(|a| match &a.default {
            None => true,
            Some(d) => d.is_arg_literal() && !d.arg_literal.contains('.') || d.arg_literal.parse::<f64>().is_ok(),
        })
    }

    /// What `_types.py` defines and the package loads on first access.
    pub fn lazy_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for c in &self.py.customs {
            if c.type_name.is_some() || c.lift.is_none() {
                names.push(c.name.clone());
            }
            if c.lift.is_some() {
                names.push(format!("_uniffi_lift_{}", c.name));
            }
            if c.lower.is_some() {
                names.push(format!("_uniffi_lower_{}", c.name));
            }
        }
        names.extend(self.py.enums.iter().map(|e| e.name.clone()));
        names.extend(self.py.records.iter().map(|r| r.name.clone()));
        names.extend(self.py.protocols.iter().map(|p| p.name.clone()));
        names.extend(self.py.interfaces.iter().filter(|i| i.is_error).map(|i| i.name.clone()));
        names.extend(self.py.functions.iter().filter(|f| f.is_async && !self.eager(f)).map(|f| f.name.clone()));
        names.extend(["abc", "enum", "typing"].map(String::from));
        if self.uses_time() {
            names.extend(["datetime", "Timestamp", "Duration"].map(String::from));
        }
        names.sort();
        names.dedup();
        names
    }

    /// The extension's classes the package re-exports (objects not thrown as errors).
    pub fn native_classes(&self) -> Vec<String> {
        let mut names: Vec<String> = self.py.interfaces.iter().filter(|i| !i.is_error).map(|i| i.name.clone()).collect();
        names.sort();
        names
    }
}

/// The methods of a vtable, named and typed for Python.
fn vtable_methods(vtable: &crate::ir::VTable) -> Result<Vec<PyCallable<'_>>> {
    vtable
        .methods
        .iter()
        .map(|m| {
            let mut c = crate::shared::python::callable(&m.callable, None)?;
            c.kind = PyCallableKind::Method;
            Ok(c)
        })
        .collect()
}
