{#- Spellings shared by the glue's items. -#}

{#- The Rust parameter(s) of an argument, as the C function receives it. #}
{% macro rust_param(ty, name) -%}
{%- match ty.pass -%}
{%- when Pass::Pair(_) -%}{{ name }}: *const u8, {{ name }}_len: usize
{%- when Pass::Value -%}{{ name }}: <{{ ty.rust }} as crt::CRepr>::C
{%- when Pass::Ref -%}{{ name }}: *const <{{ ty.rust }} as crt::CRepr>::C
{%- endmatch -%}
{%- endmacro %}

{#- The parameter types of a vtable method for an argument. #}
{% macro rust_param_types(ty) -%}
{%- match ty.pass -%}
{%- when Pass::Pair(_) -%}*const u8, usize
{%- when Pass::Value -%}<{{ ty.rust }} as crt::CRepr>::C
{%- when Pass::Ref -%}*const <{{ ty.rust }} as crt::CRepr>::C
{%- endmatch -%}
{%- endmacro %}

{#- The client value of the parameter(s) `name` (an `ArgResult`). #}
{% macro from_params(ty, name) -%}
{%- match ty.pass -%}
{%- when Pass::Pair(PairKind::Str) -%}crt::pair_arg::<{{ ty.rust }}>({{ name }}, {{ name }}_len)
{%- when Pass::Pair(PairKind::Bytes) -%}crt::bytes_arg::<{{ ty.rust }}>({{ name }}, {{ name }}_len)
{%- when Pass::Value -%}<{{ ty.rust }} as crt::CRepr>::from_c(&{{ name }})
{%- when Pass::Ref -%}crt::ref_arg::<{{ ty.rust }}>({{ name }})
{%- endmatch -%}
{%- endmacro %}

{#- What a C implementation receives for the lent value `name` (a `crt::Lent`). #}
{% macro lent_args(ty, name) -%}
{%- match ty.pass -%}
{%- when Pass::Pair(_) -%}{{ name }}.c.ptr, {{ name }}.c.len
{%- when Pass::Value -%}{{ name }}.c
{%- when Pass::Ref -%}&{{ name }}.c
{%- endmatch -%}
{%- endmacro %}

{#- The completion callback type of an async call or method. #}
{% macro completion(ret, err) %}crt::Completion<<{{ ret }} as crt::CRepr>::C, <{{ err }} as crt::CError>::Out>{% endmacro %}

{#- Converts the receiver and the arguments (inside a closure returning an `ArgResult`). #}
{% macro convert_args(f) %}
{%- match f.receiver %}
{%- when Receiver::None %}
{%- when Receiver::Object { .. } %}
        let uniffi_this = crt::receiver(uniffi_self)?;
{%- when Receiver::Trait { .. } %}
        let uniffi_this = crt::receiver(uniffi_self)?;
{%- when Receiver::Value { ty } %}
        let uniffi_this = {% call from_params(ty, "uniffi_self") %}{% endcall %}.map_err(crt::arg_error("self"))?;
{%- endmatch %}
{%- for a in f.args %}
        let {{ a.rust_name }} = {% call from_params(a.ty, a.rust_name) %}{% endcall %}.map_err(crt::arg_error("{{ a.name }}"))?;
{%- endfor %}
{%- endmacro %}

{% macro call_args(f) %}{% for a in f.args %}{{ a.rust_name }}{% if !loop.last %}, {% endif %}{% endfor %}{% endmacro %}

{#- The client call (a `Result`, or a future of one for async calls). #}
{% macro invoke(f) %}
{%- match f.receiver %}
{%- when Receiver::None %}{{ f.client_fn }}({% call call_args(f) %}{% endcall %})
{%- when Receiver::Object { .. } %}uniffi_this.{{ f.client_fn }}({% call call_args(f) %}{% endcall %})
{%- when Receiver::Value { .. } %}uniffi_this.{{ f.client_fn }}({% call call_args(f) %}{% endcall %})
{%- when Receiver::Trait { .. } %}
{%- if f.is_async %}match ::std::clone::Clone::clone(uniffi_this) {
            ffi::rt::TraitObject::Rust(uniffi_obj) => ::std::boxed::Box::pin(uniffi_obj.{{ f.client_fn }}({% call call_args(f) %}{% endcall %})) as crt::BoxFuture<{{ f.rust_ret() }}, {{ f.err.rust }}>,
            ffi::rt::TraitObject::Foreign(uniffi_obj) => ::std::boxed::Box::pin(crt::foreign_async(move |uniffi_done| uniffi_obj.{{ f.foreign_method }}({% for a in f.args %}{{ a.rust_name }}, {% endfor %}uniffi_done))),
        }
{%- else %}match uniffi_this {
            ffi::rt::TraitObject::Rust(uniffi_obj) => uniffi_obj.{{ f.client_fn }}({% call call_args(f) %}{% endcall %}),
            ffi::rt::TraitObject::Foreign(uniffi_obj) => crt::callback_to_call(uniffi_obj.{{ f.foreign_method }}({% call call_args(f) %}{% endcall %})),
        }
{%- endif %}
{%- endmatch %}
{%- endmacro %}

{#- One function of the C API. #}
{% macro function(f) %}
#[no_mangle]
pub unsafe extern "C" fn {{ f.c_name }}(
{%- match f.receiver %}
{%- when Receiver::None %}
{%- when Receiver::Object { rust, .. } %}uniffi_self: *const {{ rust }}{{ ", " }}
{%- when Receiver::Trait { rust, .. } %}uniffi_self: *const {{ rust }}{{ ", " }}
{%- when Receiver::Value { ty } %}{% call rust_param(ty, "uniffi_self") %}{% endcall %}{{ ", " }}
{%- endmatch %}
{%- for a in f.args %}{% call rust_param(a.ty, a.rust_name) %}{% endcall %}{{ ", " }}{% endfor %}
{%- if f.is_async %}uniffi_callback: ::std::option::Option<{% call completion(f.rust_ret(), f.err.rust) %}{% endcall %}>, uniffi_callback_data: *mut ::std::ffi::c_void) -> u64 {
    let uniffi_delivery = crt::Delivery::<{{ f.rust_ret() }}, {{ f.err.rust }}>::new(uniffi_callback, uniffi_callback_data);
    crt::start_call(uniffi_delivery, || {
{%- call convert_args(f) %}{% endcall %}
        Ok({% call invoke(f) %}{% endcall %})
    })
}
{%- else %}
{%- if let Some(r) = f.ret %}uniffi_out: *mut <{{ r.rust }} as crt::CRepr>::C, {% endif %}uniffi_out_error: *mut <{{ f.err.rust }} as crt::CError>::Out) -> crt::Status {
    crt::call::<{{ f.rust_ret() }}, {{ f.err.rust }}>({% if f.ret.is_some() %}uniffi_out{% else %}::std::ptr::null_mut(){% endif %}, uniffi_out_error, || {
{%- call convert_args(f) %}{% endcall %}
        Ok({% call invoke(f) %}{% endcall %})
    })
}
{%- endif %}
{%- endmacro %}
