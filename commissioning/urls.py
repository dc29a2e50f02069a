"""The project's URLs: every stage's pages, in the order of the round."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

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
    *rounds_urls.urlpatterns[1:],
    *plan_urls.urlpatterns,
    *organisations_urls.urlpatterns,
    path("", include("proposals.urls")),
    path("", include("panels.urls")),
    path("", include("monitoring.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
