{%- import "rust-client/callable.rs" as callable %}
{%- let flat_error = m.is_flat_error(e) %}
{{ e.docstring|rust_doc(0) }}#[derive(Clone)]
pub enum {{ e.name|ident }} {
{%- for v in e.variants %}
    {{ v.docstring|rust_doc(4) }}{{ v.name|ident }}
{%- if flat_error %} { message: ::std::string::String }
{%- else if !v.fields.is_empty() %} {
{%- for f in v.fields %} {{ f.name|field_ident(loop.index0) }}: {{ f.ty.ty|rust_type }},{% endfor %} }
{%- endif %},
{%- endfor %}
}

impl rt::Lower for {{ e.name|ident }} {
    {%- call callable::buffer_lowered() %}{% endcall %}
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
        match self {
{%- for v in e.variants %}
{%- if flat_error %}
            // A flat error is written as its variant alone.
            Self::{{ v.name|ident }} { .. } => rt::Lower::write({{ loop.index }}i32, buf),
{%- else %}
            Self::{{ v.name|ident }}{% if !v.fields.is_empty() %} { {% for f in v.fields %}{{ f.name|field_ident(loop.index0) }}, {% endfor %}}{% endif %} => {
                rt::Lower::write({{ loop.index }}i32, buf);
{%- for f in v.fields %}
                rt::Lower::write({{ f.name|field_ident(loop.index0) }}, buf);
{%- endfor %}
            }
{%- endif %}
{%- endfor %}
        }
    }
}

impl rt::Lift for {{ e.name|ident }} {
    {%- call callable::buffer_lifted() %}{% endcall %}
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        match <i32 as rt::Lift>::try_read(buf)? {
{%- for v in e.variants %}
{%- if flat_error %}
            // A flat error is read as its variant and its message.
            {{ loop.index }} => Ok(Self::{{ v.name|ident }} { message: rt::Lift::try_read(buf)? }),
{%- else %}
            {{ loop.index }} => Ok(Self::{{ v.name|ident }}{% if !v.fields.is_empty() %} {
{%- for f in v.fields %} {{ f.name|field_ident(loop.index0) }}: rt::Lift::try_read(buf)?,{% endfor %} }{% endif %}),
{%- endif %}
{%- endfor %}
            other => Err(rt::LiftError(format!("{other} is not a variant of {{ e.name }}"))),
        }
    }
}
{%- let callables = m.value_callables(e.name.as_str()) %}
{%- if !callables.is_empty() %}

impl {{ e.name|ident }} {
{%- for c in callables %}
{%- call callable::callable(c, "    ") %}{% endcall %}
{%- endfor %}
}
{%- endif %}
