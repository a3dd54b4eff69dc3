"""Unit lists in Vietnamese order (issue 17, part 10): drop-downs sort "Xã Đôn Phong"
after "Xã Dương Sơn"; a province's long list is grouped by district and searchable."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from dossiers import forms, services
from emulation.collation import collation_key

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def option_names(html: str, select: str) -> list[str]:
    block = re.search(rf'<select name="{select}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [n.strip() for n in re.findall(r'<option value="[^"]+"[^>]*>([^<]*)<', block)]


def test_the_user_form_lists_communes_in_vietnamese_order(login, users):
    page = login(users["admin"]).get(reverse("users:user_create")).content.decode()
    names = option_names(page, "commune")
    assert len(names) > 50
    assert names == sorted(names, key=collation_key)
    assert names.index("Xã Dương Sơn") < names.index("Xã Đôn Phong") < names.index("Xã Vũ Muộn")
    assert re.search(r'<select name="commune"[^>]*data-searchable="1"', page)


def test_a_province_wide_list_is_grouped_by_district(users):
    dossier = services.dossier_create(
        by=users["agency"], round="final", year=None, document_number="1/TTr", document_date=None
    )
    form = forms.NomineeForm(dossier=dossier, kind="individual")
    choices = list(form.fields["commune"].choices)
    groups = [name for name, options in choices[1:]]
    assert len(groups) >= 8 and groups == sorted(groups, key=collation_key)
    for _name, options in choices[1:]:
        labels = [label for _pk, label in options]
        assert labels == sorted(labels, key=collation_key)
    html = str(form["commune"])
    assert "<optgroup" in html and 'data-searchable="1"' in html
