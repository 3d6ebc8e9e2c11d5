//! Which of a component's exported items the glue may call as plain Rust, without uniffi's C
//! ABI: the public API of the component crate, read from rustdoc's JSON output.
//!
//! The in-process glue crates link the component as a Rust library. Through uniffi's C ABI
//! every record, sequence and enum crosses serialized into a RustBuffer, which the component's
//! scaffolding then deserializes: for a list of records that costs more than everything else in
//! the call. A function that is public (reachable by a public path from the crate root), not
//! async, throwing nothing, and whose argument and return types are built only from primitives,
//! strings, bytes, sequences, options, public records with public fields and public flat enums, can be
//! called directly with Rust values instead. Everything else — private items, objects (and
//! their `Arc` receivers), callbacks, errors, async — keeps the C ABI, so the user's crate
//! needs nothing.
//!
//! rustdoc's JSON output is unstable: it runs with `RUSTC_BOOTSTRAP=1` into its own target
//! folder. If it fails, or reads as something unexpected, nothing is direct and the glue is
//! exactly what it was without this (`Reach::none`).

use std::collections::{HashMap, HashSet};
use std::process::Command;

use anyhow::{bail, Context as _, Result};
use camino::Utf8Path;
use serde_json::Value;

use crate::ir::{Component, Type};

/// The component's items the glue calls directly, by their uniffi names.
#[derive(Debug, Default)]
pub struct Reach {
    /// uniffi function name → Rust path (`::krate::module::name`).
    pub functions: HashMap<String, String>,
    /// uniffi record or enum name → Rust path of the type.
    pub types: HashMap<String, String>,
    /// Functions that take a `&str`, by argument name: called with a borrow.
    pub borrowed: HashSet<(String, String)>,
}

impl Reach {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn function(&self, name: &str) -> Option<&str> {
        self.functions.get(name).map(String::as_str)
    }

    pub fn type_path(&self, name: &str) -> Option<&str> {
        self.types.get(name).map(String::as_str)
    }

    pub fn borrows(&self, function: &str, arg: &str) -> bool {
        self.borrowed.contains(&(function.to_string(), arg.to_string()))
    }
}

/// The component's `Reach` for a backend's glue (`backend` names it in the note printed when
/// rustdoc cannot be read): nothing when `GREET_BINDGEN_DIRECT_CALLS=0`, or when no function
/// could be direct (no rustdoc run then).
pub fn direct_reach(cx: &crate::backends::Context<'_>, c: &Component, backend: &str) -> Reach {
    if std::env::var("GREET_BINDGEN_DIRECT_CALLS").is_ok_and(|v| v == "0") {
        return Reach::none();
    }
    let candidate = c.ns.functions.iter().any(|f| !f.callable.is_async() && f.callable.throws_type.ty.is_none());
    if !candidate {
        return Reach::none();
    }
    let probed = cx.ws.package_for_crate(&c.ns.crate_name).and_then(|p| probe(c, &p.name, &p.manifest, &cx.ws.target_dir));
    probed.unwrap_or_else(|e| {
        eprintln!("note: {backend}: every call goes through uniffi's C ABI, since the component's public API could not be read ({e:#})");
        Reach::none()
    })
}

/// Runs rustdoc on the component's package and reads its public API. `Err` says why it could
/// not (the caller falls back to `Reach::none`).
pub fn probe(c: &Component, package: &str, manifest: &Utf8Path, target_dir: &Utf8Path) -> Result<Reach> {
    let doc_target = target_dir.join("greet-bindgen-rustdoc");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args(["rustdoc", "--quiet", "--lib", "--package", package, "--manifest-path", manifest.as_str()])
        .args(["--target-dir", doc_target.as_str()])
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .context("running cargo rustdoc")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        bail!("cargo rustdoc failed: {}", err.lines().find(|l| l.starts_with("error")).unwrap_or(err.trim()));
    }
    let lib = &c.ns.crate_name;
    let json = doc_target.join("doc").join(format!("{lib}.json"));
    let text = std::fs::read_to_string(&json).with_context(|| format!("reading {json}"))?;
    let doc: Value = serde_json::from_str(&text).with_context(|| format!("parsing {json}"))?;
    Ok(Api::new(&doc).context("unexpected rustdoc JSON")?.reach(c))
}

/// The parts of rustdoc's JSON this reads.
struct Api<'a> {
    index: &'a serde_json::Map<String, Value>,
    paths: &'a serde_json::Map<String, Value>,
    /// Item id → its shortest public path from the crate root.
    public: HashMap<String, Vec<String>>,
}

fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

impl<'a> Api<'a> {
    fn new(doc: &'a Value) -> Result<Self> {
        let index = doc["index"].as_object().context("no index")?;
        let paths = doc["paths"].as_object().context("no paths")?;
        let root = id_of(&doc["root"]).context("no root")?;
        let krate = index.get(&root).and_then(|r| r["name"].as_str()).context("no root module")?.to_string();
        let mut api = Self { index, paths, public: HashMap::new() };
        let mut seen = HashSet::new();
        api.walk(&root, vec![krate], &mut seen);
        Ok(api)
    }

    fn item(&self, id: &str) -> Option<&'a Value> {
        self.index.get(id)
    }

    /// Records the public items of module `id`, reachable at `prefix`, breadth first enough
    /// for the shortest path to win (an item keeps the first path found).
    fn walk(&mut self, id: &str, prefix: Vec<String>, seen: &mut HashSet<(String, usize)>) {
        if !seen.insert((id.to_string(), prefix.len())) || prefix.len() > 16 {
            return;
        }
        let Some(items) = self.item(id).and_then(|m| m["inner"]["module"]["items"].as_array()) else { return };
        let mut modules = Vec::new();
        for child in items {
            let Some(cid) = id_of(child) else { continue };
            let Some(item) = self.item(&cid) else { continue };
            if item["visibility"].as_str() != Some("public") {
                continue;
            }
            let inner = &item["inner"];
            if let Some(u) = inner.get("use") {
                let Some(target) = u.get("id").and_then(id_of) else { continue };
                let name = u["name"].as_str().unwrap_or_default().to_string();
                let is_module = self.item(&target).is_some_and(|t| t["inner"].get("module").is_some());
                if u["is_glob"].as_bool() == Some(true) {
                    if is_module {
                        modules.push((target, prefix.clone()));
                    }
                } else if is_module {
                    modules.push((target, [prefix.clone(), vec![name]].concat()));
                } else {
                    self.public.entry(target).or_insert_with(|| [prefix.clone(), vec![name]].concat());
                }
            } else if inner.get("module").is_some() {
                let name = item["name"].as_str().unwrap_or_default().to_string();
                modules.push((cid, [prefix.clone(), vec![name]].concat()));
            } else if let Some(name) = item["name"].as_str() {
                self.public.entry(cid).or_insert_with(|| [prefix.clone(), vec![name.to_string()]].concat());
            }
        }
        for (m, p) in modules {
            self.walk(&m, p, seen);
        }
    }

    /// The one public item of `kind` named `name`, with its id and path.
    fn find(&self, kind: &str, name: &str) -> Option<(&'a Value, String)> {
        let mut found = self.public.iter().filter_map(|(id, path)| {
            let item = self.item(id)?;
            (item["crate_id"].as_u64() == Some(0) && item["name"].as_str() == Some(name) && item["inner"].get(kind).is_some())
                .then(|| (item, format!("::{}", path.join("::"))))
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    fn external_path(&self, id: &str) -> Vec<&'a str> {
        self.paths
            .get(id)
            .and_then(|p| p["path"].as_array())
            .map(|p| p.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether rustdoc's type `t` is exactly the Rust type uniffi lowers for `ty`, given the
    /// records and enums already known to be direct (`types`: uniffi name → rustdoc id).
    fn same_type(&self, ty: &Type, t: &Value, types: &HashMap<String, String>) -> bool {
        if let Some(p) = t.get("primitive").and_then(Value::as_str) {
            return matches!(
                (ty, p),
                (Type::Int8, "i8")
                    | (Type::UInt8, "u8")
                    | (Type::Int16, "i16")
                    | (Type::UInt16, "u16")
                    | (Type::Int32, "i32")
                    | (Type::UInt32, "u32")
                    | (Type::Int64, "i64")
                    | (Type::UInt64, "u64")
                    | (Type::Float32, "f32")
                    | (Type::Float64, "f64")
                    | (Type::Boolean, "bool")
            );
        }
        let Some(rp) = t.get("resolved_path") else { return false };
        let Some(id) = rp.get("id").and_then(id_of) else { return false };
        let args: Vec<&Value> = rp["args"]["angle_bracketed"]["args"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.get("type")).collect())
            .unwrap_or_default();
        let path = self.external_path(&id);
        match ty {
            Type::String => path == ["alloc", "string", "String"] && args.is_empty(),
            Type::Sequence { inner_type } => {
                path == ["alloc", "vec", "Vec"] && args.len() == 1 && self.same_type(inner_type, args[0], types)
            }
            Type::Optional { inner_type } => {
                path == ["core", "option", "Option"] && args.len() == 1 && self.same_type(inner_type, args[0], types)
            }
            Type::Record { orig_name, .. } | Type::Enum { orig_name, .. } => {
                types.get(orig_name).is_some_and(|known| *known == id) && args.is_empty()
            }
            _ => false,
        }
    }

    /// `Vec<u8>`: uniffi's bytes, taken and returned directly as an argument or result (the
    /// glue converts them as `bytes`, not as a list of ints).
    fn is_bytes(&self, t: &Value) -> bool {
        let rp = &t["resolved_path"];
        let args = rp["args"]["angle_bracketed"]["args"].as_array();
        rp.get("id").and_then(id_of).is_some_and(|id| self.external_path(&id) == ["alloc", "vec", "Vec"])
            && args.is_some_and(|a| a.len() == 1 && a[0]["type"]["primitive"].as_str() == Some("u8"))
    }

    fn reach(&self, c: &Component) -> Reach {
        let mut reach = Reach::none();
        // uniffi name → rustdoc id of the records and enums whose values the glue can build.
        let mut ids: HashMap<String, String> = HashMap::new();
        // Records can nest: settle them until nothing changes.
        loop {
            let before = ids.len();
            for r in c.records() {
                if ids.contains_key(&r.orig_name) {
                    continue;
                }
                let Some((item, path)) = self.find("struct", &r.orig_name) else { continue };
                let Some(plain) = item["inner"]["struct"]["kind"].get("plain") else { continue };
                if plain["has_stripped_fields"].as_bool() != Some(false) || item["inner"]["struct"]["generics"]["params"].as_array().map_or(true, |p| !p.is_empty()) {
                    continue;
                }
                let fields: Vec<&Value> = plain["fields"].as_array().into_iter().flatten().filter_map(|f| id_of(f).and_then(|f| self.item(&f))).collect();
                let ok = fields.len() == r.fields.len()
                    && r.fields.iter().zip(&fields).all(|(f, d)| {
                        d["name"].as_str() == Some(f.orig_name.as_str())
                            && d["visibility"].as_str() == Some("public")
                            && self.same_type(&f.ty.ty, &d["inner"]["struct_field"], &ids)
                    });
                if ok {
                    ids.insert(r.orig_name.clone(), id_of(&item["id"]).unwrap_or_default());
                    reach.types.insert(r.name.clone(), path);
                }
            }
            for e in c.enums() {
                if ids.contains_key(&e.orig_name) || !e.is_flat || e.self_type.is_used_as_error {
                    continue;
                }
                let Some((item, path)) = self.find("enum", &e.orig_name) else { continue };
                let en = &item["inner"]["enum"];
                let variants: Vec<&Value> = en["variants"].as_array().into_iter().flatten().filter_map(|v| id_of(v).and_then(|v| self.item(&v))).collect();
                let ok = en["has_stripped_variants"].as_bool() == Some(false)
                    && variants.len() == e.variants.len()
                    && e.variants.iter().zip(&variants).all(|(v, d)| {
                        d["name"].as_str() == Some(v.orig_name.as_str()) && d["inner"]["variant"]["kind"].as_str() == Some("plain")
                    });
                if ok {
                    ids.insert(e.orig_name.clone(), id_of(&item["id"]).unwrap_or_default());
                    reach.types.insert(e.name.clone(), path);
                }
            }
            if ids.len() == before {
                break;
            }
        }
        for f in &c.ns.functions {
            let k = &f.callable;
            if k.is_async() || k.throws_type.ty.is_some() || k.arguments.iter().any(|a| a.default.is_some()) {
                continue;
            }
            let Some((item, path)) = self.find("function", &k.orig_name) else { continue };
            let func = &item["inner"]["function"];
            let header = &func["header"];
            if header["is_async"].as_bool() != Some(false)
                || header["is_unsafe"].as_bool() != Some(false)
                || func["generics"]["params"].as_array().map_or(true, |p| !p.is_empty())
            {
                continue;
            }
            let Some(inputs) = func["sig"]["inputs"].as_array() else { continue };
            if inputs.len() != k.arguments.len() {
                continue;
            }
            let mut borrowed = Vec::new();
            let args_ok = k.arguments.iter().zip(inputs).all(|(a, input)| {
                let t = &input[1];
                if matches!(a.ty.ty, Type::Bytes) {
                    return self.is_bytes(t);
                }
                if let Some(r) = t.get("borrowed_ref") {
                    let is_str = matches!(a.ty.ty, Type::String) && r["is_mutable"].as_bool() == Some(false) && r["type"]["primitive"].as_str() == Some("str");
                    if is_str {
                        borrowed.push((k.name.clone(), a.name.clone()));
                    }
                    return is_str;
                }
                self.same_type(&a.ty.ty, t, &ids)
            });
            let ret_ok = match (&k.return_type.ty, func["sig"]["output"].is_null()) {
                (None, true) => true,
                (Some(t), false) if matches!(t.ty, Type::Bytes) => self.is_bytes(&func["sig"]["output"]),
                (Some(t), false) => self.same_type(&t.ty, &func["sig"]["output"], &ids),
                _ => false,
            };
            if args_ok && ret_ok {
                reach.functions.insert(k.name.clone(), path);
                reach.borrowed.extend(borrowed);
            }
        }
        reach
    }
}
