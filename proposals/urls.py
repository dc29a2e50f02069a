"""The URLs of every area of the proposals stage, under the ``proposals`` namespace."""

from proposals.bidders import urls as bidders_urls
from proposals.consortium import urls as consortium_urls

app_name = "proposals"

urlpatterns = bidders_urls.urlpatterns + consortium_urls.urlpatterns
