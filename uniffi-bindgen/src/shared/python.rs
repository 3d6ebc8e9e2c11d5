//! The Python face of a component, as uniffi 0.32's Python bindings shape it: names, type
//! annotations, default values, docstrings, the classes of records, enums and errors, and
//! the signatures of functions and methods. The native (PyO3) backend and the gRPC client
//! render their Python from this one model, so both have uniffi's API; the type stubs too.
//!
//! The naming rules mirror `uniffi_bindgen::bindings::python::pipeline` (names.rs,
//! types.rs, default.rs), which are private to uniffi.

use anyhow::{bail, Result};
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexMap;
use serde::Deserialize;

use crate::ir::{
    self, Callable, CallableKind, Component, DefaultValue, EnumShape, FieldsKind, Literal, ObjectImpl, Radix,
    TraitKind, Type, TypeNode,
};

/// Python's keywords: no name in a module may be one (uniffi prefixes `_`; the gRPC client's
/// proto names append `_`).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "__peg_parser__", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Whether `name` is one of Python's [`KEYWORDS`] (`None`, `True` and `False` included).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A Python expression for the attribute `path` (dotted, `A.B`) of `base`: `base.A.B`, with
/// `getattr` for a part Python cannot spell as an attribute (`getattr(base.A, "None")`).
pub fn attr_path(base: &str, path: &str) -> String {
    path.split('.').fold(base.to_string(), |expr, part| {
        if is_keyword(part) {
            format!("getattr({expr}, \"{part}\")")
        } else {
            format!("{expr}.{part}")
        }
    })
}

fn fixup_keyword(name: String) -> String {
    if is_keyword(&name) {
        format!("_{name}")
    } else {
        name
    }
}

/// A class name: `UpperCamelCase`.
pub fn type_name(name: &str) -> String {
    fixup_keyword(name.to_upper_camel_case())
}

/// A function, method, argument or field name: `snake_case`.
pub fn var_name(name: &str) -> String {
    fixup_keyword(name.to_snake_case())
}

/// A variant of a (non-error) enum: `SHOUTY_SNAKE_CASE`.
pub fn enum_variant_name(name: &str) -> String {
    fixup_keyword(name.to_shouty_snake_case())
}

// ---- uniffi.toml ----------------------------------------------------------------------------

#[derive(Debug, Clone, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    bindings: BindingsConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct BindingsConfig {
    #[serde(default)]
    python: PythonConfig,
}

/// `[bindings.python]` of the component's `uniffi.toml`: what the Python code needs of it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PythonConfig {
    #[serde(default)]
    pub custom_types: IndexMap<String, CustomTypeConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CustomTypeConfig {
    pub imports: Option<Vec<String>>,
    pub type_name: Option<String>,
    pub into_custom: String,
    pub lift: String,
    pub from_custom: String,
    pub lower: String,
}

impl PythonConfig {
    pub fn from_toml(toml: Option<&str>) -> Result<Self> {
        match toml {
            None => Ok(Self::default()),
            Some(text) => Ok(toml::from_str::<ConfigFile>(text)?.bindings.python),
        }
    }
}

// ---- the model ------------------------------------------------------------------------------

/// A default value: what the signature shows, and (for mutable or constructed defaults,
/// which the signature shows as `_DEFAULT`) the expression evaluated per call.
#[derive(Debug, Clone)]
pub struct PyDefault {
    pub arg_literal: String,
    pub py_default: String,
}

impl PyDefault {
    pub fn is_arg_literal(&self) -> bool {
        self.arg_literal != "_DEFAULT"
    }
}

pub struct PyArg<'a> {
    pub name: String,
    pub annotation: String,
    pub default: Option<PyDefault>,
    pub ty: &'a TypeNode,
    /// The IR default, for backends that render it in another language.
    pub ir_default: Option<&'a DefaultValue>,
}

/// What a callable is, as far as Python is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyCallableKind {
    Function,
    Method,
    /// `__init__`.
    PrimaryConstructor,
    /// A classmethod that returns a new instance.
    Constructor,
}

pub struct PyCallable<'a> {
    pub name: String,
    pub kind: PyCallableKind,
    pub doc: Option<String>,
    pub args: Vec<PyArg<'a>>,
    pub return_annotation: String,
    pub return_type: Option<&'a TypeNode>,
    pub throws: Option<&'a TypeNode>,
    pub is_async: bool,
    pub callable: &'a Callable,
}

pub struct PyField<'a> {
    pub name: String,
    /// The field's name in the IR (and in the Rust client).
    pub ir_name: String,
    pub annotation: String,
    pub default: Option<PyDefault>,
    pub doc: Option<String>,
    pub ty: &'a TypeNode,
    pub ir_default: Option<&'a DefaultValue>,
}

pub struct PyRecord<'a> {
    pub name: String,
    pub doc: Option<String>,
    pub fields: Vec<PyField<'a>>,
    pub methods: Vec<PyCallable<'a>>,
    pub traits: PyTraits<'a>,
    pub record: &'a ir::Record,
    /// A class decorator that moves the class body onto a type storing the fields in the
    /// object itself (the native backend's records of primitives): the class has no
    /// `__dict__`, and pickles by its fields.
    pub stored_in: Option<String>,
}

pub struct PyVariant<'a> {
    pub name: String,
    /// `is_<snake_name>()` is defined too when it differs from the name.
    pub snake_name: String,
    /// The variant's name in the IR (and in the Rust client).
    pub ir_name: String,
    pub doc: Option<String>,
    /// The discriminant, as a Python literal (flat enums).
    pub discr: String,
    pub fields: Vec<PyField<'a>>,
    pub unnamed: bool,
}

pub struct PyEnum<'a> {
    pub name: String,
    pub doc: Option<String>,
    pub flat: bool,
    pub is_error: bool,
    /// A flat error: variants carry only a message.
    pub flat_error: bool,
    pub variants: Vec<PyVariant<'a>>,
    pub methods: Vec<PyCallable<'a>>,
    pub traits: PyTraits<'a>,
    pub e: &'a ir::Enum,
}

/// Methods of exported Rust traits (`Display`, `Debug`, `Eq`, `Hash`, `Ord`).
#[derive(Default)]
pub struct PyTraits<'a> {
    pub display: Option<PyCallable<'a>>,
    pub debug: Option<PyCallable<'a>>,
    pub eq: Option<PyCallable<'a>>,
    pub ne: Option<PyCallable<'a>>,
    pub hash: Option<PyCallable<'a>>,
    pub ord: Option<PyCallable<'a>>,
}

impl PyEnum<'_> {
    /// The first variant's name (uniffi's check of a non-enum value fails on its `is_` method).
    pub fn first_variant_name(&self) -> &str {
        self.variants.first().map(|v| v.name.as_str()).unwrap_or("")
    }
}

impl PyTraits<'_> {
    pub fn all(&self) -> Vec<(&'static str, &PyCallable<'_>)> {
        [
            ("__repr__", &self.debug),
            ("__str__", &self.display),
            ("__eq__", &self.eq),
            ("__ne__", &self.ne),
            ("__hash__", &self.hash),
            ("__rust_cmp__", &self.ord),
        ]
        .into_iter()
        .filter_map(|(n, c)| c.as_ref().map(|c| (n, c)))
        .collect()
    }
}

/// The abstract class of an interface: `XProtocol(typing.Protocol)` for interfaces only Rust
/// implements, the class `X` itself for traits foreign code implements, and the protocol of a
/// callback interface.
pub struct PyProtocol<'a> {
    pub name: String,
    pub base_classes: Vec<String>,
    pub doc: Option<String>,
    pub methods: Vec<PyCallable<'a>>,
    /// Foreign code may implement it (it is a trait with foreign impls or a callback interface).
    pub foreign: bool,
}

/// A class backed by a Rust object.
pub struct PyInterface<'a> {
    pub name: String,
    pub protocol: String,
    pub doc: Option<String>,
    pub constructors: Vec<PyCallable<'a>>,
    pub methods: Vec<PyCallable<'a>>,
    pub traits: PyTraits<'a>,
    pub is_error: bool,
    pub has_primary_constructor: bool,
    /// Foreign code may implement the trait (so values of this type may be Python objects).
    pub foreign: bool,
    pub trait_protocols: Vec<String>,
    pub i: &'a ir::Interface,
}

impl PyInterface<'_> {
    /// Whether a constructor or method has this Python name.
    pub fn has_member(&self, name: &str) -> bool {
        self.constructors.iter().chain(&self.methods).any(|f| f.name == name)
    }
}

pub struct PyCustom {
    pub name: String,
    pub ir_name: String,
    pub builtin_annotation: String,
    pub doc: Option<String>,
    /// `[bindings.python.custom_types]` conversions, as Python expressions of `{}`.
    pub lift: Option<String>,
    pub lower: Option<String>,
    pub type_name: Option<String>,
}

pub struct PyModule<'a> {
    pub name: String,
    pub doc: Option<String>,
    pub imports: Vec<String>,
    pub customs: Vec<PyCustom>,
    pub enums: Vec<PyEnum<'a>>,
    pub records: Vec<PyRecord<'a>>,
    pub protocols: Vec<PyProtocol<'a>>,
    pub interfaces: Vec<PyInterface<'a>>,
    pub functions: Vec<PyCallable<'a>>,
    pub exported_names: Vec<String>,
    pub has_async: bool,
    /// Objects are handles that `close()` (and `with`) free: the gRPC client's. The stub then
    /// declares those members too.
    pub closable_objects: bool,
}

impl<'a> PyModule<'a> {
    pub fn new(c: &'a Component) -> Result<Self> {
        let config = PythonConfig::from_toml(c.ns.config_toml.as_deref())?;
        let b = Builder { c };
        let mut customs = Vec::new();
        let mut imports = Vec::new();
        for t in c.custom_types() {
            let cfg = config.custom_types.get(&t.orig_name);
            if let Some(cfg) = cfg {
                imports.extend(cfg.imports.iter().flatten().cloned());
            }
            let pick = |a: &str, b: &str| -> Option<String> {
                let s = if a.is_empty() { b } else { a };
                (!s.is_empty()).then(|| s.to_string())
            };
            customs.push(PyCustom {
                name: type_name(&t.name),
                ir_name: t.name.clone(),
                builtin_annotation: b.annotation(&t.builtin.ty),
                doc: t.docstring.clone(),
                lift: cfg.and_then(|c| pick(&c.lift, &c.into_custom)),
                lower: cfg.and_then(|c| pick(&c.lower, &c.from_custom)),
                type_name: cfg.and_then(|c| c.type_name.clone()),
            });
        }
        let mut enums = Vec::new();
        for e in c.enums() {
            enums.push(b.enum_(e)?);
        }
        let mut records = Vec::new();
        for r in c.records() {
            records.push(b.record(r)?);
        }
        let mut protocols = Vec::new();
        let mut interfaces = Vec::new();
        for i in c.interfaces() {
            let foreign = ir::has_foreign_impls(&i.imp);
            let methods = i.methods.iter().map(|m| b.callable(&m.callable, m.docstring.clone())).collect::<Result<Vec<_>>>()?;
            let (protocol_name, class_name, base) = if foreign {
                (type_name(&i.name), type_name(&format!("{}Impl", i.name)), vec![])
            } else {
                (format!("{}Protocol", type_name(&i.name)), type_name(&i.name), vec!["typing.Protocol".to_string()])
            };
            protocols.push(PyProtocol { name: protocol_name.clone(), base_classes: base, doc: i.docstring.clone(), methods, foreign });
            let constructors =
                i.constructors.iter().map(|k| b.callable(&k.callable, k.docstring.clone())).collect::<Result<Vec<_>>>()?;
            if constructors.iter().any(|k| k.kind == PyCallableKind::PrimaryConstructor && k.is_async) {
                bail!("async primary constructor of `{}`: Python has no async `__init__` (uniffi refuses it too)", i.name);
            }
            let mut trait_protocols = Vec::new();
            for t in &i.trait_impls {
                match &t.trait_ty.ty {
                    Type::Interface { name, imp: ObjectImpl::Trait(TraitKind::RustOnly), .. } => {
                        trait_protocols.push(type_name(&format!("{name}Protocol")))
                    }
                    Type::Interface { name, .. } | Type::CallbackInterface { name, .. } => trait_protocols.push(type_name(name)),
                    _ => {}
                }
            }
            interfaces.push(PyInterface {
                name: class_name,
                protocol: protocol_name,
                doc: i.docstring.clone(),
                has_primary_constructor: constructors.iter().any(|k| k.kind == PyCallableKind::PrimaryConstructor),
                constructors,
                methods: i.methods.iter().map(|m| b.callable(&m.callable, m.docstring.clone())).collect::<Result<_>>()?,
                traits: b.traits(&i.uniffi_trait_methods)?,
                is_error: i.self_type.is_used_as_error,
                foreign,
                trait_protocols,
                i,
            });
        }
        for cb in c.callback_interfaces() {
            let methods = cb.methods.iter().map(|m| b.callable(&m.callable, m.docstring.clone())).collect::<Result<Vec<_>>>()?;
            protocols.push(PyProtocol {
                name: type_name(&cb.name),
                base_classes: vec!["typing.Protocol".to_string()],
                doc: cb.docstring.clone(),
                methods,
                foreign: true,
            });
        }
        let functions = c.ns.functions.iter().map(|f| b.callable(&f.callable, f.docstring.clone())).collect::<Result<Vec<_>>>()?;

        let mut exported_names = vec!["InternalError".to_string()];
        exported_names.extend(enums.iter().map(|e| e.name.clone()));
        exported_names.extend(records.iter().map(|r| r.name.clone()));
        exported_names.extend(functions.iter().map(|f| f.name.clone()));
        for i in &interfaces {
            exported_names.push(i.name.clone());
            exported_names.push(i.protocol.clone());
        }
        for cb in c.callback_interfaces() {
            exported_names.push(type_name(&cb.name));
        }
        let has_async = functions.iter().any(|f| f.is_async)
            || interfaces.iter().any(|i| i.methods.iter().chain(&i.constructors).any(|m| m.is_async))
            || protocols.iter().any(|p| p.methods.iter().any(|m| m.is_async));
        Ok(PyModule {
            name: c.ns.name.clone(),
            doc: c.ns.docstring.clone(),
            imports,
            customs,
            enums,
            records,
            protocols,
            interfaces,
            functions,
            exported_names,
            has_async,
            closable_objects: false,
        })
    }

    pub fn errors(&self) -> impl Iterator<Item = &PyEnum<'a>> {
        self.enums.iter().filter(|e| e.is_error)
    }

    pub fn plain_enums(&self) -> impl Iterator<Item = &PyEnum<'a>> {
        self.enums.iter().filter(|e| !e.is_error)
    }

    pub fn interface(&self, name: &str) -> Option<&PyInterface<'a>> {
        self.interfaces.iter().find(|i| i.i.name == name)
    }
}

struct Builder<'a> {
    c: &'a Component,
}

impl<'a> Builder<'a> {
    /// The annotation uniffi writes for a type.
    fn annotation(&self, ty: &Type) -> String {
        annotation(ty)
    }

    fn callable(&self, c: &'a Callable, doc: Option<String>) -> Result<PyCallable<'a>> {
        callable(c, doc)
    }

    fn field(&self, f: &'a ir::Field) -> Result<PyField<'a>> {
        Ok(PyField {
            name: var_name(&f.name),
            ir_name: f.name.clone(),
            annotation: annotation_for_field(&f.ty.ty, self.c),
            default: f.default.as_ref().map(|d| self.default(d)).transpose()?,
            doc: f.docstring.clone(),
            ty: &f.ty,
            ir_default: f.default.as_ref(),
        })
    }

    fn traits(&self, t: &'a ir::UniffiTraitMethods) -> Result<PyTraits<'a>> {
        let one = |m: &'a Option<ir::Method>| -> Result<Option<PyCallable<'a>>> {
            m.as_ref().map(|m| self.callable(&m.callable, m.docstring.clone())).transpose()
        };
        Ok(PyTraits {
            display: one(&t.display_fmt)?,
            debug: one(&t.debug_fmt)?,
            eq: one(&t.eq_eq)?,
            ne: one(&t.eq_ne)?,
            hash: one(&t.hash_hash)?,
            ord: one(&t.ord_cmp)?,
        })
    }

    fn record(&self, r: &'a ir::Record) -> Result<PyRecord<'a>> {
        let mut methods = Vec::new();
        for k in &r.constructors {
            methods.push(self.callable(&k.callable, k.docstring.clone())?);
        }
        for m in &r.methods {
            methods.push(self.callable(&m.callable, m.docstring.clone())?);
        }
        Ok(PyRecord {
            name: type_name(&r.name),
            doc: r.docstring.clone(),
            fields: r.fields.iter().map(|f| self.field(f)).collect::<Result<_>>()?,
            methods,
            traits: self.traits(&r.uniffi_trait_methods)?,
            record: r,
            stored_in: None,
        })
    }

    fn enum_(&self, e: &'a ir::Enum) -> Result<PyEnum<'a>> {
        let is_error = e.self_type.is_used_as_error || matches!(e.shape, EnumShape::Error { .. });
        let mut variants = Vec::new();
        for v in &e.variants {
            let name = if is_error { type_name(&v.name) } else { enum_variant_name(&v.name) };
            variants.push(PyVariant {
                snake_name: name.to_snake_case(),
                ir_name: v.name.clone(),
                name,
                doc: v.docstring.clone(),
                discr: render_literal(&v.discr)?,
                fields: v.fields.iter().map(|f| self.field(f)).collect::<Result<_>>()?,
                unnamed: matches!(v.fields_kind, FieldsKind::Unnamed),
            });
        }
        let mut methods = Vec::new();
        for k in &e.constructors {
            methods.push(self.callable(&k.callable, k.docstring.clone())?);
        }
        for m in &e.methods {
            methods.push(self.callable(&m.callable, m.docstring.clone())?);
        }
        Ok(PyEnum {
            name: type_name(&e.name),
            doc: e.docstring.clone(),
            flat: e.is_flat,
            is_error,
            flat_error: matches!(e.shape, EnumShape::Error { flat: true }),
            variants,
            methods,
            traits: self.traits(&e.uniffi_trait_methods)?,
            e,
        })
    }

    fn default(&self, d: &DefaultValue) -> Result<PyDefault> {
        py_default(d)
    }
}

/// A function, method or constructor as Python sees it.
pub fn callable(callable: &Callable, doc: Option<String>) -> Result<PyCallable<'_>> {
    let kind = match &callable.kind {
        CallableKind::Function => PyCallableKind::Function,
        CallableKind::Method { .. } | CallableKind::VTableMethod { .. } => PyCallableKind::Method,
        CallableKind::Constructor { primary: true, .. } => PyCallableKind::PrimaryConstructor,
        CallableKind::Constructor { primary: false, .. } => PyCallableKind::Constructor,
    };
    let name = if kind == PyCallableKind::PrimaryConstructor { "__init__".to_string() } else { var_name(&callable.name) };
    let mut args = Vec::new();
    for a in &callable.arguments {
        args.push(PyArg {
            name: var_name(&a.name),
            annotation: annotation(&a.ty.ty),
            default: a.default.as_ref().map(|d| py_default(d)).transpose()?,
            ty: &a.ty,
            ir_default: a.default.as_ref(),
        });
    }
    let return_type = match kind {
        PyCallableKind::Constructor | PyCallableKind::PrimaryConstructor => None,
        _ => callable.return_type.ty.as_ref(),
    };
    let return_annotation = match (kind, &callable.kind) {
        (PyCallableKind::Constructor, CallableKind::Constructor { self_type, .. }) => annotation(&self_type.ty),
        _ => return_type.map(|t| annotation(&t.ty)).unwrap_or_else(|| "None".to_string()),
    };
    Ok(PyCallable {
        name,
        kind,
        doc,
        args,
        return_annotation,
        return_type,
        throws: callable.throws_type.ty.as_ref(),
        is_async: callable.is_async(),
        callable,
    })
}

fn py_default(d: &DefaultValue) -> Result<PyDefault> {
    Ok(PyDefault { arg_literal: arg_literal(d)?, py_default: render_default(d)? })
}

/// The annotation uniffi's Python writes for `ty` (`typing.Optional[str]`, `dict[str, int]`...).
pub fn annotation(ty: &Type) -> String {
    match ty {
        Type::Boolean => "bool".into(),
        Type::String => "str".into(),
        Type::Bytes => "bytes".into(),
        Type::Int8 | Type::Int16 | Type::Int32 | Type::Int64 | Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64 => {
            "int".into()
        }
        Type::Duration => "Duration".into(),
        Type::Timestamp => "Timestamp".into(),
        Type::Float32 | Type::Float64 => "float".into(),
        Type::Interface { name, .. }
        | Type::Record { name, .. }
        | Type::Enum { name, .. }
        | Type::CallbackInterface { name, .. }
        | Type::Custom { name, .. } => type_name(name),
        Type::Optional { inner_type } => format!("typing.Optional[{}]", annotation(inner_type)),
        Type::Sequence { inner_type } => format!("typing.List[{}]", annotation(inner_type)),
        Type::Map { key_type, value_type } => format!("dict[{}, {}]", annotation(key_type), annotation(value_type)),
        Type::Box { inner_type } => annotation(inner_type),
        Type::Set { inner_type } => format!("typing.Set[{}]", annotation(inner_type)),
    }
}

/// Field annotations quote recursive records and enums (forward references).
fn annotation_for_field(ty: &Type, c: &Component) -> String {
    let recursive = |name: &str| {
        c.record(name).is_some_and(|r| r.recursive) || c.enum_(name).is_some_and(|e| e.recursive)
    };
    match ty {
        Type::Enum { name, .. } | Type::Record { name, .. } if recursive(name) => format!("\"{}\"", annotation(ty)),
        Type::Optional { inner_type } => format!("typing.Optional[{}]", annotation_for_field(inner_type, c)),
        Type::Sequence { inner_type } => format!("typing.List[{}]", annotation_for_field(inner_type, c)),
        Type::Map { key_type, value_type } => {
            format!("dict[{}, {}]", annotation_for_field(key_type, c), annotation_for_field(value_type, c))
        }
        Type::Set { inner_type } => format!("typing.Set[{}]", annotation_for_field(inner_type, c)),
        _ => annotation(ty),
    }
}

fn can_use_literal(lit: &Literal) -> bool {
    match lit {
        Literal::Boolean(_)
        | Literal::String(_)
        | Literal::UInt(..)
        | Literal::Int(..)
        | Literal::Float(..)
        | Literal::Enum(..) => true,
        Literal::Some { inner } => match &**inner {
            DefaultValue::Literal(l) => can_use_literal(l),
            _ => false,
        },
        _ => false,
    }
}

/// The Python expression of a default value.
pub fn render_default(d: &DefaultValue) -> Result<String> {
    Ok(match d {
        DefaultValue::Default(tn) => match &tn.ty {
            Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64 | Type::Int8 | Type::Int16 | Type::Int32 | Type::Int64 => {
                "0".into()
            }
            Type::Float32 | Type::Float64 => "0.0".into(),
            Type::Boolean => "False".into(),
            Type::Bytes => "b\"\"".into(),
            Type::String => "\"\"".into(),
            Type::Record { .. } | Type::Enum { .. } | Type::Interface { .. } | Type::CallbackInterface { .. } => {
                format!("{}()", annotation(&tn.ty))
            }
            Type::Optional { .. } => "None".into(),
            Type::Map { .. } => "{}".into(),
            Type::Sequence { .. } => "[]".into(),
            Type::Set { .. } => "{*()}".into(),
            Type::Custom { builtin, .. } => {
                return render_default(&DefaultValue::Default(TypeNode { ty: (**builtin).clone(), ..tn.clone() }))
            }
            other => bail!("default values of type {} are not supported", annotation(other)),
        },
        DefaultValue::Literal(lit) => render_literal(lit)?,
    })
}

/// The Python literal of a literal value.
pub fn render_literal(lit: &Literal) -> Result<String> {
    Ok(match lit {
        Literal::Boolean(true) => "True".into(),
        Literal::Boolean(false) => "False".into(),
        Literal::String(s) => format!("\"{s}\""),
        Literal::Int(i, radix, _) => match radix {
            Radix::Octal => format!("int(0o{i:o})"),
            Radix::Decimal => format!("{i}"),
            Radix::Hexadecimal => format!("{i:#x}"),
        },
        Literal::UInt(i, radix, _) => match radix {
            Radix::Octal => format!("0o{i:o}"),
            Radix::Decimal => format!("{i}"),
            Radix::Hexadecimal => format!("{i:#x}"),
        },
        Literal::Float(value, _) => value.clone(),
        Literal::EmptySequence => "[]".into(),
        Literal::EmptyMap => "{}".into(),
        Literal::EmptySet => "{*()}".into(),
        Literal::None => "None".into(),
        Literal::Some { inner } => match &**inner {
            DefaultValue::Literal(l) => render_literal(l)?,
            d @ DefaultValue::Default(..) => render_default(d)?,
        },
        Literal::Enum(variant, ty) => match &ty.ty {
            Type::Enum { name, .. } => format!("{}.{}", type_name(name), enum_variant_name(variant)),
            other => bail!("enum literal of type {}", annotation(other)),
        },
    })
}

/// What the signature shows: the literal itself, or `_DEFAULT` for values made per call.
pub fn arg_literal(d: &DefaultValue) -> Result<String> {
    Ok(match d {
        DefaultValue::Default(tn) => match &tn.ty {
            Type::UInt8
            | Type::UInt16
            | Type::UInt32
            | Type::UInt64
            | Type::Int8
            | Type::Int16
            | Type::Int32
            | Type::Int64
            | Type::Float32
            | Type::Float64
            | Type::Boolean
            | Type::Bytes
            | Type::String
            | Type::Optional { .. } => render_default(d)?,
            _ => "_DEFAULT".into(),
        },
        DefaultValue::Literal(lit) => {
            if can_use_literal(lit) {
                render_default(d)?
            } else {
                "_DEFAULT".into()
            }
        }
    })
}

/// A Python docstring as uniffi writes it: dedented, indented by `indent`, in triple quotes
/// on lines of their own. Empty when there is none.
pub fn docstring(doc: Option<&str>, indent: usize) -> String {
    let Some(doc) = doc else { return String::new() };
    let pad = " ".repeat(indent);
    let escaped = textwrap::dedent(doc).replace("\"\"\"", "\\\"\\\"\\\"");
    let indented = textwrap::indent(&escaped, &pad);
    format!("\"\"\"\n{indented}\n\"\"\"\n{pad}")
}

/// The `__doc__` value that `docstring` gives a class or function defined at `indent`.
pub fn doc_value(doc: Option<&str>, indent: usize) -> Option<String> {
    let doc = doc?;
    let pad = " ".repeat(indent);
    let indented = textwrap::indent(&textwrap::dedent(doc), &pad);
    Some(format!("\n{indented}\n"))
}

/// A Python string literal (double-quoted, escaped).
pub fn py_str_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Askama filters over the helpers above.
pub mod filters {
    /// The import statement of a module uniffi.toml asks for (`.x.y` is relative).
    #[askama::filter_fn]
    pub fn import_statement(module: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(match module.rsplit_once('.') {
            Some((from, name)) if module.starts_with('.') => {
                format!("from {} import {name}", if from.is_empty() { "." } else { from })
            }
            _ => format!("import {module}"),
        })
    }

    /// A custom type's configured conversion applied to `name` (`{}` stands for the value).
    #[askama::filter_fn]
    pub fn custom_expr(expr: &str, _: &dyn askama::Values, name: &str) -> askama::Result<String> {
        Ok(expr.replace("{}", name))
    }

    /// A default as a text signature can show it: simple literals as they are, anything
    /// else as `...` (`inspect.signature` parses the text without the module's names).
    #[askama::filter_fn]
    pub fn text_default(literal: &str, _: &dyn askama::Values) -> askama::Result<String> {
        let simple = matches!(literal, "True" | "False" | "None" | "[]" | "{}")
            || literal.parse::<f64>().is_ok()
            || literal.starts_with("0x")
            || literal.starts_with("0o")
            || (literal.starts_with('"') && literal.ends_with('"') && !literal[1..literal.len() - 1].contains('"'));
        Ok(if simple { literal.replace('"', "'") } else { "...".to_string() })
    }

    #[askama::filter_fn]
    pub fn docstring(doc: &Option<String>, _: &dyn askama::Values, indent: usize) -> askama::Result<String> {
        Ok(super::docstring(doc.as_deref(), indent))
    }

    /// A Python string literal (double-quoted, escaped).
    #[askama::filter_fn]
    pub fn py_str(s: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::py_str_literal(s))
    }
}
