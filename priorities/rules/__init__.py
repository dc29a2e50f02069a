"""django-rules permissions of this app, one submodule per area (autodiscovered through this package)."""

from . import (
    evidence,  # noqa: F401
    specifications,  # noqa: F401
    workshop,  # noqa: F401
)
