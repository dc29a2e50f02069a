"""The Content-Security-Policy holds on the main pages: nothing the pages need is refused.

An officer walks the round's pages (the projector's live tally included) and a participant places
a dot through htmx; the browser reports every refusal on the console and as a
``securitypolicyviolation`` event, and there must be none.
"""

from django.urls import reverse

from tests.walking.world import OWN, World, discover

discover()

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"} (${where})`);
});
"""


def _watch(page):
    seen = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return seen


def _visit(page, seen, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    seen.extend(page.evaluate("window.__cspViolations"))
    return page


def _officer_pages(world):
    round_pk = world.round(OWN).pk
    workshop = world.get(OWN, "workshop")
    spec = world.get(OWN, "specification")
    world.get(OWN, "question")
    return [
        reverse("home"),
        reverse("round_detail", args=[round_pk]),
        reverse("round_people", args=[round_pk]),
        reverse("round_audit", args=[round_pk]),
        reverse("plan", args=[round_pk]),
        reverse("evidence_issues", args=[round_pk]),
        reverse("evidence_issue", args=[round_pk, world.get(OWN, "issue").pk]),
        reverse("evidence_import_issues", args=[round_pk]),
        reverse("workshop_list", args=[round_pk]),
        reverse("workshop_detail", args=[round_pk, workshop.pk]),
        reverse("workshop_participants", args=[round_pk, workshop.pk]),
        reverse("workshop_projector", args=[round_pk, workshop.pk]),
        reverse("workshop_results", args=[round_pk, workshop.pk]),
        reverse("specification_list", args=[round_pk]),
        reverse("specification_detail", args=[round_pk, spec.priority_id]),
        reverse("specification_edit", args=[round_pk, spec.priority_id]),
        reverse("question_list", args=[round_pk]),
        reverse("mailing_list", args=[round_pk]),
        reverse("organisation_list"),
        reverse("account_email"),
        reverse("mfa_index"),
    ]


def test_officer_pages_break_no_rule_of_the_policy(transactional_db, page, login):
    world = World()
    paths = _officer_pages(world)
    seen = _watch(page)
    login(page, world.person("officer"))

    for path in paths:
        _visit(page, seen, path)
    # The projector's tally is refreshed by htmx every second: let it swap a few times.
    _visit(page, seen, paths[11]).wait_for_timeout(2500)
    seen.extend(page.evaluate("window.__cspViolations"))

    assert seen == []


def test_voter_and_public_pages_break_no_rule_of_the_policy(transactional_db, page, new_page, login):
    world = World()
    workshop = world.get(OWN, "workshop")
    spec = world.get(OWN, "specification")
    round_pk = world.round(OWN).pk
    issue = workshop.issues.order_by("name").first()

    public = new_page()
    public_seen = _watch(public)
    for path in (
        reverse("home"),
        reverse("call_public", args=[world.round(OWN).public_key]),
        reverse("specification_public", args=[world.round(OWN).public_key, spec.priority_id]),
        reverse("mailing_signup", args=[world.round(OWN).public_key]),
        reverse("workshop_join"),
        reverse("account_login"),
    ):
        _visit(public, public_seen, path)

    seen = _watch(page)
    login(page, world.person("board"))
    _visit(page, seen, reverse("workshop_vote", args=[round_pk, workshop.pk]))
    page.get_by_role("button", name=f"Place a dot on {issue.name}").click()
    page.locator("#dots-left", has_text="2 of 3 dots left").wait_for()
    seen.extend(page.evaluate("window.__cspViolations"))

    assert public_seen == []
    assert seen == []
