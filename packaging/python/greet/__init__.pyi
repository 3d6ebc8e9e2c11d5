# Type information (PEP 561) for the `greet` package of the uniffi wheel. The package
# re-exports the module uniffi-bindgen generates (`greet._uniffi.greet`), whose stub is
# generated from greet.udl beside it (`greet/_uniffi/greet.pyi`, in this tree a symbolic link to
# generated/python/greet.pyi, since maturin copies only the generated module's .py): the types
# come from the spec, not from a hand-written copy of it.
from ._uniffi.greet import *
from ._uniffi.greet import __all__ as __all__
