{%- import "kotlin-jni/native.rs" as native %}
/// A Kotlin implementation of `{{ t.name }}`, called from Rust through `UniffiCallbacks`.
struct {{ t.struct_name }}(rt::GlobalRef);

impl ffi::{{ t.ident }}{% if !t.is_callback_interface %}Foreign{% endif %} for {{ t.struct_name }} {
{%- for meth in t.methods %}
{%- if meth.is_async %}
    fn {{ meth.rust_name }}(&self, {% for a in meth.args %}{{ a.rust_name }}: {{ a.t.rust }}, {% endfor %}uniffi_done: ffi::rt::Completer<{{ meth.ret_rust() }}>) {
        let uniffi_job: rt::SharedJob = ::std::default::Default::default();
        {
            let job = ::std::sync::Arc::clone(&uniffi_job);
            uniffi_done.on_cancel(move || rt::cancel_job(&job));
        }
        let uniffi_completer = ::std::boxed::Box::into_raw(::std::boxed::Box::new(uniffi_done));
        let uniffi_started = rt::callback::<(), {{ m.foreign_error_rust(meth) }}>(|env| {
{%- call native::bridge_args(m, meth) %}{% endcall %}
            let uniffi_job_obj = rt::call_bridge_object::<{{ m.foreign_error_rust(meth) }}>(env, {{ meth.bridge_index }}, &uniffi_args, {% if let Some(i) = m.lower_index(meth) %}Some({{ i }}){% else %}None{% endif %})?;
            rt::set_job(env, &uniffi_job, uniffi_job_obj);
            Ok(())
        });
        if let Err(e) = uniffi_started {
            // Kotlin never got the call: complete it here.
            // SAFETY: the box was not handed to Kotlin.
            let done = unsafe { ::std::boxed::Box::from_raw(uniffi_completer) };
            done.complete::<{{ m.foreign_error_rust(meth) }}>(Err(e));
        }
    }
{%- else %}
    fn {{ meth.rust_name }}(&self{% for a in meth.args %}, {{ a.rust_name }}: {{ a.t.rust }}{% endfor %}) -> ::std::result::Result<{{ meth.ret_rust() }}, ffi::rt::CallbackError<{{ m.foreign_error_rust(meth) }}>> {
        rt::callback(|env| {
{%- call native::bridge_args(m, meth) %}{% endcall %}
{%- match meth.ret_jni() %}
{%- when Jni::Void %}
            rt::call_bridge_void::<{{ m.foreign_error_rust(meth) }}>(env, {{ meth.bridge_index }}, &uniffi_args, {% if let Some(i) = m.lower_index(meth) %}Some({{ i }}){% else %}None{% endif %})
{%- when Jni::Buffer %}
            let uniffi_out = rt::call_bridge_object::<{{ m.foreign_error_rust(meth) }}>(env, {{ meth.bridge_index }}, &uniffi_args, {% if let Some(i) = m.lower_index(meth) %}Some({{ i }}){% else %}None{% endif %})?;
            rt::from_kotlin_buffer(env, uniffi_out)
{%- when Jni::Str %}
            let uniffi_out = rt::call_bridge_object::<{{ m.foreign_error_rust(meth) }}>(env, {{ meth.bridge_index }}, &uniffi_args, {% if let Some(i) = m.lower_index(meth) %}Some({{ i }}){% else %}None{% endif %})?;
            rt::from_kotlin::<{{ meth.ret_rust() }}, _>(env, uniffi_out)
{%- else %}
            let uniffi_out = rt::call_bridge_{{ meth.ret_jni().call_kind()|lower }}::<{{ m.foreign_error_rust(meth) }}>(env, {{ meth.bridge_index }}, &uniffi_args, {% if let Some(i) = m.lower_index(meth) %}Some({{ i }}){% else %}None{% endif %})?;
            rt::from_kotlin::<{{ meth.ret_rust() }}, _>(env, uniffi_out)
{%- endmatch %}
        })
    }
{%- endif %}
{%- endfor %}

    fn as_any(&self) -> &dyn ::std::any::Any {
        self
    }
}
{%- for meth in t.methods %}
{%- if meth.is_async %}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ meth.native_complete|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, completer: jlong{% if let Some(r) = meth.ret %}, value: {{ r.into_rust.rust() }}{% endif %}) {
    rt::entry(uniffi_env, (), |env| {
        // SAFETY: the bridge hands Kotlin the completer, which completes it exactly once.
        let done = unsafe { ::std::boxed::Box::from_raw(completer as *mut ffi::rt::Completer<{{ meth.ret_rust() }}>) };
{%- match meth.ret_jni() %}
{%- when Jni::Void %}
        let uniffi_value: ::std::result::Result<(), ffi::rt::CallbackError<{{ m.foreign_error_rust(meth) }}>> = Ok(());
{%- when Jni::Buffer %}
        let uniffi_value = rt::from_kotlin_buffer::<{{ meth.ret_rust() }}, {{ m.foreign_error_rust(meth) }}>(env, value);
{%- else %}
        let uniffi_value = rt::from_kotlin::<{{ meth.ret_rust() }}, {{ m.foreign_error_rust(meth) }}>(env, value);
{%- endmatch %}
        done.complete::<{{ m.foreign_error_rust(meth) }}>(uniffi_value);
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ meth.native_fail|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, completer: jlong, error: jbyteArray, message: jstring) {
    rt::entry(uniffi_env, (), |env| {
        // SAFETY: as above.
        let done = unsafe { ::std::boxed::Box::from_raw(completer as *mut ffi::rt::Completer<{{ meth.ret_rust() }}>) };
        let uniffi_error = if error.is_null() {
            let text = rt::string_from_jni(env, message, "message").unwrap_or_else(|_| {
                env.take_exception();
                "a Kotlin exception".to_string()
            });
            ffi::rt::CallbackError::Unexpected(text)
        } else {
            match env.byte_array(error).map(|bytes| rt::read_all::<{{ m.foreign_error_rust(meth) }}>(&bytes)) {
                Ok(Ok(e)) => ffi::rt::CallbackError::Error(e),
                Ok(Err(e)) => ffi::rt::CallbackError::Unexpected(format!("cannot read the error Kotlin threw: {e}")),
                Err(_) => {
                    env.take_exception();
                    ffi::rt::CallbackError::Unexpected("cannot copy the error Kotlin threw".to_string())
                }
            }
        };
        done.complete::<{{ m.foreign_error_rust(meth) }}>(Err(uniffi_error));
        Ok(())
    })
}
{%- endif %}
{%- endfor %}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ t.native_new|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, obj: jobject) -> jlong {
    rt::entry(uniffi_env, 0, |env| {
        let imp: ::std::sync::Arc<dyn ffi::{{ t.ident }}{% if !t.is_callback_interface %}Foreign{% endif %}> = ::std::sync::Arc::new({{ t.struct_name }}(env.new_global(obj)));
{%- if t.is_callback_interface %}
        Ok(ffi::rt::Lower::lower(imp) as jlong)
{%- else %}
        let value: ffi::rt::TraitObject<ffi::{{ t.ident }}, dyn ffi::{{ t.ident }}Foreign> = ffi::rt::TraitObject::Foreign(imp);
        Ok(ffi::rt::Lower::lower(value) as jlong)
{%- endif %}
    })
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ t.native_take|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, handle: jlong) -> jobject {
    rt::entry(uniffi_env, ::std::ptr::null_mut(), |env| {
        let imp = {{ t.handles }}.remove(handle as u64).map_err(|e| env.throw_internal(&e.to_string()))?;
        match imp.as_any().downcast_ref::<{{ t.struct_name }}>() {
            Some(k) => Ok(env.new_local(k.0.obj())),
            None => Err(env.throw_internal("{{ t.name }} implemented outside Kotlin")),
        }
    })
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ t.native_release|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass, handle: jlong) {
    rt::entry(uniffi_env, (), |_| {
        let _ = {{ t.handles }}.remove(handle as u64);
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn {{ m.jni_prefix }}{{ t.native_count|jni_mangle }}(uniffi_env: *mut JNIEnv, _uniffi_class: jclass) -> jint {
    rt::entry(uniffi_env, 0, |_| Ok({{ t.handles }}.len() as jint))
}
