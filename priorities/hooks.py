"""What this app adds to commissioning's registry (stage guards, summaries, PDF kinds, demo data).

Each area's module registers itself on import.
"""

from . import (
    evidence_hooks,  # noqa: F401
    specification_hooks,  # noqa: F401
    workshop_hooks,  # noqa: F401
)
