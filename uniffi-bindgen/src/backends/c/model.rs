//! The C face of a component: how each uniffi type is spelled in C and passed across the
//! boundary, the structs the header declares (in an order C accepts), and every function of
//! the C API with the client call behind it. Typed data only; `templates/c/` holds every
//! emitted line.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::{bail, Context as _, Result};
use heck::{ToShoutySnakeCase, ToSnakeCase};

use crate::ir::{
    self, Callable, CallableKind, Component, Enum, EnumShape, Literal, ObjectImpl, TraitKind, Type, TypeDefinition,
};
use crate::shared::rust::{client_error_type_in, client_type_in, ident};

/// Words a C or C++ compiler reserves, or that the header's own macros and parameters use.
const RESERVED: &[&str] = &[
    // C11
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
    "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
    "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
    "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
    "_Static_assert", "_Thread_local",
    // C++17
    "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char16_t", "char32_t",
    "class", "compl", "constexpr", "const_cast", "decltype", "delete", "dynamic_cast", "explicit", "export",
    "false", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "reinterpret_cast", "static_assert", "static_cast", "template",
    "this", "thread_local", "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor",
    "xor_eq",
    // macros of the standard headers the header includes or users commonly have
    "NULL", "assert", "errno", "offsetof", "EOF",
    // the header's own parameter names
    "self", "out", "out_error", "callback", "callback_data", "user_data", "status", "result", "error",
];

/// `name` as a C identifier: reserved words get a trailing `_`.
pub fn c_ident(name: &str) -> String {
    if RESERVED.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// How a value is passed to a function of the C API (and to a C implementation's method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// A pointer and a length: `const char *name, size_t name_len` (strings, bytes).
    Pair(PairKind),
    /// By value: numbers, `bool`, C enums, timestamps, durations, object pointers.
    Value,
    /// By pointer to a C value the caller owns: `const T *name` (records, unions, containers).
    Ref,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    Str,
    Bytes,
}

/// One uniffi type as C sees it.
#[derive(Debug, Clone)]
pub struct CType {
    /// Its C spelling as a value, e.g. `greet_string`, `uint32_t`, `greet_Greeter *`.
    pub c: String,
    /// Its spelling as a by-value argument (object pointers are `const` there).
    pub arg_c: String,
    /// The part of generated names that stands for it: `string`, `u32`, `seq_Locale`.
    pub mangle: String,
    /// The type as the UDL writes it, for documentation: `sequence<string>`.
    pub udl: String,
    /// The client's Rust type, as the glue spells it (`ffi::Greeter`).
    pub rust: String,
    pub pass: Pass,
    /// Whether a value owns memory (and so has a free function).
    pub owns: bool,
    /// What frees a value: `greet_string_free` (takes a pointer to the value), or for an
    /// object its `_free` (takes the object pointer itself).
    pub free_fn: Option<String>,
    pub is_object: bool,
}

impl CType {
    /// What the caller does with a value it received: "; free it with X()" or nothing.
    pub fn free_hint(&self) -> String {
        match &self.free_fn {
            Some(f) => format!("; free it with {f}()"),
            None => String::new(),
        }
    }

    pub fn is_pair(&self) -> bool {
        matches!(self.pass, Pass::Pair(_))
    }
}

/// A field of a struct the header declares.
pub struct CField {
    pub name: String,
    /// The Rust field name in the glue's mirror struct.
    pub rust_name: String,
    /// The IR field name (the client struct's field).
    pub client_name: String,
    pub ty: CType,
    pub doc: Option<String>,
}

pub struct RecordDecl {
    pub name: String,
    pub c: String,
    pub rust: String,
    pub mirror: String,
    pub doc: Option<String>,
    pub fields: Vec<CField>,
    pub owns: bool,
    pub free_fn: Option<String>,
    /// A record with no fields gets one unused byte (C has no empty structs).
    pub empty: bool,
    pub unnamed: bool,
}

pub struct CVariant {
    /// The IR (client) name.
    pub name: String,
    pub rust: String,
    pub constant: String,
    /// Its value: the discriminant (C enums) or index (tags), as a Rust literal.
    pub value: String,
    /// The value as a C constant expression.
    pub c_value: String,
    pub doc: Option<String>,
    /// The union member holding its fields (empty when it has none).
    pub member: String,
    /// The member's name in the glue's mirror union.
    pub rust_member: String,
    pub mirror: String,
    pub fields: Vec<CField>,
    pub unnamed: bool,
}

/// A fieldless enum: a C enum, or (when a discriminant does not fit a C `int`) a typedef of
/// its integer type with one typed constant per variant.
pub struct CEnumDecl {
    pub name: String,
    pub c: String,
    pub rust: String,
    pub doc: Option<String>,
    pub variants: Vec<CVariant>,
    /// The integer type of a wide enum, `None` for a C enum.
    pub wide: Option<WideInt>,
}

/// The integer type of an enum whose discriminants do not all fit a C `int`.
pub struct WideInt {
    /// The C type (`uint64_t`).
    pub c: &'static str,
    /// The Rust type (`u64`).
    pub rust: &'static str,
    /// The macro of `<stdint.h>` making a constant of it (`UINT64_C`).
    pub constant_macro: &'static str,
}

impl CEnumDecl {
    /// The Rust type of the value in the glue: `i32` for a C enum.
    pub fn repr_rust(&self) -> &'static str {
        self.wide.as_ref().map_or("i32", |w| w.rust)
    }
}

/// An enum with fields, or an error: a tagged union.
pub struct UnionDecl {
    pub name: String,
    pub c: String,
    pub tag_c: String,
    pub rust: String,
    pub mirror: String,
    pub doc: Option<String>,
    pub variants: Vec<CVariant>,
    pub is_error: bool,
    /// A flat error: variants carry only the message.
    pub flat_error: bool,
    pub has_union: bool,
    pub free_fn: Option<String>,
}

/// A struct the header declares, in dependency order.
pub enum Decl {
    Record(RecordDecl),
    Union(UnionDecl),
    Custom { c: String, builtin: String, udl: String, doc: Option<String>, free_fn: Option<String> },
    Opt { c: String, value: String, udl: String },
    Seq { c: String, item: String, udl: String },
    Map { c: String, entry: String, udl: String },
    MapEntry { entry: String, key: String, value: String, udl: String },
    /// An object (`is_object`: in field `object`) or a custom type's value (in field `value`)
    /// thrown as an error, with a message.
    ObjectError { c: String, object: String, is_object: bool, name: String },
    CallbackValue { c: String, vtable: String, name: String },
}

/// A function that frees one owning type.
pub struct CFree {
    pub name: String,
    pub c: String,
    pub rust: String,
    pub udl: String,
}

/// A function that allocates a container for a C implementation to fill.
pub struct CAlloc {
    pub name: String,
    pub c: String,
    pub rust: String,
    pub kind: AllocKind,
    pub item: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllocKind {
    Seq,
    Map,
    Box,
}

/// The error out-parameter of a call.
#[derive(Debug, Clone)]
pub struct CErr {
    pub c: String,
    /// The declared error type, if any.
    pub ir: Option<Type>,
    /// The client error type (`ffi::rt::Never` when the call declares none).
    pub rust: String,
    pub free_fn: String,
    /// The declared error type's UDL name.
    pub declared: Option<String>,
}

pub struct CArg {
    pub name: String,
    /// Its uniffi type.
    pub ir: Type,
    pub rust_name: String,
    pub ty: CType,
}

/// How the glue reaches the callable's receiver.
#[derive(Debug, Clone)]
pub enum Receiver {
    None,
    /// `const <ns>_X *self`, an object.
    Object { c: String, rust: String },
    /// An object of a trait foreign code may implement: dispatched to either side.
    Trait { c: String, rust: String, foreign_trait: String },
    /// A record or enum value.
    Value { ty: CType },
}

/// One function of the C API.
pub struct CFunc {
    pub c_name: String,
    /// The scaffolding function behind it (identifies the callable across bindings keys).
    pub ffi_func: String,
    pub doc: Option<String>,
    pub receiver: Receiver,
    pub args: Vec<CArg>,
    pub ret: Option<CType>,
    /// The uniffi type of the result (constructors: their object).
    pub ret_ir: Option<Type>,
    /// The uniffi type of a record or enum receiver.
    pub self_ir: Option<Type>,
    pub err: CErr,
    pub is_async: bool,
    /// The async completion callback type.
    pub callback: String,
    /// The client function or method the glue calls (`ffi::greet`, `greet_with`).
    pub client_fn: String,
    pub is_constructor: bool,
    /// The client method of the trait a foreign implementation implements (trait receivers).
    pub foreign_method: String,
}

impl CFunc {
    /// The Rust type of the call's value (`()` for none).
    pub fn rust_ret(&self) -> String {
        self.ret.as_ref().map(|t| t.rust.clone()).unwrap_or_else(|| "()".into())
    }

    pub fn c_ret(&self) -> String {
        self.ret.as_ref().map(|t| t.c.clone()).unwrap_or_else(|| "void".into())
    }

    pub fn has_pairs(&self) -> bool {
        self.args.iter().any(|a| matches!(a.ty.pass, Pass::Pair(_)))
    }

    pub fn has_refs(&self) -> bool {
        self.args.iter().any(|a| a.ty.pass == Pass::Ref)
    }

    pub fn has_objects(&self) -> bool {
        self.args.iter().any(|a| a.ty.is_object)
    }
}

/// A method of a trait or callback interface that C implements.
pub struct CForeignMethod {
    pub field: String,
    pub rust_name: String,
    pub doc: Option<String>,
    pub args: Vec<CArg>,
    pub ret: Option<CType>,
    pub err: CErr,
    pub is_async: bool,
    pub callback: String,
    /// `Trait.method`, for messages.
    pub what: String,
}

impl CForeignMethod {
    pub fn rust_ret(&self) -> String {
        self.ret.as_ref().map(|t| t.rust.clone()).unwrap_or_else(|| "()".into())
    }

    pub fn c_ret(&self) -> String {
        self.ret.as_ref().map(|t| t.c.clone()).unwrap_or_else(|| "void".into())
    }
}

/// A trait (`[Trait, WithForeign]`) or callback interface that C can implement.
pub struct CForeign {
    pub name: String,
    pub doc: Option<String>,
    pub vtable: String,
    pub vtable_mirror: String,
    pub impl_struct: String,
    /// The client's trait (`ffi::DecoratorForeign`, `ffi::Listener`).
    pub client_trait: String,
    pub is_callback_interface: bool,
    pub methods: Vec<CForeignMethod>,
    /// Callback interfaces: the value struct (`<ns>_Listener`). Traits: the object type.
    pub c: String,
    pub mirror: String,
    /// Traits: `<ns>_X_new_foreign` and `<ns>_X_foreign_user_data`.
    pub new_fn: String,
    pub user_data_fn: String,
    /// Traits: the client type of the object (a `TraitObject`).
    pub object_rust: String,
}

/// An interface: an opaque pointer type with its functions.
pub struct CObject {
    pub name: String,
    pub c: String,
    pub rust: String,
    pub doc: Option<String>,
    pub free_fn: String,
    pub clone_fn: String,
    pub functions: Vec<CFunc>,
    pub foreign: bool,
}

/// Functions on a record's or enum's values (methods, constructors, exported traits).
pub struct CValueType {
    pub name: String,
    pub functions: Vec<CFunc>,
}

pub struct CModel<'a> {
    pub c: &'a Component,
    pub ns: String,
    pub upper: String,
    pub doc: Option<String>,
    pub c_enums: Vec<CEnumDecl>,
    /// Every struct type, for the forward declarations.
    pub forward: Vec<String>,
    pub decls: Vec<Decl>,
    pub objects: Vec<CObject>,
    pub foreign: Vec<CForeign>,
    pub frees: Vec<CFree>,
    pub allocs: Vec<CAlloc>,
    pub functions: Vec<CFunc>,
    pub value_types: Vec<CValueType>,
    /// Custom types, for their conversions in the glue.
    pub customs: Vec<(String, CType)>,
    /// The interface fingerprint the header and the library share (`<NS>_INTERFACE_FINGERPRINT`).
    pub fingerprint: String,
    /// What a library that does not match tells the user to run (set by the backend).
    pub remedy: String,
}

struct Builder<'a> {
    c: &'a Component,
    ns: String,
    upper: String,
}

impl<'a> CModel<'a> {
    pub fn new(c: &'a Component) -> Result<Self> {
        let externals = c.external_types();
        if let Some(first) = externals.first() {
            bail!("the C backend cannot map external type {first}: types from other crates have no C definition here");
        }
        let ns = c.ns.name.clone();
        if std::env::var("C_DEBUG").is_ok() {
        }
        let b = Builder { c, upper: ns.to_shouty_snake_case(), ns };
        let mut c_enums = Vec::new();
        let mut unions = Vec::new();
        let mut records = Vec::new();
        for e in c.enums() {
            if b.is_c_enum(e) {
                c_enums.push(b.c_enum(e)?);
            } else {
                unions.push(b.union(e)?);
            }
        }
        for r in c.records() {
            records.push(b.record(r)?);
        }
        let foreign = b.foreign()?;
        let objects = c.interfaces().map(|i| b.object(i)).collect::<Result<Vec<_>>>()?;
        let functions = c
            .ns
            .functions
            .iter()
            .map(|f| b.func(&f.callable, f.docstring.clone(), &b.ns, None))
            .collect::<Result<Vec<_>>>()
            .context("a namespace function")?;
        let mut value_types = Vec::new();
        for r in c.records() {
            let functions = b.value_functions(&r.name, &r.constructors, &r.methods, &r.uniffi_trait_methods)?;
            if !functions.is_empty() {
                value_types.push(CValueType { name: r.name.clone(), functions });
            }
        }
        for e in c.enums() {
            let functions = b.value_functions(&e.name, &e.constructors, &e.methods, &e.uniffi_trait_methods)?;
            if !functions.is_empty() {
                value_types.push(CValueType { name: e.name.clone(), functions });
            }
        }
        let (forward, decls, frees, allocs, customs) = b.declarations(records, unions, &foreign)?;
        let model = CModel {
            c,
            ns: b.ns.clone(),
            upper: b.upper.clone(),
            doc: c.ns.docstring.clone(),
            c_enums,
            forward,
            decls,
            objects,
            foreign,
            frees,
            allocs,
            functions,
            value_types,
            customs,
            fingerprint: crate::shared::rust_client::fingerprint(c),
            remedy: crate::shared::rust_client::remedy("<the generate command>", "<the glue crate's build command>"),
        };
        model.check_names()?;
        Ok(model)
    }

    /// Every function the glue exports, for the uniqueness check.
    fn all_functions(&self) -> impl Iterator<Item = &CFunc> {
        self.functions
            .iter()
            .chain(self.objects.iter().flat_map(|o| o.functions.iter()))
            .chain(self.value_types.iter().flat_map(|v| v.functions.iter()))
    }

    /// Two items must not get the same C name (e.g. a function `string_free`).
    fn check_names(&self) -> Result<()> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut add = |name: &str, what: String| -> Result<()> {
            if let Some(prev) = seen.insert(name.to_string(), what.clone()) {
                bail!("the C backend would give {prev} and {what} the same C name `{name}`; rename one of them");
            }
            Ok(())
        };
        let ns = &self.ns;
        for builtin in ["status", "string", "bytes", "timestamp", "duration", "error", "async_call"] {
            add(&format!("{ns}_{builtin}"), format!("the builtin type `{ns}_{builtin}`"))?;
        }
        for f in ["string_new", "string_free", "bytes_new", "bytes_free", "error_free", "library_init", "async_cancel", "async_pending"] {
            add(&format!("{ns}_{f}"), format!("the builtin function `{ns}_{f}`"))?;
        }
        for e in &self.c_enums {
            add(&e.c, format!("enum `{}`", e.name))?;
        }
        for c in &self.forward {
            add(c, format!("the struct `{c}`"))?;
        }
        for f in &self.frees {
            add(&f.name, format!("the free function of `{}`", f.udl))?;
        }
        for a in &self.allocs {
            add(&a.name, format!("the allocation function `{}`", a.name))?;
        }
        for o in &self.objects {
            add(&o.free_fn, format!("the free function of `{}`", o.name))?;
            add(&o.clone_fn, format!("the clone function of `{}`", o.name))?;
        }
        for t in &self.foreign {
            add(&t.vtable, format!("the vtable of `{}`", t.name))?;
            if !t.is_callback_interface {
                add(&t.new_fn, format!("the constructor of C implementations of `{}`", t.name))?;
                add(&t.user_data_fn, format!("the user-data accessor of `{}`", t.name))?;
            }
        }
        for f in self.all_functions() {
            add(&f.c_name, format!("function `{}`", f.c_name))?;
            if f.is_async {
                add(&f.callback, format!("the callback type of `{}`", f.c_name))?;
            }
        }
        Ok(())
    }

    /// Every async callback type, with its result and error, once (a trait's async methods
    /// share theirs with the vtable).
    pub fn callback_types(&self) -> Vec<(String, String, String)> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let from_funcs = self.all_functions().filter(|f| f.is_async).map(|f| (f.callback.clone(), f.c_ret(), f.err.c.clone()));
        let from_vtables = self
            .foreign
            .iter()
            .flat_map(|t| t.methods.iter())
            .filter(|m| m.is_async)
            .map(|m| (m.callback.clone(), m.c_ret(), m.err.c.clone()));
        for (name, ret, err) in from_vtables.chain(from_funcs) {
            if seen.insert(name.clone()) {
                out.push((name, ret, err));
            }
        }
        out
    }

    /// What the C API leaves out of the interface, one note each (the coverage table's
    /// "✓ except" entries).
    pub fn notes(&self) -> Vec<String> {
        let c = self.c;
        let mut callables: Vec<&Callable> = c.ns.functions.iter().map(|f| &f.callable).collect();
        for i in c.interfaces() {
            callables.extend(i.constructors.iter().map(|x| &x.callable));
            callables.extend(i.methods.iter().map(|x| &x.callable));
        }
        for r in c.records() {
            callables.extend(r.constructors.iter().map(|x| &x.callable));
            callables.extend(r.methods.iter().map(|x| &x.callable));
        }
        for e in c.enums() {
            callables.extend(e.constructors.iter().map(|x| &x.callable));
            callables.extend(e.methods.iter().map(|x| &x.callable));
        }
        let mut notes = Vec::new();
        if callables.iter().any(|f| f.arguments.iter().any(|a| a.default.is_some())) {
            notes.push("argument defaults (C has none: every argument is passed)".to_string());
        }
        let field_defaults = c.records().any(|r| r.fields.iter().any(|f| f.default.is_some()))
            || c.enums().any(|e| e.variants.iter().any(|v| v.fields.iter().any(|f| f.default.is_some())));
        if field_defaults {
            notes.push("field defaults (C initializers give every field)".to_string());
        }
        if self.foreign.iter().any(|t| t.methods.iter().any(|m| m.is_async)) {
            notes.push("telling C implementations of async methods that Rust dropped the call".to_string());
        }
        notes
    }

    pub fn uses_async(&self) -> bool {
        !self.callback_types().is_empty()
    }

    fn builder(&self) -> Builder<'a> {
        Builder { c: self.c, ns: self.ns.clone(), upper: self.upper.clone() }
    }

    /// The C face of a uniffi type.
    pub fn ctype_of(&self, ty: &Type) -> Result<CType> {
        self.builder().ctype(ty)
    }

    pub fn is_c_enum(&self, e: &Enum) -> bool {
        self.builder().is_c_enum(e)
    }

    /// The C fields of the record `name` (IR name).
    pub fn record_fields(&self, name: &str) -> Result<&[CField]> {
        self.decls
            .iter()
            .find_map(|d| match d {
                Decl::Record(r) if r.name == name => Some(r.fields.as_slice()),
                _ => None,
            })
            .with_context(|| format!("record `{name}` has no C struct"))
    }

    /// The C variants of the tagged union of the enum `name` (IR name).
    pub fn union_variants(&self, name: &str) -> Result<&[CVariant]> {
        self.decls
            .iter()
            .find_map(|d| match d {
                Decl::Union(u) if u.name == name => Some(u.variants.as_slice()),
                _ => None,
            })
            .with_context(|| format!("enum `{name}` has no C union"))
    }

    pub fn foreign_for(&self, name: &str) -> Option<&CForeign> {
        self.foreign.iter().find(|f| f.name == name)
    }
}

impl<'a> Builder<'a> {
    fn named(&self, name: &str) -> String {
        format!("{}_{}", self.ns, name)
    }

    /// A fieldless, non-error enum is a C enum; any other enum a tagged union.
    fn is_c_enum(&self, e: &Enum) -> bool {
        matches!(e.shape, EnumShape::Enum) && e.variants.iter().all(|v| v.fields.is_empty())
    }

    /// The C face of a uniffi type.
    fn ctype(&self, ty: &Type) -> Result<CType> {
        let rust = client_type_in(ty, "ffi::");
        let plain = |c: &str, mangle: &str, udl: &str| CType {
            c: c.into(),
            arg_c: c.into(),
            mangle: mangle.into(),
            udl: udl.into(),
            rust: rust.clone(),
            pass: Pass::Value,
            owns: false,
            free_fn: None,
            is_object: false,
        };
        Ok(match ty {
            Type::UInt8 => plain("uint8_t", "u8", "u8"),
            Type::Int8 => plain("int8_t", "i8", "i8"),
            Type::UInt16 => plain("uint16_t", "u16", "u16"),
            Type::Int16 => plain("int16_t", "i16", "i16"),
            Type::UInt32 => plain("uint32_t", "u32", "u32"),
            Type::Int32 => plain("int32_t", "i32", "i32"),
            Type::UInt64 => plain("uint64_t", "u64", "u64"),
            Type::Int64 => plain("int64_t", "i64", "i64"),
            Type::Float32 => plain("float", "f32", "f32"),
            Type::Float64 => plain("double", "f64", "f64"),
            Type::Boolean => plain("bool", "bool", "boolean"),
            Type::Timestamp => plain(&self.named("timestamp"), "timestamp", "timestamp"),
            Type::Duration => plain(&self.named("duration"), "duration", "duration"),
            Type::String => CType {
                pass: Pass::Pair(PairKind::Str),
                owns: true,
                free_fn: Some(self.named("string_free")),
                ..plain(&self.named("string"), "string", "string")
            },
            Type::Bytes => CType {
                pass: Pass::Pair(PairKind::Bytes),
                owns: true,
                free_fn: Some(self.named("bytes_free")),
                ..plain(&self.named("bytes"), "bytes", "bytes")
            },
            Type::Optional { inner_type } => {
                let inner = self.ctype(inner_type)?;
                let mangle = format!("opt_{}", inner.mangle);
                let c = self.named(&mangle);
                CType {
                    pass: Pass::Ref,
                    owns: inner.owns,
                    free_fn: inner.owns.then(|| format!("{c}_free")),
                    ..plain(&c, &mangle, &format!("{}?", inner.udl))
                }
            }
            Type::Sequence { inner_type } | Type::Set { inner_type } => {
                let inner = self.ctype(inner_type)?;
                let (prefix, udl) = match ty {
                    Type::Set { .. } => ("set", format!("set<{}>", inner.udl)),
                    _ => ("seq", format!("sequence<{}>", inner.udl)),
                };
                let mangle = format!("{prefix}_{}", inner.mangle);
                let c = self.named(&mangle);
                CType { pass: Pass::Ref, owns: true, free_fn: Some(format!("{c}_free")), ..plain(&c, &mangle, &udl) }
            }
            Type::Map { key_type, value_type } => {
                let (k, v) = (self.ctype(key_type)?, self.ctype(value_type)?);
                let mangle = format!("map_{}_{}", k.mangle, v.mangle);
                let c = self.named(&mangle);
                CType {
                    pass: Pass::Ref,
                    owns: true,
                    free_fn: Some(format!("{c}_free")),
                    ..plain(&c, &mangle, &format!("record<{}, {}>", k.udl, v.udl))
                }
            }
            Type::Box { inner_type } => {
                let inner = self.ctype(inner_type)?;
                let mangle = format!("box_{}", inner.mangle);
                let c = format!("const {} *", inner.c);
                CType {
                    owns: true,
                    free_fn: Some(self.named(&format!("{mangle}_free"))),
                    ..plain(&c, &mangle, &inner.udl)
                }
            }
            Type::Record { name, .. } => {
                let r = self.c.record(name).with_context(|| format!("record `{name}` is not declared"))?;
                let owns = self.fields_own(r.fields.iter().map(|f| &f.ty.ty))?;
                let c = self.named(name);
                CType { pass: Pass::Ref, owns, free_fn: owns.then(|| format!("{c}_free")), ..plain(&c, name, name) }
            }
            Type::Enum { name, .. } => {
                let e = self.c.enum_(name).with_context(|| format!("enum `{name}` is not declared"))?;
                let c = self.named(name);
                if self.is_c_enum(e) {
                    plain(&c, name, name)
                } else {
                    let is_error = matches!(e.shape, EnumShape::Error { .. });
                    let owns =
                        is_error || self.fields_own(e.variants.iter().flat_map(|v| v.fields.iter()).map(|f| &f.ty.ty))?;
                    CType { pass: Pass::Ref, owns, free_fn: owns.then(|| format!("{c}_free")), ..plain(&c, name, name) }
                }
            }
            Type::Interface { name, .. } => {
                let c = self.named(name);
                CType {
                    c: format!("{c} *"),
                    arg_c: format!("const {c} *"),
                    owns: true,
                    free_fn: Some(format!("{c}_free")),
                    is_object: true,
                    ..plain(&c, name, name)
                }
            }
            Type::CallbackInterface { name, .. } => plain(&self.named(name), name, name),
            Type::Custom { name, builtin, .. } => {
                let b = self.ctype(builtin)?;
                CType {
                    c: self.named(name),
                    arg_c: if b.is_object { format!("const {}", self.named(name)) } else { self.named(name) },
                    mangle: name.clone(),
                    udl: name.clone(),
                    rust,
                    ..b
                }
            }
        })
    }

    fn fields_own<'t>(&self, mut types: impl Iterator<Item = &'t Type>) -> Result<bool> {
        let mut owns = false;
        for t in &mut types {
            owns |= self.owns(t)?;
        }
        Ok(owns)
    }

    /// Whether values of `ty` own memory (without building its C type: records may nest).
    fn owns(&self, ty: &Type) -> Result<bool> {
        Ok(match ty {
            Type::String
            | Type::Bytes
            | Type::Sequence { .. }
            | Type::Set { .. }
            | Type::Map { .. }
            | Type::Box { .. }
            | Type::Interface { .. } => true,
            Type::Optional { inner_type } => self.owns(inner_type)?,
            Type::Custom { builtin, .. } => self.owns(builtin)?,
            Type::Record { name, .. } => {
                let r = self.c.record(name).with_context(|| format!("record `{name}` is not declared"))?;
                self.fields_own(r.fields.iter().map(|f| &f.ty.ty))?
            }
            Type::Enum { name, .. } => {
                let e = self.c.enum_(name).with_context(|| format!("enum `{name}` is not declared"))?;
                matches!(e.shape, EnumShape::Error { .. })
                    || self.fields_own(e.variants.iter().flat_map(|v| v.fields.iter()).map(|f| &f.ty.ty))?
            }
            _ => false,
        })
    }

    fn fields(&self, fields: &[ir::Field], reserved: &[&str]) -> Result<Vec<CField>> {
        let mut out = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let unnamed = f.name.is_empty() || f.name.chars().all(|c| c.is_ascii_digit());
            let mut name = if unnamed { format!("_{i}") } else { c_ident(&f.name.to_snake_case()) };
            if reserved.contains(&name.as_str()) {
                name.push('_');
            }
            out.push(CField {
                rust_name: format!("f_{name}"),
                client_name: crate::shared::rust::field_ident(&f.name, i),
                name,
                ty: self.ctype(&f.ty.ty).with_context(|| format!("field `{}`", f.name))?,
                doc: f.docstring.clone(),
            });
        }
        Ok(out)
    }

    fn record(&self, r: &ir::Record) -> Result<RecordDecl> {
        let fields = self.fields(&r.fields, &[]).with_context(|| format!("record `{}`", r.name))?;
        let owns = fields.iter().any(|f| f.ty.owns);
        let c = self.named(&r.name);
        Ok(RecordDecl {
            name: r.name.clone(),
            rust: format!("ffi::{}", ident(&r.name)),
            mirror: format!("C_{}", r.name),
            doc: r.docstring.clone(),
            empty: fields.is_empty(),
            unnamed: matches!(r.fields_kind, ir::FieldsKind::Unnamed),
            fields,
            owns,
            free_fn: owns.then(|| format!("{c}_free")),
            c,
        })
    }

    fn c_enum(&self, e: &Enum) -> Result<CEnumDecl> {
        let c = self.named(&e.name);
        // Discriminants as written (an integer literal each), and whether all fit a C `int`.
        let mut values = Vec::new();
        for v in &e.variants {
            let value = match &v.discr {
                Literal::UInt(n, ..) => i128::from(*n),
                Literal::Int(n, ..) => i128::from(*n),
                _ => bail!("the C backend cannot map enum `{}`: the discriminant of `{}` is not an integer", e.name, v.name),
            };
            values.push(value);
        }
        let fits_int = values.iter().all(|n| i32::try_from(*n).is_ok());
        // A C enum's constants are `int`s; wider discriminants keep the enum's integer type.
        let wide = if fits_int {
            None
        } else {
            let signed = match &e.discr_type.ty {
                Type::Int8 | Type::Int16 | Type::Int32 | Type::Int64 => true,
                Type::UInt8 | Type::UInt16 | Type::UInt32 | Type::UInt64 => false,
                _ => values.iter().any(|n| *n < 0),
            };
            Some(if signed {
                WideInt { c: "int64_t", rust: "i64", constant_macro: "INT64_C" }
            } else {
                WideInt { c: "uint64_t", rust: "u64", constant_macro: "UINT64_C" }
            })
        };
        let mut variants = Vec::new();
        for (v, value) in e.variants.iter().zip(values) {
            let c_value = match &wide {
                None => value.to_string(),
                // INT64_MIN has no literal: the smallest literal minus one.
                Some(w) if value == i128::from(i64::MIN) => format!("({}({}) - 1)", w.constant_macro, i64::MIN + 1),
                Some(w) => format!("{}({value})", w.constant_macro),
            };
            variants.push(CVariant {
                c_value,
                constant: format!("{}_{}_{}", self.upper, e.name.to_shouty_snake_case(), v.name.to_shouty_snake_case()),
                rust: ident(&v.name),
                name: v.name.clone(),
                value: value.to_string(),
                doc: v.docstring.clone(),
                member: String::new(),
                rust_member: String::new(),
                mirror: String::new(),
                fields: Vec::new(),
                unnamed: false,
            });
        }
        Ok(CEnumDecl { name: e.name.clone(), rust: format!("ffi::{}", ident(&e.name)), c, doc: e.docstring.clone(), variants, wide })
    }

    fn union(&self, e: &Enum) -> Result<UnionDecl> {
        let c = self.named(&e.name);
        let is_error = matches!(e.shape, EnumShape::Error { .. });
        let flat_error = matches!(e.shape, EnumShape::Error { flat: true });
        let reserved: &[&str] = if is_error { &["tag", "message"] } else { &["tag"] };
        let mut variants = Vec::new();
        for (i, v) in e.variants.iter().enumerate() {
            let fields = if flat_error {
                Vec::new()
            } else {
                self.fields(&v.fields, &[]).with_context(|| format!("variant `{}` of `{}`", v.name, e.name))?
            };
            let mut member = c_ident(&v.name.to_snake_case());
            if reserved.contains(&member.as_str()) {
                member.push('_');
            }
            variants.push(CVariant {
                constant: format!("{}_{}_{}", self.upper, e.name.to_shouty_snake_case(), v.name.to_shouty_snake_case()),
                rust: ident(&v.name),
                name: v.name.clone(),
                value: i.to_string(),
                c_value: i.to_string(),
                doc: v.docstring.clone(),
                mirror: format!("C_{}_{}", e.name, v.name),
                rust_member: format!("v_{member}"),
                member: if fields.is_empty() { String::new() } else { member },
                unnamed: matches!(v.fields_kind, ir::FieldsKind::Unnamed),
                fields,
            });
        }
        let owns = is_error || variants.iter().flat_map(|v| v.fields.iter()).any(|f| f.ty.owns);
        Ok(UnionDecl {
            name: e.name.clone(),
            tag_c: format!("{c}_tag"),
            rust: format!("ffi::{}", ident(&e.name)),
            mirror: format!("C_{}", e.name),
            doc: e.docstring.clone(),
            has_union: variants.iter().any(|v| !v.fields.is_empty()),
            variants,
            is_error,
            flat_error,
            free_fn: owns.then(|| format!("{c}_free")),
            c,
        })
    }

    /// The error out-parameter of a callable that throws `throws`.
    fn err(&self, throws: Option<&ir::TypeNode>) -> Result<CErr> {
        let rust = client_error_type_in(throws, "ffi::");
        Ok(match throws.map(|t| &t.ty) {
            None => CErr { c: self.named("error"), ir: None, rust, free_fn: self.named("error_free"), declared: None },
            Some(Type::Enum { name, .. }) => {
                let c = self.named(name);
                CErr { free_fn: format!("{c}_free"), c, ir: throws.map(|t| t.ty.clone()), rust, declared: Some(name.clone()) }
            }
            Some(Type::Interface { name, .. } | Type::Custom { name, .. }) => {
                let c = format!("{}_error", self.named(name));
                CErr { free_fn: format!("{c}_free"), c, ir: throws.map(|t| t.ty.clone()), rust, declared: Some(name.clone()) }
            }
            Some(other) => bail!("the C backend cannot map errors of type {other:?}"),
        })
    }

    fn args(&self, callable: &Callable) -> Result<Vec<CArg>> {
        let mut names = HashSet::new();
        let mut out = Vec::new();
        for a in &callable.arguments {
            let name = c_ident(&a.name.to_snake_case());
            let ty = self.ctype(&a.ty.ty).with_context(|| format!("argument `{}`", a.name))?;
            if !names.insert(name.clone()) || (matches!(ty.pass, Pass::Pair(_)) && !names.insert(format!("{name}_len"))) {
                bail!("the C backend cannot map `{}`: two of its parameters would be named `{name}`", callable.name);
            }
            out.push(CArg { rust_name: format!("a_{name}"), name, ty, ir: a.ty.ty.clone() });
        }
        for a in &out {
            if names.contains(&format!("{}_len", a.name)) && !matches!(a.ty.pass, Pass::Pair(_)) && out.iter().any(|b| b.name == format!("{}_len", a.name)) {
                bail!("the C backend cannot map `{}`: parameter `{}_len` would collide", callable.name, a.name);
            }
        }
        Ok(out)
    }

    /// A callable of the C API named `<prefix>_<name>`.
    fn func(&self, callable: &Callable, doc: Option<String>, prefix: &str, name: Option<&str>) -> Result<CFunc> {
        let (receiver, client_fn, is_constructor) = match &callable.kind {
            CallableKind::Function => (Receiver::None, format!("ffi::{}", ident(&callable.name)), false),
            CallableKind::Constructor { self_type, .. } => {
                let owner = self_type.ty.name().unwrap_or_default();
                let owner_rust = client_type_in(&self_type.ty, "ffi::");
                let _ = owner;
                (Receiver::None, format!("{owner_rust}::{}", ident(&callable.name)), true)
            }
            CallableKind::Method { self_type } => {
                let recv = match &self_type.ty {
                    Type::Interface { name, imp, .. } => {
                        let rust = client_type_in(&self_type.ty, "ffi::");
                        let c = self.named(name);
                        if matches!(imp, ObjectImpl::Trait(TraitKind::Both | TraitKind::ForeignOnly)) {
                            Receiver::Trait { c, rust, foreign_trait: format!("ffi::{}Foreign", ident(name)) }
                        } else {
                            Receiver::Object { c, rust }
                        }
                    }
                    other => Receiver::Value { ty: self.ctype(other)? },
                };
                (recv, ident(&callable.name), false)
            }
            CallableKind::VTableMethod { .. } => bail!("vtable method `{}` is not a C API function", callable.name),
        };
        let c_name = format!("{prefix}_{}", name.map(str::to_string).unwrap_or_else(|| callable.name.to_snake_case()));
        let ret_ir = match (&callable.kind, &callable.return_type.ty) {
            (CallableKind::Constructor { self_type, .. }, _) => Some(self_type.ty.clone()),
            (_, Some(t)) => Some(t.ty.clone()),
            (_, None) => None,
        };
        let ret = match &ret_ir {
            Some(t) => Some(self.ctype(t).context("the return type")?),
            None => None,
        };
        let self_ir = match &callable.kind {
            CallableKind::Method { self_type } if !matches!(self_type.ty, Type::Interface { .. }) => Some(self_type.ty.clone()),
            _ => None,
        };
        Ok(CFunc {
            ffi_func: callable.ffi_func.0.clone(),
            callback: format!("{c_name}_callback"),
            c_name,
            doc,
            receiver,
            args: self.args(callable)?,
            ret,
            ret_ir,
            self_ir,
            err: self.err(callable.throws_type.ty.as_ref())?,
            is_async: callable.is_async(),
            foreign_method: ident(&callable.name),
            client_fn,
            is_constructor,
        })
    }

    fn trait_functions(&self, owner: &str, traits: &ir::UniffiTraitMethods) -> Result<Vec<CFunc>> {
        let prefix = self.named(owner);
        ir::uniffi_trait_methods(traits)
            .into_iter()
            .map(|(t, m)| {
                let (name, what) = match t {
                    "Debug" => ("to_debug_string", "Rust's `Debug` formatting (`{:?}`) of the value."),
                    "Display" => ("to_string", "Rust's `Display` formatting of the value."),
                    "Eq" => ("eq", "Whether the two values are equal (Rust's `==`)."),
                    "Ne" => ("ne", "Whether the two values differ (Rust's `!=`)."),
                    "Hash" => ("hash", "Rust's hash of the value: equal values hash equally."),
                    _ => ("cmp", "Rust's ordering of the two values: -1, 0 or 1."),
                };
                self.func(&m.callable, Some(m.docstring.clone().unwrap_or_else(|| what.to_string())), &prefix, Some(name))
            })
            .collect()
    }

    fn value_functions(
        &self,
        owner: &str,
        constructors: &[ir::Constructor],
        methods: &[ir::Method],
        traits: &ir::UniffiTraitMethods,
    ) -> Result<Vec<CFunc>> {
        let prefix = self.named(owner);
        let mut out = Vec::new();
        for c in constructors {
            out.push(self.func(&c.callable, c.docstring.clone(), &prefix, None).with_context(|| format!("`{owner}`"))?);
        }
        for m in methods {
            out.push(self.func(&m.callable, m.docstring.clone(), &prefix, None).with_context(|| format!("`{owner}`"))?);
        }
        out.extend(self.trait_functions(owner, traits)?);
        Ok(out)
    }

    fn object(&self, i: &ir::Interface) -> Result<CObject> {
        let c = self.named(&i.name);
        let functions = self
            .value_functions(&i.name, &i.constructors, &i.methods, &i.uniffi_trait_methods)
            .with_context(|| format!("object `{}`", i.name))?;
        Ok(CObject {
            name: i.name.clone(),
            rust: client_type_in(&i.self_type.ty, "ffi::"),
            doc: i.docstring.clone(),
            free_fn: format!("{c}_free"),
            clone_fn: format!("{c}_clone"),
            functions,
            foreign: ir::has_foreign_impls(&i.imp),
            c,
        })
    }

    fn foreign(&self) -> Result<Vec<CForeign>> {
        let mut out = Vec::new();
        for i in self.c.interfaces() {
            if let Some(vtable) = &i.vtable {
                out.push(self.foreign_one(&i.name, &i.name, i.docstring.clone(), vtable, false, client_type_in(&i.self_type.ty, "ffi::"))?);
            }
        }
        for cb in self.c.callback_interfaces() {
            out.push(self.foreign_one(&cb.name, &cb.name, cb.docstring.clone(), &cb.vtable, true, String::new())?);
        }
        Ok(out)
    }

    fn foreign_one(
        &self,
        name: &str,
        c_owner: &str,
        doc: Option<String>,
        vtable: &ir::VTable,
        is_callback_interface: bool,
        object_rust: String,
    ) -> Result<CForeign> {
        let c = self.named(c_owner);
        let mut methods = Vec::new();
        let mut fields = HashSet::new();
        for m in &vtable.methods {
            let callable = &m.callable;
            let mut field = c_ident(&callable.name.to_snake_case());
            if field == "free_user_data" {
                field.push('_');
            }
            if !fields.insert(field.clone()) {
                bail!("the C backend cannot map `{name}`: two methods would be named `{field}`");
            }
            let ret = match &callable.return_type.ty {
                Some(t) => Some(self.ctype(&t.ty).with_context(|| format!("`{name}.{}`", callable.name))?),
                None => None,
            };
            methods.push(CForeignMethod {
                callback: format!("{c}_{field}_callback"),
                rust_name: ident(&callable.name),
                doc: m.callable.name.is_empty().then(String::new).or_else(|| self.method_doc(name, &callable.name)),
                args: self.args(callable).with_context(|| format!("`{name}.{}`", callable.name))?,
                ret,
                err: self.err(callable.throws_type.ty.as_ref())?,
                is_async: callable.is_async(),
                what: format!("{c_owner}.{}", callable.name),
                field,
            });
        }
        Ok(CForeign {
            name: name.to_string(),
            doc,
            vtable: format!("{c}VTable"),
            vtable_mirror: format!("C_{name}VTable"),
            impl_struct: format!("CImpl{name}"),
            client_trait: if is_callback_interface { format!("ffi::{}", ident(name)) } else { format!("ffi::{}Foreign", ident(name)) },
            is_callback_interface,
            methods,
            mirror: format!("C_{name}"),
            new_fn: format!("{c}_new_foreign"),
            user_data_fn: format!("{c}_foreign_user_data"),
            object_rust,
            c,
        })
    }

    /// The docstring of a trait or callback interface method.
    fn method_doc(&self, owner: &str, method: &str) -> Option<String> {
        let from_interface = self
            .c
            .interfaces()
            .filter(|i| i.name == owner)
            .flat_map(|i| i.methods.iter())
            .find(|m| m.callable.name == method)
            .and_then(|m| m.docstring.clone());
        from_interface.or_else(|| {
            self.c
                .callback_interfaces()
                .filter(|c| c.name == owner)
                .flat_map(|c| c.methods.iter())
                .find(|m| m.callable.name == method)
                .and_then(|m| m.docstring.clone())
        })
    }

    /// The header's structs in an order C accepts (each after what it holds by value), the
    /// forward declarations, the free and allocation functions, and the custom types.
    #[allow(clippy::type_complexity)]
    fn declarations(
        &self,
        records: Vec<RecordDecl>,
        unions: Vec<UnionDecl>,
        foreign: &[CForeign],
    ) -> Result<(Vec<String>, Vec<Decl>, Vec<CFree>, Vec<CAlloc>, Vec<(String, CType)>)> {
        // Every type the interface uses, in the IR's order.
        let mut types: Vec<Type> = Vec::new();
        for def in &self.c.ns.type_definitions {
            let ty = match def {
                TypeDefinition::Record(r) => r.self_type.ty.clone(),
                TypeDefinition::Enum(e) => e.self_type.ty.clone(),
                TypeDefinition::Custom(c) => c.self_type.ty.clone(),
                TypeDefinition::Box(b) => b.self_type.ty.clone(),
                TypeDefinition::Optional(o) => o.self_type.ty.clone(),
                TypeDefinition::Sequence(s) => s.self_type.ty.clone(),
                TypeDefinition::Map(m) => m.self_type.ty.clone(),
                TypeDefinition::Set(s) => s.self_type.ty.clone(),
                TypeDefinition::CallbackInterface(c) => c.self_type.ty.clone(),
                TypeDefinition::Interface(_) | TypeDefinition::Simple(_) | TypeDefinition::External(_) => continue,
            };
            types.push(ty);
        }
        // Objects and custom types thrown as errors get a wrapper struct.
        let mut error_objects = BTreeMap::new();
        let mut collect_errors = |callable: &Callable| {
            if let Some(ty @ (Type::Interface { name, .. } | Type::Custom { name, .. })) = callable.throws_type.ty.as_ref().map(|t| &t.ty) {
                error_objects.insert(name.clone(), ty.clone());
            }
        };
        for f in &self.c.ns.functions {
            collect_errors(&f.callable);
        }
        for i in self.c.interfaces() {
            i.constructors.iter().for_each(|c| collect_errors(&c.callable));
            i.methods.iter().for_each(|m| collect_errors(&m.callable));
            if let Some(v) = &i.vtable {
                v.methods.iter().for_each(|m| collect_errors(&m.callable));
            }
        }
        for cb in self.c.callback_interfaces() {
            cb.vtable.methods.iter().for_each(|m| collect_errors(&m.callable));
        }
        for r in self.c.records() {
            r.constructors.iter().for_each(|c| collect_errors(&c.callable));
            r.methods.iter().for_each(|m| collect_errors(&m.callable));
        }
        for e in self.c.enums() {
            e.constructors.iter().for_each(|c| collect_errors(&c.callable));
            e.methods.iter().for_each(|m| collect_errors(&m.callable));
        }

        let mut walk = Walk {
            b: self,
            records: records.into_iter().map(|r| (r.name.clone(), r)).collect(),
            unions: unions.into_iter().map(|u| (u.name.clone(), u)).collect(),
            seen: HashSet::new(),
            nodes: Vec::new(),
            frees: Vec::new(),
            allocs: Vec::new(),
            customs: Vec::new(),
        };
        for ty in &types {
            walk.visit(ty)?;
        }
        for (name, ty) in &error_objects {
            let c = format!("{}_error", self.named(name));
            let value = self.ctype(ty).with_context(|| format!("`{name}` thrown as an error"))?;
            walk.visit(ty)?;
            walk.frees.push(CFree {
                name: format!("{c}_free"),
                c: c.clone(),
                rust: format!("ffi::rt::ErrorBuf<{}>", value.rust),
                udl: format!("{name} (error)"),
            });
            let deps = walk.value_dep(ty)?.into_iter().collect();
            walk.nodes.push(Node { key: c.clone(), forward: Some(c.clone()), deps, decl: Decl::ObjectError { c, is_object: value.is_object, object: value.c, name: name.clone() } });
        }
        for t in foreign.iter().filter(|t| t.is_callback_interface) {
            walk.nodes.push(Node {
                key: t.c.clone(),
                forward: Some(t.c.clone()),
                deps: Vec::new(),
                decl: Decl::CallbackValue { c: t.c.clone(), vtable: t.vtable.clone(), name: t.name.clone() },
            });
        }
        let Walk { nodes, frees, allocs, customs, .. } = walk;
        let forward = nodes.iter().filter_map(|n| n.forward.clone()).collect();
        Ok((forward, sort_nodes(nodes)?, frees, allocs, customs))
    }
}

/// A struct the header declares, with the structs it holds by value (by key).
struct Node {
    key: String,
    /// The typedef name to declare up front, if any.
    forward: Option<String>,
    deps: Vec<String>,
    decl: Decl,
}

/// Orders the structs so each comes after what it holds by value (depth first, in the order
/// the interface lists its types). Valid Rust types hold nothing by value in a cycle.
fn sort_nodes(nodes: Vec<Node>) -> Result<Vec<Decl>> {
    let index: HashMap<String, usize> = nodes.iter().enumerate().map(|(i, n)| (n.key.clone(), i)).collect();
    let mut state = vec![0u8; nodes.len()]; // 0 new, 1 in progress, 2 done
    let mut order = Vec::new();
    fn visit(i: usize, nodes: &[Node], index: &HashMap<String, usize>, state: &mut [u8], order: &mut Vec<usize>) -> Result<()> {
        match state[i] {
            2 => return Ok(()),
            1 => bail!("`{}` contains itself by value", nodes[i].key),
            _ => {}
        }
        state[i] = 1;
        for dep in &nodes[i].deps {
            if let Some(&j) = index.get(dep) {
                visit(j, nodes, index, state, order)?;
            }
        }
        state[i] = 2;
        order.push(i);
        Ok(())
    }
    for i in 0..nodes.len() {
        visit(i, &nodes, &index, &mut state, &mut order)?;
    }
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).map(|n| n.decl).collect())
}

/// Collects every struct the interface needs, recursively, with its free and allocation
/// functions.
struct Walk<'w, 'a> {
    b: &'w Builder<'a>,
    records: HashMap<String, RecordDecl>,
    unions: HashMap<String, UnionDecl>,
    seen: HashSet<String>,
    nodes: Vec<Node>,
    frees: Vec<CFree>,
    allocs: Vec<CAlloc>,
    customs: Vec<(String, CType)>,
}

impl Walk<'_, '_> {
    /// The key of the struct a field of type `ty` holds by value, if it is one.
    fn value_dep(&self, ty: &Type) -> Result<Option<String>> {
        Ok(match ty {
            Type::Record { .. } | Type::Optional { .. } | Type::Sequence { .. } | Type::Set { .. } | Type::Map { .. } | Type::Custom { .. } => {
                Some(self.b.ctype(ty)?.mangle)
            }
            Type::Enum { name, .. } => {
                let e = self.b.c.enum_(name).with_context(|| format!("enum `{name}` is not declared"))?;
                if self.b.is_c_enum(e) {
                    None
                } else {
                    Some(self.b.ctype(ty)?.mangle)
                }
            }
            // A callback interface's value struct (vtable and user data), keyed by its C name.
            Type::CallbackInterface { .. } => Some(self.b.ctype(ty)?.c),
            _ => None,
        })
    }

    fn deps<'t>(&self, types: impl Iterator<Item = &'t Type>) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for t in types {
            out.extend(self.value_dep(t)?);
        }
        Ok(out)
    }

    fn free(&mut self, ct: &CType, udl: String) {
        if let Some(name) = &ct.free_fn {
            self.frees.push(CFree { name: name.clone(), c: ct.c.clone(), rust: ct.rust.clone(), udl });
        }
    }

    fn visit(&mut self, ty: &Type) -> Result<()> {
        let ct = self.b.ctype(ty)?;
        if !self.seen.insert(ct.mangle.clone()) {
            return Ok(());
        }
        match ty {
            Type::Record { name, .. } => {
                let r = self.b.c.record(name).context("record")?;
                let deps = self.deps(r.fields.iter().map(|f| &f.ty.ty))?;
                let decl = self.records.remove(name).with_context(|| format!("record `{name}`"))?;
                self.free(&ct, name.clone());
                self.nodes.push(Node { key: ct.mangle.clone(), forward: Some(ct.c.clone()), deps, decl: Decl::Record(decl) });
                for f in &r.fields {
                    self.visit(&f.ty.ty)?;
                }
            }
            Type::Enum { name, .. } => {
                let e = self.b.c.enum_(name).context("enum")?;
                if self.b.is_c_enum(e) {
                    return Ok(());
                }
                let flat_error = matches!(e.shape, EnumShape::Error { flat: true });
                let fields: Vec<&Type> =
                    if flat_error { Vec::new() } else { e.variants.iter().flat_map(|v| v.fields.iter()).map(|f| &f.ty.ty).collect() };
                let deps = self.deps(fields.iter().copied())?;
                let decl = self.unions.remove(name).with_context(|| format!("enum `{name}`"))?;
                self.free(&ct, name.clone());
                self.nodes.push(Node { key: ct.mangle.clone(), forward: Some(ct.c.clone()), deps, decl: Decl::Union(decl) });
                for t in fields {
                    self.visit(t)?;
                }
            }
            Type::Custom { name, builtin, .. } => {
                let b = self.b.ctype(builtin)?;
                let doc = self.b.c.custom_types().find(|c| c.name == *name).and_then(|c| c.docstring.clone());
                let deps = self.value_dep(builtin)?.into_iter().collect();
                self.customs.push((name.clone(), b.clone()));
                self.nodes.push(Node {
                    key: ct.mangle.clone(),
                    forward: None,
                    deps,
                    decl: Decl::Custom { c: ct.c.clone(), builtin: b.c.clone(), udl: b.udl.clone(), doc, free_fn: b.free_fn.clone() },
                });
                self.visit(builtin)?;
            }
            Type::Optional { inner_type } => {
                let inner = self.b.ctype(inner_type)?;
                let deps = self.value_dep(inner_type)?.into_iter().collect();
                self.free(&ct, ct.udl.clone());
                self.nodes.push(Node {
                    key: ct.mangle.clone(),
                    forward: Some(ct.c.clone()),
                    deps,
                    decl: Decl::Opt { c: ct.c.clone(), value: inner.c.clone(), udl: ct.udl.clone() },
                });
                self.visit(inner_type)?;
            }
            Type::Sequence { inner_type } | Type::Set { inner_type } => {
                let inner = self.b.ctype(inner_type)?;
                self.free(&ct, ct.udl.clone());
                self.allocs.push(CAlloc {
                    name: format!("{}_new", ct.c),
                    c: ct.c.clone(),
                    rust: ct.rust.clone(),
                    kind: AllocKind::Seq,
                    item: inner.c.clone(),
                });
                self.nodes.push(Node {
                    key: ct.mangle.clone(),
                    forward: Some(ct.c.clone()),
                    deps: Vec::new(),
                    decl: Decl::Seq { c: ct.c.clone(), item: inner.c.clone(), udl: ct.udl.clone() },
                });
                self.visit(inner_type)?;
            }
            Type::Map { key_type, value_type } => {
                let (k, v) = (self.b.ctype(key_type)?, self.b.ctype(value_type)?);
                let entry = format!("{}_entry", ct.c);
                self.free(&ct, ct.udl.clone());
                self.allocs.push(CAlloc {
                    name: format!("{}_new", ct.c),
                    c: ct.c.clone(),
                    rust: ct.rust.clone(),
                    kind: AllocKind::Map,
                    item: entry.clone(),
                });
                self.nodes.push(Node {
                    key: ct.mangle.clone(),
                    forward: Some(ct.c.clone()),
                    deps: Vec::new(),
                    decl: Decl::Map { c: ct.c.clone(), entry: entry.clone(), udl: ct.udl.clone() },
                });
                let deps = self.deps([key_type.as_ref(), value_type.as_ref()].into_iter())?;
                self.nodes.push(Node {
                    key: entry.clone(),
                    forward: Some(entry.clone()),
                    deps,
                    decl: Decl::MapEntry { entry, key: k.c.clone(), value: v.c.clone(), udl: ct.udl.clone() },
                });
                self.visit(key_type)?;
                self.visit(value_type)?;
            }
            Type::Box { inner_type } => {
                let inner = self.b.ctype(inner_type)?;
                self.free(&ct, format!("box of {}", inner.udl));
                self.allocs.push(CAlloc {
                    name: self.b.named(&format!("{}_new", ct.mangle)),
                    c: ct.c.clone(),
                    rust: ct.rust.clone(),
                    kind: AllocKind::Box,
                    item: inner.c.clone(),
                });
                self.visit(inner_type)?;
            }
            _ => {}
        }
        Ok(())
    }
}
