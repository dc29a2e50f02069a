"""The stylesheet asks for no font files the site does not serve, and the site has a favicon."""

import posixpath
import re
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static


def test_the_stylesheet_has_no_gds_transport_font_face():
    css = Path(finders.find("css/govuk-frontend.css")).read_text()

    assert ".govuk-body" in css  # GOV.UK Frontend's styles are there
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert not re.search(r"url\([^)]*\.(woff2?|ttf|otf|eot)", css)
    assert "Arial" in css


def test_every_url_in_the_stylesheet_is_a_static_file():
    css = Path(finders.find("css/govuk-frontend.css")).read_text()

    urls = re.findall(r"url\(\"?([^\")]+)\"?\)", css)
    assert urls
    for url in urls:
        assert finders.find(posixpath.normpath(posixpath.join("css", url))), url


def test_the_stylesheet_is_compiled_from_the_partnerships_settings():
    scss = (Path(settings.BASE_DIR) / "static" / "scss" / "govuk-frontend.scss").read_text()

    assert "$govuk-include-default-font-face: false;" in scss
    assert "$govuk-font-family:" in scss


@pytest.mark.django_db
def test_the_base_page_links_the_compiled_stylesheet_and_the_favicon(rf):
    html = render_to_string("base.html", request=rf.get("/"))

    assert static("css/govuk-frontend.css") in html
    assert "govuk-frontend.min.css" not in html
    assert f'<link rel="icon" href="{static("images/favicon.ico")}"' in html
    assert f'<link rel="icon" href="{static("images/favicon.svg")}" type="image/svg+xml">' in html


@pytest.mark.django_db
def test_the_favicon_answers_200(live_server):
    for path in (static("images/favicon.ico"), static("images/favicon.svg"), "/favicon.ico"):
        # urlopen follows the redirect of /favicon.ico; the address is the test server's own http one.
        with urllib.request.urlopen(live_server.url + path) as response:  # noqa: S310
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("image/")
