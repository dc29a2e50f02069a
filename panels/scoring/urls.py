"""URLs of the scoring area (added to panels.urls)."""

from django.urls import path

from panels.scoring import pack_views

PACK = "rounds/<int:round_pk>/panels/<int:panel_pk>/members/<int:member_pk>/pack/"

urlpatterns = [
    path(PACK, pack_views.PackView.as_view(), name="panel_pack"),
    path(PACK + "pdf/", pack_views.PackPdfView.as_view(), name="panel_pack_pdf"),
]
