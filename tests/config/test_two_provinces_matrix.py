"""The URL × role matrix with two provinces in one PostgreSQL database (issue 18, part 1).

A second province ("Z9": a district, communes, its staff, a draft and a submitted dossier
with nominees and attachments, an assessment with its evidence) shares the database with
the installation's (Bắc Kạn 06, lineage Thái Nguyên 19). Every rule of the matrix
(tests/config/test_permissions_matrix.py) is requested by every role of this installation
with the other province's ids in the URL and in the form: no answer shows anything of the
other province (its names, references, usernames, files) and no request changes any of its
rows.
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction

from tests.config.test_permissions_matrix import (
    PDF,
    ROLES,
    RULES,
    _dossier,
    a_correction,
    a_decision,
    a_signatory,
    a_state_proposal,
    client_as,
    concrete_url,
    dossier_ids,
    rows_once,
    sessions_of,
    signature_objects,
    url_patterns,
)
from tests.factories import (
    AssessmentFactory,
    CommuneFactory,
    DistrictFactory,
    DistrictStaffFactory,
    ProvinceFactory,
    ReviewerFactory,
)

pytestmark = pytest.mark.integration

# what of the other province a page could show: names, usernames (and its dossiers'
# references, added by the fixture)
MARKERS = ["Cách Biệt", "huyen_cach_biet", "ban_cach_biet"]


@pytest.fixture(scope="module")
def rows(django_db_blocker, django_db_setup, tmp_path_factory):
    """(sessions, objects, foreign): the matrix's users and objects and the other province's
    objects, made once for the module (the matrix's ``rows_once``)."""
    with rows_once(django_db_blocker, tmp_path_factory.mktemp("two-provinces")) as made:
        users, objects = made
        yield sessions_of(users), objects, other_province()


def other_province() -> dict:
    """The other province's objects, under the keys of the matrix's ``objects``."""
    province = ProvinceFactory(code="Z9", name="Tỉnh Cách Biệt")
    district = DistrictFactory(code="Z91", province=province, name="Huyện Cách Biệt")
    first = CommuneFactory(code="Z9101", district=district, name="Xã Cách Biệt Một")
    second = CommuneFactory(code="Z9102", district=district, name="Xã Cách Biệt Hai")
    staff = DistrictStaffFactory(username="huyen_cach_biet", district=district)
    their_reviewer = ReviewerFactory(username="ban_cach_biet", province=province)
    a = _dossier(staff, district, submit=False)
    s = _dossier(staff, district, submit=True)
    a[0].nominees.update(name="Người Cách Biệt")
    ids = dossier_ids({"a": a, "b": a, "s": s})
    for key, commune in {"a": first, "b": second}.items():
        row = AssessmentFactory(commune=commune, criterion_id=1, met=True)
        row.evidence.save("minh-chung-cach-biet.pdf", ContentFile(PDF))
        ids[f"assessment_{key}"] = str(row.pk)
        ids[f"commune_{key}"] = commune.code
    ids["user_a"] = str(staff.pk)
    decision = a_decision("Z9", their_reviewer)
    decision.annex = [{"nominee": a[1].pk, "dossier": a[0].pk, "name": "Người Cách Biệt"}]
    decision.save()
    ids["decision"] = str(decision.pk)
    ids["correction"] = str(a_correction(decision, their_reviewer, "Người Cách Biệt").pk)
    from emulation.state_plans import state_plan_587_load

    proposal = a_state_proposal("Z9", their_reviewer, state_plan_587_load(), note="Cách Biệt")
    ids["state_proposal"] = str(proposal.pk)
    ids |= signature_objects("Z9", name="CA Cách Biệt")
    ids["signatory"] = str(a_signatory("province:Z9", "Người Ký Cách Biệt").pk)
    ids["district"] = district.code
    ids["markers"] = [*MARKERS, a[0].reference, s[0].reference]
    return ids


def foreign_rows() -> str:
    """A digest of every row of the other province, and of the rows hanging from them."""
    queries = [
        "SELECT * FROM dossiers_dossier WHERE province_id = 'Z9'",
        "SELECT n.* FROM dossiers_nominee n JOIN dossiers_dossier d ON d.id = n.dossier_id"
        " WHERE d.province_id = 'Z9'",
        "SELECT a.* FROM dossiers_attachment a JOIN dossiers_dossier d ON d.id = a.dossier_id"
        " WHERE d.province_id = 'Z9'",
        "SELECT e.* FROM dossiers_dossierevent e JOIN dossiers_dossier d ON d.id = e.dossier_id"
        " WHERE d.province_id = 'Z9'",
        "SELECT * FROM emulation_user WHERE province_id = 'Z9'",
        "SELECT * FROM dossiers_decision WHERE province_id = 'Z9'",
        "SELECT * FROM dossiers_stateproposal WHERE province_id = 'Z9'",
        "SELECT id, name, fingerprint, is_active, deactivated_at FROM documents_trustedroot"
        " WHERE province_id = 'Z9'",
        "SELECT id, body_key, is_active FROM documents_sealimage WHERE province_id = 'Z9'",
        "SELECT * FROM documents_signatory WHERE body_key = 'province:Z9'",
        "SELECT * FROM communes_commune WHERE province_id = 'Z9'",
        "SELECT * FROM communes_district WHERE province_id = 'Z9'",
        "SELECT a.* FROM criteria_assessment a JOIN communes_commune c ON c.key = a.commune_id"
        " WHERE c.province_id = 'Z9'",
        "SELECT v.* FROM communes_village v JOIN communes_commune c ON c.key = v.commune_id"
        " WHERE c.province_id = 'Z9'",
    ]
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(sql + " ORDER BY 1")
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def leaks_in(response, markers: list[str], *, names_theirs: bool) -> list[str]:
    """What of the other province a 200 answer shows: its names in a page, or a file
    served for a URL naming its objects."""
    if response.status_code != 200:
        return []
    if hasattr(response, "streaming_content"):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    found = [m for m in markers if m.encode() in body]
    if names_theirs and not response.get("Content-Type", "").startswith("text/html"):
        found.append(f"a file ({response.get('Content-Type')})")
    return found


def with_foreign(value, foreign: dict[str, str], ours: dict[str, str]):
    if isinstance(value, list):
        return [with_foreign(v, foreign, ours) for v in value]
    if isinstance(value, str) and value in foreign:
        return foreign[value]
    if isinstance(value, str) and value in ours:
        return ours[value]
    return value


# the matrix in slices, so that pytest-xdist's workers share it (one slice is a test)
SLICES = 6


@pytest.mark.parametrize("part", range(SLICES))
def test_no_role_reaches_another_provinces_data(part, rows, db):
    sessions, objects, foreign = rows
    routes = {name: route for name, route, _ in url_patterns()}

    def clients():
        # a new client per rule, in the role's session of ``rows``: a rule that signs out
        # or changes a password ends it only until its savepoint is rolled back (below)
        for role in ROLES:
            yield role, client_as(role, sessions, raise_request_exception=False)

    problems: list[str] = []
    requests = 0
    answered: set[str] = set()  # the roles that got a page: their sessions were signed in
    before = foreign_rows()
    for rule in RULES[part::SLICES]:
        kwargs = {k: with_foreign(v, foreign, objects) for k, v in rule.kwargs.items()}
        theirs = any(v in foreign for v in rule.kwargs.values())
        url = concrete_url(routes[rule.name], kwargs)
        data = {k: with_foreign(v, foreign, objects) for k, v in rule.data.items()}
        # a form naming a district or commune names the other province's
        data = {
            k: foreign["district"] if k in {"district", "huyen"} else v for k, v in data.items()
        }
        # each rule from the rows as made (what the matrix's rows are made for), its
        # changes rolled back after it
        with transaction.atomic():
            for role, client in clients():
                response = getattr(client, rule.method)(url, data)
                requests += 1
                if response.status_code == 200:
                    answered.add(role)
                if response.status_code >= 500:
                    problems.append(f"{rule.id} {role}: HTTP {response.status_code}")
                for leak in leaks_in(response, foreign["markers"], names_theirs=theirs):
                    problems.append(f"{rule.id} {role}: shows {leak}")
            # the district filter of every list, pointed at the other province's district
            if rule.method == "get" and not rule.kwargs:
                for role, client in clients():
                    response = client.get(url, {"huyen": foreign["district"], "q": "cach biet"})
                    requests += 1
                    for leak in leaks_in(response, foreign["markers"], names_theirs=False):
                        problems.append(f"{rule.id}?huyen=Z91 {role}: shows {leak}")
            if foreign_rows() != before:
                problems.append(f"{rule.id}: changed the other province's rows")
            transaction.set_rollback(True)
    assert requests > 1000 // SLICES
    assert answered >= set(sessions), f"no page for {set(sessions) - answered}"
    assert problems == [], "\n".join(problems)
