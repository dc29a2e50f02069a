"""The URLs of every area of the panels stage. URL names are not namespaced (``panel_detail``...)."""

from panels.brokering import urls as brokering_urls
from panels.contracts import urls as contracts_urls
from panels.decisions import urls as decisions_urls
from panels.letters import urls as letters_urls
from panels.meetings import urls as meetings_urls
from panels.membership import urls as membership_urls
from panels.scoring import urls as scoring_urls

urlpatterns = (
    membership_urls.urlpatterns
    + meetings_urls.urlpatterns
    + scoring_urls.urlpatterns
    + brokering_urls.urlpatterns
    + decisions_urls.urlpatterns
    + letters_urls.urlpatterns
    + contracts_urls.urlpatterns
)
