"""URLs of the scoring area (added to panels.urls)."""

urlpatterns = []
