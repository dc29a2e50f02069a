"""What a version changed from the one before it, in words, for the reader of a variation."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commissioning.common.money import format_pence


def _day(value):
    return date_format(value, "j F Y") if value else _("none")


def _rows(version, name, text):
    return {text(row) for row in getattr(version, name).all()}


def what_changed(previous, version):
    """Sentences saying how ``version`` differs from ``previous`` (both with their rows loaded)."""
    if previous is None:
        return []
    lines = []
    years = max(len(previous.amounts_pence), len(version.amounts_pence))
    for year in range(1, years + 1):
        before, after = previous.amount_in_year(year), version.amount_in_year(year)
        if before != after:
            lines.append(
                _("The value in year %(n)d changed from %(before)s to %(after)s.")
                % {"n": year, "before": format_pence(before), "after": format_pence(after)}
            )
    for label, name in ((_("start date"), "start_date"), (_("end date"), "end_date")):
        before, after = getattr(previous, name), getattr(version, name)
        if before != after:
            lines.append(
                _("The %(what)s changed from %(before)s to %(after)s.")
                % {"what": label, "before": _day(before), "after": _day(after)}
            )
    lines += _indicator_changes(previous, version)
    lines += _row_changes(previous, version)
    return lines


def _indicator_changes(previous, version):
    lines = []
    old_targets = {row.indicator_id: row for row in previous.indicators.all()}
    for row in version.indicators.all():
        old = old_targets.get(row.indicator_id)
        if old is None:
            continue
        for year, (before, after) in enumerate(zip(old.targets, row.targets, strict=False), start=1):
            if str(before) != str(after):
                lines.append(
                    _("The target of “%(name)s” in year %(n)d changed from %(before)s to %(after)s.")
                    % {
                        "name": row.indicator.name,
                        "n": year,
                        "before": before or _("none"),
                        "after": after or _("none"),
                    }
                )
        if old.baseline_value != row.baseline_value:
            lines.append(
                _("The baseline of “%(name)s” changed from %(before)s to %(after)s.")
                % {"name": row.indicator.name, "before": old.baseline_value, "after": row.baseline_value}
            )
    return lines


def _row_changes(previous, version):
    lines = []
    for label, name, text in (
        (_("condition"), "conditions", lambda row: f"{row.text} ({_day(row.due_date)})"),
        (_("milestone"), "milestones", lambda row: f"{row.description} ({_day(row.due_date)})"),
        (_("output"), "outputs", lambda row: f"{row.description} ({row.quantity or '–'})"),
        (
            _("instalment"),
            "instalments",
            lambda row: f"{format_pence(row.amount_pence, show_pence=True)} {_('due')} {_day(row.due_date)}",
        ),
    ):
        before, after = _rows(previous, name, text), _rows(version, name, text)
        lines += [_("Added %(what)s: %(row)s.") % {"what": label, "row": row} for row in sorted(after - before)]
        lines += [_("Removed %(what)s: %(row)s.") % {"what": label, "row": row} for row in sorted(before - after)]
    return lines
