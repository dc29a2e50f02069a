"""The demo's bidders and proposals, built through the services: about twenty organisations from
every sector registered to bid, and three to five proposals for each published specification from
consortia of two to four organisations. Most are submitted (and decided eligible or not); one is
still a draft with an invitation waiting for partner@demo.example, one was withdrawn, one has an
extension, one was found not eligible, and two on worklessness are so alike that the similar-proposal
finder pairs them. Safe to run twice: nothing is added to a round that already has proposals."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile

from commissioning.accounts.models import User
from commissioning.enums import OrganisationType, Role, Sector
from commissioning.organisations.models import Organisation
from commissioning.rounds.demo import DEMO_PASSWORD
from priorities.specifications.models import Specification
from proposals.bidders.models import Bidder
from proposals.bidders.services import register_bidder
from proposals.consortium.services import add_partner, confirm_partnership
from proposals.review.services import decide_eligibility, find_similar_proposals
from proposals.submission.services import grant_extension, submit_proposal, withdraw_proposal
from proposals.writing.attachments import add_attachment
from proposals.writing.enums import AttachmentKind, CostCategory, Level, Section
from proposals.writing.models import Proposal, ThemeResponse
from proposals.writing.saving import (
    IndicatorEntry,
    budget_partners,
    save_budget,
    save_indicators,
    save_milestones_and_outputs,
    save_risks,
)
from proposals.writing.services import save_section, start_proposal

# (name, sector, type, identifiers, address, postcode, (contact's name, contact's email)): the contact
# acts for the organisation and signs in with the demo password.
BIDDERS = [
    (
        "Foleshill Women's Training",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1079757"},
        "Lythalls Lane\nFoleshill\nCoventry",
        "CV6 6FN",
        ("Chris Taylor", "bidder@demo.example"),
    ),
    (
        "Voluntary Action Coventry",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1108430"},
        "Koco Building, The Arches Industrial Estate\nSpon End\nCoventry",
        "CV1 3JQ",
        ("Esther Boateng", "esther.boateng@demo.example"),
    ),
    (
        "Hillfields Residents' Association",
        Sector.COMMUNITY,
        OrganisationType.COMMUNITY_GROUP,
        {},
        "Hillfields Community Centre, Victoria Street\nCoventry",
        "CV1 5LZ",
        ("Daniel Novak", "daniel.novak@demo.example"),
    ),
    (
        "Willenhall Community Forum",
        Sector.COMMUNITY,
        OrganisationType.COMMUNITY_GROUP,
        {},
        "St John's Church Hall, Robin Hood Road\nWillenhall\nCoventry",
        "CV3 3AN",
        ("Farhan Ali", "farhan.ali@demo.example"),
    ),
    (
        "Wood End Youth Project",
        Sector.COMMUNITY,
        OrganisationType.COMMUNITY_GROUP,
        {},
        "Deedmore Road\nWood End\nCoventry",
        "CV2 1FW",
        ("Ben Carter", "partner@demo.example"),
    ),
    (
        "Coventry City College",
        Sector.PUBLIC,
        OrganisationType.EDUCATION,
        {},
        "Swanswell Campus, 50 Swanswell Street\nCoventry",
        "CV1 5DG",
        ("Angela Morris", "angela.morris@demo.example"),
    ),
    (
        "Jaguar Land Rover Community Trust",
        Sector.PRIVATE,
        OrganisationType.BUSINESS,
        {"company_number": "01672070"},
        "Abbey Road\nWhitley\nCoventry",
        "CV3 4LF",
        ("Tom Whitfield", "board.employer@demo.example"),
    ),
    (
        "Coventry Law Centre",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1119201"},
        "The Enterprise Hub, 5 Corporation Street\nCoventry",
        "CV1 1GX",
        ("Ian Fletcher", "ian.fletcher@demo.example"),
    ),
    (
        "Age UK Coventry",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1121834"},
        "7 Bayley Lane\nCoventry",
        "CV1 5RJ",
        ("Joanna Mills", "joanna.mills@demo.example"),
    ),
    (
        "Coventry Refugee and Migrant Centre",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1118206"},
        "Bishop Street\nCoventry",
        "CV1 1HU",
        ("Kwame Asante", "kwame.asante@demo.example"),
    ),
    (
        "Coventry Credit Union",
        Sector.VOLUNTARY,
        OrganisationType.SOCIAL_ENTERPRISE,
        {"company_number": "IP029513"},
        "Unit 2, Earl Street\nCoventry",
        "CV1 5RU",
        ("Gemma Walsh", "gemma.walsh@demo.example"),
    ),
    (
        "Foleshill Sikh Community Centre",
        Sector.COMMUNITY,
        OrganisationType.COMMUNITY_GROUP,
        {},
        "Cross Road\nFoleshill\nCoventry",
        "CV6 5GR",
        ("Harjit Kaur", "harjit.kaur@demo.example"),
    ),
    (
        "Whitefriars Homes",
        Sector.VOLUNTARY,
        OrganisationType.HOUSING,
        {"company_number": "04229386"},
        "Lowther Street\nCoventry",
        "CV2 4GN",
        ("Nadia Mahmood", "nadia.mahmood@demo.example"),
    ),
    (
        "Coventry Sports Foundation",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1130285"},
        "Alan Higgs Centre, Allard Way\nCoventry",
        "CV3 1HW",
        ("Ryan Doyle", "ryan.doyle@demo.example"),
    ),
    (
        "Positive Youth Foundation",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1146232"},
        "The Coach House, Stoney Stanton Road\nCoventry",
        "CV6 5DT",
        ("Leah Campbell", "leah.campbell@demo.example"),
    ),
    (
        "Groundwork West Midlands",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1005509"},
        "Unit 7, Coventry Business Park\nCoventry",
        "CV5 6UB",
        ("Sam Pearce", "sam.pearce@demo.example"),
    ),
    (
        "Citizens Advice Coventry",
        Sector.VOLUNTARY,
        OrganisationType.CHARITY,
        {"charity_number": "1118932"},
        "Kirby House, Little Park Street\nCoventry",
        "CV1 2JZ",
        ("Marion Doyle", "marion.doyle@demo.example"),
    ),
    (
        "Tile Hill Works",
        Sector.PRIVATE,
        OrganisationType.SOCIAL_ENTERPRISE,
        {"company_number": "09876543"},
        "Jardine Crescent\nTile Hill\nCoventry",
        "CV4 9PL",
        ("Oliver Grant", "oliver.grant@demo.example"),
    ),
    (
        "Canley Tenants' Group",
        Sector.COMMUNITY,
        OrganisationType.COMMUNITY_GROUP,
        {},
        "Canley Community Centre, Prior Deram Walk\nCoventry",
        "CV4 8FT",
        ("Pauline Reid", "pauline.reid@demo.example"),
    ),
    (
        "Midlands Training Partnership Ltd",
        Sector.PRIVATE,
        OrganisationType.BUSINESS,
        {"company_number": "05512377"},
        "Friars House, Manor House Drive\nCoventry",
        "CV1 2TE",
        ("Vikram Joshi", "vikram.joshi@demo.example"),
    ),
    (
        "Coventry Primary Care Trust",
        Sector.PUBLIC,
        OrganisationType.HEALTH,
        {},
        "Christchurch House, Greyfriars Lane\nCoventry",
        "CV1 2GQ",
        ("Dr Aisha Rahman", "board.health@demo.example"),
    ),
]


# What happens to a proposal in the demo.
SUBMIT, ELIGIBLE, NOT_ELIGIBLE, WITHDRAW, EXTEND, DRAFT = (
    "submit",
    "eligible",
    "not_eligible",
    "withdraw",
    "extend",
    "draft",
)

# For each specification, by its priority's rank: (lead, partners, title, neighbourhoods, activity, share of
# the maximum asked, what happens to it).
PROPOSALS = {
    1: [
        (
            "Foleshill Women's Training",
            ["Coventry City College", "Coventry Credit Union", "Foleshill Sikh Community Centre"],
            "Foleshill Works",
            "Foleshill, Hillfields",
            "Outreach and one-to-one employment coaching for women in Foleshill and Hillfields furthest from "
            "work, with English for work, childcare brokerage and job trials with local employers.",
            Decimal("0.8"),
            ELIGIBLE,
        ),
        (
            "Midlands Training Partnership Ltd",
            ["Coventry City College", "Hillfields Residents' Association"],
            "Hillfields into Work",
            "Hillfields, Foleshill",
            "One-to-one employment coaching and outreach for residents of Hillfields and Foleshill furthest "
            "from work, with English for work, job trials with local employers and childcare brokerage.",
            Decimal("0.7"),
            ELIGIBLE,
        ),
        (
            "Groundwork West Midlands",
            ["Willenhall Community Forum", "Jaguar Land Rover Community Trust"],
            "Green Jobs Willenhall",
            "Willenhall",
            "Paid six-month placements restoring parks and green spaces in Willenhall, leading to "
            "apprenticeships with the city's environmental contractors.",
            Decimal("0.6"),
            SUBMIT,
        ),
        (
            "Citizens Advice Coventry",
            ["Coventry Law Centre", "Coventry Credit Union"],
            "From Debt to Work",
            "Wood End, Canley",
            "Debt and benefits advice that removes the money worries keeping claimants from work, followed by "
            "a better-off-in-work calculation and a warm handover to an employment adviser.",
            Decimal("0.5"),
            SUBMIT,
        ),
        (
            "Tile Hill Works",
            ["Canley Tenants' Group", "Voluntary Action Coventry"],
            "Tile Hill Enterprise Route",
            "Tile Hill, Canley",
            "A route into self-employment for residents of Tile Hill: taster workshops, a test-trading market "
            "stall and twelve months of mentoring by local business owners.",
            Decimal("0.4"),
            ELIGIBLE,
        ),
    ],
    2: [
        (
            "Hillfields Residents' Association",
            ["Positive Youth Foundation", "Coventry Sports Foundation"],
            "Safe Streets Hillfields",
            "Hillfields",
            "Residents and young people plan together what makes the streets around Hillfields feel unsafe "
            "after dark, and put right the places they name, with detached youth work on Friday nights.",
            Decimal("0.75"),
            ELIGIBLE,
        ),
        (
            "Willenhall Community Forum",
            ["Whitefriars Homes", "Coventry Sports Foundation"],
            "Willenhall Evening Watch",
            "Willenhall",
            "Volunteer street wardens and an evening community café for Willenhall, with the housing "
            "association reporting repairs to lighting and empty homes within a day.",
            Decimal("0.5"),
            WITHDRAW,
        ),
        (
            "Coventry Law Centre",
            ["Voluntary Action Coventry", "Coventry Refugee and Migrant Centre"],
            "Restorative Coventry",
            "Foleshill, Hillfields, Wood End",
            "Restorative meetings between victims and people who offend, run by trained community volunteers, "
            "for neighbour disputes and low-level crime before they escalate.",
            Decimal("0.6"),
            SUBMIT,
        ),
        (
            "Coventry Sports Foundation",
            ["Positive Youth Foundation", "Wood End Youth Project"],
            "Sport after Dark",
            "Wood End, Willenhall",
            "Free late-evening football, boxing and dance sessions on Friday and Saturday nights on the "
            "estates where young people say there is nothing to do.",
            Decimal("0.45"),
            SUBMIT,
        ),
    ],
    3: [
        (
            "Foleshill Sikh Community Centre",
            ["Foleshill Women's Training", "Coventry City College"],
            "Reading Together Foleshill",
            "Foleshill",
            "Parents and grandparents learn alongside their children in weekly family reading sessions at "
            "the community centre, in English and in the family's first language.",
            Decimal("0.55"),
            SUBMIT,
        ),
        (
            "Voluntary Action Coventry",
            ["Canley Tenants' Group", "Wood End Youth Project"],
            "Homework Clubs on the Estates",
            "Canley, Wood End",
            "Homework clubs in community centres on the outer estates, run by trained volunteers with the "
            "schools, three evenings a week in term time.",
            Decimal("0.5"),
            DRAFT,
        ),
        (
            "Coventry City College",
            ["Jaguar Land Rover Community Trust", "Midlands Training Partnership Ltd"],
            "Maths that Counts",
            "Foleshill, Wood End, Willenhall",
            "Maths catch-up for pupils in years 10 and 11 who are below grade 4, using engineering problems "
            "set by local employers, with mentors from their apprentices.",
            Decimal("0.7"),
            SUBMIT,
        ),
        (
            "Coventry Refugee and Migrant Centre",
            ["Age UK Coventry", "Foleshill Women's Training"],
            "Welcome to School",
            "Foleshill, Hillfields",
            "Newly arrived children and their parents are helped to settle into school: interpreters at "
            "admission meetings, holiday English clubs and a parents' network.",
            Decimal("0.4"),
            SUBMIT,
        ),
    ],
    4: [
        (
            "Wood End Youth Project",
            ["Positive Youth Foundation", "Coventry City College"],
            "Wood End Futures",
            "Wood End",
            "Youth workers stay with each young person not in education, employment or training until they "
            "are settled in a course, a job or an apprenticeship, for up to two years.",
            Decimal("0.6"),
            SUBMIT,
        ),
        (
            "Positive Youth Foundation",
            ["Jaguar Land Rover Community Trust", "Coventry Sports Foundation"],
            "Next Steps Mentoring",
            "Foleshill, Hillfields",
            "Volunteer mentors from local employers meet young people leaving school without a place every "
            "week for a year, with taster days at their workplaces.",
            Decimal("0.5"),
            EXTEND,
        ),
        (
            "Midlands Training Partnership Ltd",
            ["Coventry City College", "Tile Hill Works"],
            "Apprentice Coventry",
            "Tile Hill, Canley",
            "A pre-apprenticeship programme of twelve weeks with paid work placements, for 16 and 17 year "
            "olds who left school without English and maths.",
            Decimal("0.55"),
            SUBMIT,
        ),
    ],
    5: [
        (
            "Whitefriars Homes",
            ["Citizens Advice Coventry", "Coventry Refugee and Migrant Centre"],
            "Homes not Hostels",
            "Hillfields, Foleshill",
            "Families in temporary accommodation are moved into settled homes faster, with a caseworker who "
            "stays with them for the first year of the tenancy.",
            Decimal("0.8"),
            ELIGIBLE,
        ),
        (
            "Coventry Law Centre",
            ["Canley Tenants' Group", "Citizens Advice Coventry"],
            "Private Renters' Rights",
            "Canley, Foleshill",
            "Legal advice and representation for private tenants facing eviction, with the council's "
            "statutory homelessness assessments carried out by the consortium.",
            Decimal("0.6"),
            NOT_ELIGIBLE,
        ),
        (
            "Age UK Coventry",
            ["Whitefriars Homes", "Hillfields Residents' Association"],
            "Tenancy Friends",
            "Hillfields",
            "Older tenants at risk of losing their homes after a stay in hospital are matched with a "
            "volunteer tenancy friend and a handyperson service.",
            Decimal("0.35"),
            SUBMIT,
        ),
    ],
    6: [
        (
            "Coventry City College",
            ["Canley Tenants' Group", "Age UK Coventry"],
            "Skills for Life in Canley",
            "Canley, Tile Hill",
            "Adult English, maths and digital skills classes in community venues on the estates, with a "
            "crèche and a qualification at the end of each term.",
            Decimal("0.65"),
            SUBMIT,
        ),
        (
            "Voluntary Action Coventry",
            ["Coventry Credit Union", "Foleshill Sikh Community Centre"],
            "Digital Skills Hubs",
            "Foleshill, Willenhall",
            "Drop-in digital skills hubs in libraries and community centres where volunteers help adults "
            "get online, apply for jobs and manage money.",
            Decimal("0.45"),
            SUBMIT,
        ),
        (
            "Coventry Refugee and Migrant Centre",
            ["Foleshill Women's Training", "Midlands Training Partnership Ltd"],
            "English at Work",
            "Foleshill, Hillfields",
            "English classes for speakers of other languages built around the vocabulary of local jobs, "
            "with work placements arranged by the training partnership.",
            Decimal("0.5"),
            SUBMIT,
        ),
    ],
}

NOT_ELIGIBLE_REASON = (
    "The proposal asks the partnership to pay for the council's statutory homelessness assessments, which the "
    "council already funds and the specification excludes."
)
ELIGIBLE_REASON = "Answers the specification, within its maximum allocation, with a sponsor's support on record."
WITHDRAW_REASON = "We have joined the Safe Streets Hillfields consortium instead, as a partner."
EXTENSION_REASON = "The lead's finance officer was in hospital in the last fortnight before the deadline."

# A one-page PDF: what the demo attaches as each organisation's constitution and accounts.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _person(name, email, organisation):
    """The login of a person acting for ``organisation`` (the demo password), made on first use."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if organisation is not None:
        user.organisations.add(organisation)
    return user


def _register(round_, entry):
    """The organisation registered to bid in the round by its contact; returns (organisation, contact)."""
    name, sector, kind, identifiers, address, postcode, (contact_name, contact_email) = entry
    organisation = Organisation.objects.filter(name=name).first()
    person = _person(contact_name, contact_email, organisation)
    details = {
        "address": address,
        "postcode": postcode,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_phone": "024 7600 0000",
    }
    bidder = Bidder.objects.filter(round=round_, organisation=organisation).first() if organisation else None
    if bidder is None:
        if organisation is None:
            fields = {"name": name, "sector": sector, "organisation_type": kind, **identifiers}
            bidder = register_bidder(round_, by=person, organisation_fields=fields, details=details)
        else:
            bidder = register_bidder(round_, by=person, organisation=organisation, details=details)
    return bidder.organisation, person


def _text_sections(proposal, *, by, activity, neighbourhoods, priority, spec, themes):
    def save(section, **fields):
        def apply(locked):
            for name, value in fields.items():
                setattr(locked, name, value)

        save_section(proposal, section, by=by, revision=proposal.revision_of(section), apply=apply)
        proposal.refresh_from_db()

    save(
        Section.ACTIVITY,
        activity=activity,
        neighbourhoods=neighbourhoods,
        how_outcome=(
            f"{spec.outcome_sought} Each person is supported until the change lasts, and the steering group "
            f"reviews every six months whether residents of {neighbourhoods} are better off."
        ),
    )
    save(
        Section.EVALUATION,
        evaluation_plan=(
            "The plan's indicators measured from the baseline every six months; a survey of participants at "
            "the start, at six months and a year after they leave; an independent evaluation by Coventry "
            "University in the final year, reported to the steering group and the sponsor."
        ),
    )
    save(
        Section.CLIENT_GROUP,
        client_group_involvement=(
            f"Residents most affected by {priority.title.lower()} shaped the proposal at three open meetings in "
            f"{neighbourhoods}, and two of them wrote its activity with us."
        ),
        steering_group_places=max(spec.steering_group_places, 2),
    )
    save(
        Section.SPONSOR,
        sponsor_contact_name=spec.sponsor_contact_name,
        sponsor_contact_role="Head of commissioning",
        sponsor_evidence=(
            f"We met {spec.sponsor_contact_name} of {spec.sponsor_organisation} twice; the sponsor will take part "
            "in the steering group and consider mainstream funding if the evaluation shows the activity works."
        ),
    )

    def respond(locked):
        for theme in themes:
            ThemeResponse.objects.update_or_create(
                proposal=locked,
                theme=theme,
                defaults={
                    "response": f"We will record the {theme.title.lower()} of everyone taking part and report "
                    "the gap narrowing to the steering group."
                },
            )

    save_section(proposal, Section.THEMES, by=by, revision=proposal.revision_of(Section.THEMES), apply=respond)
    proposal.refresh_from_db()


def _targets(indicator, years):
    """Yearly targets moving from the plan's baseline a step a year in the direction that is better."""
    baseline = indicator.baseline_value if indicator.baseline_value is not None else Decimal("50")
    step = (abs(baseline) * Decimal("0.04")).quantize(Decimal("0.1")) or Decimal("0.5")
    sign = 1 if indicator.higher_is_better else -1
    return tuple((year, baseline + sign * step * year) for year in range(1, years + 1))


def _budget_cells(proposal, share):
    """What each organisation asks each year: the lead's staff, evaluation and management, the partners'
    staff and running costs, in whole hundreds of pounds, ``share`` of the maximum each year."""
    partners = budget_partners(proposal)
    cells = {}
    for year, maximum in enumerate(proposal.specification.allocations_in_round(), start=1):
        asked = int(maximum * share) // 10_000 * 10_000
        lead_share = asked * 49 // 100
        cells[(partners[0].pk, year, CostCategory.STAFF.value)] = lead_share * 70 // 100 // 10_000 * 10_000
        cells[(partners[0].pk, year, CostCategory.EVALUATION.value)] = lead_share * 12 // 100 // 10_000 * 10_000
        cells[(partners[0].pk, year, CostCategory.MANAGEMENT.value)] = lead_share * 18 // 100 // 10_000 * 10_000
        others = partners[1:] or partners[:1]
        each = (asked - lead_share) // len(others)
        for partner in others:
            cells[(partner.pk, year, CostCategory.STAFF.value)] = each * 75 // 100 // 10_000 * 10_000
            cells[(partner.pk, year, CostCategory.RUNNING.value)] = each * 25 // 100 // 10_000 * 10_000
    return cells


def _write(proposal, *, by, spec, priority, activity, neighbourhoods, share, themes):
    _text_sections(
        proposal,
        by=by,
        activity=activity,
        neighbourhoods=neighbourhoods,
        priority=priority,
        spec=spec,
        themes=themes,
    )
    years = proposal.round.number_of_years
    entries = [
        IndicatorEntry(
            indicator_id=indicator.pk,
            baseline_value=indicator.baseline_value if indicator.baseline_value is not None else Decimal("50"),
            baseline_date=indicator.baseline_date or datetime.date(2026, 3, 31),
            baseline_source=indicator.source or "Coventry City Council",
            targets=_targets(indicator, years),
        )
        for indicator in spec.indicators.order_by("code")
    ]
    save_indicators(proposal, by=by, revision=proposal.revision_of(Section.INDICATORS), entries=entries)
    proposal.refresh_from_db()
    save_budget(proposal, by=by, revision=proposal.revision_of(Section.BUDGET), cells=_budget_cells(proposal, share))
    proposal.refresh_from_db()
    save_milestones_and_outputs(
        proposal,
        by=by,
        revision=proposal.revision_of(Section.MILESTONES),
        milestones=[
            {"description": "Partnership agreement signed and staff in post", "month": 2},
            {"description": "Steering group meets, with its client-group members", "month": 3},
            {"description": "First six-monthly report to the sponsor", "month": 6},
            {"description": "Independent evaluation reports", "month": 12 * years - 2},
        ],
        outputs=[
            {"description": "Residents supported one to one", "quantity": 120 * years},
            {"description": "Group sessions held", "quantity": 40 * years},
        ],
    )
    proposal.refresh_from_db()
    save_risks(
        proposal,
        by=by,
        revision=proposal.revision_of(Section.RISKS),
        risks=[
            {
                "description": "Too few residents come forward in the first months",
                "likelihood": Level.MEDIUM,
                "impact": Level.HIGH,
                "mitigation": "Outreach through the partners' existing groups, and referrals from the job centre.",
            },
            {
                "description": "A key member of staff leaves",
                "likelihood": Level.LOW,
                "impact": Level.MEDIUM,
                "mitigation": "Two people trained in each role, and the lead's cover arrangements.",
            },
        ],
    )
    proposal.refresh_from_db()
    lead = proposal.lead_organisation
    for kind, label in ((AttachmentKind.CONSTITUTION, "constitution"), (AttachmentKind.ACCOUNTS, "accounts")):
        name = f"{lead.name} {label}.pdf".replace("'", "")
        add_attachment(
            proposal, by=by, kind=kind, upload=SimpleUploadedFile(name, _PDF, content_type="application/pdf")
        )
    proposal.refresh_from_db()


def _seed_proposal(spec, row, *, organisations, people, officer, themes):
    """One proposal of the demo, taken as far as its fate says; returns its fate."""
    lead_name, partner_names, title, neighbourhoods, activity, share, fate = row
    lead_person = people[lead_name]
    proposal = start_proposal(spec, by=lead_person, lead_organisation=organisations[lead_name], title=title)
    for partner_name in partner_names:
        partner_person = people[partner_name]
        partner = add_partner(
            proposal,
            by=lead_person,
            organisation_name=partner_name,
            contact_name=partner_person.full_name,
            contact_email=partner_person.email,
            role_in_delivery=f"Delivers the activity with residents of {neighbourhoods.split(',')[0]}.",
        )
        # In the draft, the last partner has not yet answered its invitation.
        if fate == DRAFT and partner_name == partner_names[-1]:
            continue
        confirm_partnership(partner, by=partner_person, organisation=organisations[partner_name])
    proposal.refresh_from_db()
    _write(
        proposal,
        by=lead_person,
        spec=spec,
        priority=spec.priority,
        activity=activity,
        neighbourhoods=neighbourhoods,
        share=share,
        themes=themes,
    )
    if fate == EXTEND:
        grant_extension(
            proposal, by=officer, deadline=spec.proposal_deadline + datetime.timedelta(days=14), reason=EXTENSION_REASON
        )
    elif fate != DRAFT:
        submit_proposal(proposal, by=lead_person)
        proposal.refresh_from_db()
        if fate == WITHDRAW:
            withdraw_proposal(proposal, by=lead_person, reason=WITHDRAW_REASON)
        elif fate in (ELIGIBLE, NOT_ELIGIBLE):
            reason = ELIGIBLE_REASON if fate == ELIGIBLE else NOT_ELIGIBLE_REASON
            decide_eligibility(proposal, eligible=fate == ELIGIBLE, reason=reason, by=officer)
    return fate


def seed(round_, *, stdout=None):
    specs = {
        spec.priority.rank: spec
        for spec in Specification.objects.filter(round=round_).select_related("priority", "sponsor_organisation")
        if spec.is_public
    }
    if not specs or Proposal.objects.filter(round=round_).exists():
        return
    officer = User.objects.filter(round_roles__round=round_, round_roles__role=Role.OFFICER).order_by("pk").first()
    people = {}
    organisations = {}
    for entry in BIDDERS:
        organisation, person = _register(round_, entry)
        organisations[entry[0]] = organisation
        people[entry[0]] = person
    themes = list(round_.cross_cutting_themes.order_by("title"))

    counts = {}
    for rank, rows in PROPOSALS.items():
        spec = specs.get(rank)
        for row in rows if spec is not None else []:
            fate = _seed_proposal(spec, row, organisations=organisations, people=people, officer=officer, themes=themes)
            counts[fate] = counts.get(fate, 0) + 1
    similar = find_similar_proposals(round_)
    if stdout is not None:
        stdout.write(
            f"Proposals: {sum(counts.values())} from {len(BIDDERS)} bidders "
            f"({counts.get(DRAFT, 0)} draft, {counts.get(WITHDRAW, 0)} withdrawn, "
            f"{counts.get(EXTEND, 0)} with an extension, {counts.get(NOT_ELIGIBLE, 0)} not eligible); "
            f"{similar} similar pairs noted."
        )
