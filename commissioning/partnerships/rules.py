"""Who may act for a partnership: its officers start its rounds; staff may for any partnership."""

import rules

from commissioning.partnerships.models import Partnership
from commissioning.partnerships.selectors import is_partnership_officer, partnerships_led_by


@rules.predicate
def leads_partnership(user, obj=None):
    """An officer of the partnership given, or of any partnership when none is given."""
    if isinstance(obj, Partnership):
        return is_partnership_officer(user, obj)
    if obj is None:
        return partnerships_led_by(user).exists()
    return False


rules.add_perm("commissioning.create_round", leads_partnership | rules.is_staff | rules.is_superuser)
