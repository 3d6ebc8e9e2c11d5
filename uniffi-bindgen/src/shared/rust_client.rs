//! The Rust client of a component's C ABI (`templates/rust-client/`): every in-process
//! backend's glue (native Python, gRPC, JNI, C) includes it as `mod ffi` and calls the
//! component through it, exactly as uniffi's foreign bindings do, so private items,
//! proc-macro receivers and custom types need nothing special.
//!
//! This module only gathers typed data from the IR; the templates hold every emitted line.

use anyhow::{bail, Context, Result};
use askama::Template;

use crate::ir::{
    self, Argument, AsyncData, Callable, CallableKind, Component, CustomType, Enum, EnumShape, FfiDefinition,
    FfiFunction, FfiFunctionType, FfiStruct, FfiType, Interface, Record, TypeNode, VTable,
};
use crate::shared::rust::{client_type, ident};

/// How a callable receives its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    /// A free function or a constructor.
    None,
    /// A method of an interface: the object's handle is cloned for the call.
    Handle,
    /// A method of a record or enum: the value is serialized for the call.
    Value,
}

/// One function, method or constructor of the client.
pub struct CallableModel<'a> {
    pub name: String,
    pub doc: Option<String>,
    pub receiver: Receiver,
    pub args: &'a [Argument],
    /// The client type of the result (`Self` for constructors, `()` for none).
    pub ret: String,
    pub throws: Option<TypeNode>,
    pub ffi_func: String,
    pub async_data: Option<&'a AsyncData>,
}

impl CallableModel<'_> {
    pub fn is_async(&self) -> bool {
        self.async_data.is_some()
    }
}

/// A parameter of an FFI callback, named for the generated `extern "C" fn`.
pub struct FfiParam {
    pub name: String,
    pub ty: FfiType,
}

/// A method of a foreign-implemented trait, as its vtable entry.
pub struct ForeignMethod<'a> {
    pub name: String,
    /// The vtable field that holds it.
    pub field: String,
    pub callable: &'a Callable,
    pub params: Vec<FfiParam>,
    pub has_status: bool,
    pub is_async: bool,
    pub ret: String,
    /// Async: the `ForeignFutureResult*` struct the completion callback takes.
    pub result_struct: String,
    pub result_has_value: bool,
}

/// A trait interface implementable by foreign code, or a callback interface.
pub struct ForeignModel<'a> {
    pub name: String,
    pub trait_name: String,
    pub doc: Option<String>,
    pub is_callback_interface: bool,
    pub vtable: &'a VTable,
    pub vtable_struct: String,
    pub methods: Vec<ForeignMethod<'a>>,
    /// Prefix of the generated statics and functions.
    pub prefix: String,
    pub handles: String,
    pub vtable_static: String,
    pub init_fn: String,
}

pub struct ClientModel<'a> {
    pub c: &'a Component,
    pub namespace: String,
    pub customs: Vec<&'a CustomType>,
    pub records: Vec<&'a Record>,
    pub enums: Vec<&'a Enum>,
    pub objects: Vec<&'a Interface>,
    pub foreign: Vec<ForeignModel<'a>>,
    pub functions: Vec<CallableModel<'a>>,
    pub ffi_structs: Vec<&'a FfiStruct>,
    pub ffi_function_types: Vec<&'a FfiFunctionType>,
    pub ffi_functions: Vec<&'a FfiFunction>,
    /// The uniffi contract version the client was generated for.
    pub contract_version: String,
    /// `ffi_<namespace>_uniffi_contract_version`.
    pub contract_version_fn: String,
    /// Every API checksum function of the component and the value it returned at generation.
    pub checksums: Vec<(String, u16)>,
    /// See [`fingerprint`].
    pub fingerprint: String,
}

#[derive(Template)]
#[template(path = "rust-client/client.rs", escape = "none")]
struct ClientTemplate<'a> {
    m: ClientModel<'a>,
}

mod filters {
    pub use crate::shared::rust::filters::*;
}

/// Renders the client module (`ffi.rs`) for `c`, or names the first construct it cannot carry.
pub fn render(c: &Component) -> Result<String> {
    let m = ClientModel::new(c)?;
    Ok(ClientTemplate { m }.render()?)
}

impl<'a> ClientModel<'a> {
    pub fn new(c: &'a Component) -> Result<Self> {
        let externals = c.external_types();
        if let Some(first) = externals.first() {
            bail!("external type {first} is not supported (types from other crates)");
        }
        let mut foreign = Vec::new();
        for i in c.interfaces() {
            if let Some(vtable) = &i.vtable {
                foreign.push(ForeignModel::new(c, &i.name, format!("{}Foreign", ident(&i.name)), i.docstring.clone(), false, vtable)?);
            }
        }
        for cb in c.callback_interfaces() {
            foreign.push(ForeignModel::new(c, &cb.name, ident(&cb.name), cb.docstring.clone(), true, &cb.vtable)?);
        }
        let functions = c
            .ns
            .functions
            .iter()
            .map(|f| CallableModel::new(&f.callable, f.docstring.clone()))
            .collect::<Result<_>>()?;
        let mut ffi_structs = Vec::new();
        let mut ffi_function_types = Vec::new();
        let mut ffi_functions = Vec::new();
        for def in &c.ns.ffi_definitions {
            match def {
                FfiDefinition::Struct(s) => ffi_structs.push(s),
                FfiDefinition::FunctionType(t) => ffi_function_types.push(t),
                FfiDefinition::RustFunction(f) => ffi_functions.push(f),
            }
        }
        Ok(ClientModel {
            c,
            namespace: c.ns.name.clone(),
            customs: c.custom_types().collect(),
            records: c.records().collect(),
            enums: c.enums().collect(),
            objects: c.interfaces().collect(),
            foreign,
            functions,
            ffi_structs,
            ffi_function_types,
            ffi_functions,
            contract_version: c.ns.correct_contract_version.clone(),
            contract_version_fn: c.ns.ffi_uniffi_contract_version.0.clone(),
            checksums: c.ns.checksums.iter().map(|k| (k.fn_name.0.clone(), k.checksum)).collect(),
            fingerprint: fingerprint(c),
        })
    }

    /// Constructors, methods and exported-trait methods of an interface.
    pub fn object_callables(&self, o: &'a Interface) -> Vec<CallableModel<'a>> {
        let constructors = o.constructors.iter().map(|c| (&c.callable, &c.docstring));
        let methods = o.methods.iter().map(|m| (&m.callable, &m.docstring));
        let traits = ir::uniffi_trait_methods(&o.uniffi_trait_methods).into_iter().map(|(_, m)| (&m.callable, &m.docstring));
        constructors
            .chain(methods)
            .chain(traits)
            .filter_map(|(callable, doc)| CallableModel::new(callable, doc.clone()).ok())
            .collect()
    }

    /// Constructors, methods and exported-trait methods of the record or enum `name`.
    pub fn value_callables(&self, name: &str) -> Vec<CallableModel<'a>> {
        let (constructors, methods, traits) = if let Some(r) = self.c.record(name) {
            (&r.constructors, &r.methods, &r.uniffi_trait_methods)
        } else if let Some(e) = self.c.enum_(name) {
            (&e.constructors, &e.methods, &e.uniffi_trait_methods)
        } else {
            return Vec::new();
        };
        let constructors = constructors.iter().map(|c| (&c.callable, &c.docstring));
        let methods = methods.iter().map(|m| (&m.callable, &m.docstring));
        let traits = ir::uniffi_trait_methods(traits).into_iter().map(|(_, m)| (&m.callable, &m.docstring));
        constructors
            .chain(methods)
            .chain(traits)
            .filter_map(|(callable, doc)| CallableModel::new(callable, doc.clone()).ok())
            .collect()
    }

    pub fn is_flat_error(&self, e: &Enum) -> bool {
        matches!(e.shape, EnumShape::Error { flat: true })
    }
}

impl<'a> CallableModel<'a> {
    pub fn new(callable: &'a Callable, doc: Option<String>) -> Result<Self> {
        let (receiver, ret) = match &callable.kind {
            CallableKind::Function => (Receiver::None, None),
            CallableKind::Constructor { .. } => (Receiver::None, Some("Self".to_string())),
            CallableKind::Method { self_type } => match &self_type.ty {
                ir::Type::Interface { .. } => (Receiver::Handle, None),
                _ => (Receiver::Value, None),
            },
            CallableKind::VTableMethod { .. } => bail!("vtable method `{}` is not a client call", callable.name),
        };
        let ret = ret.unwrap_or_else(|| match &callable.return_type.ty {
            Some(t) => client_type(&t.ty),
            None => "()".to_string(),
        });
        Ok(CallableModel {
            name: ident(&callable.name),
            doc,
            receiver,
            args: &callable.arguments,
            ret,
            throws: callable.throws_type.ty.clone(),
            ffi_func: callable.ffi_func.0.clone(),
            async_data: callable.async_data.as_ref(),
        })
    }
}

impl<'a> ForeignModel<'a> {
    fn new(
        c: &'a Component,
        name: &str,
        trait_name: String,
        doc: Option<String>,
        is_callback_interface: bool,
        vtable: &'a VTable,
    ) -> Result<Self> {
        let FfiType::Struct(struct_name) = &vtable.struct_type else {
            bail!("the vtable of `{name}` is not a struct");
        };
        let def = c
            .ns
            .ffi_definitions
            .iter()
            .find_map(|d| match d {
                FfiDefinition::Struct(s) if s.name == *struct_name => Some(s),
                _ => None,
            })
            .with_context(|| format!("the interface declares no vtable struct {}", struct_name.0))?;
        // The vtable's fields are `uniffi_free`, `uniffi_clone`, then one per method.
        let method_fields = def.fields.get(2..).unwrap_or_default();
        if method_fields.len() != vtable.methods.len() {
            bail!("the vtable of `{name}` does not match its methods");
        }
        let mut methods = Vec::new();
        for (m, field) in vtable.methods.iter().zip(method_fields) {
            methods.push(ForeignMethod::new(c, &m.callable, &m.ffi_type, &field.name)?);
        }
        let snake = heck::ToSnakeCase::to_snake_case(name);
        let shouty = heck::ToShoutySnakeCase::to_shouty_snake_case(name);
        Ok(ForeignModel {
            name: name.to_string(),
            trait_name,
            doc,
            is_callback_interface,
            vtable,
            vtable_struct: struct_name.0.clone(),
            methods,
            prefix: format!("uniffi_foreign_{snake}"),
            handles: foreign_handles(name),
            vtable_static: format!("{shouty}_VTABLE"),
            init_fn: format!("uniffi_foreign_{snake}_init"),
        })
    }
}

/// The client's static map of the foreign implementations of the trait `name` (glue code
/// may count them).
pub fn foreign_handles(name: &str) -> String {
    format!("{}_HANDLES", heck::ToShoutySnakeCase::to_shouty_snake_case(name))
}

impl<'a> ForeignMethod<'a> {
    fn new(c: &'a Component, callable: &'a Callable, ffi_type: &FfiType, field: &str) -> Result<Self> {
        let FfiType::Function(type_name) = ffi_type else {
            bail!("vtable method `{}` has no function type", callable.name);
        };
        let fn_type = c.ffi_function_type(&type_name.0)?;
        let n = callable.arguments.len();
        let is_async = callable.is_async();
        let params = fn_type
            .arguments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let name = match i {
                    0 => "uniffi_handle".to_string(),
                    i if i <= n => format!("uniffi_arg_{i}"),
                    i if !is_async => ["uniffi_out_return"].get(i - n - 1).unwrap_or(&"uniffi_extra").to_string(),
                    i => ["uniffi_future_callback", "uniffi_callback_data", "uniffi_out_dropped_callback"]
                        .get(i - n - 1)
                        .unwrap_or(&"uniffi_extra")
                        .to_string(),
                };
                FfiParam { name, ty: a.ty.clone() }
            })
            .collect();
        let ret = match &callable.return_type.ty {
            Some(t) => client_type(&t.ty),
            None => "()".to_string(),
        };
        let (result_struct, result_has_value) = match &callable.async_data {
            Some(a) => {
                let name = &a.ffi_foreign_future_result.0;
                let def = c.ns.ffi_definitions.iter().find_map(|d| match d {
                    FfiDefinition::Struct(s) if s.name.0 == *name => Some(s),
                    _ => None,
                });
                let has_value = def.is_some_and(|s| s.fields.iter().any(|f| f.name == "return_value"));
                (name.clone(), has_value)
            }
            None => (String::new(), false),
        };
        Ok(ForeignMethod {
            name: ident(&callable.name),
            field: field.to_string(),
            callable,
            params,
            has_status: fn_type.has_rust_call_status_arg,
            is_async,
            ret,
            result_struct,
            result_has_value,
        })
    }
}

/// The interface fingerprint of `c`: 16 hex digits, the same on every machine for the same
/// interface. It hashes uniffi's contract version, every API checksum, and the interface's
/// functions, types and FFI definitions (as uniffi's IR describes them, docstrings left out),
/// so it also changes with what checksums miss (a record's fields, an enum's variants, a
/// rename). Each in-process backend embeds it in its foreign half (Python package, C
/// header, Kotlin sources) and in its compiled glue, and compares the two when it loads.
pub fn fingerprint(c: &Component) -> String {
    let checksums: String = c.ns.checksums.iter().map(|k| format!("{} {}\n", k.fn_name.0, k.checksum)).collect();
    let ir = format!("{:?}", (&c.ns.name, &c.ns.crate_name, &c.ns.functions, &c.ns.type_definitions, &c.ns.ffi_definitions));
    let text = format!("uniffi contract {}\n{checksums}{}", c.ns.correct_contract_version, strip_docstrings(&ir));
    // FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// `debug` (a `{:?}` rendering of IR nodes) without the values of its `docstring` fields, so
/// that editing documentation does not change the fingerprint.
fn strip_docstrings(debug: &str) -> String {
    const KEY: &str = "docstring: Some(\"";
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = debug;
    while let Some(at) = rest.find(KEY) {
        parts.extend([&rest[..at], "docstring: Some(..)"]);
        // Skip the string literal: up to the first unescaped quote.
        let body = &rest[at + KEY.len()..];
        let mut chars = body.char_indices();
        let mut end = body.len();
        while let Some((i, ch)) = chars.next() {
            match ch {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        // `end` is past the closing quote; the `)` of `Some(` follows.
        rest = body[end..].strip_prefix(')').unwrap_or(&body[end..]);
    }
    parts.push(rest);
    parts.concat()
}

/// What a load-time mismatch tells the user to do: regenerate with `regenerate` (the CLI's
/// quoted command and where to run it), rebuild the glue crate with `build` (run in the
/// component crate's folder). Embedded in the glue and its foreign half.
pub fn remedy(regenerate: &str, build: &str) -> String {
    format!("regenerate the bindings ({regenerate}) and rebuild the glue crate (`{build}` in the component crate's folder)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn docstrings_are_left_out_of_the_fingerprint_text() {
        let a = super::strip_docstrings(r#"X { docstring: Some("a \"quoted\" doc"), name: "f", docstring: None }"#);
        assert_eq!(a, r#"X { docstring: Some(..), name: "f", docstring: None }"#);
    }
}

/// [`remedy`] for the glue crate `s` in the context `cx`.
pub fn load_remedy(cx: &crate::backends::Context<'_>, s: &crate::backends::GlueCrate) -> String {
    remedy(cx.regenerate, &s.build_command)
}
