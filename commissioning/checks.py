"""System checks of the registry: the round fails closed.

Every stage after set-up must have a guard, a real one from the app that owns it or
commissioning's placeholder, or ``manage.py check`` (and so every start) fails.
"""

from django.core import checks

from commissioning import registry
from commissioning.enums import STAGE_ORDER


def every_stage_is_guarded(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"No guard is registered for entering the stage “{stage}”.",
            hint="Register a stage_guard in the hooks.py of the area that owns the stage, "
            "or keep commissioning's placeholder guard until it is built.",
            obj="commissioning.registry",
            id="commissioning.E001",
        )
        for stage in STAGE_ORDER[1:]
        if not registry.guards_for(stage)
    ]
