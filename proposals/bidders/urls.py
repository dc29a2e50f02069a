"""URLs of the bidders area (added to proposals.urls)."""

urlpatterns = []
