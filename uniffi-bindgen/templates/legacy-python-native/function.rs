
{% for line in c.doc %}{{ line }}
{% endfor %}{% for a in c.attrs %}{{ a }}
{% endfor %}fn {{ c.rust_name }}<'py>({{ c.params }}) -> {{ c.ret }} {
{{ c.body }}}
