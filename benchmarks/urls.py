from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST


@require_POST
def bare_insert(request):
    """The yardstick: the same middleware stack, the signed-in user, and one insert."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (user_id, at) VALUES (%s, now())", [request.user.pk])
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare_insert),
    path("", include("commissioning.urls")),
]
