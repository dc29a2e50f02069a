"""A long CSV import in the browser: the upload, the progress page (htmx, or a refresh link without
JavaScript), then the outcome, under axe-core on a phone and a desktop."""

import os
from pathlib import Path

from django.urls import reverse

from commissioning.enums import Role
from commissioning.imports.models import ImportJob
from commissioning.imports.services import run_import_job
from priorities.specifications.models import Subscriber
from tests.browser.conftest import html
from tests.factories.commissioning import RoundFactory, person_with_role

PHONE = {"width": 360, "height": 740}


def _file(tmp_path, rows, *, bad_row=None):
    path = tmp_path / "mailing-list.csv"
    lines = ["name,email,organisation"]
    lines += [
        f"Person {n},{'not-an-email' if n + 2 == bad_row else f'person{n}@example.org'},Org {n}" for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_long_import_shows_progress_then_the_outcome(
    new_page, login, assert_accessible, assert_no_horizontal_scroll, settings, tmp_path, transactional_db
):
    settings.CSV_IMPORT_IN_REQUEST_MAX_ROWS = 10
    settings.RUN_SLOW_TASKS_IN_PROCESS = False  # the job waits, as it does for a worker, so its page can be seen
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    login(page, officer)

    page.goto(reverse("mailing_import", args=[round_.pk]))
    page.get_by_label("Upload a file").set_input_files(str(_file(tmp_path, 40)))
    page.get_by_role("button", name="Import the file").click()

    assert "?job=" in page.url
    assert "mailing-list.csv (40 rows) is waiting to be imported." in html(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, "import-progress-360")

    job = ImportJob.objects.get()
    run_import_job(job.pk)
    page.get_by_role("heading", name="File imported").wait_for()  # htmx noticed and reloaded the page
    assert Subscriber.objects.count() == 40
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    _shot(page, "import-done-360")

    desktop = new_page(java_script_enabled=False)
    login(desktop, officer)
    desktop.goto(reverse("mailing_import", args=[round_.pk]))
    desktop.get_by_label("Upload a file").set_input_files(str(_file(tmp_path, 40, bad_row=17)))
    desktop.get_by_role("button", name="Import the file").click()
    assert "is waiting to be imported" in html(desktop)
    _shot(desktop, "import-progress-1280")
    run_import_job(ImportJob.objects.get(status="waiting").pk)
    desktop.get_by_role("link", name="Refresh this page to see how far it has got").click()
    assert "The file was not imported: 1 problem was found. Nothing was changed." in html(desktop)
    assert desktop.get_by_role("cell", name="17", exact=True).is_visible()
    _shot(desktop, "import-refused-1280")
    assert Subscriber.objects.count() == 40
