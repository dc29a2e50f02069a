"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test in this folder is marked ``browser``. Without Chromium they are skipped,
unless ``REQUIRE_BROWSER_TESTS=1`` (set by CI), in which case they fail.

Fixtures: ``browser`` (one per session), ``page`` (a fresh context per test),
``phone_page`` (360 x 740, touch), ``new_page(**context_options)`` for anything
else (another viewport, JavaScript off), ``login(page, user)``,
``assert_accessible(page)`` (axe-core, WCAG 2.2 AA) and
``assert_no_horizontal_scroll(page)``, and ``html(page)``: the page's HTML once it has loaded.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Locator, sync_playwright

from tests.factories.commissioning import PASSWORD

# The sync Playwright API keeps an asyncio loop alive on the main thread for the
# whole session, so Django's "no ORM inside an event loop" guard would refuse every
# query the tests make. Nothing here is actually asynchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _browser_required():
    return os.environ.get("REQUIRE_BROWSER_TESTS") == "1"


def _click_and_let_the_page_load(click):
    """A click that follows a link or submits a form returns once the next page has started to arrive;
    this one also waits until it has loaded, so that what the test reads next is that page whole, on a
    busy machine too. A click that goes nowhere finds the page loaded and returns at once."""

    def settled(self, *args, **kwargs):
        click(self, *args, **kwargs)
        if not self.page.is_closed():
            self.page.wait_for_load_state("load")

    return settled


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if _browser_required():
            pytest.fail(message + "; REQUIRE_BROWSER_TESTS=1 makes this an error.", pytrace=False)
        pytest.skip(message)
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `npm ci`.", pytrace=False)
    click = Locator.click
    Locator.click = _click_and_let_the_page_load(click)
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        Locator.click = click


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(**context_options)``: a page in a fresh browser context aimed at the live server.

    Options are Playwright's ``Browser.new_context`` arguments, e.g. ``viewport``,
    ``is_mobile``, ``has_touch``, ``java_script_enabled``.
    """
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", "Europe/London")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True)


def login(page, user, password=PASSWORD):
    """Sign ``user`` in through the real sign-in form, as a person would."""
    page.goto(reverse("account_login"))
    form = page.locator("form", has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    if re.search(r"/accounts/login/", page.url):
        errors = page.locator(".govuk-error-summary, .errorlist, [role=alert]").all_inner_texts()
        pytest.fail(f"Signing in as {user.email} failed: {' '.join(errors) or page.url}", pytrace=False)
    return page


def html(page):
    """The page's HTML once the document it is showing has loaded.

    A click that follows a link or submits a form returns as soon as the navigation starts; read
    straight away, ``page.content()`` can be the empty document of a page still arriving, and on a
    busy machine often is. This waits for the load and reads again until there is a document.
    """
    content = ""
    for _ in range(TIMEOUT_MS // 100):
        page.wait_for_load_state("load")
        content = page.content()
        if "</body>" in content:
            return content
        page.wait_for_timeout(100)
    return content


def fill_date(page, label, day, month, year, time=None):
    """Type a date (and a time) into the GOV.UK date input whose legend is ``label``, as a person would."""
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))
    if time is not None:
        group.get_by_label("Time").fill(time)


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
        # does not govern: a <script> tag added to the page would be refused as inline script.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        pytest.fail(
            "axe-core could not start: the page runs no scripts (java_script_enabled=False). "
            "Check this page's accessibility in a context with JavaScript on.",
            pytrace=False,
        )
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def assert_accessible(page):
    """Fail with a readable list when axe-core finds WCAG 2.2 AA violations."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility problem(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )


def assert_no_horizontal_scroll(page):
    """The page fits its viewport's width: nothing to scroll sideways (e.g. on a 360px phone)."""
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll_width > client_width:
        widest = page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter((el) => el.getBoundingClientRect().right > limit + 1)
                    .slice(0, 5)
                    .map((el) => el.outerHTML.slice(0, 80));
            }"""
        )
        pytest.fail(
            f"{page.url} scrolls sideways: {scroll_width}px of content in a {client_width}px-wide window. "
            f"Too wide: {', '.join(widest)}",
            pytrace=False,
        )


@pytest.fixture(name="login")
def login_fixture():
    return login


@pytest.fixture(name="fill_date")
def fill_date_fixture():
    return fill_date


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible


@pytest.fixture(name="assert_no_horizontal_scroll")
def assert_no_horizontal_scroll_fixture():
    return assert_no_horizontal_scroll
