//! The gRPC Python client as typed data: the in-process module's API (`shared::python`),
//! narrowed to what crosses the network, plus one converter per type the messages carry. A
//! converter checks a value as uniffi's Python `check_lower` does (same exception classes),
//! lowers it into its protobuf form and lifts it back; converters of nested types call their
//! elements' converters (`templates/grpc-python/convert/`).

use anyhow::Result;
use askama::Template;

use crate::ir::Type;
use crate::shared::python::{self as py, PyArg, PyCallable, PyCallableKind, PyInterface, PyModule};

use super::model::{canonical_name, Field, Model, Rpc};

/// The Python identifiers the module adds to the component's API, and their fallbacks when
/// the component already uses the name.
const OWN_NAMES: &[(&str, &str)] = &[("connect", "grpc_connect"), ("close", "grpc_close"), ("Connection", "GrpcConnection")];

/// What a converter does, by kind of type.
pub enum Kind {
    Int { min: String, max: String, class: &'static str },
    Float,
    Bool,
    String,
    Bytes,
    Timestamp,
    Duration,
    Optional { inner: String },
    Sequence { inner: String, set: bool },
    /// `entry`: the entry message of a map whose key protobuf cannot use as a map key (a
    /// Python expression, `_pb.Entry`; so are the `pb` of records, unions and variants).
    Map { key: String, value: String, entry: Option<String> },
    Boxed { inner: String },
    Record { class: String, pb: String, fields: Vec<ConvField> },
    FlatEnum { class: String, variants: Vec<(String, usize)> },
    Union { class: String, pb: String, oneof: String, is_error: bool, flat_error: bool, variants: Vec<ConvVariant> },
    Object { class: String, error: bool },
    /// A callback interface or foreign trait: the client's objects go into its callback table;
    /// a trait's Rust implementations (`impl_class`) are handles.
    Foreign { protocol: String, impl_class: Option<String>, check: bool },
    Custom { builtin: String, lift: Option<String>, lower: Option<String>, class: String },
}

/// A record's or variant's field: its Python attribute, proto field and converter.
pub struct ConvField {
    pub attr: String,
    pub proto: String,
    pub conv: String,
}

pub struct ConvVariant {
    /// The Python variant (`CIRCLE` of an enum, `Invalid` of an error).
    pub name: String,
    /// The oneof case and the nested message's class (a Python expression: `_pb.Shape.Circle`,
    /// `getattr(_pb.MixedEnum, "None")`).
    pub case: String,
    pub pb: String,
    pub unnamed: bool,
    pub fields: Vec<ConvField>,
}

pub struct Converter {
    pub name: String,
    pub kind: Kind,
    /// Where a field holds it as an element of a container: the wrapper message's class.
    pub wrapper: Option<String>,
}

/// One function, method or constructor with its rpc.
pub struct Call<'c> {
    pub f: &'c PyCallable<'c>,
    pub rpc: &'c Rpc<'c>,
    /// `(argument, converter, request field)`.
    pub args: Vec<(&'c PyArg<'c>, String, String)>,
    /// The request field of the receiver (`handle` or the value).
    pub receiver: Option<String>,
    /// The converter of the receiver value (methods of records and enums).
    pub receiver_conv: Option<String>,
    /// The converter of the reply's value.
    pub ret: Option<String>,
    /// The request field holding the handle that routes the call (`x-uniffi-replica`): the
    /// receiver of an object's method, else the first argument that is an object (or an
    /// optional one); none for calls without handles (most constructors, plain functions).
    pub route: Option<String>,
}

/// A method of a callback interface or foreign trait the stream's reader dispatches to the
/// client's object.
pub struct CallbackCall {
    /// The oneof case (`listener_on_event`) and the return message's class.
    pub case: String,
    pub result: String,
    /// The Python method.
    pub method: String,
    /// `(converter, call message field)` of each argument.
    pub args: Vec<(String, String)>,
    /// The converter of the value it returns.
    pub ret: Option<String>,
    /// The exception class it declares, and its converter.
    pub error: Option<(String, String)>,
    pub is_async: bool,
    /// `Trait.method`, for messages.
    pub what: String,
}

pub struct ClientModel<'a> {
    pub m: &'a Model<'a>,
    pub py: PyModule<'a>,
    pub converters: Vec<Converter>,
    /// The names of `connect`, `close` and `Connection` in this module.
    pub connect: String,
    pub close: String,
    pub connection: String,
}

#[derive(Template)]
#[template(path = "grpc-python/__init__.py", escape = "none")]
struct InitTemplate<'a> {
    c: &'a ClientModel<'a>,
}

#[derive(Template)]
#[template(path = "grpc-python/pb2_grpc.py", escape = "none")]
struct StubModuleTemplate<'a> {
    m: &'a Model<'a>,
}

#[derive(Template)]
#[template(path = "grpc-python/connection.pyi", escape = "none")]
struct ConnectionStubTemplate<'a> {
    c: &'a ClientModel<'a>,
}

mod filters {
    pub use crate::shared::python::filters::*;
}

/// The converter class of a type.
pub fn conv_name(ty: &Type) -> String {
    format!("_UniffiConverter{}", canonical_name(ty))
}

impl<'a> ClientModel<'a> {
    pub fn new(m: &'a Model<'a>, mut py: PyModule<'a>) -> Result<Self> {
        // Only what crosses the network: functions and members with an rpc, objects with handles.
        let has_rpc = |f: &PyCallable<'_>| m.rpc_for(f.callable).is_some();
        let mut dropped: Vec<String> = Vec::new();
        py.functions.retain(|f| {
            let keep = has_rpc(f);
            if !keep {
                dropped.push(f.name.clone());
            }
            keep
        });
        py.interfaces.retain(|i| {
            let keep = m.is_remote_object(&i.i.name);
            if !keep {
                dropped.push(i.name.clone());
            }
            keep
        });
        for i in &mut py.interfaces {
            i.constructors.retain(has_rpc);
            i.methods.retain(has_rpc);
            retain_traits(&mut i.traits, m);
            i.has_primary_constructor = i.constructors.iter().any(|k| k.kind == PyCallableKind::PrimaryConstructor);
        }
        for r in &mut py.records {
            r.methods.retain(has_rpc);
            retain_traits(&mut r.traits, m);
        }
        for e in &mut py.enums {
            e.methods.retain(has_rpc);
            retain_traits(&mut e.traits, m);
        }
        py.exported_names.retain(|n| !dropped.contains(n));
        let taken = |name: &str| py.exported_names.iter().any(|n| n == name);
        let pick = |i: usize| if taken(OWN_NAMES[i].0) { OWN_NAMES[i].1.to_string() } else { OWN_NAMES[i].0.to_string() };
        let (connect, close, connection) = (pick(0), pick(1), pick(2));
        // `__all__` stays the in-process module's: the connection functions are extra names.
        py.closable_objects = true;
        let converters = m.types.values().map(|ty| converter(m, &py, ty)).collect();
        Ok(ClientModel { m, py, converters, connect, close, connection })
    }

    pub fn render_init(&self) -> Result<String> {
        Ok(InitTemplate { c: self }.render()?)
    }

    pub fn render_stub_module(&self) -> Result<String> {
        Ok(StubModuleTemplate { m: self.m }.render()?)
    }

    /// The shared type stub of the API, plus the connection functions.
    pub fn render_stub(&self, stub: fn(&PyModule<'_>) -> Result<String>) -> Result<String> {
        let api = stub(&self.py)?;
        let connection = ConnectionStubTemplate { c: self }.render()?;
        Ok(format!("{}\n\n{}\n", api.trim_end(), connection.trim()))
    }

    /// A callable of the API with its rpc (every callable left in `py` has one).
    pub fn call<'c>(&'c self, f: &'c PyCallable<'c>) -> Option<Call<'c>> {
        let rpc = self.m.rpc_for(f.callable)?;
        let args = f.args.iter().zip(rpc.args()).map(|(a, field)| (a, conv_name(&a.ty.ty), field.name.clone())).collect();
        let receiver = rpc.receiver().map(|r| r.name.clone());
        let receiver_conv = match rpc.kind {
            super::model::RpcKind::ValueMethod => rpc.receiver().map(|r| conv_name(&r.ty)),
            _ => None,
        };
        let ret = rpc.ret().map(|r| conv_name(&r.ty));
        let route = match rpc.kind {
            super::model::RpcKind::Method { .. } => receiver.clone(),
            super::model::RpcKind::Release { .. } => None,
            _ => rpc.args().iter().find(|a| is_handle(&a.ty)).map(|a| a.name.clone()),
        };
        Some(Call { f, rpc, args, receiver, receiver_conv, ret, route })
    }

    /// The rpcs the client retries when the service is UNAVAILABLE: plain functions that neither
    /// carry nor return a handle (taken to be idempotent). Constructors and methods are never
    /// retried.
    pub fn retried_rpcs(&self) -> Vec<&str> {
        self.m
            .rpcs
            .iter()
            .filter(|r| matches!(r.kind, super::model::RpcKind::Function))
            .filter(|r| !r.args().iter().chain(r.ret()).any(|f| is_handle(&f.ty)))
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Every method the server may call on the client's objects.
    pub fn callback_calls(&self) -> Vec<CallbackCall> {
        let mut out = Vec::new();
        for cb in &self.m.callbacks {
            let protocol = self.py.protocols.iter().find(|p| p.name == py::type_name(&cb.name));
            for meth in &cb.methods {
                let method = protocol
                    .and_then(|p| p.methods.iter().find(|f| f.callable.name == meth.callable.name))
                    .map(|f| f.name.clone())
                    .unwrap_or_else(|| py::var_name(&meth.callable.name));
                let error = meth.callable.throws_type.ty.as_ref().map(|t| {
                    let class = match &t.ty {
                        Type::Enum { name, .. } => {
                            self.py.enums.iter().find(|e| e.e.name == *name).map(|e| e.name.clone()).unwrap_or_else(|| py::type_name(name))
                        }
                        Type::Interface { name, .. } => {
                            self.py.interface(name).map(|i| i.name.clone()).unwrap_or_else(|| py::type_name(name))
                        }
                        other => py::type_name(&canonical_name(other)),
                    };
                    (class, conv_name(&t.ty))
                });
                out.push(CallbackCall {
                    case: meth.case.clone(),
                    result: meth.result.py.clone(),
                    method,
                    args: meth.args.fields.iter().map(|f| (conv_name(&f.ty), f.name.clone())).collect(),
                    ret: meth.value().map(|f| conv_name(&f.ty)),
                    error,
                    is_async: meth.is_async,
                    what: format!("{}.{}", cb.name, meth.callable.name),
                });
            }
        }
        out
    }

    /// The dunder methods of an object, record or enum, with their rpcs.
    pub fn dunders<'c>(&'c self, traits: &'c py::PyTraits<'c>) -> Vec<(&'static str, Call<'c>)> {
        traits.all().into_iter().filter_map(|(dunder, f)| self.call(f).map(|c| (dunder, c))).collect()
    }

    /// The errors a status may carry: `(type url, converter, pb class, field)`, where `field`
    /// names the message's field holding an object or custom type thrown as an error.
    pub fn status_errors(&self) -> Vec<(String, String, String, Option<&'static str>)> {
        let mut out = Vec::new();
        for u in self.m.error_unions() {
            out.push((
                format!("type.googleapis.com/{}.{}", self.m.package, u.msg.name),
                conv_name(&u.e.self_type.ty),
                u.msg.py.clone(),
                None,
            ));
        }
        for o in self.m.thrown_objects() {
            if let Some(t) = &o.thrown {
                out.push((format!("type.googleapis.com/{}.{}", self.m.package, t.name), conv_name(&o.i.self_type.ty), t.py.clone(), Some("handle")));
            }
        }
        for c in &self.m.customs {
            if let Some(t) = &c.thrown {
                out.push((format!("type.googleapis.com/{}.{}", self.m.package, t.name), conv_name(&c.c.self_type.ty), t.py.clone(), Some("value")));
            }
        }
        out
    }

    /// Whether an interface has a member of this Python name (which the module's own then yield to).
    pub fn has_member(&self, i: &PyInterface<'_>, name: &str) -> bool {
        i.has_member(name)
    }
}

/// Whether a request field of this type is a handle (an object, or an optional one: unset is 0).
fn is_handle(ty: &Type) -> bool {
    match ty {
        Type::Interface { .. } | Type::CallbackInterface { .. } => true,
        Type::Optional { inner_type } => matches!(**inner_type, Type::Interface { .. } | Type::CallbackInterface { .. }),
        _ => false,
    }
}

fn retain_traits(t: &mut py::PyTraits<'_>, m: &Model<'_>) {
    for slot in [&mut t.display, &mut t.debug, &mut t.eq, &mut t.ne, &mut t.hash, &mut t.ord] {
        if slot.as_ref().is_some_and(|f| m.rpc_for(f.callable).is_none()) {
            *slot = None;
        }
    }
}

/// The converter of `ty`.
fn converter(m: &Model<'_>, py: &PyModule<'_>, ty: &Type) -> Converter {
    let name = conv_name(ty);
    let wrapper = m.wrappers.iter().find(|w| w.ty == *ty).map(|w| w.msg.py.clone());
    let int = |min: &str, max: &str, class: &'static str| Kind::Int { min: min.into(), max: max.into(), class };
    let kind = match ty {
        Type::UInt8 => int("0", "2**8", "u8"),
        Type::Int8 => int("-2**7", "2**7", "i8"),
        Type::UInt16 => int("0", "2**16", "u16"),
        Type::Int16 => int("-2**15", "2**15", "i16"),
        Type::UInt32 => int("0", "2**32", "u32"),
        Type::Int32 => int("-2**31", "2**31", "i32"),
        Type::UInt64 => int("0", "2**64", "u64"),
        Type::Int64 => int("-2**63", "2**63", "i64"),
        Type::Float32 | Type::Float64 => Kind::Float,
        Type::Boolean => Kind::Bool,
        Type::String => Kind::String,
        Type::Bytes => Kind::Bytes,
        Type::Timestamp => Kind::Timestamp,
        Type::Duration => Kind::Duration,
        Type::Optional { inner_type } => Kind::Optional { inner: conv_name(inner_type) },
        Type::Sequence { inner_type } => Kind::Sequence { inner: conv_name(inner_type), set: false },
        Type::Set { inner_type } => Kind::Sequence { inner: conv_name(inner_type), set: true },
        Type::Map { key_type, value_type } => {
            let entry = m.entries.iter().find(|e| e.key == **key_type && e.value == **value_type).map(|e| e.msg.py.clone());
            Kind::Map { key: conv_name(key_type), value: conv_name(value_type), entry: entry.map(|e| py::attr_path("_pb", &e)) }
        }
        Type::Box { inner_type } => Kind::Boxed { inner: conv_name(inner_type) },
        Type::Record { name, .. } => {
            let r = m.records.iter().find(|r| r.r.name == *name);
            let p = py.records.iter().find(|p| p.record.name == *name);
            match (r, p) {
                (Some(r), Some(p)) => Kind::Record {
                    class: p.name.clone(),
                    pb: py::attr_path("_pb", &r.msg.py),
                    fields: p.fields.iter().zip(&r.msg.fields).map(|(pf, f)| conv_field(&pf.name, f)).collect(),
                },
                _ => Kind::Object { class: py::type_name(name), error: false },
            }
        }
        Type::Enum { name, .. } => {
            let p = py.enums.iter().find(|p| p.e.name == *name);
            if let (Some(e), Some(p)) = (m.enums.iter().find(|e| e.e.name == *name), p) {
                Kind::FlatEnum { class: p.name.clone(), variants: p.variants.iter().zip(&e.values).map(|(v, (_, _, n))| (v.name.clone(), *n)).collect() }
            } else if let (Some(u), Some(p)) = (m.unions.iter().find(|u| u.e.name == *name), p) {
                Kind::Union {
                    class: p.name.clone(),
                    pb: py::attr_path("_pb", &u.msg.py),
                    oneof: u.oneof.clone(),
                    is_error: u.is_error,
                    flat_error: u.flat_error,
                    variants: p
                        .variants
                        .iter()
                        .zip(&u.variants)
                        .map(|(pv, v)| ConvVariant {
                            name: pv.name.clone(),
                            case: v.case.name.clone(),
                            pb: py::attr_path("_pb", &v.msg.py),
                            unnamed: pv.unnamed,
                            fields: if u.flat_error {
                                Vec::new()
                            } else {
                                pv.fields.iter().zip(&v.msg.fields).map(|(pf, f)| conv_field(&pf.name, f)).collect()
                            },
                        })
                        .collect(),
                }
            } else {
                Kind::Object { class: py::type_name(name), error: false }
            }
        }
        Type::Interface { name, .. } if m.callback(name).is_some() => Kind::Foreign {
            protocol: py::type_name(name),
            impl_class: py.interface(name).filter(|_| m.is_remote_object(name)).map(|i| i.name.clone()),
            check: true,
        },
        Type::Interface { name, .. } => {
            let class = py.interface(name).map(|i| i.name.clone()).unwrap_or_else(|| py::type_name(name));
            Kind::Object { class, error: m.object(name).is_some_and(|o| o.thrown.is_some()) }
        }
        Type::Custom { name, builtin, .. } => {
            let c = py.customs.iter().find(|c| c.ir_name == *name);
            Kind::Custom {
                builtin: conv_name(builtin),
                lift: c.and_then(|c| c.lift.as_ref()).map(|_| format!("_uniffi_lift_{}", py::type_name(name))),
                lower: c.and_then(|c| c.lower.as_ref()).map(|_| format!("_uniffi_lower_{}", py::type_name(name))),
                class: py::type_name(name),
            }
        }
        Type::CallbackInterface { name, .. } => Kind::Foreign { protocol: py::type_name(name), impl_class: None, check: false },
    };
    Converter { name, kind, wrapper }
}

fn conv_field(attr: &str, f: &Field) -> ConvField {
    ConvField { attr: attr.to_string(), proto: f.name.clone(), conv: conv_name(&f.ty) }
}
