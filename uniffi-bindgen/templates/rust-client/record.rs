{%- import "rust-client/callable.rs" as callable %}
{{ r.docstring|rust_doc(0) }}#[derive(Clone)]
pub struct {{ r.name|ident }} {
{%- for f in r.fields %}
    {{ f.docstring|rust_doc(4) }}pub {{ f.name|field_ident(loop.index0) }}: {{ f.ty.ty|rust_type }},
{%- endfor %}
}

impl rt::Lower for {{ r.name|ident }} {
    {%- call callable::buffer_lowered() %}{% endcall %}
    fn write(self, buf: &mut ::std::vec::Vec<u8>) {
{%- for f in r.fields %}
        rt::Lower::write(self.{{ f.name|field_ident(loop.index0) }}, buf);
{%- endfor %}
    }
}

impl rt::Lift for {{ r.name|ident }} {
    {%- call callable::buffer_lifted() %}{% endcall %}
    fn try_read(buf: &mut &[u8]) -> rt::LiftResult<Self> {
        Ok(Self {
{%- for f in r.fields %}
            {{ f.name|field_ident(loop.index0) }}: rt::Lift::try_read(buf)?,
{%- endfor %}
        })
    }
}
{%- let callables = m.value_callables(r.name.as_str()) %}
{%- if !callables.is_empty() %}

impl {{ r.name|ident }} {
{%- for c in callables %}
{%- call callable::callable(c, "    ") %}{% endcall %}
{%- endfor %}
}
{%- endif %}
