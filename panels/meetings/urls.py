"""URLs of the meetings area (added to panels.urls)."""

urlpatterns = []
