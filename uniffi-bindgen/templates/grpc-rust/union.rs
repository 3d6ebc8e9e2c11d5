{%- import "grpc-rust/field.rs" as field %}
{%- if !u.flat_error %}

impl FromPb<{{ u.msg.prost }}, Handles> for {{ u.rust }} {
    fn from_pb(p: {{ u.msg.prost }}, cx: &Handles) -> Result<Self, Status> {
        match p.{{ u.oneof }} {
{%- for v in u.variants %}
            Some({{ u.prost_oneof }}::{{ v.prost_case }}(p)) => {
{%- if v.case.boxed %}
                let p = *p;
{%- endif %}
                Ok({{ v.client }}{% if !v.client_fields.is_empty() %} {
{%- for (f, client, _) in v.fields() %}
                    {{ client }}: {% call field::from_field(f, "p") %}{% endcall %},
{%- endfor %}
                }{% endif %})
            }
{%- endfor %}
            None => Err(cv::missing("{{ u.msg.name }}.{{ u.oneof }}")),
        }
    }
}
{%- else %}

impl FromPb<{{ u.msg.prost }}, Handles> for {{ u.rust }} {
    fn from_pb(p: {{ u.msg.prost }}, cx: &Handles) -> Result<Self, Status> {
        match p.{{ u.oneof }} {
{%- for v in u.variants %}
            Some({{ u.prost_oneof }}::{{ v.prost_case }}(p)) => Ok({{ v.client }} { message: p.message }),
{%- endfor %}
            None => Err(cv::missing("{{ u.msg.name }}.{{ u.oneof }}")),
        }
    }
}
{%- endif %}

impl ToPb<{{ u.msg.prost }}, Handles> for {{ u.rust }} {
    fn to_pb(self, cx: &Handles) -> Result<{{ u.msg.prost }}, Status> {
        let kind = match self {
{%- for v in u.variants %}
            {{ v.client }}{% if !v.client_fields.is_empty() %} { {% for client in v.client_fields %}{{ client }}: uniffi_f{{ loop.index0 }}, {% endfor %}}{% endif %} => {
                let p = {{ v.msg.prost }} {
{%- for (f, _, bind) in v.fields() %}
                    {{ f.prost }}: {% call field::to_field(f, bind) %}{% endcall %},
{%- endfor %}
                };
                {{ u.prost_oneof }}::{{ v.prost_case }}({% if v.case.boxed %}::std::boxed::Box::new(p){% else %}p{% endif %})
            }
{%- endfor %}
        };
        Ok({{ u.msg.prost }} { {{ u.oneof }}: Some(kind) })
    }
}
{%- if u.is_error %}

impl ErrorStatus for {{ u.rust }} {
    fn status(self, cx: &Handles) -> Status {
        let (code, message) = match &self {
{%- for v in u.variants %}
{%- if u.flat_error %}
            {{ v.client }} { message } => (Code::{{ v.code }}, message.clone()),
{%- else %}
            {{ v.client }}{% if !v.client_fields.is_empty() %} { {% for client in v.client_fields %}{{ client }}: uniffi_f{{ loop.index0 }}, {% endfor %}}{% endif %} => (
                Code::{{ v.code }},
{%- if u.has_display %}
                ::std::string::String::new(),
{%- else %}
                format!("{{ u.msg.name }}.{{ v.v.name }}({% for f in v.msg.fields %}{% if f.describable() %}{{ f.name }}={:?}{% else %}{{ f.name }}=…{% endif %}{% if !loop.last %}, {% endif %}{% endfor %})"{% for f in v.msg.fields %}{% if f.describable() %}, uniffi_f{{ loop.index0 }}{% endif %}{% endfor %}),
{%- endif %}
            ),
{%- endif %}
{%- endfor %}
        };
{%- if u.has_display && !u.flat_error %}
        let message = self.uniffi_trait_display().unwrap_or_else(|_| "{{ u.msg.name }}".to_string());
{%- endif %}
        match cv::to_field::<_, {{ u.msg.prost }}, _>(self, cx) {
            Ok(detail) => status::with_detail(code, message, "{{ m.package }}.{{ u.msg.name }}", &detail),
            Err(s) => s,
        }
    }
}
{%- endif %}
