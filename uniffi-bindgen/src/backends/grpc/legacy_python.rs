//! The gRPC Python client's type layer (records, enums, errors), from the native backend this
//! project had before it moved to `shared::python`; replaced when the gRPC backend moves too.
//!
//! Output (under `python-native/`): `src/lib.rs`, Rust glue that calls the component's Rust
//! API directly (no RustBuffer serialization); `<package>/__init__.py`, the pure-Python types
//! (records, enums, errors, foreign-trait base classes) with the same names, fields, defaults,
//! `str()`/`==` behaviour and exception hierarchy as uniffi's Python bindings; and a
//! `Cargo.toml` + `pyproject.toml` that build it with cargo or maturin.
//!
//! Everything here is derived from the `ComponentInterface`; a construct this backend cannot
//! map stops generation with an error naming it.

use std::fmt::Write as _;

use anyhow::{bail, Context, Result};
use heck::ToShoutySnakeCase;
use uniffi_bindgen::interface::{
    Argument, AsType, ComponentInterface, Constructor, Enum, Function, Method, Object, Record, Type, UniffiTrait,
};
use uniffi_meta::{DefaultValueMetadata, LiteralMetadata, ObjectImpl};


/// Maps the interface, failing on the first construct this backend cannot carry.
pub fn model(ci: &ComponentInterface) -> Result<Model> {
    let g = Gen { ci, krate: format!("::{}", ci.crate_name()) };
    g.model(ci.namespace()).with_context(|| format!("native Python backend, component `{}`", ci.namespace()))
}

// ---- the model the templates render -------------------------------------------------------

pub struct Model {
    pub package: String,
    pub doc: String,
    pub functions: Vec<Callable>,
    pub objects: Vec<ObjectModel>,
    pub records: Vec<RecordModel>,
    pub enums: Vec<EnumModel>,
    pub errors: Vec<ErrorModel>,
    pub traits: Vec<TraitModel>,
    /// Names the package re-exports from the extension, sorted.
    pub native_exports: Vec<String>,
    /// Every name the package exports, sorted.
    pub all_exports: Vec<String>,
    /// (static name, attribute in the package) for every class the glue looks up.
    pub classes: Vec<(String, String)>,
}

pub struct Callable {
    pub py_name: String,
    pub rust_name: String,
    pub doc: Vec<String>,
    pub attrs: Vec<String>,
    pub params: String,
    pub ret: String,
    pub body: String,
}

pub struct ObjectModel {
    pub py_name: String,
    pub struct_name: String,
    pub rust_type: String,
    pub doc: Vec<String>,
    pub methods: Vec<Callable>,
    pub traits: Vec<String>,
    pub lift: String,
    pub lower: String,
}

pub struct FieldModel {
    pub name: String,
    pub py_default: Option<String>,
    pub mutable_default: bool,
}

pub struct RecordModel {
    pub py_name: String,
    pub doc: String,
    pub fields: Vec<FieldModel>,
    pub rust: String,
}

pub struct VariantModel {
    pub py_name: String,
    pub alias: String,
    pub doc: String,
    pub fields: Vec<FieldModel>,
    pub value: usize,
}

pub struct EnumModel {
    pub py_name: String,
    pub doc: String,
    pub flat: bool,
    pub variants: Vec<VariantModel>,
    pub rust: String,
}

pub struct ErrorModel {
    pub py_name: String,
    pub doc: String,
    pub flat: bool,
    pub variants: Vec<VariantModel>,
    pub rust: String,
}

pub struct TraitMethodModel {
    pub name: String,
    pub args: String,
    pub doc: String,
}

pub struct TraitModel {
    pub py_name: String,
    pub doc: String,
    pub methods: Vec<TraitMethodModel>,
    pub rust: String,
}

// ---- templates -------------------------------------------------------------------------------





// ---- code generation -------------------------------------------------------------------------

struct Gen<'a> {
    ci: &'a ComponentInterface,
    /// `::crate_name`, the path the glue uses for the component.
    krate: String,
}

fn doc_lines(doc: Option<&str>) -> Vec<String> {
    doc.map(|d| d.lines().map(|l| format!("/// {l}").trim_end().to_string()).collect()).unwrap_or_default()
}

/// A Python triple-quoted docstring body (without the quotes).
fn py_doc(doc: Option<&str>) -> String {
    doc.unwrap_or("").replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

fn class_static(attr: &str) -> String {
    format!("_UNIFFI_CLS_{}", attr.trim_start_matches('_').to_uppercase())
}

impl Gen<'_> {
    fn model(&self, package: &str) -> Result<Model> {
        let ci = self.ci;
        if !ci.iter_external_types().collect::<Vec<_>>().is_empty() {
            bail!("external types are not supported by the native backend");
        }
        if let Some(cb) = ci.callback_interface_definitions().first() {
            bail!("callback interface `{}`: use a `[Trait, WithForeign]` interface instead", cb.name());
        }
        let mut classes = Vec::new();
        let mut records = Vec::new();
        for r in ci.record_definitions() {
            records.push(self.record(r, &mut classes)?);
        }
        let mut enums = Vec::new();
        let mut errors = Vec::new();
        for e in ci.enum_definitions() {
            if ci.is_name_used_as_error(e.name()) {
                errors.push(self.error(e, &mut classes)?);
            } else {
                enums.push(self.enum_(e, &mut classes)?);
            }
        }
        let mut functions = Vec::new();
        for f in ci.function_definitions() {
            functions.push(self.function(f).with_context(|| format!("function `{}`", f.name()))?);
        }
        let mut objects = Vec::new();
        let mut traits = Vec::new();
        for o in ci.object_definitions() {
            if o.is_trait_interface() {
                traits.push(self.trait_(o, &mut classes).with_context(|| format!("trait interface `{}`", o.name()))?);
            } else {
                objects.push(self.object(o).with_context(|| format!("interface `{}`", o.name()))?);
            }
        }
        let mut native_exports: Vec<String> =
            functions.iter().map(|f| f.py_name.clone()).chain(objects.iter().map(|o| o.py_name.clone())).collect();
        native_exports.sort();
        let mut all_exports: Vec<String> = native_exports
            .iter()
            .cloned()
            .chain(records.iter().map(|r| r.py_name.clone()))
            .chain(enums.iter().map(|e| e.py_name.clone()))
            .chain(errors.iter().map(|e| e.py_name.clone()))
            .chain(traits.iter().map(|t| t.py_name.clone()))
            .chain(["InternalError".to_string()]) // a Rust panic, as uniffi's bindings raise it
            .collect();
        all_exports.sort();
        classes.sort();
        classes.dedup();
        Ok(Model {
            package: package.to_string(),
            doc: py_doc(ci.namespace_docstring()),
            functions,
            objects,
            records,
            enums,
            errors,
            traits,
            native_exports,
            all_exports,
            classes,
        })
    }

    // -- types --

    fn rust_type(&self, ty: &Type) -> Result<String> {
        super::rust_type::rust_type(&self.krate, ty).with_context(|| format!("type {ty:?} is not supported by the native Python backend"))
    }

    /// Types PyO3 converts both ways by itself.
    fn is_native(&self, ty: &Type) -> bool {
        match ty {
            Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32 | Type::UInt64
            | Type::Int64 | Type::Float32 | Type::Float64 | Type::Boolean | Type::String | Type::Duration => true,
            Type::Box { inner_type } | Type::Optional { inner_type } | Type::Sequence { inner_type } => {
                self.is_native(inner_type)
            }
            Type::Map { key_type, value_type } => self.is_native(key_type) && self.is_native(value_type),
            _ => false,
        }
    }

    fn check_value_type(&self, ty: &Type) -> Result<()> {
        match ty {
            Type::Enum { name, .. } if self.ci.is_name_used_as_error(name) => {
                bail!("error type `{name}` used as a value is not supported by the native Python backend")
            }
            Type::Object { name, imp, .. } if *imp != ObjectImpl::Struct => {
                let has_foreign = self.ci.get_object_definition(name).is_some_and(|o| o.has_callback_interface());
                if !has_foreign {
                    bail!("trait interface `{name}` without `WithForeign` is not supported by the native Python backend");
                }
                Ok(())
            }
            Type::Bytes | Type::Set { .. } | Type::Custom { .. } | Type::CallbackInterface { .. } => {
                bail!("type {ty:?} is not supported by the native Python backend")
            }
            _ => Ok(()),
        }
    }

    /// A Rust expression turning `expr` (of the type's Rust type) into `PyResult<Bound<'py, PyAny>>`.
    fn lift(&self, ty: &Type, expr: &str) -> Result<String> {
        self.check_value_type(ty)?;
        if self.is_native(ty) {
            return Ok(format!("::pyo3::IntoPyObjectExt::into_bound_py_any({expr}, py)"));
        }
        Ok(match ty {
            Type::Box { inner_type } => self.lift(inner_type, expr)?,
            Type::Optional { inner_type } => {
                format!("_uniffi_lift_opt(py, {expr}, |py, v| {})", self.lift(inner_type, "v")?)
            }
            Type::Sequence { inner_type } => {
                format!("_uniffi_lift_vec(py, {expr}, |py, v| {})", self.lift(inner_type, "v")?)
            }
            Type::Map { key_type, value_type } => format!(
                "_uniffi_lift_map(py, {expr}, |py, k| {}, |py, v| {})",
                self.lift(key_type, "k")?,
                self.lift(value_type, "v")?
            ),
            Type::Timestamp => format!("_uniffi_lift_timestamp(py, {expr})"),
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_uniffi_lift_{name}(py, {expr})"),
            Type::Object { name, imp: ObjectImpl::Struct, .. } => format!("_uniffi_lift_obj_{name}(py, {expr})"),
            Type::Object { name, .. } => {
                bail!("returning trait interface `{name}` to Python is not supported by the native backend")
            }
            other => bail!("type {other:?} is not supported by the native Python backend"),
        })
    }

    /// A Rust expression turning `expr` (a `&Bound<'py, PyAny>`) into `PyResult<RustType>`.
    fn lower(&self, ty: &Type, expr: &str) -> Result<String> {
        self.check_value_type(ty)?;
        if self.is_native(ty) {
            return Ok(format!("{expr}.extract::<{}>()", self.rust_type(ty)?));
        }
        Ok(match ty {
            Type::Box { inner_type } => self.lower(inner_type, expr)?,
            Type::Optional { inner_type } => format!("_uniffi_lower_opt({expr}, |v| {})", self.lower(inner_type, "v")?),
            Type::Sequence { inner_type } => format!("_uniffi_lower_vec({expr}, |v| {})", self.lower(inner_type, "v")?),
            Type::Map { key_type, value_type } => format!(
                "_uniffi_lower_map({expr}, |k| {}, |v| {})",
                self.lower(key_type, "k")?,
                self.lower(value_type, "v")?
            ),
            Type::Timestamp => format!("_uniffi_lower_timestamp({expr})"),
            Type::Record { name, .. } | Type::Enum { name, .. } => format!("_uniffi_lower_{name}({expr})"),
            Type::Object { name, imp: ObjectImpl::Struct, .. } => format!("_uniffi_lower_obj_{name}({expr})"),
            Type::Object { name, .. } => format!("_uniffi_lower_trait_{name}({expr})"),
            other => bail!("type {other:?} is not supported by the native Python backend"),
        })
    }

    fn py_literal(&self, default: &DefaultValueMetadata) -> Result<(String, bool)> {
        let DefaultValueMetadata::Literal(lit) = default else {
            bail!("`default` (unspecified) default values are not supported by the native Python backend");
        };
        self.py_lit(lit)
    }

    /// A Python literal, and whether it is mutable (so needs a fresh copy per call).
    fn py_lit(&self, lit: &LiteralMetadata) -> Result<(String, bool)> {
        Ok(match lit {
            LiteralMetadata::Boolean(b) => ((if *b { "True" } else { "False" }).into(), false),
            LiteralMetadata::String(s) => (format!("{s:?}"), false),
            LiteralMetadata::UInt(v, _, _) => (v.to_string(), false),
            LiteralMetadata::Int(v, _, _) => (v.to_string(), false),
            LiteralMetadata::Float(v, _) => (v.clone(), false),
            LiteralMetadata::Enum(variant, Type::Enum { name, .. }) => {
                (format!("{name}.{}", variant.to_shouty_snake_case()), false)
            }
            LiteralMetadata::EmptySequence => ("[]".into(), true),
            LiteralMetadata::EmptyMap => ("{}".into(), true),
            LiteralMetadata::None => ("None".into(), false),
            LiteralMetadata::Some { inner } => self.py_literal(inner)?,
            other => bail!("default value {other:?} is not supported by the native Python backend"),
        })
    }

    fn rust_literal(&self, ty: &Type, default: &DefaultValueMetadata) -> Result<String> {
        let DefaultValueMetadata::Literal(lit) = default else {
            bail!("`default` (unspecified) default arguments are not supported by the native Python backend");
        };
        Ok(match (lit, ty) {
            (LiteralMetadata::Boolean(b), _) => b.to_string(),
            (LiteralMetadata::String(s), _) => format!("String::from({s:?})"),
            (LiteralMetadata::UInt(v, _, _), t) => format!("{v}{}", self.rust_type(t)?),
            (LiteralMetadata::Int(v, _, _), t) => format!("{v}{}", self.rust_type(t)?),
            (LiteralMetadata::Float(v, _), t) => format!("{v}{}", self.rust_type(t)?),
            (LiteralMetadata::None, _) => "None".into(),
            (LiteralMetadata::EmptySequence, _) => "Vec::new()".into(),
            (LiteralMetadata::EmptyMap, _) => "::std::collections::HashMap::new()".into(),
            (LiteralMetadata::Some { inner }, Type::Optional { inner_type }) => {
                format!("Some({})", self.rust_literal(inner_type, inner)?)
            }
            (other, _) => bail!("default argument {other:?} is not supported by the native Python backend"),
        })
    }

    fn fields(&self, fields: &[uniffi_bindgen::interface::Field]) -> Result<Vec<FieldModel>> {
        fields
            .iter()
            .map(|f| {
                let (py_default, mutable_default) = match f.default_value() {
                    Some(d) => {
                        let (lit, mutable) = self.py_literal(d)?;
                        (Some(lit), mutable)
                    }
                    None => (None, false),
                };
                Ok(FieldModel { name: f.name().to_string(), py_default, mutable_default })
            })
            .collect()
    }

    // -- records, enums, errors --

    fn record(&self, r: &Record, classes: &mut Vec<(String, String)>) -> Result<RecordModel> {
        let name = r.name();
        if !r.constructors().is_empty() || !r.methods().is_empty() {
            bail!("record `{name}` has methods or constructors, which the native Python backend does not support");
        }
        let cls = class_static(name);
        classes.push((cls.clone(), name.to_string()));
        let k = &self.krate;
        let mut rust = String::new();
        writeln!(rust, "fn _uniffi_lift_{name}<'py>(py: Python<'py>, v: {k}::{name}) -> PyResult<Bound<'py, PyAny>> {{")?;
        writeln!(rust, "    let kwargs = PyDict::new(py);")?;
        for f in r.fields() {
            let lift = self.lift(&f.as_type(), &format!("v.{}", f.name())).with_context(|| format!("record `{name}`, field `{}`", f.name()))?;
            writeln!(rust, "    kwargs.set_item(intern!(py, {:?}), {lift}?)?;", f.name())?;
        }
        writeln!(rust, "    {cls}.import(py, _UNIFFI_PKG, {name:?})?.call((), Some(&kwargs))")?;
        writeln!(rust, "}}\n")?;
        writeln!(rust, "fn _uniffi_lower_{name}(obj: &Bound<'_, PyAny>) -> PyResult<{k}::{name}> {{")?;
        writeln!(rust, "    let py = obj.py();")?;
        writeln!(rust, "    _uniffi_check_instance(obj, {cls}.import(py, _UNIFFI_PKG, {name:?})?, {name:?})?;")?;
        writeln!(rust, "    Ok({k}::{name} {{")?;
        for f in r.fields() {
            let lower = self.lower(&f.as_type(), "_v").with_context(|| format!("record `{name}`, field `{}`", f.name()))?;
            writeln!(rust, "        {0}: {{ let _v = &obj.getattr(intern!(py, {0:?}))?; {lower}? }},", f.name())?;
        }
        writeln!(rust, "    }})\n}}")?;
        Ok(RecordModel { py_name: name.to_string(), doc: py_doc(r.docstring()), fields: self.fields(r.fields())?, rust })
    }

    fn variants(&self, e: &Enum, classes: &mut Vec<(String, String)>) -> Result<Vec<VariantModel>> {
        e.variants()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if v.has_nameless_fields() {
                    bail!("variant `{}::{}` has unnamed fields, which the native Python backend does not support", e.name(), v.name());
                }
                let py_name = if self.ci.is_name_used_as_error(e.name()) { v.name().to_string() } else { v.name().to_shouty_snake_case() };
                let alias = format!("_uniffi_{}_{}", e.name(), py_name);
                classes.push((class_static(&alias), alias.clone()));
                Ok(VariantModel { py_name, alias, doc: py_doc(v.docstring()), fields: self.fields(v.fields())?, value: i })
            })
            .collect()
    }

    fn enum_(&self, e: &Enum, classes: &mut Vec<(String, String)>) -> Result<EnumModel> {
        let name = e.name();
        if !e.constructors().is_empty() || !e.methods().is_empty() {
            bail!("enum `{name}` has methods or constructors, which the native Python backend does not support");
        }
        let variants = self.variants(e, classes)?;
        let cls = class_static(name);
        classes.push((cls.clone(), name.to_string()));
        let k = &self.krate;
        let flat = !e.contains_variant_fields() && !e.variants().iter().any(|v| v.has_fields());
        let fallback = if e.is_non_exhaustive() { "        _ => return Err(PyValueError::new_err(\"unknown variant\")),\n" } else { "" };
        let mut rust = String::new();
        writeln!(rust, "fn _uniffi_lift_{name}<'py>(py: Python<'py>, v: {k}::{name}) -> PyResult<Bound<'py, PyAny>> {{")?;
        if flat {
            writeln!(rust, "    let member = match v {{")?;
            for (v, m) in e.variants().iter().zip(&variants) {
                writeln!(rust, "        {k}::{name}::{} => intern!(py, {:?}),", v.name(), m.py_name)?;
            }
            write!(rust, "{fallback}")?;
            writeln!(rust, "    }};\n    {cls}.import(py, _UNIFFI_PKG, {name:?})?.getattr(member)\n}}\n")?;
        } else {
            writeln!(rust, "    let kwargs = PyDict::new(py);\n    let cls = match v {{")?;
            for (v, m) in e.variants().iter().zip(&variants) {
                let fields: Vec<&str> = v.fields().iter().map(|f| f.name()).collect();
                writeln!(rust, "        {k}::{name}::{} {{ {} }} => {{", v.name(), fields.join(", "))?;
                for f in v.fields() {
                    writeln!(rust, "            kwargs.set_item(intern!(py, {:?}), {}?)?;", f.name(), self.lift(&f.as_type(), f.name())?)?;
                }
                writeln!(rust, "            {}.import(py, _UNIFFI_PKG, {:?})?\n        }}", class_static(&m.alias), m.alias)?;
            }
            write!(rust, "{fallback}")?;
            writeln!(rust, "    }};\n    cls.call((), Some(&kwargs))\n}}\n")?;
        }
        writeln!(rust, "fn _uniffi_lower_{name}(obj: &Bound<'_, PyAny>) -> PyResult<{k}::{name}> {{")?;
        writeln!(rust, "    let py = obj.py();")?;
        writeln!(rust, "    _uniffi_check_instance(obj, {cls}.import(py, _UNIFFI_PKG, {name:?})?, {name:?})?;")?;
        if flat {
            writeln!(rust, "    let value: usize = obj.getattr(intern!(py, \"value\"))?.extract()?;\n    match value {{")?;
            for (v, m) in e.variants().iter().zip(&variants) {
                writeln!(rust, "        {} => Ok({k}::{name}::{}),", m.value, v.name())?;
            }
            writeln!(rust, "        _ => Err(PyValueError::new_err(format!(\"{{value}} is not a {name} value\"))),\n    }}\n}}")?;
        } else {
            for (v, m) in e.variants().iter().zip(&variants) {
                writeln!(rust, "    if obj.is_instance({}.import(py, _UNIFFI_PKG, {:?})?)? {{", class_static(&m.alias), m.alias)?;
                writeln!(rust, "        return Ok({k}::{name}::{} {{", v.name())?;
                for f in v.fields() {
                    let lower = self.lower(&f.as_type(), "_v")?;
                    writeln!(rust, "            {0}: {{ let _v = &obj.getattr(intern!(py, {0:?}))?; {lower}? }},", f.name())?;
                }
                writeln!(rust, "        }});\n    }}")?;
            }
            writeln!(rust, "    Err(PyTypeError::new_err(\"unknown {name} variant\"))\n}}")?;
        }
        Ok(EnumModel { py_name: name.to_string(), doc: py_doc(e.docstring()), flat, variants, rust })
    }

    fn error(&self, e: &Enum, classes: &mut Vec<(String, String)>) -> Result<ErrorModel> {
        let name = e.name();
        let variants = self.variants(e, classes)?;
        let k = &self.krate;
        let flat = e.is_flat();
        let mut rust = String::new();
        writeln!(rust, "fn _uniffi_err_{name}(py: Python<'_>, e: {k}::{name}) -> PyErr {{")?;
        writeln!(rust, "    fn value<'py>(py: Python<'py>, e: {k}::{name}) -> PyResult<Bound<'py, PyAny>> {{")?;
        writeln!(rust, "        match e {{")?;
        for (v, m) in e.variants().iter().zip(&variants) {
            let cls = format!("{}.import(py, _UNIFFI_PKG, {:?})?", class_static(&m.alias), m.alias);
            if flat {
                writeln!(rust, "            ref e @ {k}::{name}::{} {{ .. }} => {cls}.call1((e.to_string(),)),", v.name())?;
            } else {
                let fields: Vec<&str> = v.fields().iter().map(|f| f.name()).collect();
                writeln!(rust, "            {k}::{name}::{} {{ {} }} => {{", v.name(), fields.join(", "))?;
                let args = v
                    .fields()
                    .iter()
                    .map(|f| Ok(format!("{}?, ", self.lift(&f.as_type(), f.name())?)))
                    .collect::<Result<String>>()?;
                if args.is_empty() {
                    writeln!(rust, "                {cls}.call0()\n            }}")?;
                } else {
                    writeln!(rust, "                {cls}.call1(PyTuple::new(py, [{}])?)\n            }}", args.trim_end_matches(", "))?;
                }
            }
        }
        if e.is_non_exhaustive() {
            writeln!(rust, "            _ => Err(PyRuntimeError::new_err(\"unknown {name} variant\")),")?;
        }
        writeln!(rust, "        }}\n    }}")?;
        writeln!(rust, "    match value(py, e) {{\n        Ok(v) => PyErr::from_value(v),\n        Err(err) => err,\n    }}\n}}\n")?;
        // Python exceptions raised by foreign trait implementations, back into Rust errors.
        writeln!(rust, "#[allow(dead_code)]")?;
        writeln!(rust, "fn _uniffi_lower_err_{name}(py: Python<'_>, err: &PyErr) -> PyResult<Option<{k}::{name}>> {{")?;
        if !flat {
            writeln!(rust, "    let obj = err.value(py);")?;
            for (v, m) in e.variants().iter().zip(&variants) {
                writeln!(rust, "    if obj.is_instance({}.import(py, _UNIFFI_PKG, {:?})?)? {{", class_static(&m.alias), m.alias)?;
                writeln!(rust, "        return Ok(Some({k}::{name}::{} {{", v.name())?;
                for f in v.fields() {
                    let lower = self.lower(&f.as_type(), "_v")?;
                    writeln!(rust, "            {0}: {{ let _v = &obj.getattr(intern!(py, {0:?}))?; {lower}? }},", f.name())?;
                }
                writeln!(rust, "        }}));\n    }}")?;
            }
        } else {
            writeln!(rust, "    let _ = (py, err);")?;
        }
        writeln!(rust, "    Ok(None)\n}}")?;
        Ok(ErrorModel { py_name: name.to_string(), doc: py_doc(e.docstring()), flat, variants, rust })
    }

    // -- callables --

    fn throws(&self, ty: Option<&Type>) -> Result<Option<String>> {
        match ty {
            None => Ok(None),
            Some(Type::Enum { name, .. }) => Ok(Some(name.clone())),
            Some(other) => bail!("throwing {other:?} is not supported by the native Python backend"),
        }
    }

    /// Parameters, the statements that lower them, the arguments of the Rust call, and the
    /// pyo3 signature.
    fn params(&self, args: &[Argument]) -> Result<(String, String, String, String)> {
        let (mut params, mut lowers, mut call, mut sig) = (Vec::new(), String::new(), Vec::new(), Vec::new());
        for a in args {
            let name = a.name();
            if matches!(name, "py" | "self" | "slf") {
                bail!("an argument named `{name}` is not supported by the native Python backend");
            }
            let ty = a.as_type();
            self.check_value_type(&ty).with_context(|| format!("argument `{name}`"))?;
            let native = self.is_native(&ty);
            if native {
                params.push(format!("{name}: {}", self.rust_type(&ty)?));
            } else {
                params.push(format!("{name}: &Bound<'py, PyAny>"));
                writeln!(lowers, "        let {name} = {}?;", self.lower(&ty, name)?)?;
            }
            call.push(if a.by_ref() { format!("&{name}") } else { name.to_string() });
            match a.default_value() {
                Some(d) if native => sig.push(format!("{name} = {}", self.rust_literal(&ty, d)?)),
                Some(_) => bail!("argument `{name}`: defaults for this type are not supported by the native Python backend"),
                None => sig.push(name.to_string()),
            }
        }
        Ok((params.join(", "), lowers, call.join(", "), sig.join(", ")))
    }

    /// Return type and the statements that turn `_uniffi_r` (the Rust result) into it.
    fn returns(&self, ret: Option<&Type>, throws: &Option<String>) -> Result<(String, String)> {
        let mut body = String::new();
        if let Some(e) = throws {
            writeln!(body, "        let _uniffi_r = _uniffi_r.map_err(|e| _uniffi_err_{e}(py, e))?;")?;
        }
        Ok(match ret {
            None => {
                writeln!(body, "        let () = _uniffi_r;\n        Ok(())")?;
                ("PyResult<()>".into(), body)
            }
            Some(t) if self.is_native(t) => {
                writeln!(body, "        Ok(_uniffi_r)")?;
                (format!("PyResult<{}>", self.rust_type(t)?), body)
            }
            Some(t) => {
                writeln!(body, "        {}", self.lift(t, "_uniffi_r")?)?;
                ("PyResult<Bound<'py, PyAny>>".into(), body)
            }
        })
    }

    fn async_finish(&self, ret: Option<&Type>, throws: &Option<String>) -> Result<String> {
        let mut f = String::from("move |py, _uniffi_r| -> PyResult<Py<PyAny>> { ");
        if let Some(e) = throws {
            write!(f, "let _uniffi_r = _uniffi_r.map_err(|e| _uniffi_err_{e}(py, e))?; ")?;
        }
        match ret {
            None => f.push_str("let () = _uniffi_r; Ok(py.None()) }"),
            Some(t) => write!(f, "Ok({}?.unbind()) }}", self.lift(t, "_uniffi_r")?)?,
        }
        Ok(f)
    }

    fn function(&self, f: &Function) -> Result<Callable> {
        let (params, lowers, call, sig) = self.params(f.arguments().into_iter().cloned().collect::<Vec<_>>().as_slice())?;
        let throws = self.throws(f.throws_type())?;
        let k = &self.krate;
        let rust_name = format!("_uniffi_fn_{}", f.name());
        let mut attrs = vec!["#[pyfunction]".to_string(), format!("#[pyo3(name = {:?}, signature = ({sig}))]", f.name())];
        let mut body = lowers;
        let ret;
        if f.is_async() {
            writeln!(body, "        let _uniffi_fut = async move {{ {k}::{}({call}).await }};", f.name())?;
            writeln!(body, "        _uniffi_spawn_async(py, _uniffi_fut, {})", self.async_finish(f.return_type(), &throws)?)?;
            ret = "PyResult<Bound<'py, PyAny>>".to_string();
        } else {
            // Free functions keep the GIL: they do not touch shared state. Objects release it.
            writeln!(body, "        let _uniffi_r = _uniffi_call(py, move || {k}::{}({call}))?;", f.name())?;
            let (r, tail) = self.returns(f.return_type(), &throws)?;
            body.push_str(&tail);
            ret = r;
        }
        attrs.insert(0, "#[allow(unused_variables, clippy::too_many_arguments)]".into());
        Ok(Callable {
            py_name: f.name().to_string(),
            rust_name,
            doc: doc_lines(f.docstring()),
            attrs,
            params: if params.is_empty() { "py: Python<'py>".into() } else { format!("py: Python<'py>, {params}") },
            ret,
            body,
        })
    }

    fn constructor(&self, o: &Object, c: &Constructor) -> Result<Callable> {
        if c.is_async() {
            bail!("async constructor `{}` is not supported by the native Python backend", c.name());
        }
        let (params, lowers, call, sig) = self.params(c.arguments().into_iter().cloned().collect::<Vec<_>>().as_slice())?;
        let throws = self.throws(c.throws_type())?;
        let k = &self.krate;
        let mut body = lowers;
        writeln!(body, "        let _uniffi_r = _uniffi_call_detached(py, move || {k}::{}::{}({call}))?;", o.name(), c.name())?;
        if let Some(e) = &throws {
            writeln!(body, "        let _uniffi_r = _uniffi_r.map_err(|e| _uniffi_err_{e}(py, e))?;")?;
        }
        writeln!(body, "        Ok(Self(_uniffi_r.into()))")?;
        let mut attrs = vec!["#[allow(unused_variables, clippy::too_many_arguments)]".to_string()];
        if c.is_primary_constructor() {
            attrs.push("#[new]".into());
            attrs.push(format!("#[pyo3(signature = ({sig}))]"));
        } else {
            attrs.push("#[staticmethod]".into());
            attrs.push(format!("#[pyo3(name = {:?}, signature = ({sig}))]", c.name()));
        }
        Ok(Callable {
            py_name: c.name().to_string(),
            rust_name: format!("_uniffi_ctor_{}", c.name()),
            doc: doc_lines(c.docstring()),
            attrs,
            params: if params.is_empty() { "py: Python<'py>".into() } else { format!("py: Python<'py>, {params}") },
            ret: "PyResult<Self>".into(),
            body,
        })
    }

    fn method(&self, o: &Object, m: &Method) -> Result<Callable> {
        let (params, lowers, call, sig) = self.params(m.arguments().into_iter().cloned().collect::<Vec<_>>().as_slice())?;
        let throws = self.throws(m.throws_type())?;
        let k = &self.krate;
        let receiver = if m.takes_self_by_arc() { "::std::sync::Arc::clone(&_uniffi_obj)" } else { "&_uniffi_obj" };
        let call = if call.is_empty() { receiver.to_string() } else { format!("{receiver}, {call}") };
        let mut body = lowers;
        let ret;
        if m.is_async() {
            writeln!(body, "        let _uniffi_obj = ::std::sync::Arc::clone(&self.0);")?;
            writeln!(body, "        let _uniffi_fut = async move {{ {k}::{}::{}({call}).await }};", o.name(), m.name())?;
            writeln!(body, "        _uniffi_spawn_async(py, _uniffi_fut, {})", self.async_finish(m.return_type(), &throws)?)?;
            ret = "PyResult<Bound<'py, PyAny>>".to_string();
        } else {
            writeln!(body, "        let _uniffi_obj = &self.0;")?;
            writeln!(body, "        let _uniffi_r = _uniffi_call_detached(py, move || {k}::{}::{}({call}))?;", o.name(), m.name())?;
            let (r, tail) = self.returns(m.return_type(), &throws)?;
            body.push_str(&tail);
            ret = r;
        }
        Ok(Callable {
            py_name: m.name().to_string(),
            rust_name: format!("_uniffi_m_{}", m.name()),
            doc: doc_lines(m.docstring()),
            attrs: vec![
                "#[allow(unused_variables, clippy::too_many_arguments)]".into(),
                format!("#[pyo3(name = {:?}, signature = ({sig}))]", m.name()),
            ],
            params: if params.is_empty() { "&self, py: Python<'py>".into() } else { format!("&self, py: Python<'py>, {params}") },
            ret,
            body,
        })
    }

    fn object(&self, o: &Object) -> Result<ObjectModel> {
        let name = o.name();
        let k = &self.krate;
        let struct_name = format!("_UniffiObj{name}");
        let mut methods = Vec::new();
        for c in o.constructors() {
            methods.push(self.constructor(o, c).with_context(|| format!("constructor `{}`", c.name()))?);
        }
        for m in o.methods() {
            methods.push(self.method(o, m).with_context(|| format!("method `{}`", m.name()))?);
        }
        let mut traits = Vec::new();
        for t in o.uniffi_traits() {
            traits.push(match t {
                UniffiTrait::Display { .. } => "Display".to_string(),
                UniffiTrait::Debug { .. } => "Debug".to_string(),
                UniffiTrait::Eq { .. } => "Eq".to_string(),
                UniffiTrait::Hash { .. } => "Hash".to_string(),
                UniffiTrait::Ord { .. } => bail!("the exported Ord trait of `{name}` is not supported by the native Python backend"),
            });
        }
        traits.sort();
        let lift = format!(
            "fn _uniffi_lift_obj_{name}<'py>(py: Python<'py>, v: ::std::sync::Arc<{k}::{name}>) -> PyResult<Bound<'py, PyAny>> {{\n    Ok(Bound::new(py, {struct_name}(v))?.into_any())\n}}"
        );
        let lower = format!(
            "fn _uniffi_lower_obj_{name}(obj: &Bound<'_, PyAny>) -> PyResult<::std::sync::Arc<{k}::{name}>> {{\n    Ok(::std::sync::Arc::clone(&obj.cast::<{struct_name}>()?.get().0))\n}}"
        );
        Ok(ObjectModel {
            py_name: name.to_string(),
            struct_name,
            rust_type: format!("{k}::{name}"),
            doc: doc_lines(o.docstring()),
            methods,
            traits,
            lift,
            lower,
        })
    }

    fn trait_(&self, o: &Object, classes: &mut Vec<(String, String)>) -> Result<TraitModel> {
        let name = o.name();
        if !o.has_callback_interface() {
            bail!("only `[Trait, WithForeign]` interfaces are supported by the native Python backend");
        }
        classes.push((class_static(name), name.to_string()));
        let k = &self.krate;
        let mut rust = String::new();
        writeln!(rust, "struct _UniffiForeign{name}(Py<PyAny>);\n")?;
        writeln!(rust, "impl {k}::{name} for _UniffiForeign{name} {{")?;
        let mut methods = Vec::new();
        for m in o.methods() {
            if m.is_async() {
                bail!("async method `{}` of trait `{name}` is not supported by the native Python backend", m.name());
            }
            let throws = self.throws(m.throws_type())?;
            let mut params = vec!["&self".to_string()];
            let mut lifts = Vec::new();
            for a in m.arguments() {
                let ty = a.as_type();
                let rty = self.rust_type(&ty)?;
                params.push(if a.by_ref() { format!("{}: &{rty}", a.name()) } else { format!("{}: {rty}", a.name()) });
                let arg = if a.by_ref() { format!("{}.clone()", a.name()) } else { a.name().to_string() };
                lifts.push(format!("{}?", self.lift(&ty, &arg)?));
            }
            let ok_ty = match m.return_type() {
                Some(t) => self.rust_type(t)?,
                None => "()".into(),
            };
            let ret_ty = match &throws {
                Some(e) => format!("::std::result::Result<{ok_ty}, {k}::{e}>"),
                None => ok_ty.clone(),
            };
            writeln!(rust, "    fn {}({}) -> {ret_ty} {{", m.name(), params.join(", "))?;
            writeln!(rust, "        Python::attach(|py| {{")?;
            writeln!(rust, "            let outcome = (|| -> PyResult<{ok_ty}> {{")?;
            writeln!(rust, "                let args = PyTuple::new(py, [{}])?;", lifts.iter().map(|l| format!("{l},")).collect::<String>().trim_end_matches(','))?;
            writeln!(rust, "                let _ret = &self.0.bind(py).call_method1(intern!(py, {:?}), args)?;", m.name())?;
            match m.return_type() {
                Some(t) => writeln!(rust, "                {}", self.lower(t, "_ret")?)?,
                None => writeln!(rust, "                let _ = _ret;\n                Ok(())")?,
            }
            writeln!(rust, "            }})();")?;
            match &throws {
                Some(e) => {
                    writeln!(rust, "            outcome.map_err(|err| match _uniffi_lower_err_{e}(py, &err) {{")?;
                    writeln!(rust, "                Ok(Some(e)) => e,")?;
                    writeln!(rust, "                _ => {k}::{e}::from(::uniffi::UnexpectedUniFFICallbackError::new(_uniffi_describe(py, &err))),")?;
                    writeln!(rust, "            }})")?;
                }
                None => writeln!(
                    rust,
                    "            outcome.unwrap_or_else(|err| panic!(\"{name}.{} raised {{}}\", _uniffi_describe(py, &err)))",
                    m.name()
                )?,
            }
            writeln!(rust, "        }})\n    }}")?;
            let names: Vec<&str> = m.arguments().iter().map(|a| a.name()).collect();
            methods.push(TraitMethodModel {
                name: m.name().to_string(),
                args: names.iter().map(|n| format!(", {n}")).collect(),
                doc: py_doc(m.docstring()),
            });
        }
        writeln!(rust, "}}\n")?;
        writeln!(rust, "fn _uniffi_lower_trait_{name}(obj: &Bound<'_, PyAny>) -> PyResult<::std::sync::Arc<dyn {k}::{name}>> {{")?;
        writeln!(rust, "    let py = obj.py();")?;
        writeln!(rust, "    _uniffi_check_instance(obj, {}.import(py, _UNIFFI_PKG, {name:?})?, {name:?})?;", class_static(name))?;
        writeln!(rust, "    Ok(::std::sync::Arc::new(_UniffiForeign{name}(obj.clone().unbind())))\n}}")?;
        Ok(TraitModel { py_name: name.to_string(), doc: py_doc(o.docstring()), methods, rust })
    }
}
