{#- One native method of `UniffiLib`: converts the arguments (the buffer first, so that what it
    holds is released if a later argument fails), calls the client, converts the result. A raw
    callable (plain data, see `is_plain_data`) calls the scaffolding itself instead, with
    Kotlin's bytes as the argument's RustBuffer, and returns a RustBuffer's bytes as they are. #}
{% macro native(f) %}
{%- if let Some(d) = f.direct %}
#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ f.native|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass{% for a in d.args %}, {{ a.rust_name }}: {{ a.jni_rust() }}{% if let DirectForm::Record { list: true, slot, .. } = a.form %}, uniffi_count_{{ slot }}: jint{% endif %}{% endfor %}{% if d.returns_record() %}, uniffi_out: jobject{% endif %}) -> {{ d.ret_jni_rust() }} {
    rt::entry(uniffi_env, {{ d.ret_null() }}, |uniffi_env| {
{%- for a in d.args %}
{%- match a.form %}
{%- when DirectForm::Scalar %}
        let {{ a.rust_name }} = <{{ a.t.rust }} as FromJni>::from_jni(uniffi_env, {{ a.rust_name }}, "{{ a.name }}")?;
{%- when DirectForm::Str { borrowed } %}
        let {{ a.rust_name }} = <String as FromJni>::from_jni(uniffi_env, {{ a.rust_name }}, "{{ a.name }}")?;
{%- when DirectForm::Bytes %}
        let {{ a.rust_name }} = uniffi_env.byte_array({{ a.rust_name }})?;
{%- when DirectForm::Array { kind, elem } %}
        let {{ a.rust_name }} = uniffi_env.{{ kind|lower }}_array({{ a.rust_name }})?;
{%- when DirectForm::Enum { path, class, variants } %}
        let {{ a.rust_name }} = match {{ a.rust_name }} {
{%- for v in variants %}
            {{ loop.index0 }} => {{ path }}::{{ v }},
{%- endfor %}
            _ => return Err(uniffi_env.throw_internal("an unknown ordinal of {{ class }} reached the glue")),
        };
{%- when DirectForm::Record { layout, list, slot, result } %}
{%- if list %}
        // SAFETY: the reader reads {{ layout.size }} bytes at each record, within the buffer.
        let {{ a.rust_name }} = uniffi_env.read_records({{ a.rust_name }}, uniffi_count_{{ slot }}, {{ layout.size }}, |p| unsafe { {{ layout.reader }}(p) })?;
{%- else %}
        // SAFETY: the reader reads {{ layout.size }} bytes, within the buffer.
        let {{ a.rust_name }} = uniffi_env.read_record({{ a.rust_name }}, {{ layout.size }}, |p| unsafe { {{ layout.reader }}(p) })?;
{%- endif %}
{%- endmatch %}
{%- endfor %}
        // The component's public function, called as plain Rust (its panics become the
        // InternalException uniffi's scaffolding throws).
        let uniffi_value = rt::direct(uniffi_env, || {{ d.path }}({% for a in d.args %}{% if let DirectForm::Str { borrowed: true } = a.form %}&{% endif %}{{ a.rust_name }}, {% endfor %}))?;
{%- match d.ret %}
{%- when None %}
        Ok(uniffi_value)
{%- when Some(r) %}
{%- match r.form %}
{%- when DirectForm::Scalar %}
        IntoJni::into_jni(uniffi_value, uniffi_env)
{%- when DirectForm::Str { borrowed } %}
        IntoJni::into_jni(uniffi_value, uniffi_env)
{%- when DirectForm::Bytes %}
        uniffi_env.new_byte_array(&uniffi_value)
{%- when DirectForm::Array { kind, elem } %}
        uniffi_env.new_{{ kind|lower }}_array(&uniffi_value)
{%- when DirectForm::Enum { path, class, variants } %}
        Ok(match uniffi_value {
{%- for v in variants %}
            {{ path }}::{{ v }} => {{ loop.index0 }},
{%- endfor %}
            // A `#[non_exhaustive]` enum needs it; uniffi knows every variant.
            #[allow(unreachable_patterns)]
            _ => return Err(uniffi_env.throw_internal("a variant of {{ class }} unknown to the bindings")),
        })
{%- when DirectForm::Record { layout, list, slot, result } %}
        // SAFETY: the writer writes {{ layout.size }} bytes at each record, within the buffer.
        uniffi_env.write_records(uniffi_out, {% if list %}&uniffi_value{% else %}::std::slice::from_ref(&uniffi_value){% endif %}, {{ layout.size }}, |v, p| unsafe { {{ layout.writer }}(v, p) })
{%- endmatch %}
{%- endmatch %}
    })
}
{%- else %}
#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ f.native|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass{% if f.receiver == Receiver::Handle %}, uniffi_self: jlong{% endif %}{% for a in f.args %}{% if a.direct() %}, {{ a.rust_name }}: {{ a.t.into_rust.rust() }}{% endif %}{% endfor %}{% if f.has_buffer() %}, uniffi_buf: jbyteArray{% endif %}) -> {% if f.is_async %}jlong{% else %}{{ f.ret_jni().rust() }}{% endif %} {
    rt::entry(uniffi_env, {% if f.is_async %}0{% else %}{{ f.ret_jni().null() }}{% endif %}, |uniffi_env| {
{%- if f.raw %}
{#- The direct arguments first: a RustBuffer is not freed on drop. #}
{%- for a in f.args %}
{%- if a.direct() %}
        let {{ a.rust_name }} = <{{ a.t.rust }} as FromJni>::from_jni(uniffi_env, {{ a.rust_name }}, "{{ a.name }}")?;
{%- endif %}
{%- endfor %}
{%- if f.has_buffer() %}
        let uniffi_arg = ::uniffi::RustBuffer::from_vec(uniffi_env.byte_array(uniffi_buf)?);
{%- endif %}
{%- if f.receiver == Receiver::Handle %}
        // SAFETY: Kotlin keeps the object alive during the call; its handle is borrowed.
        let uniffi_obj = ::std::mem::ManuallyDrop::new(unsafe { {{ m.owner_type(f) }}::from_raw(uniffi_self as u64) });
{%- endif %}
        // SAFETY: the arguments are lowered as the scaffolding expects; the buffer holds the
        // serialized argument as Kotlin wrote it, in uniffi's format.
        let uniffi_result = ffi::rt::rust_call::<_, {{ m.error_rust(f) }}>(|uniffi_status| unsafe {
            ffi::sys::{{ f.callable.ffi_func.0 }}({% if f.receiver == Receiver::Handle %}uniffi_obj.clone_handle(), {% endif %}{% for a in f.args %}{% if a.direct() %}ffi::rt::Lower::lower({{ a.rust_name }}), {% else %}uniffi_arg, {% endif %}{% endfor %}uniffi_status)
        });
{%- match f.ret_jni() %}
{%- when Jni::Buffer %}
        let uniffi_out = rt::check(uniffi_env, uniffi_result)?;
        uniffi_env.new_byte_array(&uniffi_out.destroy_into_vec())
{%- when Jni::Void %}
        rt::check(uniffi_env, uniffi_result.and_then(ffi::rt::lift_return::<(), _>))
{%- else %}
        let uniffi_value = rt::check(uniffi_env, uniffi_result.and_then(ffi::rt::lift_return::<{{ f.ret_rust() }}, _>))?;
        {% call convert_result(f) %}{% endcall %}
{%- endmatch %}
{%- else %}
{%- if f.has_buffer() %}
        let uniffi_bytes = uniffi_env.byte_array(uniffi_buf)?;
        let mut uniffi_read: &[u8] = &uniffi_bytes;
{%- if f.receiver == Receiver::Value %}
{%- if let Some(rt) = f.receiver_type %}
        let uniffi_value: {{ rt.rust }} = rt::read(uniffi_env, &mut uniffi_read, "self")?;
{%- endif %}
{%- endif %}
{%- for a in f.args %}
{%- if !a.direct() %}
        let {{ a.rust_name }}: {{ a.t.rust }} = rt::read(uniffi_env, &mut uniffi_read, "{{ a.name }}")?;
{%- endif %}
{%- endfor %}
{%- endif %}
{%- for a in f.args %}
{%- if a.direct() %}
        let {{ a.rust_name }} = <{{ a.t.rust }} as FromJni>::from_jni(uniffi_env, {{ a.rust_name }}, "{{ a.name }}")?;
{%- endif %}
{%- endfor %}
{%- match f.receiver %}
{%- when Receiver::Handle %}
        // SAFETY: Kotlin keeps the object alive during the call; its handle is borrowed.
        let uniffi_obj = ::std::mem::ManuallyDrop::new(unsafe { {{ m.owner_type(f) }}::from_raw(uniffi_self as u64) });
        let uniffi_result = uniffi_obj.{{ f.rust_name }}({% for a in f.args %}{{ a.rust_name }}, {% endfor %});
{%- when Receiver::Value %}
        let uniffi_result = uniffi_value.{{ f.rust_name }}({% for a in f.args %}{{ a.rust_name }}, {% endfor %});
{%- when Receiver::None %}
        let uniffi_result = {{ m.call_path(f) }}{{ f.rust_name }}({% for a in f.args %}{{ a.rust_name }}, {% endfor %});
{%- endmatch %}
{%- if f.is_async %}
        Ok(rt::future_start(uniffi_result))
{%- else %}
        let uniffi_value = rt::check(uniffi_env, uniffi_result)?;
        {% call convert_result(f) %}{% endcall %}
{%- endif %}
{%- endif %}
    })
}
{%- if f.is_async %}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ f.native|jni_mangle }}Complete(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, uniffi_future: jlong) -> {{ f.ret_jni().rust() }} {
    rt::entry(uniffi_env, {{ f.ret_jni().null() }}, |uniffi_env| {
        let uniffi_result = rt::future_take::<{{ m.future_output(f) }}, {{ m.error_rust(f) }}, ffi::rt::RustFuture<{{ m.future_output(f) }}, {{ m.error_rust(f) }}>>(uniffi_future);
        let uniffi_value = rt::check(uniffi_env, uniffi_result)?;
        {% call convert_result(f) %}{% endcall %}
    })
}
{%- endif %}
{%- endif %}
{%- endmacro %}

{% macro convert_result(f) -%}
{%- match f.ret_jni() %}
{%- when Jni::Void %}Ok(uniffi_value)
{%- when Jni::Handle %}Ok(rt::handle_into_jni(uniffi_value))
{%- when Jni::Buffer %}rt::buffer_into_jni(uniffi_env, uniffi_value)
{%- else %}IntoJni::into_jni(uniffi_value, uniffi_env)
{%- endmatch %}
{%- endmacro %}

{#- The arguments of a call into Kotlin: the bridge's receiver, JVM values and one buffer. #}
{% macro bridge_args(m, meth) %}
{%- if meth.has_buffer() %}
            let mut uniffi_w = ::std::vec::Vec::new();
{%- for a in meth.args %}
{%- if a.t.into_kotlin == Jni::Buffer %}
            ffi::rt::Lower::write({{ a.rust_name }}, &mut uniffi_w);
{%- endif %}
{%- endfor %}
            let uniffi_buf = rt::to_kotlin_buffer(env, &uniffi_w)?;
{%- endif %}
{%- for a in meth.args %}
{%- match a.t.into_kotlin %}
{%- when Jni::Buffer %}
{%- when Jni::Handle %}
            let {{ a.rust_name }} = rt::handle_into_jni({{ a.rust_name }});
{%- else %}
            let {{ a.rust_name }} = rt::to_kotlin(env, {{ a.rust_name }})?;
{%- endmatch %}
{%- endfor %}
            let uniffi_args = [
                jvalue { l: self.0.obj() },
{%- for a in meth.args %}
{%- if a.t.into_kotlin != Jni::Buffer %}
                jvalue { {{ a.t.into_kotlin.jvalue_field() }}: {{ a.rust_name }} },
{%- endif %}
{%- endfor %}
{%- if meth.has_buffer() %}
                jvalue { l: uniffi_buf },
{%- endif %}
{%- if meth.is_async %}
                jvalue { j: uniffi_completer as jlong },
{%- endif %}
            ];
{%- endmacro %}
