"""A unit's Ủy ban nhân dân is named by its proper Vietnamese name on every screen (issue
17, part 11: an English screen showed "UBND district Bạch Thông")."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import CommuneFactory, DistrictFactory, DossierFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_people_committee_keeps_its_vietnamese_name(language):
    district = DistrictFactory(name="Bạch Thông", kind="huyen")
    commune = CommuneFactory(district=district, name="Bằng Thành", kind="xa")
    with translation.override(language):
        assert district.people_committee == "UBND huyện Bạch Thông"
        assert commune.people_committee == "UBND xã Bằng Thành"
        assert DossierFactory(district=district).proposer_name == "UBND huyện Bạch Thông"
