"""URLs of the submission area (added to proposals.urls)."""

urlpatterns = []
