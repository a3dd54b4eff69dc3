"""Who may do what: the role and scope predicates every app composes, and this app's
permissions.

Permissions are ``rules`` predicates registered under a name, one ``permissions.py`` per
app (``communes``, ``criteria``, ``eligibility``, ``dossiers``, ``dossiers.documents``,
``progress``), each importing the predicates below and registering its own names when its
``AppConfig.ready()`` runs. Everything asks by name, with or without an object::

    request.user.has_perm("dossiers.edit_dossier", dossier)   # views, services, selectors
    {% has_perm "communes.import_villages" user as may %}     # templates ({% load rules %})
    permission_required = "emulation.manage_users"             # class-based views

A name never repeats one of Django's model permissions (``add_``, ``change_``,
``delete_``, ``view_`` + model): those are the Django admin's, granted in the database,
and a superuser holds them all; ours are the predicates' answer for everyone, a superuser
being an administrator (:meth:`emulation.models.User.has_perm`).

Scoping (which rows) stays in each app's selectors; the role logic they branch on comes
from here (:func:`unit_scope`, the predicates), so a list and a check cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.conf import settings
from django.utils import timezone

from .models import Role

# --- roles (defined once, as properties of emulation.models.User) ---------------------
# Predicates take the user (and, when they need one, the object). Each returns a bool:
# rules reads None as "no opinion" inside & and |.


@rules.predicate
def has_any_role(user) -> bool:
    """An account with one of the five roles, or a superuser (an account without a role
    opens nothing)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.role in Role.values)


@rules.predicate
def is_admin(user) -> bool:
    """Application administrators: the admin role, and superusers."""
    return bool(getattr(user, "is_app_admin", False))


@rules.predicate
def is_reviewer(user) -> bool:
    """Ban Thi đua - Khen thưởng."""
    return bool(getattr(user, "is_reviewer", False))


@rules.predicate
def is_appraiser(user) -> bool:
    """Văn phòng Điều phối NTM."""
    return bool(getattr(user, "is_appraiser", False))


@rules.predicate
def is_district_staff(user) -> bool:
    return bool(getattr(user, "is_district_staff", False))


@rules.predicate
def is_commune_staff(user) -> bool:
    """Cán bộ UBND cấp xã (two-level local government, from 1/7/2025)."""
    return bool(getattr(user, "is_commune_staff", False))


@rules.predicate
def is_agency_staff(user) -> bool:
    return bool(getattr(user, "is_agency_staff", False))


@rules.predicate
def is_provincial(user) -> bool:
    """Reviewers, appraisers and administrators: the whole province."""
    return bool(getattr(user, "is_provincial", False))


@rules.predicate
def has_district_scope(user) -> bool:
    """District staff with their district set: they work on that district."""
    return bool(is_district_staff(user) and user.district_id)


@rules.predicate
def has_commune_scope(user) -> bool:
    """Commune staff with their commune set: they file for that commune."""
    return bool(is_commune_staff(user) and user.commune_id)


@rules.predicate
def proposing_unit_in_office(user) -> bool:
    """The unit the user files for exists today: a district abolished on 1/7/2025, a
    commune merged into another, an agency dissolved (Thông tư 15/2025/TT-BNV) keeps
    its archive readable and files nothing new. Roles that file for no unit: False."""
    today = timezone.localdate()
    if has_district_scope(user):
        return bool(user.district.valid_on(today))
    if has_commune_scope(user):
        return bool(user.commune.valid_on(today))
    if has_agency_scope(user):
        return bool(user.agency.is_active and user.agency.valid_on(today))
    return False


@rules.predicate
def has_agency_scope(user) -> bool:
    """Agency staff with their agency set: they file for that agency."""
    return bool(is_agency_staff(user) and user.agency_id)


@rules.predicate
def no_object(user, obj) -> bool:
    """The permission is asked without an object ("may they record criteria at all?"),
    which a permission may answer by role alone; with an object, the object decides."""
    return obj is None


# --- scope: which administrative units a user works on --------------------------------


@dataclass(frozen=True)
class UnitScope:
    """Every unit of ``province`` (the installation's, ``PROVINCE_CODE``; the communes'
    selectors add the units formed from its units after it ended), or the one ``district``
    and its communes, or the one ``commune`` (its key), or nothing."""

    province: str = ""
    district: str = ""
    commune: str = ""

    def covers(self, *, district: str | None, province: str, commune: str | None = None) -> bool:
        """Whether a unit (a district, or a commune with its district, possibly None from
        1/7/2025, and its province) is in this scope."""
        if self.province:
            return province == self.province
        if self.district:
            return district == self.district
        if self.commune:
            return commune == self.commune
        return False


def unit_scope(user) -> UnitScope:
    """Provincial roles: the installation's province (``PROVINCE_CODE``), even when other
    provinces share the database; district staff: their own district; commune staff:
    their own commune; others: none."""
    if is_provincial(user):
        return UnitScope(province=settings.PROVINCE_CODE)
    if has_district_scope(user):
        return UnitScope(district=user.district_id)
    if has_commune_scope(user):
        return UnitScope(commune=user.commune_id)
    return UnitScope()


def own_district(user) -> str:
    """The district whose records the user writes (district staff's own), else ""."""
    return user.district_id if has_district_scope(user) else ""


@rules.predicate
def scope_covers_district(user, district) -> bool:
    """``district`` (a communes.District) is in the user's unit scope."""
    if district is None:
        return False
    return unit_scope(user).covers(district=district.code, province=district.province_id)


@rules.predicate
def is_own_district(user, district) -> bool:
    """``district`` (a communes.District) is the one the user writes for."""
    code = own_district(user)
    return bool(code) and district is not None and district.code == code


# --- this app's permissions ------------------------------------------------------------

rules.add_perm("emulation.manage_users", is_admin)  # accounts, roles and scopes
rules.add_perm("emulation.manage_rulesets", is_admin)  # thresholds: read, edit as a version
rules.add_perm("emulation.manage_plans", is_admin)  # plans: create, edit rounds and titles
rules.add_perm("emulation.read_audit_log", is_admin)  # Nhật ký thay đổi
