"""What rounds add to the registry: the placeholder guards of the stages whose apps are not built
yet. Each refuses until the app that owns the stage registers its real guard, so a round never
enters a stage that does not exist."""

from django.utils.translation import gettext as _

from commissioning.enums import Stage
from commissioning.registry import placeholder_guard

NOT_BUILT_YET = [Stage.PANELS, Stage.AWARD, Stage.MONITORING, Stage.CLOSED]


def not_available_yet(stage):
    def guard(round_):
        return [_("“%(stage)s” is not available yet.") % {"stage": stage.label}]

    guard.__name__ = f"{stage.value}_not_available_yet"
    return guard


for _stage in NOT_BUILT_YET:
    placeholder_guard(_stage)(not_available_yet(_stage))
