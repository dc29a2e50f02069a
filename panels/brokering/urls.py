"""URLs of the brokering area (added to panels.urls)."""

urlpatterns = []
