"""The demo round, modelled on the Coventry case, built through the services.

Each later stage adds its part through ``registry.demo_seeder``. Everything here is
safe to run twice: what exists is found, not made again.
"""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from commissioning import registry
from commissioning.accounts.models import User
from commissioning.enums import OrganisationType, Role, Sector
from commissioning.organisations import services as organisations_services
from commissioning.organisations.models import Organisation
from commissioning.partnerships.models import Partnership
from commissioning.rounds import services
from commissioning.rounds.models import Round, RoundRole

DEMO_PASSWORD = "demo-password-2027"  # noqa: S105 - the published password of the demo logins

DEMO_ROUND_NAME = "Neighbourhood renewal 2027 to 2030"

DEMO_PARTNERSHIP_NAME = "Coventry Partnership"

ORGANISATIONS = [
    ("Coventry City Council", Sector.PUBLIC, OrganisationType.LOCAL_AUTHORITY, {}),
    ("West Midlands Police", Sector.PUBLIC, OrganisationType.POLICE, {}),
    ("Coventry Primary Care Trust", Sector.PUBLIC, OrganisationType.HEALTH, {}),
    ("Coventry City College", Sector.PUBLIC, OrganisationType.EDUCATION, {}),
    (
        "Coventry and Warwickshire Chamber of Commerce",
        Sector.PRIVATE,
        OrganisationType.BUSINESS,
        {"company_number": "00012345"},
    ),
    ("Jaguar Land Rover Community Trust", Sector.PRIVATE, OrganisationType.BUSINESS, {"company_number": "01672070"}),
    ("Voluntary Action Coventry", Sector.VOLUNTARY, OrganisationType.CHARITY, {"charity_number": "1108430"}),
    ("Foleshill Women's Training", Sector.VOLUNTARY, OrganisationType.CHARITY, {"charity_number": "1079757"}),
    ("Hillfields Residents' Association", Sector.COMMUNITY, OrganisationType.COMMUNITY_GROUP, {}),
    ("Willenhall Community Forum", Sector.COMMUNITY, OrganisationType.COMMUNITY_GROUP, {}),
    ("Wood End Youth Project", Sector.COMMUNITY, OrganisationType.COMMUNITY_GROUP, {}),
]

# (email, full name, role, organisation): one login per role, and board members from all four sectors.
PEOPLE = [
    ("officer@demo.example", "Priya Shah", Role.OFFICER, "Coventry City Council"),
    ("board.council@demo.example", "Martin Reeves", Role.BOARD, "Coventry City Council"),
    ("board.police@demo.example", "Sergeant Helen Okafor", Role.BOARD, "West Midlands Police"),
    ("board.health@demo.example", "Dr Aisha Rahman", Role.BOARD, "Coventry Primary Care Trust"),
    ("board.college@demo.example", "Gareth Lloyd", Role.BOARD, "Coventry City College"),
    ("board.business@demo.example", "Sandra Hughes", Role.BOARD, "Coventry and Warwickshire Chamber of Commerce"),
    ("board.employer@demo.example", "Tom Whitfield", Role.BOARD, "Jaguar Land Rover Community Trust"),
    ("board.voluntary@demo.example", "Grace Adeyemi", Role.BOARD, "Voluntary Action Coventry"),
    ("board.women@demo.example", "Kulwinder Sandhu", Role.BOARD, "Foleshill Women's Training"),
    ("board.hillfields@demo.example", "Dave Murphy", Role.BOARD, "Hillfields Residents' Association"),
    ("board.willenhall@demo.example", "Janet Price", Role.BOARD, "Willenhall Community Forum"),
    ("subgroup@demo.example", "Owen Davies", Role.SUBGROUP, "Voluntary Action Coventry"),
    ("panel@demo.example", "Fatima Begum", Role.PANEL, "Willenhall Community Forum"),
    ("bidder@demo.example", "Chris Taylor", Role.BIDDER, "Foleshill Women's Training"),
    ("sponsor@demo.example", "Richard Moss", Role.SPONSOR, "Coventry Primary Care Trust"),
    ("finance@demo.example", "Fiona Walsh", Role.SPONSOR, "Coventry Primary Care Trust"),
]


def demo_logins(round_):
    """Every login of the demo, grouped by role in the round's order of roles: [(role label, [(name, email,
    organisation)])], the administrator first. Read from the round, so people other seeders add are listed too."""
    groups = [(_("Administrator"), [(admin.full_name, admin.email, "") for admin in _demo_admins()])]
    people = RoundRole.objects.filter(round=round_).select_related("user", "organisation").order_by("user__email")
    by_role = {}
    for role in people:
        by_role.setdefault(role.role, []).append(
            (role.user.full_name, role.user.email, role.organisation.name if role.organisation else "")
        )
    groups += [(Role(value).label, by_role[value]) for value in Role.values if value in by_role]
    return [(label, logins) for label, logins in groups if logins]


def _demo_admins():
    return User.objects.filter(email="admin@demo.example")


def _user(email, full_name):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def seed_demo(*, stdout=None):
    admin = User.objects.filter(email="admin@demo.example").first()
    if admin is None:
        admin = User.objects.create_superuser(
            email="admin@demo.example", password=DEMO_PASSWORD, full_name="Demo Admin"
        )
    EmailAddress.objects.get_or_create(user=admin, email=admin.email, defaults={"verified": True, "primary": True})

    organisations = {}
    for name, sector, kind, identifiers in ORGANISATIONS:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = organisations_services.save_organisation(
                Organisation(
                    name=name, sector=sector, organisation_type=kind, **{k: v for k, v in identifiers.items() if v}
                ),
                by=admin,
            )
        organisations[name] = org

    partnership, _created = Partnership.objects.get_or_create(
        name=DEMO_PARTNERSHIP_NAME, defaults={"place": "Coventry"}
    )
    round_ = Round.objects.filter(name=DEMO_ROUND_NAME).first()
    officer = _user(PEOPLE[0][0], PEOPLE[0][1])
    if round_ is None:
        round_ = services.create_round(
            by=officer,
            name=DEMO_ROUND_NAME,
            partnership=partnership,
            place="Coventry's priority neighbourhoods",
            annual_budget_pence=5_000_000_00,
            number_of_years=3,
            start_date=datetime.date(2027, 4, 1),
        )
    for email, full_name, role, org_name in PEOPLE:
        services.assign_role(round_, _user(email, full_name), role, by=officer, organisation=organisations[org_name])

    for seeder in registry.demo_seeders():
        seeder(round_, stdout=stdout)
    return round_
