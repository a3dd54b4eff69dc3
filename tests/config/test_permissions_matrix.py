"""Every URL the app serves × every role, with the outcome declared in one table.

The URL patterns are read from the URL conf (django.urls.get_resolver), so a new
view without a row in RULES fails `test_every_url_pattern_has_a_rule`. Each row
says which kwargs to put in the URL (objects made by fixtures: district A's
commune, district B's commune…), the method, and the expected outcome per role:

    200 / 302 / 403 / 404 / 405         that status (302: a redirect elsewhere)
    frozenset({...})                    any of these
    LOGIN                               302 to the login page
    ADMIN_LOGIN                         302 to the Django admin's login page

For a POST that a role may not make, the test also checks that nothing in the
database changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from communes.models import District
from criteria.models import Criterion, Indicator
from dossiers.documents.certificates import layout_create_default
from emulation.models import Role, User
from emulation.state_plans import state_plan_587_load
from tests.conftest import make_user
from tests.dossiers.support import commune_from_2025, thai_nguyen_from_2025
from tests.factories import AssessmentFactory, RecognitionFactory
from tests.system.servers import table_fingerprints

pytestmark = pytest.mark.integration

ROLES = [
    "anonymous",
    "district_a",
    "district_b",
    "commune",
    "agency",
    "reviewer",
    "appraiser",
    "admin",
]
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
DENIED = {LOGIN, ADMIN_LOGIN, 403, 404, 405}


def expect(default, **by_role) -> dict[str, object]:
    """Outcome per role: `default` for the logged-in roles, LOGIN for anonymous unless given."""
    outcome = {role: default for role in ROLES}
    outcome["anonymous"] = LOGIN
    outcome.update(by_role)
    return outcome


def only(roles: str, ok=200, others=403) -> dict[str, object]:
    """`ok` for the listed roles (space-separated), `others` for the rest, LOGIN for anonymous."""
    allowed = roles.split()
    return expect(others, **{role: ok for role in allowed})


@dataclass
class Rule:
    name: str  # "namespace:url_name", or the route for an unnamed pattern
    outcome: dict[str, object]
    # kwarg -> key in the objects fixture (or the value itself: an action, a format)
    kwargs: dict[str, str] = field(default_factory=dict)
    method: str = "get"
    data: dict = field(default_factory=dict)
    label: str = ""
    # Roles whose POST may change data; for every other role a POST must change nothing,
    # whatever it answers (a refusal may be a redirect with a message).
    writers: str | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name} {self.label}".strip()


# The commune staff (a commune of the merged Thái Nguyên, from 1/7/2025) see their own
# commune and its dossiers only: every district's and every other unit's rows are 404.
SEE_A = expect(200, district_b=404, commune=404, agency=404)
SEE_B = expect(200, district_a=404, commune=404, agency=404)

# District A's draft: only A (and administrators); B's staff and the province get 404.
A_ONLY = expect(404, district_a=200, admin=200)
B_ONLY = expect(404, district_b=200, admin=200)
A_ONLY_404 = expect(404, admin=404)
# Submitted to the province: A and the province see it; B and agencies do not.
SUBMITTED = expect(200, district_b=404, commune=404, agency=404)
# Editing A's draft: A only; the administrators see it but may not change it.
A_EDIT = expect(404, district_a=200, admin=403)
# A submitted dossier is frozen for A (sent back to its page), out of the province's hands.
S_FROZEN = expect(403, district_a=302, district_b=404, commune=404, agency=404)
S_PROVINCE_403 = expect(403, district_a=403, district_b=404, commune=404, agency=404)
# Criteria of a commune of A: A's staff enter them; B's staff and the commune staff (who
# record their own commune's) get 404; nobody else writes.
CRITERIA_A = expect(403, district_a=200, district_b=404, commune=404)
CRITERIA_B = expect(403, district_a=404, district_b=200, commune=404)

# The province's reviewers, appraisers and administrators read; nobody else sees it.
PROVINCE_READS = expect(404, reviewer=200, appraiser=200, admin=200)
# The board acts; the province's other roles may not; nobody else sees it.
BOARD_ACTS = expect(404, reviewer=200, appraiser=403, admin=403)

RULES: list[Rule] = [
    # The shell
    Rule("home", expect(200)),
    Rule("healthz", expect(200, anonymous=200)),
    Rule("healthz", expect(405, anonymous=405), method="post"),
    Rule("login", expect(200, anonymous=200)),
    Rule("logout", expect(LOGIN), method="post"),
    Rule("logout", expect(405, anonymous=405)),
    Rule("password_change", expect(200)),
    Rule("password_change", expect(200), method="post", label="empty form"),
    Rule("password_change_done", expect(200)),
    Rule("set_language", expect(302, anonymous=302)),
    Rule("set_language", expect(302, anonymous=302), method="post",
         data={"language": "vi", "next": "/"}),
    # Users (application administrators only)
    Rule("users:users", only("admin")),
    Rule("users:user_create", only("admin")),
    Rule("users:user_create", only("admin"), method="post", label="empty form"),
    Rule("users:user_update", only("admin"), kwargs={"pk": "user_a"}, label="A"),
    Rule("users:user_update", only("admin", ok=302), kwargs={"pk": "user_a"}, method="post",
         label="A",
         data={"full_name": "Đổi tên", "role": "district", "district": "061", "is_active": "on"}),
    Rule("users:user_update", only("admin", ok=404), kwargs={"pk": "no_user"}, label="unknown"),
    Rule("users:user_password_reset", only("admin"), kwargs={"pk": "user_a"}, label="A"),
    Rule("users:user_password_reset", only("admin"), kwargs={"pk": "user_a"}, method="post",
         label="A empty form", writers=""),
    Rule("users:user_password_reset", only("admin", ok=404), kwargs={"pk": "no_user"},
         label="unknown"),
    Rule("users:user_unlock", expect(405), kwargs={"pk": "user_a"}),
    Rule("users:user_unlock", only("admin", ok=302), kwargs={"pk": "user_a"}, method="post",
         label="A", writers="admin"),
    # The audit log (application administrators only; it only reads)
    Rule("users:audit_log", only("admin")),
    Rule("users:audit_log", only("admin", ok=405), method="post"),
    # Notification e-mails not sent (application administrators only; it only reads)
    Rule("users:mail_failures", only("admin")),
    Rule("users:mail_failures", only("admin", ok=405), method="post"),
    # Administrative units
    Rule("communes:list", expect(200)),
    Rule("communes:detail", SEE_A, kwargs={"code": "commune_a"}, label="A"),
    Rule("communes:detail", SEE_B, kwargs={"code": "commune_b"}, label="B"),
    Rule("communes:detail", expect(404), kwargs={"code": "no_commune"}, label="unknown"),
    Rule("communes:flags", only("admin"), kwargs={"code": "commune_a"}, label="A"),
    Rule("communes:flags", only("admin", ok=302), kwargs={"code": "commune_a"}, method="post",
         label="A",
         data={"extremely_difficult": "on", "on_roadmap": "on"}),
    Rule("communes:flags", only("admin", ok=404), kwargs={"code": "no_commune"}, label="unknown"),
    Rule("communes:village_import", only("district_a district_b admin")),
    Rule("communes:village_import", only("district_a district_b admin"), method="post",
         label="empty form"),
    Rule("communes:village_template", only("district_a district_b admin"),
         kwargs={"fmt": "csv"}, label="csv"),
    Rule("communes:village_template", only("district_a district_b admin"),
         kwargs={"fmt": "xlsx"}, label="xlsx"),
    # Dossiers. A = district A's draft, B = district B's draft, S = district A's dossier
    # submitted to the province. Drafts are seen by their district (and administrators);
    # the province sees a dossier once submitted; only the proposer edits, only in draft.
    Rule("dossiers:list", expect(200)),
    Rule("dossiers:list", expect(405), method="post"),
    Rule("dossiers:create", only("district_a district_b commune agency")),
    Rule("dossiers:create", only("district_a district_b commune agency"), method="post",
         label="empty form", writers=""),
    Rule("dossiers:bulk", expect(405)),
    # a draft from "who qualifies" (issue 17 part 7): proposers only; nothing ticked is
    # refused back to the list
    Rule("dossiers:propose_qualifying", expect(405)),
    Rule("dossiers:propose_qualifying", only("district_a district_b commune agency", ok=302),
         method="post", label="nothing ticked", data={"vong": "midterm"}, writers=""),
    Rule("dossiers:bulk", expect(403), method="post", label="no action"),
    Rule("dossiers:bulk", only("reviewer"), method="post", label="receive preview",
         data={"bulk_action": "receive", "ids": ["dossier_s"]}, writers=""),
    # The award history (issue 17 part 8): everyone reads within scope; a district, commune
    # or agency records its own unit's awards (typed in or imported)
    Rule("history:search", expect(200)),
    Rule("history:search", expect(405), method="post"),
    Rule("history:lower_create", only("district_a district_b commune agency")),
    Rule("history:lower_create", only("district_a district_b commune agency"), method="post",
         label="empty form", writers=""),
    Rule("history:lower_import", only("district_a district_b commune agency")),
    Rule("history:lower_import", only("district_a district_b commune agency"), method="post",
         label="empty form", writers=""),
    Rule("history:lower_template", only("district_a district_b commune agency")),
    Rule("dossiers:notifications", expect(200)),
    Rule("dossiers:notifications_read", expect(405)),
    Rule("dossiers:notifications_read", expect(302), method="post"),
    Rule("dossiers:detail", A_ONLY, kwargs={"pk": "dossier_a"}, label="A"),
    Rule("dossiers:detail", B_ONLY, kwargs={"pk": "dossier_b"}, label="B"),
    Rule("dossiers:detail", SUBMITTED, kwargs={"pk": "dossier_s"}, label="S"),
    Rule("dossiers:detail", expect(404), kwargs={"pk": "no_dossier"}, label="unknown"),
    # The province's decisions (issue 14 part 5): read by the province's reviewers,
    # appraisers and administrators; drafted, recorded and corrected by the board only
    Rule("dossiers:decisions", only("reviewer appraiser admin")),
    Rule("dossiers:decision_create", only("reviewer"), data={"dot": "annual", "nam": "2024"},
         label="annual 2024"),
    Rule("dossiers:decision_create", only("reviewer", ok=404), label="no round"),
    Rule("dossiers:decision_create", only("reviewer", ok=400),
         data={"dot": "annual", "nam": "2024"}, method="post", label="empty form", writers=""),
    Rule("dossiers:decision_detail", expect(404, reviewer=200, appraiser=200, admin=200),
         kwargs={"pk": "decision"}),
    Rule("dossiers:decision_detail", expect(404), kwargs={"pk": "no_dossier"}, label="unknown"),
    Rule("dossiers:decision_correct", expect(404, reviewer=200, appraiser=403, admin=403),
         kwargs={"pk": "decision"}),
    Rule("dossiers:decision_correct", expect(404, reviewer=400, appraiser=403, admin=403),
         kwargs={"pk": "decision"}, method="post", label="empty form", writers=""),
    # Up the ladder (issue 14 part 7, III.2.1): state-level proposals, read like the
    # province's decisions, drafted, sent and recorded by the board only
    Rule("dossiers:state_proposals", only("reviewer appraiser admin")),
    Rule("dossiers:state_proposal_create", expect(405)),
    Rule("dossiers:state_proposal_create", only("reviewer", ok=400), method="post",
         data={"dot": "annual", "nam": "2024"}, label="round not decided", writers=""),
    Rule("dossiers:state_proposal_detail", PROVINCE_READS, kwargs={"pk": "state_proposal"}),
    Rule("dossiers:state_proposal_detail", expect(404), kwargs={"pk": "no_dossier"},
         label="unknown"),
    Rule("dossiers:state_proposal_nominees", BOARD_ACTS, kwargs={"pk": "state_proposal"}),
    Rule("dossiers:state_proposal_nominees", expect(404, reviewer=302, appraiser=403, admin=403),
         kwargs={"pk": "state_proposal"}, method="post", label="nothing chosen", writers=""),
    Rule("dossiers:state_proposal_send", expect(405), kwargs={"pk": "state_proposal"}),
    Rule("dossiers:state_proposal_send", expect(404, reviewer=400, appraiser=403, admin=403),
         kwargs={"pk": "state_proposal"}, method="post", label="empty form", writers=""),
    Rule("dossiers:state_proposal_decide", expect(404, reviewer=302, appraiser=403, admin=403),
         kwargs={"pk": "state_proposal"}, label="a draft"),
    Rule("dossiers:state_proposal_decide", expect(404, reviewer=302, appraiser=403, admin=403),
         kwargs={"pk": "state_proposal"}, method="post", label="a draft", writers=""),
    Rule("documents:state_letter", PROVINCE_READS, kwargs={"pk": "state_proposal"}),
    Rule("documents:state_letter_pdf", PROVINCE_READS, kwargs={"pk": "state_proposal"}),
    Rule("dossiers:edit", A_EDIT, kwargs={"pk": "dossier_a"}, label="A"),
    Rule("dossiers:edit", A_EDIT, kwargs={"pk": "dossier_a"}, method="post", label="A",
         writers=""),
    Rule("dossiers:edit", S_FROZEN, kwargs={"pk": "dossier_s"}, label="S"),
    Rule("dossiers:edit", S_FROZEN, kwargs={"pk": "dossier_s"}, method="post", label="S",
         writers=""),
    Rule("dossiers:transition", A_EDIT, kwargs={"pk": "dossier_a", "action": "submit"},
         label="A submit"),
    Rule("dossiers:transition", {**A_EDIT, "district_a": 400},
         kwargs={"pk": "dossier_a", "action": "submit"}, method="post",
         label="A submit, documents missing", writers=""),
    Rule("dossiers:transition", S_FROZEN, kwargs={"pk": "dossier_s", "action": "submit"},
         label="S submit"),
    Rule("dossiers:transition", {**S_PROVINCE_403, "reviewer": 200},
         kwargs={"pk": "dossier_s", "action": "receive"}, label="S receive"),
    Rule("dossiers:transition", {**S_PROVINCE_403, "reviewer": 302},
         kwargs={"pk": "dossier_s", "action": "receive"}, method="post", label="S receive",
         writers="reviewer"),
    Rule("dossiers:transition", {**S_PROVINCE_403, "reviewer": 400},
         kwargs={"pk": "dossier_s", "action": "return"}, method="post",
         label="S return without a reason", writers=""),
    Rule("dossiers:transition", expect(404), kwargs={"pk": "dossier_a", "action": "nope"},
         label="unknown action"),
    Rule("dossiers:nominee_add", A_EDIT, kwargs={"pk": "dossier_a"}, label="A"),
    Rule("dossiers:nominee_add", A_EDIT, kwargs={"pk": "dossier_a"}, method="post",
         label="A empty form", writers=""),
    Rule("dossiers:nominee_add", S_FROZEN, kwargs={"pk": "dossier_s"}, label="S"),
    Rule("dossiers:nominee_check", expect(405), kwargs={"pk": "dossier_a"}),
    Rule("dossiers:nominee_check", {**A_EDIT, "district_a": 404}, kwargs={"pk": "dossier_a"},
         method="post", label="A no kind", writers=""),
    Rule("dossiers:village_options", A_EDIT, kwargs={"pk": "dossier_a"}, label="A"),
    Rule("dossiers:village_options", S_PROVINCE_403, kwargs={"pk": "dossier_s"}, label="S"),
    Rule("dossiers:nominee_edit", A_EDIT, kwargs={"pk": "dossier_a", "nid": "nominee_a"},
         label="A"),
    Rule("dossiers:nominee_edit", A_EDIT, kwargs={"pk": "dossier_a", "nid": "nominee_a"},
         method="post", label="A empty form", writers=""),
    Rule("dossiers:nominee_edit", expect(404, admin=403),
         kwargs={"pk": "dossier_a", "nid": "nominee_b"}, label="A with B's nominee"),
    Rule("dossiers:nominee_edit", S_FROZEN, kwargs={"pk": "dossier_s", "nid": "nominee_s"},
         label="S"),
    # GET asks first (a confirmation page), POST removes (restorable until submitted)
    Rule("dossiers:nominee_remove", A_EDIT, kwargs={"pk": "dossier_a", "nid": "nominee_a"}),
    Rule("dossiers:nominee_remove", S_FROZEN, kwargs={"pk": "dossier_s", "nid": "nominee_s"},
         label="S"),
    Rule("dossiers:nominee_remove", {**A_EDIT, "district_a": 302},
         kwargs={"pk": "dossier_a", "nid": "nominee_a"}, method="post", label="A",
         writers="district_a"),
    Rule("dossiers:nominee_remove", S_FROZEN, kwargs={"pk": "dossier_s", "nid": "nominee_s"},
         method="post", label="S", writers=""),
    Rule("dossiers:nominee_attest", expect(405), kwargs={"pk": "dossier_s", "nid": "nominee_s"}),
    Rule("dossiers:nominee_attest", expect(404, district_a=302, admin=302),
         kwargs={"pk": "dossier_a", "nid": "nominee_a"}, method="post", label="A draft",
         writers=""),
    Rule("dossiers:nominee_attest", {**S_FROZEN, "reviewer": 302, "appraiser": 302, "admin": 302},
         kwargs={"pk": "dossier_s", "nid": "nominee_s"}, method="post",
         label="S, not yet received", writers=""),
    Rule("dossiers:nominee_restrict", expect(405), kwargs={"pk": "dossier_s", "nid": "nominee_s"}),
    Rule("dossiers:nominee_restrict", expect(404, district_a=302, admin=302),
         kwargs={"pk": "dossier_a", "nid": "nominee_a"}, method="post", label="A draft",
         writers=""),
    Rule("dossiers:nominee_restrict",
         {**S_FROZEN, "reviewer": 302, "appraiser": 302, "admin": 302},
         kwargs={"pk": "dossier_s", "nid": "nominee_s"}, method="post",
         label="S, not yet received", writers=""),
    Rule("dossiers:attachment_upload", expect(405), kwargs={"pk": "dossier_a"}),
    Rule("dossiers:attachment_upload", {**A_EDIT, "district_a": 400}, kwargs={"pk": "dossier_a"},
         method="post", label="A no file", writers=""),
    Rule("dossiers:attachment_upload", S_FROZEN, kwargs={"pk": "dossier_s"}, method="post",
         label="S", writers=""),
    Rule("dossiers:attachment_download", A_ONLY, kwargs={"pk": "dossier_a", "aid": "attachment_a"},
         label="A"),
    Rule("dossiers:attachment_download", SUBMITTED,
         kwargs={"pk": "dossier_s", "aid": "attachment_s"}, label="S"),
    Rule("dossiers:attachment_download", A_ONLY_404,
         kwargs={"pk": "dossier_a", "aid": "attachment_b"}, label="A with B's file"),
    Rule("dossiers:attachment_remove", A_EDIT, kwargs={"pk": "dossier_a", "aid": "attachment_a"}),
    Rule("dossiers:attachment_remove", S_FROZEN, kwargs={"pk": "dossier_s", "aid": "attachment_s"},
         label="S"),
    Rule("dossiers:removed_restore", expect(405), kwargs={"pk": "dossier_a", "rid": "removed_a"}),
    Rule("dossiers:removed_restore", {**A_EDIT, "district_a": 302},
         kwargs={"pk": "dossier_a", "rid": "removed_a"}, method="post", label="A",
         writers="district_a"),
    Rule("dossiers:removed_restore", expect(404, admin=403),
         kwargs={"pk": "dossier_a", "rid": "no_dossier"}, method="post", label="A, unknown item",
         writers=""),
    Rule("dossiers:attachment_remove", {**A_EDIT, "district_a": 302},
         kwargs={"pk": "dossier_a", "aid": "attachment_a"}, method="post", label="A",
         writers="district_a"),
    Rule("dossiers:attachment_remove", S_FROZEN, kwargs={"pk": "dossier_s", "aid": "attachment_s"},
         method="post", label="S", writers=""),
    # Criteria: districts record their own communes' facts; the province reads them
    Rule("criteria:matrix", expect(200, agency=403)),
    Rule("criteria:matrix_export", expect(200, agency=403)),
    Rule("criteria:assessment_add", CRITERIA_A, kwargs={"code": "commune_a"}, label="A"),
    Rule("criteria:assessment_add", CRITERIA_A, kwargs={"code": "commune_a"}, method="post",
         label="A empty form", writers=""),
    Rule("criteria:assessment_add", CRITERIA_B, kwargs={"code": "commune_b"}, label="B"),
    Rule("criteria:recognition_add", CRITERIA_A, kwargs={"code": "commune_a"}, label="A"),
    Rule("criteria:recognition_add", CRITERIA_B, kwargs={"code": "commune_b"}, method="post",
         label="B empty form", writers=""),
    Rule("criteria:village_add", CRITERIA_A, kwargs={"code": "commune_a"}, label="A"),
    Rule("criteria:village_add", CRITERIA_B, kwargs={"code": "commune_b"}, label="B"),
    Rule("criteria:assessment_correct", CRITERIA_A, kwargs={"pk": "assessment_a"}, label="A"),
    Rule("criteria:assessment_correct", CRITERIA_B, kwargs={"pk": "assessment_b"},
         method="post", label="B empty form", writers=""),
    Rule("criteria:evidence", expect(200, district_b=404, commune=404, agency=404),
         kwargs={"pk": "assessment_a"}, label="A"),
    Rule("criteria:evidence", expect(200, district_a=404, commune=404, agency=404),
         kwargs={"pk": "assessment_b"}, label="B"),
    Rule("criteria:district_recognition_add", only("district_a district_b")),
    # no district-level unit in a commune's scope
    Rule("criteria:debt", expect(200, commune=404, agency=403)),
    Rule("criteria:debt", only("district_a district_b", ok=302) | {"commune": 404}, method="post",
         label="no box ticked: no debts", writers="district_a district_b"),
    Rule("criteria:import", only("district_a district_b")),
    Rule("criteria:import", only("district_a district_b"), method="post", label="no file",
         writers=""),
    Rule("criteria:import_template", only("district_a district_b")),
    # Criteria sets: read by those who read the criteria; indicators and commune groups
    # are the administrators'
    Rule("criteria:set_list", expect(200, agency=403)),
    Rule("criteria:set_detail", expect(200, agency=403), kwargs={"code": "set_51"}),
    Rule("criteria:set_detail", expect(404, agency=403), kwargs={"code": "no_set"},
         label="unknown"),
    Rule("criteria:set_create", only("admin")),
    Rule("criteria:set_create", only("admin"), method="post", label="empty form", writers=""),
    Rule("criteria:set_edit", only("admin"), kwargs={"code": "set_51"}),
    Rule("criteria:set_edit", only("admin", ok=404), kwargs={"code": "no_set"}, label="unknown"),
    Rule("criteria:criterion_add", only("admin"), kwargs={"code": "set_51"}),
    Rule("criteria:criterion_add", only("admin", ok=302), kwargs={"code": "set_51"},
         method="post", data={"number": "11", "name": "Thử", "short_name": "Thử"},
         label="valid", writers="admin"),
    Rule("criteria:criterion_edit", only("admin"), kwargs={"pk": "criterion_51"}),
    Rule("criteria:indicator_add", only("admin"), kwargs={"pk": "criterion_51"}),
    Rule("criteria:indicator_add", only("admin"), kwargs={"pk": "criterion_51"},
         method="post", label="empty form", writers=""),
    Rule("criteria:indicator_add", only("admin", ok=302), kwargs={"pk": "criterion_51"},
         method="post", data={"code": "1.2", "name": "Chỉ tiêu mới"}, label="valid",
         writers="admin"),
    Rule("criteria:indicator_add", only("admin", ok=404), kwargs={"pk": "no_criterion"},
         label="unknown"),
    Rule("criteria:indicator_edit", only("admin"), kwargs={"pk": "indicator"}),
    Rule("criteria:indicator_edit", only("admin", ok=302), kwargs={"pk": "indicator"},
         method="post", data={"code": "1.1", "name": "Chỉ tiêu đã sửa"}, label="valid",
         writers="admin"),
    Rule("criteria:commune_group_set", only("admin"), kwargs={"code": "commune_a"}),
    Rule("criteria:commune_group_set", only("admin", ok=302), kwargs={"code": "commune_b"},
         method="post", data={"group": "2", "valid_from": "15/02/2026"}, label="B",
         writers="admin"),
    # Progress of the plan: everyone reads; administrators set the targets
    Rule("progress:dashboard", expect(200)),
    Rule("progress:dashboard_print", expect(200)),
    Rule("progress:dashboard_pdf", expect(200)),
    Rule("progress:dashboard_xlsx", expect(200)),
    Rule("progress:award_statistics", only("reviewer admin")),
    Rule("progress:award_statistics_pdf", only("reviewer admin")),
    Rule("progress:award_statistics_xlsx", only("reviewer admin")),
    Rule("progress:targets", only("admin")),
    Rule("progress:target_edit", only("admin"), kwargs={"year": "2024", "scope": "tinh"},
         label="province"),
    Rule("progress:target_edit", only("admin"), kwargs={"year": "2024", "scope": "063"},
         method="post", label="district, empty form", writers=""),
    Rule("progress:report", expect(200, commune=403, agency=403)),
    Rule("progress:report_xlsx", expect(200, commune=403, agency=403)),
    # Documents: certificate layouts for administrators; jobs are their starter's
    Rule("documents:layouts", only("admin")),
    Rule("documents:layout_edit", only("admin"), kwargs={"pk": "layout"}),
    Rule("documents:layout_edit", only("admin"), kwargs={"pk": "layout"}, method="post",
         label="empty form", writers=""),
    Rule("documents:layout_test_print", only("admin"), kwargs={"pk": "layout"}),
    Rule("documents:layout_test_view", only("admin"), kwargs={"pk": "layout"}),
    Rule("documents:layout_activate", expect(405), kwargs={"pk": "layout"}),
    Rule("documents:layout_activate", only("admin", ok=302), kwargs={"pk": "layout"},
         method="post", writers="admin"),
    # Signatories of the installation's bodies (issue 15 part 2): administrators only
    Rule("documents:signatories", only("admin")),
    Rule("documents:signatories", only("admin"), data={"co-quan": "province:06"},
         label="one body"),
    Rule("documents:signatories", expect(405), method="post"),
    Rule("documents:signatory_create", only("admin")),
    Rule("documents:signatory_create", only("admin", ok=400), method="post",
         label="empty form", writers=""),
    Rule("documents:signatory_create", only("admin", ok=400), method="post",
         label="another province's body", writers="",
         data={"body_key": "province:Z9", "full_name": "Người Cách Biệt", "title": "CHỦ TỊCH",
               "capacity": "head", "head_title": "CHỦ TỊCH", "version": "0"}),
    Rule("documents:signatory_edit", only("admin"), kwargs={"pk": "signatory"}),
    Rule("documents:signatory_edit", only("admin", ok=400), kwargs={"pk": "signatory"},
         method="post", label="empty form", writers=""),
    Rule("documents:signatory_edit", only("admin", ok=404), kwargs={"pk": "no_signatory"},
         label="unknown"),
    Rule("documents:signatory_end", expect(405), kwargs={"pk": "signatory"}),
    Rule("documents:signatory_end", only("admin", ok=400), kwargs={"pk": "signatory"},
         method="post", label="empty form", writers=""),
    Rule("documents:signatory_end", only("admin", ok=302), kwargs={"pk": "signatory"},
         method="post", label="ends", writers="admin",
         data={"last_day": "31/12/2030", "version": "1"}),
    # Documents of a dossier: whoever sees the dossier; the decision only once decided
    Rule("documents:nominees_xlsx", A_ONLY, kwargs={"pk": "dossier_a"}, label="A"),
    Rule("documents:nominees_xlsx", SUBMITTED, kwargs={"pk": "dossier_s"}, label="S"),
    Rule("documents:certificates", expect(404, district_a=403), kwargs={"pk": "dossier_s"},
         label="S, not decided"),
    Rule("documents:certificates", expect(404, district_a=403), kwargs={"pk": "dossier_s"},
         method="post", label="S, not decided", writers=""),
    Rule("documents:dossier_doc", A_ONLY, kwargs={"pk": "dossier_a", "slug": "to-trinh"},
         label="A proposal letter"),
    Rule("documents:dossier_doc", SUBMITTED, kwargs={"pk": "dossier_s", "slug": "bien-ban"},
         label="S minutes"),
    Rule("documents:dossier_doc", expect(404), kwargs={"pk": "dossier_s", "slug": "quyet-dinh"},
         label="S decision, not decided"),
    Rule("documents:dossier_doc", expect(404), kwargs={"pk": "dossier_a", "slug": "khong-co"},
         label="unknown document"),
    Rule("documents:dossier_pdf", A_ONLY, kwargs={"pk": "dossier_a", "slug": "to-trinh"},
         label="A proposal letter"),
    Rule("documents:dossier_pdf", SUBMITTED, kwargs={"pk": "dossier_s", "slug": "to-trinh"},
         label="S proposal letter"),
    Rule("documents:dossier_pdf", expect(404), kwargs={"pk": "dossier_s", "slug": "quyet-dinh"},
         label="S decision, not decided"),
    Rule("documents:dossier_docx", A_ONLY, kwargs={"pk": "dossier_a", "slug": "to-trinh"},
         label="A proposal letter"),
    Rule("documents:dossier_docx", SUBMITTED, kwargs={"pk": "dossier_s", "slug": "bien-ban"},
         label="S minutes"),
    Rule("documents:dossier_docx", expect(404), kwargs={"pk": "dossier_s", "slug": "quyet-dinh"},
         label="S decision, not decided"),
    Rule("documents:report_docx", A_ONLY, kwargs={"pk": "dossier_a", "nid": "nominee_a"},
         label="A"),
    Rule("documents:report_docx", expect(404), kwargs={"pk": "dossier_a", "nid": "nominee_b"},
         label="A with B's nominee"),
    Rule("documents:report", A_ONLY, kwargs={"pk": "dossier_a", "nid": "nominee_a"}, label="A"),
    Rule("documents:report", SUBMITTED, kwargs={"pk": "dossier_s", "nid": "nominee_s"},
         label="S"),
    Rule("documents:report_pdf", A_ONLY, kwargs={"pk": "dossier_a", "nid": "nominee_a"},
         label="A"),
    Rule("documents:report_pdf", SUBMITTED, kwargs={"pk": "dossier_s", "nid": "nominee_s"},
         label="S"),
    Rule("documents:report_pdf", expect(404), kwargs={"pk": "dossier_a", "nid": "nominee_b"},
         label="A with B's nominee"),
    Rule("documents:queue_xlsx", expect(200)),
    Rule("documents:queue_xlsx", expect(405), method="post"),
    Rule("documents:rounds", expect(200)),
    # the register of outgoing documents: the province's reviewers and administrators
    Rule("documents:register", only("reviewer admin")),
    Rule("documents:register", expect(405), method="post"),
    Rule("documents:register_pdf", only("reviewer admin")),
    Rule("documents:register_xlsx", only("reviewer admin")),
    # digital signatures (issue 16): the trusted roots and seal images are the
    # administrators'; the signed decision is for whoever sees a decided dossier
    Rule("documents:trusted_roots", only("admin")),
    Rule("documents:trusted_roots", only("admin", ok=400), method="post", label="empty form",
         writers=""),
    Rule("documents:trusted_root_deactivate", expect(405), kwargs={"pk": "trusted_root"}),
    Rule("documents:trusted_root_deactivate", only("admin", ok=302),
         kwargs={"pk": "trusted_root"}, method="post", writers="admin"),
    Rule("documents:seals", only("admin")),
    Rule("documents:seals", only("admin", ok=400), method="post", label="empty form",
         writers=""),
    Rule("documents:seal_image", only("admin"), kwargs={"pk": "seal"}),
    Rule("documents:credentials", only("admin")),
    Rule("documents:credentials", only("admin", ok=400), method="post", label="empty form",
         writers=""),
    Rule("documents:decision_signed", expect(404), kwargs={"pk": "dossier_s"},
         label="S not decided"),
    Rule("documents:decision_signed", expect(404), kwargs={"pk": "dossier_a"}, label="A draft"),
    # a province's decision as issued (issue 16): its signed copy (none yet: back to its
    # page with a message) and the correcting decision as a document, read like the
    # decision's page; an award decision is no correcting one
    Rule("documents:decision_signed_copy", expect(404, reviewer=302, appraiser=302, admin=302),
         kwargs={"pk": "decision"}, label="not signed yet"),
    Rule("documents:decision_signed_copy", expect(404), kwargs={"pk": "no_dossier"},
         label="unknown"),
    Rule("documents:correction_doc", PROVINCE_READS, kwargs={"pk": "correction"}),
    Rule("documents:correction_doc", expect(404), kwargs={"pk": "decision"}, label="an award"),
    Rule("documents:correction_pdf", PROVINCE_READS, kwargs={"pk": "correction"}),
    Rule("documents:correction_docx", PROVINCE_READS, kwargs={"pk": "correction"}),
    Rule("documents:round_awards_xlsx", expect(404), label="no round chosen"),
    Rule("documents:round_reports", expect(405)),
    Rule("documents:round_reports",
         expect(404, district_a=403, district_b=403, commune=403, agency=403),
         method="post", label="no round chosen", writers=""),
    # the archive package of a decided round (PDF/A, background): the province's board
    # and administrators; an undecided round is refused with a message (back to the page)
    Rule("documents:round_archive", expect(405)),
    Rule("documents:round_archive", only("reviewer admin", ok=404), method="post",
         label="no round chosen", writers=""),
    Rule("documents:round_archive", only("reviewer admin", ok=302), method="post",
         data={"dot": "annual", "nam": "2023"}, label="annual 2023, not decided", writers=""),
    Rule("district_report", expect(200, commune=403, agency=403)),
    Rule("district_report_pdf", expect(200, commune=403, agency=403)),
    Rule("district_report_docx", expect(200, commune=403, agency=403)),
    # The public list of awards: anyone, without logging in
    Rule("public_awards", expect(200, anonymous=200)),
    Rule("public_awards", expect(405, anonymous=405), method="post"),
    # The check page of a Bằng khen's QR code: anyone; an unknown token is not found
    Rule("verify_certificate", expect(404, anonymous=404), kwargs={"token": "khong-co-ma"}),
    Rule("verify_certificate", expect(405, anonymous=405), kwargs={"token": "khong-co-ma"},
         method="post"),
    Rule("documents:jobs", expect(200)),
    Rule("documents:job", expect(404), kwargs={"pk": "no_job"}, label="unknown"),
    Rule("documents:job_progress", expect(404), kwargs={"pk": "no_job"}, label="unknown"),
    Rule("documents:job_download", expect(404), kwargs={"pk": "no_job"}, label="unknown"),
    # Rules: who qualifies for everyone; rule sets for administrators only
    Rule("rules:who_qualifies", expect(200)),
    Rule("rules:rulesets", only("admin")),
    Rule("rules:ruleset_history", only("admin")),
    Rule("rules:ruleset_edit", only("admin")),
    Rule("rules:ruleset_edit", only("admin"), method="post", label="empty form", writers=""),
    Rule("rules:ruleset_detail", only("admin"), kwargs={"version": "version_1"}),
    Rule("rules:ruleset_detail", only("admin", ok=404), kwargs={"version": "no_version"},
         label="unknown"),
    # Plans: administrators only
    Rule("rules:plans", only("admin")),
    Rule("rules:plan_create", only("admin")),
    Rule("rules:plan_create", only("admin"), method="post", label="empty form", writers=""),
    Rule("rules:plan_detail", only("admin"), kwargs={"code": "plan"}),
    Rule("rules:plan_detail", only("admin", ok=404), kwargs={"code": "no_plan"}, label="unknown"),
    Rule("rules:plan_edit", only("admin"), kwargs={"code": "plan"}),
    Rule("rules:plan_edit", only("admin"), kwargs={"code": "plan"}, method="post",
         label="empty form", writers=""),
    Rule("rules:plan_round_edit", only("admin"),
         kwargs={"code": "plan", "kind": "midterm", "year": "2023"}),
    Rule("rules:plan_round_edit", only("admin", ok=404),
         kwargs={"code": "plan", "kind": "midterm", "year": "2031"}, label="outside the period"),
    Rule("rules:plan_round_remove", only("admin", ok=405),
         kwargs={"code": "plan", "kind": "annual", "year": "2021"}),
    Rule("rules:plan_round_remove", only("admin", ok=302),
         kwargs={"code": "plan", "kind": "annual", "year": "2021"}, method="post",
         writers="admin"),
    # National plans and their award standards (III.2.1): administrators only
    Rule("rules:state_plans", only("admin")),
    Rule("rules:state_plans", only("admin", ok=400), method="post", label="empty form",
         writers=""),
    Rule("rules:state_plan_detail", only("admin"), kwargs={"code": "state_plan"}),
    Rule("rules:state_plan_detail", only("admin", ok=404), kwargs={"code": "no_plan"},
         label="unknown"),
    Rule("rules:state_plan_detail", only("admin", ok=400), kwargs={"code": "state_plan"},
         method="post", label="empty form", writers=""),
    Rule("rules:state_standard_create", only("admin"), kwargs={"code": "state_plan"}),
    Rule("rules:state_standard_create", only("admin", ok=400), kwargs={"code": "state_plan"},
         method="post", label="empty form", writers=""),
    Rule("rules:state_standard_edit", only("admin"),
         kwargs={"code": "state_plan", "pk": "state_standard"}),
    Rule("rules:state_standard_edit", only("admin", ok=404),
         kwargs={"code": "state_plan", "pk": "no_dossier"}, label="unknown"),
    Rule("rules:state_standard_remove", only("admin", ok=405),
         kwargs={"code": "state_plan", "pk": "state_standard"}),
    Rule("rules:state_standard_remove", only("admin", ok=302),
         kwargs={"code": "state_plan", "pk": "state_standard"}, method="post", writers="admin"),
]  # fmt: skip

# The Django admin is for superusers only (issue 18): every role, the app's
# administrators included, is sent to its login page and never sees a page.
KWARG_VALUES = {
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "communes",
    "url": "khong-co-trang-nay/",
}


def admin_rule(name: str) -> dict[str, object]:
    """The Django admin is closed to every role, the app's administrators included: it
    reads every province's tables (only superusers, who operate the database, enter)."""
    if name == "admin:login":
        return {role: 200 for role in ROLES}
    if name == "admin:logout":  # POST only; others are sent to the admin's login
        return {role: 302 for role in ROLES}
    return {role: ADMIN_LOGIN for role in ROLES}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, pattern) of every URL pattern, namespaces joined with ':'."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            name = ":".join(filter(None, [namespace, p.name])) if p.name else route
            yield name, route, p


def concrete_url(route: str, kwargs: dict[str, str]) -> str:
    """The route with its <converter:kwarg> or (?P<kwarg>…) parts filled in."""
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: kwargs[m.group(1)], url)
    return "/" + url.replace("^", "").replace("$", "")


def test_every_url_pattern_has_a_rule():
    declared = {rule.name for rule in RULES}
    missing = [
        f"{name} ({route})"
        for name, route, _ in url_patterns()
        if name not in declared and not route.startswith("django-admin/")
    ]
    assert missing == [], "New view without a rule in RULES: " + ", ".join(missing)
    undeclared = declared - {name for name, _, _ in url_patterns()}
    assert undeclared == set(), f"RULES names URLs that do not exist: {undeclared}"


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _dossier(user, district, *, submit: bool):
    """A dossier of `user`'s district with one nominee and one attachment (and, to submit,
    a commune recognised in 2024 and every document)."""
    from dossiers import services
    from dossiers.models import AttachmentKind, NomineeKind

    commune = district.communes.order_by("code").first()
    dossier = services.dossier_create(
        by=user, round="annual", year=2024, document_number="1/TTr-UBND",
        document_date=dt.date(2024, 11, 5),
    )  # fmt: skip
    data = {name: None for name in services.NOMINEE_INPUT_FIELDS}
    data.update({name: "" for name in services.TEXT_FIELDS})
    if submit:
        RecognitionFactory(commune=commune, level="ntm", decision_number="1/QĐ-UBND",
                           decision_date=dt.date(2024, 10, 1))  # fmt: skip
        data.update(kind=NomineeKind.COMMUNE, title="commune_recognized", commune=commune)
    else:
        data.update(kind=NomineeKind.INDIVIDUAL, title="person_contribution", name="Người A",
                    commune=commune, contribution_value=60_000_000)  # fmt: skip
    nominee = services.nominee_save(dossier=dossier, by=user, data=data)
    kinds = [(AttachmentKind.EVIDENCE, None)]
    if submit:
        kinds = [(AttachmentKind.PROPOSAL, None), (AttachmentKind.MINUTES, None),
                 (AttachmentKind.ACHIEVEMENT, nominee)]  # fmt: skip
    for kind, of in kinds:
        attachment = services.attachment_upload(
            dossier=dossier, by=user, kind=kind, nominee=of,
            upload=SimpleUploadedFile("van-ban.pdf", PDF),
        )  # fmt: skip
    if submit:
        services.dossier_submit(dossier=dossier, by=user)
    return dossier, nominee, attachment


def a_decision(province: str, by):
    """A recorded decision of ``province`` (its annex empty: no dossier needed)."""
    from dossiers.models import Decision

    return Decision.objects.create(
        province_id=province, round="annual", year=2024, number="120/QĐ-UBND",
        date=dt.date(2024, 12, 1), recorded_by=by,
    )  # fmt: skip


def a_correction(decision, by, name: str = "Người Được Đính Chính"):
    """A decision correcting ``decision`` (one name spelled again)."""
    from dossiers.models import Decision

    return Decision.objects.create(
        province_id=decision.province_id, round=decision.round, year=decision.year,
        kind="correction", corrects=decision, number="121/QĐ-UBND", date=dt.date(2024, 12, 10),
        reason="Sai chính tả.", recorded_by=by,
        annex=[{"nominee": 0, "dossier": 0, "field": "name", "before": name, "after": name}],
    )  # fmt: skip


def a_state_proposal(province: str, by, state_plan, note: str = ""):
    """A draft state-level proposal of ``province`` (no entries: no decided round needed)."""
    from dossiers.models import StateProposal

    return StateProposal.objects.create(
        province_id=province, round="annual", year=2024, state_plan=state_plan, note=note,
        created_by=by,
    )  # fmt: skip


def signature_objects(province: str, name: str = "Chứng thư gốc thử") -> dict[str, str]:
    """A trusted root and a seal image of ``province`` (made directly: the services make
    them for this installation's bodies only)."""
    from dossiers.documents.models import SealImage, TrustedRoot
    from dossiers.documents.seals import demo_seal_png

    root = TrustedRoot.objects.create(
        province_id=province, name=name, subject=f"CN={name}", issuer=f"CN={name}",
        fingerprint=province * 32, der=b"0", not_before=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2034, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    seal = SealImage.objects.create(
        body_key=f"province:{province}", province_id=province, png=demo_seal_png(name, size=96)
    )
    return {"trusted_root": str(root.pk), "seal": str(seal.pk)}


def dossier_ids(made: dict) -> dict[str, str]:
    """{"dossier_a": id, "nominee_a": id, "attachment_a": id, …} of ``_dossier``'s results."""
    ids = {}
    for key, (dossier, nominee, attachment) in made.items():
        ids |= {
            f"dossier_{key}": str(dossier.pk),
            f"nominee_{key}": str(nominee.pk),
            f"attachment_{key}": str(attachment.pk),
        }
    return ids


def with_commune_staff(users: dict[str, User]) -> dict[str, User]:
    """``users`` and the staff of a commune of the two-level government (Thái Nguyên from
    1/7/2025, in the installation's lineage)."""
    commune = commune_from_2025(thai_nguyen_from_2025(), "Thử Nghiệm", "99001")
    return users | {"commune": make_user("xa_thu_nghiem", Role.COMMUNE, commune=commune)}


@pytest.fixture
def users(users):
    """The roles of tests/conftest.py, and the staff of a commune of the two-level
    government."""
    return with_commune_staff(users)


@pytest.fixture
def objects(users, commune_a, commune_b, district_a, district_b, settings, tmp_path):
    """What the URL kwargs point at."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_objects(users, commune_a, commune_b, district_a, district_b)


@pytest.fixture(scope="module")
def matrix_rows(django_db_blocker, django_db_setup, tmp_path_factory):
    """(sessions, objects) made once for this module's tests (``rows_once``)."""
    with rows_once(django_db_blocker, tmp_path_factory.mktemp("matrix-media")) as (users, ids):
        yield sessions_of(users), ids


@contextlib.contextmanager
def rows_once(django_db_blocker, media: Path) -> Iterator[tuple[dict[str, User], dict]]:
    """The users and objects of the matrix, made once for a module's tests in a transaction
    around them all (its files in ``media``): each test runs in a savepoint inside it
    (pytest-django's ``db``), so what a test's POST changes is rolled back before the next,
    and the whole is rolled back at the end. (Made per test, they cost more than the
    requests the test makes.)"""
    from django.db import transaction
    from django.test import override_settings

    from tests.conftest import DISTRICT_A, DISTRICT_B
    from tests.factories import role_users

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            district_a = District.objects.get(code=DISTRICT_A)
            district_b = District.objects.get(code=DISTRICT_B)
            commune_a = district_a.communes.order_by("code").first()
            commune_b = district_b.communes.order_by("code").first()
            users = with_commune_staff(role_users(district_a, district_b))
            yield users, make_objects(users, commune_a, commune_b, district_a, district_b)
            transaction.set_rollback(True)


def sessions_of(users: dict[str, User]) -> dict[str, str]:
    """{role: the key of a session signed in as that role's user} (``Client.force_login``).

    Made once and handed to a new ``Client`` for every request (``client_as``): a request
    that signs out or changes a password ends that session only until the test's savepoint
    is rolled back."""
    sessions = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def client_as(role: str, sessions: dict[str, str], **options) -> Client:
    """A new test client in ``role``'s session of ``sessions`` (anonymous: none)."""
    client = Client(**options)
    if role in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


def make_objects(users, commune_a, commune_b, district_a, district_b) -> dict[str, str]:
    """The rows the URL kwargs point at, by key."""
    a = _dossier(users["district_a"], district_a, submit=False)
    b = _dossier(users["district_b"], district_b, submit=False)
    s = _dossier(users["district_a"], district_a, submit=True)
    ids = dossier_ids({"a": a, "b": b, "s": s})
    ids |= {"layout": str(layout_create_default(name="Mẫu thử").pk), "no_job": str(uuid.uuid4())}
    ids |= {"signatory": str(a_signatory(f"province:{settings.PROVINCE_CODE}").pk),
            "no_signatory": "987654"}  # fmt: skip
    # a document removed from A's draft, restorable until A submits it
    from dossiers import services
    from dossiers.models import AttachmentKind

    extra = services.attachment_upload(
        dossier=a[0], by=users["district_a"], kind=AttachmentKind.EVIDENCE,
        upload=SimpleUploadedFile("bo-di.pdf", PDF),
    )  # fmt: skip
    services.attachment_remove(attachment=extra, by=users["district_a"])
    ids["removed_a"] = str(a[0].removed_items.get().pk)
    decision = a_decision(settings.PROVINCE_CODE, users["reviewer"])
    ids["decision"] = str(decision.pk)
    ids["correction"] = str(a_correction(decision, users["reviewer"]).pk)
    state_plan = state_plan_587_load()
    ids["state_plan"] = state_plan.code
    ids["state_standard"] = str(state_plan.standards.first().pk)
    ids["state_proposal"] = str(
        a_state_proposal(settings.PROVINCE_CODE, users["reviewer"], state_plan).pk
    )
    ids |= signature_objects(settings.PROVINCE_CODE)
    for key, commune in {"a": commune_a, "b": commune_b}.items():
        row = AssessmentFactory(
            commune=commune, criterion_id=1, assessed_on=dt.date(2023, 1, 1), met=True
        )
        row.evidence.save("minh-chung.pdf", ContentFile(PDF))
        ids[f"assessment_{key}"] = str(row.pk)
    criterion_51 = Criterion.objects.get(criteria_set__code="qd-51-2025", number=1)
    ids["criterion_51"] = str(criterion_51.pk)
    ids["indicator"] = str(
        Indicator.objects.create(criterion=criterion_51, code="1.1", name="Chỉ tiêu thử").pk
    )
    return ids | {
        "set_51": "qd-51-2025",
        "no_set": "khong-co",
        "no_criterion": "9999",
        "commune_a": commune_a.code,
        "commune_b": commune_b.code,
        "no_commune": "99999",
        "user_a": str(users["district_a"].pk),
        "no_user": "987654",
        "csv": "csv",
        "xlsx": "xlsx",
        "no_dossier": "987654",
        "version_1": "1",
        "no_version": "99",
        "plan": "bac-kan-2021-2025",
        "no_plan": "khong-co",
    }


def a_signatory(body_key: str, full_name: str = "Triệu Đức Khải"):
    """A signatory of ``body_key`` (the province's chairman, signing since 2021)."""
    from dossiers.documents.models import Signatory

    return Signatory.objects.create(
        body_key=body_key, full_name=full_name, title="CHỦ TỊCH", capacity="head",
        head_title="CHỦ TỊCH", valid_from=dt.date(2021, 1, 1), is_default=True,
    )  # fmt: skip


# the session and login-attempt logs, which a refused request may touch
MAY_TOUCH = ("django_session", "axes_")


def database_fingerprint() -> dict[str, tuple[int, str]]:
    """Every table's rows (count and digest) but those of MAY_TOUCH."""
    with connection.cursor() as cur:
        return table_fingerprints(cur, skip=MAY_TOUCH)


def rows_written() -> dict[str, int]:
    """{table: rows inserted, updated or deleted so far in this transaction} but MAY_TOUCH:
    PostgreSQL's own count (pg_stat_xact_user_tables), one query where a digest of every
    table takes one per table."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE schemaname = 'public'"
        )
        return {table: n for table, n in cur.fetchall() if not table.startswith(MAY_TOUCH)}


@contextlib.contextmanager
def changes_watched() -> Iterator[list[str]]:
    """The tables whose rows differ after the block (count or content; MAY_TOUCH aside),
    filled in when it ends. The block runs in a savepoint; only the tables PostgreSQL
    counts a write to (``rows_written``) are compared, by their digest after the block
    and, once the savepoint is rolled back, before it: a table written with the values it
    had is unchanged."""
    changed: list[str] = []
    savepoint = transaction.savepoint()
    before = rows_written()
    yield changed
    written = sorted(t for t, n in rows_written().items() if n != before.get(t, 0))
    if not written:
        transaction.savepoint_commit(savepoint)
        return
    with connection.cursor() as cur:
        after = table_fingerprints(cur, only=written)
        transaction.savepoint_rollback(savepoint)  # what a refused request wrote, undone
        earlier = table_fingerprints(cur, only=written)
    changed += [t for t in written if after[t] != earlier[t]]


def outcome_of(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/django-admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/dang-nhap/"):
            return LOGIN
    return response.status_code


def check(rule: Rule, url: str, sessions: dict[str, str]) -> list[str]:
    problems = []
    for role in ROLES:
        client = client_as(role, sessions)
        expected = rule.outcome[role]
        if rule.writers is not None:
            watch = rule.method == "post" and role not in rule.writers.split()
        else:
            watch = rule.method == "post" and expected in DENIED
        with changes_watched() if watch else contextlib.nullcontext([]) as changed:
            response = getattr(client, rule.method)(url, rule.data)
        got = outcome_of(response)
        if got != expected and not (isinstance(expected, frozenset) and got in expected):
            problems.append(f"{role}: expected {expected}, got {got}")
        if changed:
            problems.append(f"{role}: a refused POST changed {changed}")
    return problems


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_app_url(rule, matrix_rows, db):
    sessions, objects = matrix_rows
    route = next(route for name, route, _ in url_patterns() if name == rule.name)
    url = concrete_url(route, {k: objects.get(v, v) for k, v in rule.kwargs.items()})
    rule.data = {  # values that name objects become their ids
        k: [objects.get(x, x) for x in v] if isinstance(v, list) else v
        for k, v in rule.data.items()
    }
    assert check(rule, url, sessions) == [], url


ADMIN_PATTERNS = sorted(
    {(name, route) for name, route, _ in url_patterns() if route.startswith("django-admin/")}
)


@pytest.mark.parametrize("name,route", ADMIN_PATTERNS, ids=[r for _, r in ADMIN_PATTERNS])
def test_django_admin_url(name, route, matrix_rows, db):
    sessions, _ = matrix_rows
    if name == route and route.endswith("(?P<url>.*)$"):
        name = "admin:catch_all"
    elif name == route:
        name = "admin:object_redirect"  # <object_id>/ redirects to <object_id>/change/
    rule = Rule(name, admin_rule(name))
    assert check(rule, concrete_url(route, KWARG_VALUES), sessions) == []
