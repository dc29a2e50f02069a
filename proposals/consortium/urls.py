"""URLs of the consortium area (added to proposals.urls)."""

urlpatterns = []
