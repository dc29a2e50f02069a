"""The project's URLs: every stage's pages, in the order of the round.

Stored files have no URL of their own, in any mode: documents are served by views that check
permission (``commissioning.common.storage``).
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from commissioning.common.views import FaviconView
from commissioning.funding import urls as funding_urls
from commissioning.organisations import urls as organisations_urls
from commissioning.plan import urls as plan_urls
from commissioning.rounds import urls as rounds_urls

# The admin has no sign-in of its own: it sends people to the site's, which asks for the second
# factor when one is set up, and keeps the sign-in limits.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # The home page, then the priorities' pages early: they hold the busiest traffic, a room voting at once.
    *rounds_urls.urlpatterns[:1],
    path("", include("priorities.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Browsers and feed readers ask for /favicon.ico whatever the page's icon link says.
    path("favicon.ico", FaviconView.as_view()),
    *rounds_urls.urlpatterns[1:],
    *plan_urls.urlpatterns,
    *funding_urls.urlpatterns,
    *organisations_urls.urlpatterns,
    path("", include("proposals.urls")),
    path("", include("panels.urls")),
    path("", include("monitoring.urls")),
]
