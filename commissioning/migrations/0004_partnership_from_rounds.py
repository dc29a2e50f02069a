"""Everything recorded before partnerships existed moves into one partnership.

The partnership takes the name most rounds gave (the earliest round's on a tie) and that
round's place. Every round joins it; their officers become its officers and their board
members its board. The rounds' plans become its plan: where two rounds had an outcome or
indicator with the same code, the newest round's keeps the code and the older one's gets
its round's number appended (``O1-3``), so nothing is lost and no link breaks.
"""

from collections import Counter

from django.db import migrations

CODE_LENGTH = 20


def _free_code(code, round_pk, taken):
    if code.upper() not in taken:
        return code
    n = 0
    while True:
        suffix = f"-{round_pk}" if n == 0 else f"-{round_pk}-{n}"
        candidate = f"{code[: CODE_LENGTH - len(suffix)]}{suffix}"
        if candidate.upper() not in taken:
            return candidate
        n += 1


def forwards(apps, schema_editor):
    Round = apps.get_model("commissioning", "Round")
    Partnership = apps.get_model("commissioning", "Partnership")
    PartnershipMember = apps.get_model("commissioning", "PartnershipMember")
    RoundRole = apps.get_model("commissioning", "RoundRole")
    StrategicOutcome = apps.get_model("commissioning", "StrategicOutcome")
    Indicator = apps.get_model("commissioning", "Indicator")

    rounds = list(Round.objects.order_by("created_at", "pk"))
    if not rounds:
        return
    counts = Counter(r.partnership.strip() for r in rounds if r.partnership.strip())
    # Equal counts keep the order first met, so a tie goes to the earliest round's name.
    name = counts.most_common(1)[0][0] if counts else ""
    model = next((r for r in rounds if r.partnership.strip() == name), rounds[0])
    partnership = Partnership.objects.create(name=name or "Partnership", place=model.place)
    Round.objects.update(partnership_link=partnership)

    outcome_codes, indicator_codes = set(), set()
    for round_ in reversed(rounds):
        for outcome in StrategicOutcome.objects.filter(round=round_).order_by("code", "pk"):
            outcome.code = _free_code(outcome.code, round_.pk, outcome_codes)
            outcome_codes.add(outcome.code.upper())
            outcome.partnership = partnership
            outcome.save(update_fields=["code", "partnership"])
            for indicator in Indicator.objects.filter(outcome=outcome).order_by("code", "pk"):
                code = _free_code(indicator.code, round_.pk, indicator_codes)
                indicator_codes.add(code.upper())
                if code != indicator.code:
                    indicator.code = code
                    indicator.save(update_fields=["code"])

    roles = {"officer": "officer", "board": "board"}
    for role in RoundRole.objects.filter(role__in=roles).order_by("created_at", "pk"):
        member, created = PartnershipMember.objects.get_or_create(
            partnership=partnership,
            user_id=role.user_id,
            role=roles[role.role],
            defaults={"organisation_id": role.organisation_id},
        )
        if not created and member.organisation_id is None and role.organisation_id is not None:
            member.organisation_id = role.organisation_id
            member.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0003_partnership"),
    ]

    # Going back leaves the data where it is; the schema steps before this one refuse rows they cannot hold.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
