//! The CFFI (API mode) Python module over the C header (`templates/c-cffi/`): uniffi's
//! Python API for the component, every call made through the C API (`<ns>.h`, `lib<ns>_c`).
//!
//! Output, in `generated/python-cffi/`: `build_cffi.py`, which compiles the extension
//! `<ns>._cffi` from the header's declarations (read from `generated/c/<ns>.h`) plus small C
//! helpers, and `<ns>/__init__.py`, the module: records, enums, errors and protocols shaped
//! as uniffi shapes them (`templates/python-types/`), and functions, objects, foreign
//! implementations and async calls over `_cffi`. Every value is converted by one Python
//! function per C type (`_lift_<T>`, `_give_<T>`), composed for nested types.
//!
//! The helpers keep the out-parameters of calls that return a string in thread-local C
//! storage, so such a call (`greet()`) allocates no cdata: one C call returns the string's
//! bytes, another frees them.

use std::collections::{BTreeMap, HashMap};

use anyhow::{bail, Context as _, Result};
use askama::Template;

use super::model::{CErr, CFunc, CModel, CType, PairKind, Pass, Receiver};
use crate::ir::{Component, EnumShape, Type};
use crate::render::{add, Files};
use crate::shared::python::{self, PyArg, PyCallable, PyCallableKind, PyModule};
use crate::shared::python_stub;

/// The folder of the output under `generated/`.
pub const DIR: &str = "python-cffi";
/// The template folder, named in every generated file's `@generated` line.
pub const TEMPLATES: &str = "c-cffi";

/// How the module converts one C type (`_lift_<mangle>`, `_give_<mangle>`).
pub struct Conv {
    pub mangle: String,
    /// The C type of a value (`greet_string`, `greet_Greeter *`).
    pub c: String,
    pub kind: ConvKind,
    /// The library function that frees a `c *` (objects: one that takes the pointer itself).
    pub free_fn: Option<String>,
}

pub struct ConvField {
    /// The Python attribute.
    pub py: String,
    /// The C struct field.
    pub c: String,
    pub conv: String,
}

pub struct ConvVariant {
    /// The Python class of the variant, e.g. `Salutation.CUSTOM`, `GreetError.EmptyName`.
    pub class: String,
    /// The C enum value (tag or discriminant).
    pub value: String,
    /// The C union member holding its fields.
    pub member: String,
    pub fields: Vec<ConvField>,
    pub unnamed: bool,
}

pub enum ConvKind {
    Int { lo: String, hi: String },
    Float,
    Bool,
    Str,
    Bytes,
    Timestamp,
    Duration,
    CEnum { class: String },
    Record { class: String, fields: Vec<ConvField>, empty: bool },
    Union { variants: Vec<ConvVariant>, is_error: bool, flat_error: bool, name: String },
    Object { class: String, free: String, clone: String, is_error: bool },
    Trait { class: String, protocol: String, free: String, clone: String, new_foreign: String, user_data: String, vtable: String },
    Callback { protocol: String, vtable: String },
    Opt { inner: String },
    Seq { inner: String, item: String, set: bool },
    Map { key: String, value: String, entry: String },
    Box { inner: String, item: String },
    Custom { builtin: String, lift: Option<String>, lower: Option<String> },
}

/// One argument of a call as the module passes it.
pub struct PyCArg<'a> {
    pub py: &'a PyArg<'a>,
    pub ty: &'a CType,
    pub conv: String,
    /// A number, passed as is: no conversion function.
    pub scalar: bool,
    /// Objects: the function that makes another reference.
    pub clone: Option<String>,
    /// Integers: the range uniffi checks, `lo <= value < hi`.
    pub int_range: Option<(String, String)>,
}

impl PyCArg<'_> {
    /// Whether the argument is made with its `_give_` converter (not passed as is, nor as
    /// encoded bytes).
    pub fn needs_give(&self) -> bool {
        !self.scalar && !(self.ty.pass == Pass::Pair(PairKind::Str) && self.conv == "string")
            && !(self.ty.pass == Pass::Pair(PairKind::Bytes) && self.conv == "bytes")
    }

    /// What frees the argument's C value after the call (`_lib.<free>`), if it owns one.
    pub fn free_after(&self) -> Option<String> {
        if !self.needs_give() {
            return None;
        }
        self.ty.free_fn.as_ref().map(|f| format!("_lib.{f}"))
    }

    pub fn clone_fn(&self) -> String {
        self.clone.clone().unwrap_or_default()
    }

    /// The C parameter types of the argument in a vtable method's signature.
    pub fn c_param_types(&self) -> String {
        match self.ty.pass {
            Pass::Pair(PairKind::Str) => "const char *, size_t".to_string(),
            Pass::Pair(PairKind::Bytes) => "const uint8_t *, size_t".to_string(),
            Pass::Value => self.ty.arg_c.clone(),
            Pass::Ref => format!("const {} *", self.ty.c),
        }
    }
}

/// A function, method or constructor of the Python API and the C function behind it.
pub struct PyFn<'a> {
    pub py: &'a PyCallable<'a>,
    pub c: &'a CFunc,
    pub args: Vec<PyCArg<'a>>,
    pub ret: Option<String>,
    pub err: ErrConv,
    /// The string fast path: the helper that returns the result's bytes.
    pub helper: Option<String>,
    /// The string fast path: the accessor of its thread-local error struct.
    pub err_slot: Option<String>,
    /// Async: the `extern "Python"` function completing it.
    pub completion: String,
    pub receiver_conv: Option<String>,
    /// Constructors: the class they make.
    pub class: String,
}

/// A `_fail_<E>` function of the module.
pub struct ErrDef {
    pub conv: ErrConv,
    /// The converter of the declared error, if any.
    pub declared: Option<String>,
    pub free: String,
    /// The field of the error struct holding an object or a custom type's value thrown as an
    /// error (`object`, `value`); `None` for an error enum, which is the struct itself.
    pub field: Option<&'static str>,
}

/// How the module turns a failed call's error struct into an exception.
#[derive(Clone)]
pub struct ErrConv {
    /// `_fail_<mangle>`.
    pub fail: String,
    pub c: String,
}

pub struct PyObj<'a> {
    pub py: &'a python::PyInterface<'a>,
    pub conv: String,
    pub free_fn: String,
    pub constructors: Vec<PyFn<'a>>,
    pub methods: Vec<PyFn<'a>>,
    pub traits: Vec<(&'static str, PyFn<'a>)>,
}

pub struct PyValueType<'a> {
    pub class: String,
    pub methods: Vec<PyFn<'a>>,
    pub traits: Vec<(&'static str, PyFn<'a>)>,
}

pub struct PyVtMethod<'a> {
    pub py: &'a PyCallable<'a>,
    /// The `extern "Python"` function.
    pub ext: String,
    pub field: String,
    pub args: Vec<PyCArg<'a>>,
    pub ret: Option<String>,
    pub ret_c: String,
    /// The declared error's class and converter, if any.
    pub error: Option<(String, String)>,
    pub err_c: String,
    pub is_async: bool,
    pub callback: String,
}

/// A trait or callback interface Python code implements: its vtable of `extern "Python"`.
pub struct PyForeign<'a> {
    pub vtable_c: String,
    /// The module global holding the vtable.
    pub vtable: String,
    pub free_ext: String,
    pub methods: Vec<PyVtMethod<'a>>,
}

/// A completion callback type (`extern "Python"`).
pub struct PyCompletion {
    pub ext: String,
    pub c_type: String,
    pub ret_c: String,
    pub err_c: String,
}

/// A C helper of the string fast path.
pub struct StrHelper {
    pub name: String,
    pub c_fn: String,
    /// The C parameters (declarations) and the arguments passing them on.
    pub params: Vec<(String, String)>,
    pub err_c: String,
    pub err_slot: String,
}

pub struct CffiModel<'a> {
    pub m: &'a CModel<'a>,
    pub py: &'a PyModule<'a>,
    pub ns: String,
    pub upper: String,
    pub convs: Vec<Conv>,
    pub errors: Vec<ErrDef>,
    pub functions: Vec<PyFn<'a>>,
    pub objects: Vec<PyObj<'a>>,
    pub value_types: Vec<PyValueType<'a>>,
    pub foreign: Vec<PyForeign<'a>>,
    pub completions: Vec<PyCompletion>,
    pub helpers: Vec<StrHelper>,
    /// Error slots of the helpers: (C type, slot name, free function).
    pub err_slots: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "c-cffi/__init__.py", escape = "none")]
struct InitTemplate<'a> {
    m: &'a CffiModel<'a>,
}

#[derive(Template)]
#[template(path = "c-cffi/build_cffi.py", escape = "none")]
struct BuildTemplate<'a> {
    m: &'a CffiModel<'a>,
}

mod filters {
    pub use crate::shared::python::filters::*;
}

/// Whether the module can be made for the component (what `render` would refuse).
pub fn check(model: &CModel<'_>) -> Result<()> {
    let py = PyModule::new(model.c)?;
    CffiModel::new(model, &py, model.c)?;
    Ok(())
}

/// Renders the module and its build script. `model` is the C API (the component read with
/// the C bindings' renames), `pyc` the component as Python names it.
pub fn render(model: &CModel<'_>, pyc: &Component) -> Result<Files> {
    let py = PyModule::new(pyc)?;
    let m = CffiModel::new(model, &py, pyc)?;
    let mut files = Files::new();
    add(&mut files, "build_cffi.py", TEMPLATES, BuildTemplate { m: &m }.render()?);
    add(&mut files, format!("{}/__init__.py", m.ns), TEMPLATES, InitTemplate { m: &m }.render()?);
    add(&mut files, format!("{}/__init__.pyi", m.ns), "python-stub", python_stub::render(&py)?);
    add(&mut files, format!("{}/py.typed", m.ns), TEMPLATES, String::new());
    Ok(files)
}

impl<'a> CffiModel<'a> {
    fn new(m: &'a CModel<'a>, py: &'a PyModule<'a>, pyc: &'a Component) -> Result<Self> {
        let c_funcs: HashMap<&str, &CFunc> = m
            .functions
            .iter()
            .chain(m.objects.iter().flat_map(|o| o.functions.iter()))
            .chain(m.value_types.iter().flat_map(|v| v.functions.iter()))
            .map(|f| (f.ffi_func.as_str(), f))
            .collect();
        let mut b = Builder {
            m,
            py,
            pyc,
            convs: BTreeMap::new(),
            errors: BTreeMap::new(),
            completions: BTreeMap::new(),
            helpers: Vec::new(),
            err_slots: BTreeMap::new(),
            c_funcs,
        };
        let functions = py.functions.iter().map(|f| b.func(f, "")).collect::<Result<Vec<_>>>()?;
        let mut objects = Vec::new();
        for (pi, o) in py.interfaces.iter().zip(&m.objects) {
            let object = m.c.interface(&o.name).with_context(|| format!("object `{}`", o.name))?;
            let conv = b.conv(&object.self_type.ty)?;
            objects.push(PyObj {
                py: pi,
                conv,
                free_fn: o.free_fn.clone(),
                constructors: pi.constructors.iter().map(|f| b.func(f, &pi.name)).collect::<Result<_>>()?,
                methods: pi.methods.iter().map(|f| b.func(f, &pi.name)).collect::<Result<_>>()?,
                traits: pi.traits.all().into_iter().map(|(d, f)| Ok((d, b.func(f, &pi.name)?))).collect::<Result<_>>()?,
            });
        }
        let mut value_types = Vec::new();
        for r in &py.records {
            if !r.methods.is_empty() || !r.traits.all().is_empty() {
                value_types.push(PyValueType {
                    class: r.name.clone(),
                    methods: r.methods.iter().map(|f| b.func(f, &r.name)).collect::<Result<_>>()?,
                    traits: r.traits.all().into_iter().map(|(d, f)| Ok((d, b.func(f, &r.name)?))).collect::<Result<_>>()?,
                });
            }
        }
        for e in &py.enums {
            if !e.methods.is_empty() || !e.traits.all().is_empty() {
                value_types.push(PyValueType {
                    class: e.name.clone(),
                    methods: e.methods.iter().map(|f| b.func(f, &e.name)).collect::<Result<_>>()?,
                    traits: e.traits.all().into_iter().map(|(d, f)| Ok((d, b.func(f, &e.name)?))).collect::<Result<_>>()?,
                });
            }
        }
        let mut foreign = Vec::new();
        for t in &m.foreign {
            foreign.push(b.foreign(t)?);
        }
        // Every type the interface mentions has converters, used or not (records' fields...).
        for def in &m.c.ns.type_definitions {
            use crate::ir::TypeDefinition as D;
            let ty = match def {
                D::Record(r) => &r.self_type.ty,
                D::Enum(e) => &e.self_type.ty,
                D::Custom(c) => &c.self_type.ty,
                D::Interface(i) => &i.self_type.ty,
                D::Optional(o) => &o.self_type.ty,
                D::Sequence(s) => &s.self_type.ty,
                D::Map(x) => &x.self_type.ty,
                D::Set(s) => &s.self_type.ty,
                D::Box(x) => &x.self_type.ty,
                D::CallbackInterface(c) => &c.self_type.ty,
                D::Simple(s) => &s.ty,
                D::External(_) => continue,
            };
            b.conv(ty)?;
        }
        let Builder { convs, errors, completions, helpers, err_slots, .. } = b;
        Ok(CffiModel {
            m,
            py,
            ns: m.ns.clone(),
            upper: m.upper.clone(),
            convs: convs.into_values().collect(),
            errors: errors.into_values().collect(),
            functions,
            objects,
            value_types,
            foreign,
            completions: completions.into_values().collect(),
            helpers,
            err_slots: err_slots.into_values().collect(),
        })
    }

    /// The `extern "Python"` declarations and helper prototypes the build adds to the cdef.
    pub fn uses_async(&self) -> bool {
        !self.completions.is_empty() || self.foreign.iter().any(|f| f.methods.iter().any(|m| m.is_async))
    }
}

struct Builder<'a> {
    m: &'a CModel<'a>,
    py: &'a PyModule<'a>,
    /// The component as Python names it: its items are found by their definitions'
    /// `orig_name`, which the renames of either bindings key leave alone.
    pyc: &'a Component,
    convs: BTreeMap<String, Conv>,
    errors: BTreeMap<String, ErrDef>,
    completions: BTreeMap<String, PyCompletion>,
    helpers: Vec<StrHelper>,
    err_slots: BTreeMap<String, (String, String, String)>,
    c_funcs: HashMap<&'a str, &'a CFunc>,
}

impl<'a> Builder<'a> {
    fn ctype(&self, ty: &Type) -> Result<CType> {
        self.m.ctype_of(ty)
    }

    /// The name Python gives the record, enum, custom type, object or callback interface the C
    /// API calls `name`.
    fn py_name(&self, name: &str) -> Result<String> {
        let c = self.m.c;
        let orig = c
            .ns
            .type_definitions
            .iter()
            .find_map(|d| {
                use crate::ir::TypeDefinition as D;
                match d {
                    D::Record(r) if r.name == name => Some(&r.orig_name),
                    D::Enum(e) if e.name == name => Some(&e.orig_name),
                    D::Interface(i) if i.name == name => Some(&i.orig_name),
                    D::CallbackInterface(cb) if cb.name == name => Some(&cb.orig_name),
                    D::Custom(t) if t.name == name => Some(&t.orig_name),
                    _ => None,
                }
            })
            .with_context(|| format!("`{name}` is not declared"))?;
        self.pyc
            .ns
            .type_definitions
            .iter()
            .find_map(|d| {
                use crate::ir::TypeDefinition as D;
                match d {
                    D::Record(r) if r.orig_name == *orig => Some(r.name.clone()),
                    D::Enum(e) if e.orig_name == *orig => Some(e.name.clone()),
                    D::Interface(i) if i.orig_name == *orig => Some(i.name.clone()),
                    D::CallbackInterface(cb) if cb.orig_name == *orig => Some(cb.name.clone()),
                    D::Custom(t) if t.orig_name == *orig => Some(t.name.clone()),
                    _ => None,
                }
            })
            .with_context(|| format!("`{name}` has no Python name"))
    }

    /// The Python class of a record, enum, object or callback interface.
    fn class(&self, ty: &Type) -> Result<String> {
        Ok(match ty.name() {
            Some(name) => python::type_name(&self.py_name(name)?),
            None => python::annotation(ty),
        })
    }

    /// Registers the converters of `ty` (and of what it contains); returns its mangle.
    fn conv(&mut self, ty: &Type) -> Result<String> {
        let ct = self.ctype(ty)?;
        if self.convs.contains_key(&ct.mangle) {
            return Ok(ct.mangle);
        }
        let kind = match ty {
            Type::UInt8 => ConvKind::Int { lo: "0".into(), hi: "256".into() },
            Type::Int8 => ConvKind::Int { lo: "-128".into(), hi: "128".into() },
            Type::UInt16 => ConvKind::Int { lo: "0".into(), hi: "65536".into() },
            Type::Int16 => ConvKind::Int { lo: "-32768".into(), hi: "32768".into() },
            Type::UInt32 => ConvKind::Int { lo: "0".into(), hi: "4294967296".into() },
            Type::Int32 => ConvKind::Int { lo: "-2147483648".into(), hi: "2147483648".into() },
            Type::UInt64 => ConvKind::Int { lo: "0".into(), hi: "18446744073709551616".into() },
            Type::Int64 => ConvKind::Int { lo: "-9223372036854775808".into(), hi: "9223372036854775808".into() },
            Type::Float32 | Type::Float64 => ConvKind::Float,
            Type::Boolean => ConvKind::Bool,
            Type::String => ConvKind::Str,
            Type::Bytes => ConvKind::Bytes,
            Type::Timestamp => ConvKind::Timestamp,
            Type::Duration => ConvKind::Duration,
            Type::Optional { inner_type } => ConvKind::Opt { inner: self.conv(inner_type)? },
            Type::Sequence { inner_type } | Type::Set { inner_type } => {
                let inner = self.conv(inner_type)?;
                ConvKind::Seq { item: self.ctype(inner_type)?.c, inner, set: matches!(ty, Type::Set { .. }) }
            }
            Type::Map { key_type, value_type } => {
                ConvKind::Map { key: self.conv(key_type)?, value: self.conv(value_type)?, entry: format!("{}_entry", ct.c) }
            }
            Type::Box { inner_type } => {
                let inner = self.conv(inner_type)?;
                ConvKind::Box { item: self.ctype(inner_type)?.c, inner }
            }
            Type::Custom { name, builtin, .. } => {
                let py_name = self.py_name(name)?;
                let custom = self.py.customs.iter().find(|c| c.ir_name == py_name);
                ConvKind::Custom {
                    builtin: self.conv(builtin)?,
                    lift: custom.and_then(|c| c.lift.as_ref()).map(|_| format!("_uniffi_lift_{}", python::type_name(&py_name))),
                    lower: custom.and_then(|c| c.lower.as_ref()).map(|_| format!("_uniffi_lower_{}", python::type_name(&py_name))),
                }
            }
            Type::Record { name, .. } => {
                let r = self.m.c.record(name).with_context(|| format!("record `{name}`"))?;
                let py_name = self.py_name(name)?;
                let pr = self.py.records.iter().find(|p| p.record.name == py_name).context("record")?;
                let cr = self.m.record_fields(name)?;
                // Placeholder first: records may contain themselves (through sequences).
                self.convs.insert(ct.mangle.clone(), Conv { mangle: ct.mangle.clone(), c: ct.c.clone(), kind: ConvKind::Float, free_fn: None });
                let mut fields = Vec::new();
                for ((f, pf), cf) in r.fields.iter().zip(&pr.fields).zip(cr) {
                    fields.push(ConvField { py: pf.name.clone(), c: cf.name.clone(), conv: self.conv(&f.ty.ty)? });
                }
                ConvKind::Record { class: pr.name.clone(), empty: fields.is_empty(), fields }
            }
            Type::Enum { name, .. } => {
                let e = self.m.c.enum_(name).with_context(|| format!("enum `{name}`"))?;
                let py_name = self.py_name(name)?;
                let pe = self.py.enums.iter().find(|p| p.e.name == py_name).context("enum")?;
                if self.m.is_c_enum(e) {
                    ConvKind::CEnum { class: pe.name.clone() }
                } else {
                    self.convs.insert(ct.mangle.clone(), Conv { mangle: ct.mangle.clone(), c: ct.c.clone(), kind: ConvKind::Float, free_fn: None });
                    let cu = self.m.union_variants(name)?;
                    let flat_error = matches!(e.shape, EnumShape::Error { flat: true });
                    let mut variants = Vec::new();
                    for ((v, pv), cv) in e.variants.iter().zip(&pe.variants).zip(cu) {
                        let mut fields = Vec::new();
                        if !flat_error {
                            for ((f, pf), cf) in v.fields.iter().zip(&pv.fields).zip(&cv.fields) {
                                fields.push(ConvField { py: pf.name.clone(), c: cf.name.clone(), conv: self.conv(&f.ty.ty)? });
                            }
                        }
                        variants.push(ConvVariant {
                            class: format!("{}.{}", pe.name, pv.name),
                            value: cv.value.clone(),
                            member: cv.member.clone(),
                            fields,
                            unnamed: pv.unnamed,
                        });
                    }
                    ConvKind::Union { variants, is_error: pe.is_error, flat_error, name: pe.name.clone() }
                }
            }
            Type::Interface { name, .. } => {
                let pi = self.py.interface(&self.py_name(name)?).with_context(|| format!("object `{name}`"))?;
                let o = self.m.objects.iter().find(|o| o.name == *name).context("object")?;
                match self.m.foreign_for(name) {
                    Some(t) => ConvKind::Trait {
                        class: pi.name.clone(),
                        protocol: pi.protocol.clone(),
                        free: o.free_fn.clone(),
                        clone: o.clone_fn.clone(),
                        new_foreign: t.new_fn.clone(),
                        user_data: t.user_data_fn.clone(),
                        vtable: format!("_VTABLE_{}", t.name),
                    },
                    None => ConvKind::Object { class: pi.name.clone(), free: o.free_fn.clone(), clone: o.clone_fn.clone(), is_error: pi.is_error },
                }
            }
            Type::CallbackInterface { name, .. } => {
                ConvKind::Callback { protocol: self.class(ty)?, vtable: format!("_VTABLE_{name}") }
            }
        };
        let free_fn = match &kind {
            ConvKind::Object { free, .. } | ConvKind::Trait { free, .. } => Some(free.clone()),
            _ => ct.free_fn.clone(),
        };
        self.convs.insert(ct.mangle.clone(), Conv { mangle: ct.mangle.clone(), c: ct.c.clone(), kind, free_fn });
        Ok(ct.mangle)
    }

    /// The converter of a call's error out-parameter.
    fn err(&mut self, e: &CErr) -> Result<ErrConv> {
        let key = e.c.clone();
        if let Some(def) = self.errors.get(&key) {
            return Ok(def.conv.clone());
        }
        let declared = match &e.ir {
            Some(t) => Some(self.conv(t)?),
            None => None,
        };
        let field = match &e.ir {
            Some(Type::Interface { .. }) => Some("object"),
            Some(Type::Custom { .. }) => Some("value"),
            _ => None,
        };
        let conv = ErrConv { fail: format!("_fail_{}", e.c.trim_start_matches(&format!("{}_", self.m.ns))), c: e.c.clone() };
        self.errors.insert(key, ErrDef { conv: conv.clone(), declared, free: e.free_fn.clone(), field });
        Ok(conv)
    }

    fn args(&mut self, py: &'a [PyArg<'a>], c: &'a [super::model::CArg]) -> Result<Vec<PyCArg<'a>>> {
        let mut out = Vec::new();
        for (pa, ca) in py.iter().zip(c) {
            let conv = self.conv(&ca.ir)?;
            let scalar = matches!(
                ca.ir,
                Type::UInt8 | Type::Int8 | Type::UInt16 | Type::Int16 | Type::UInt32 | Type::Int32 | Type::UInt64 | Type::Int64 | Type::Float32 | Type::Float64
            );
            let clone = match &self.convs.get(&conv).map(|c| &c.kind) {
                Some(ConvKind::Object { clone, .. }) | Some(ConvKind::Trait { clone, .. }) => Some(clone.clone()),
                _ => None,
            };
            let int_range = match &self.convs.get(&conv).map(|c| &c.kind) {
                Some(ConvKind::Int { lo, hi }) => Some((lo.clone(), hi.clone())),
                _ => None,
            };
            out.push(PyCArg { py: pa, ty: &ca.ty, conv, scalar, clone, int_range });
        }
        Ok(out)
    }

    fn func(&mut self, py: &'a PyCallable<'a>, class: &str) -> Result<PyFn<'a>> {
        let c = *self
            .c_funcs
            .get(py.callable.ffi_func.0.as_str())
            .with_context(|| format!("no C function for `{}`", py.callable.name))?;
        let args = self.args(&py.args, &c.args)?;
        let ret = match &c.ret_ir {
            Some(t) => Some(self.conv(t)?),
            None => None,
        };
        let err = self.err(&c.err)?;
        let receiver_conv = match &c.self_ir {
            Some(t) => Some(self.conv(t)?),
            None => None,
        };
        let mut completion = String::new();
        if c.is_async {
            completion = format!("_cffi_done_{}", c.callback.trim_start_matches(&format!("{}_", self.m.ns)));
            self.completions.entry(c.callback.clone()).or_insert_with(|| PyCompletion {
                ext: completion.clone(),
                c_type: c.callback.clone(),
                ret_c: c.c_ret(),
                err_c: c.err.c.clone(),
            });
        }
        // The string fast path: sync, a plain string result, arguments passed as they are.
        let simple_args = args.iter().all(|a| a.scalar || (a.ty.pass == Pass::Pair(PairKind::Str) && a.ty.mangle == "string"));
        let receiver_ok = matches!(c.receiver, Receiver::None | Receiver::Object { .. });
        let mut err_slot = None;
        let helper = if !c.is_async && simple_args && receiver_ok && matches!(c.ret_ir, Some(Type::String)) {
            let name = format!("_cffi_{}", c.c_name);
            let mut params = Vec::new();
            if let Receiver::Object { c: obj, .. } = &c.receiver {
                params.push((format!("const {obj} *self"), "self".to_string()));
            }
            for a in &c.args {
                match a.ty.pass {
                    Pass::Pair(_) => {
                        params.push((format!("const char *{}", a.name), a.name.clone()));
                        params.push((format!("size_t {}_len", a.name), format!("{}_len", a.name)));
                    }
                    _ => params.push((format!("{} {}", a.ty.arg_c, a.name), a.name.clone())),
                }
            }
            let slot = format!("_cffi_err_{}", c.err.c.trim_start_matches(&format!("{}_", self.m.ns)));
            self.err_slots.insert(c.err.c.clone(), (c.err.c.clone(), slot.clone(), c.err.free_fn.clone()));
            err_slot = Some(slot.clone());
            self.helpers.push(StrHelper { name: name.clone(), c_fn: c.c_name.clone(), params, err_c: c.err.c.clone(), err_slot: slot });
            Some(name)
        } else {
            None
        };
        Ok(PyFn { py, c, args, ret, err, helper, err_slot, completion, receiver_conv, class: class.to_string() })
    }

    fn foreign(&mut self, t: &'a super::model::CForeign) -> Result<PyForeign<'a>> {
        let protocol_name = python::type_name(&self.py_name(&t.name)?);
        let protocol = self
            .py
            .protocols
            .iter()
            .find(|p| p.name == protocol_name)
            .with_context(|| format!("no Python protocol for `{}`", t.name))?;
        let vtable = match (self.m.c.interfaces().find(|i| i.name == t.name), self.m.c.callback_interfaces().find(|c| c.name == t.name)) {
            (Some(i), _) => i.vtable.as_ref().context("vtable")?,
            (_, Some(c)) => &c.vtable,
            _ => bail!("`{}` is neither a trait nor a callback interface", t.name),
        };
        let mut methods = Vec::new();
        for ((vm, pm), cm) in vtable.methods.iter().zip(&protocol.methods).zip(&t.methods) {
            let args = self.args(&pm.args, &cm.args)?;
            let ret = match &vm.callable.return_type.ty {
                Some(r) => Some(self.conv(&r.ty)?),
                None => None,
            };
            let error = match vm.callable.throws_type.ty.as_ref() {
                Some(e) => Some((self.class(&e.ty)?, self.conv(&e.ty)?)),
                None => None,
            };
            let callback = if cm.is_async { cm.callback.clone() } else { String::new() };
            methods.push(PyVtMethod {
                py: pm,
                ext: format!("_cffi_vt_{}_{}", t.name, cm.field),
                field: cm.field.clone(),
                args,
                ret,
                ret_c: cm.c_ret(),
                error,
                err_c: cm.err.c.clone(),
                is_async: cm.is_async,
                callback,
            });
        }
        Ok(PyForeign { vtable_c: t.vtable.clone(), vtable: format!("_VTABLE_{}", t.name), free_ext: format!("_cffi_vt_{}_free", t.name), methods })
    }
}

impl PyFn<'_> {
    pub fn is_constructor(&self) -> bool {
        matches!(self.py.kind, PyCallableKind::Constructor | PyCallableKind::PrimaryConstructor)
    }

    pub fn is_primary(&self) -> bool {
        self.py.kind == PyCallableKind::PrimaryConstructor
    }

    /// A record or enum receiver: its C type.
    pub fn receiver_c(&self) -> String {
        match &self.c.receiver {
            Receiver::Value { ty } => ty.c.clone(),
            _ => String::new(),
        }
    }

    pub fn receiver_by_value(&self) -> bool {
        matches!(&self.c.receiver, Receiver::Value { ty } if ty.pass == Pass::Value)
    }

    pub fn receiver_free(&self) -> Option<String> {
        match &self.c.receiver {
            Receiver::Value { ty } => ty.free_fn.clone(),
            _ => None,
        }
    }

    /// What frees the result after it is converted (objects are moved out instead).
    pub fn ret_free(&self) -> Option<String> {
        self.c.ret.as_ref().filter(|t| !t.is_object).and_then(|t| t.free_fn.clone())
    }

    pub fn err_slot(&self) -> String {
        self.err_slot.clone().unwrap_or_default()
    }

    /// Whether anything is freed after the call (so it runs in a `try`).
    pub fn has_release(&self, recv: &str) -> bool {
        (recv == "value" && self.receiver_free().is_some()) || self.args.iter().any(|a| a.free_after().is_some())
    }

    /// The methods an exported trait becomes.
    pub fn dunder_names(&self, dunder: &str) -> Vec<&'static str> {
        match dunder {
            "__rust_cmp__" => vec!["_uniffi_cmp", "__lt__", "__le__", "__gt__", "__ge__"],
            "__repr__" => vec!["__repr__"],
            "__str__" => vec!["__str__"],
            "__eq__" => vec!["__eq__"],
            "__ne__" => vec!["__ne__"],
            _ => vec!["__hash__"],
        }
    }
}

impl<'a> PyObj<'a> {
    pub fn primary(&self) -> Option<&PyFn<'a>> {
        self.constructors.iter().find(|f| f.is_primary())
    }
}
