"""URLs of the membership area (added to panels.urls)."""

urlpatterns = []
