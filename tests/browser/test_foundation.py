from django.urls import reverse


def test_static_files_gov_uk_frontend_and_app_css_load_on_the_live_server(page):
    page.goto(reverse("account_login"))

    container_width = page.evaluate("getComputedStyle(document.querySelector('.govuk-width-container')).maxWidth")
    header_colour = page.evaluate("getComputedStyle(document.querySelector('.app-header')).backgroundColor")
    assert container_width == "960px"  # from govuk-frontend.min.css, served out of node_modules
    assert header_colour == "rgb(29, 77, 110)"  # from static/css/app.css
