class {{ o.name }}:
    """{{ o.doc }}"""

    _uniffi_handle = None

    @classmethod
    def _uniffi_from_handle(cls, handle):
        obj = cls.__new__(cls)
        obj._uniffi_handle = handle
        return obj

    def _uniffi_live_handle(self):
        if self._uniffi_handle is None:
            raise ValueError("this {{ o.name }} was closed")
        return self._uniffi_handle
{%- if !o.has_init %}

    def __init__(self, *args, **kwargs):
        raise ValueError("{{ o.name }} has no primary constructor")
{%- endif %}

    def __del__(self):
        # Collected without close(): freed with the next call (no rpc from a finalizer).
        try:
            if self._uniffi_handle is not None:
                _release_later("{{ o.release_rpc }}", self._uniffi_handle)
        except Exception:  # e.g. at interpreter shutdown
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
{%- for f in o.members %}

    {% if !f.decorator.is_empty() %}{{ f.decorator }}
    {% endif %}{% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}):
        """{{ f.doc }}"""
{{ f.body }}
{%- endfor %}
