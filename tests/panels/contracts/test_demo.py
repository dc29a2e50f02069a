import pytest

from panels.contracts.demo import DEMO_ADDRESS, seed_contracts
from panels.contracts.enums import VersionStatus
from panels.contracts.models import ContractVersion
from tests.panels.contracts.helpers import Setting

pytestmark = pytest.mark.django_db


def test_demo_accepts_every_funded_contract_once():
    s = Setting()
    assert seed_contracts(s.round) == 1
    version = ContractVersion.objects.get(contract__proposal=s.proposal)
    assert version.status == VersionStatus.ACCEPTED
    assert version.accepted_by == s.lead_person and version.accepted_ip == DEMO_ADDRESS
    assert seed_contracts(s.round) == 0
    assert ContractVersion.objects.filter(contract__proposal=s.proposal).count() == 1
