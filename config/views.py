"""Views of the shell: home per role, health check, users (admins only)."""

from __future__ import annotations

import datetime as dt
import logging
import sys

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import CreateView, ListView, UpdateView

from config.audit import audit_entries, kind_choices, present
from config.forms import AuditFilterForm, UserCreateForm, UserUpdateForm
from config.home import panels_for
from dossiers.services.notifications import MAX_EMAIL_ATTEMPTS, failed_emails
from emulation.audit import log_action, snapshot
from emulation.models import User
from emulation.provinces import in_provinces, installation_provinces

log = logging.getLogger(__name__)

# What the log keeps of an account: its role and scope, never its password.
USER_AUDIT_FIELDS = (
    "username",
    "full_name",
    "email",
    "role",
    "district",
    "agency",
    "province",
    "is_active",
)


@login_required
@require_GET
def home(request):
    return render(request, "home.html", {"panels": panels_for(request.user)})


@require_GET
@never_cache
def healthz(request):
    """JSON for load balancers and monitors: ``{"status": "ok"}`` (200) or
    ``{"status": "failing"}`` (503) when the database does not answer. Nothing else: no
    vendor, no exception class (the server's log has those)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - the health check reports, never raises
        log.warning("healthz: the database does not answer", exc_info=True)
        return JsonResponse({"status": "failing"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    """The last resort: a Vietnamese page that needs neither the database nor the session.

    When the database is unreachable (restarting, failing over) the answer is
    503 with Retry-After, so that proxies and people know to try again soon.
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def bad_request(request, exception):
    return HttpResponse(render_to_string("400.html"), status=400)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


class NearestPageMixin:
    """A page number that is not one (?page=abc, -1, 10**20) shows the nearest page."""

    def paginate_queryset(self, queryset, page_size):
        # a mixin of ListView: get_paginator and request come from it
        paginator = self.get_paginator(queryset, page_size)  # type: ignore[attr-defined]
        page = paginator.get_page(self.request.GET.get("page"))  # type: ignore[attr-defined]
        return paginator, page, page.object_list, page.has_other_pages()


class UserListView(PermissionRequiredMixin, NearestPageMixin, ListView):
    permission_required = "emulation.manage_users"
    template_name = "users/user_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = (
            installation_users()
            .select_related("district", "commune", "agency")
            .order_by("role", "username")
        )
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(
                Q(username__icontains=q) | Q(full_name__icontains=q) | Q(email__icontains=q)
            )
        return qs


def _user_province(user: User) -> str:
    if user.district:
        return user.district.province_id
    if user.commune and user.commune.province_id:
        return user.commune.province_id
    return user.province_id or settings.PROVINCE_CODE


def _user_label(user: User) -> str:
    return f"{user.username} — {user.full_name}" if user.full_name else user.username


class UserCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "emulation.manage_users"
    model = User
    form_class = UserCreateForm
    template_name = "users/user_form.html"

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            assert self.object is not None  # form_valid saved it
            log_action(
                action="user.created",
                obj=self.object,
                by=self.request.user,
                after=snapshot(self.object, USER_AUDIT_FIELDS),
                label=_user_label(self.object),
                province=_user_province(self.object),
            )
        messages.success(self.request, _("Đã tạo tài khoản %(u)s.") % {"u": self.object.username})
        return response

    def get_success_url(self):
        return reverse("users:users")


def installation_users():
    """The accounts of this installation's province and its lineage: another province
    sharing the database keeps its users to itself (a superuser of none is not listed)."""
    return User.objects.filter(in_provinces("province_id", installation_provinces()))


class UserUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "emulation.manage_users"
    model = User
    form_class = UserUpdateForm
    template_name = "users/user_form.html"

    def get_queryset(self):
        return installation_users()

    def form_valid(self, form):
        with transaction.atomic():
            # the bound form has already written the new values onto self.object
            stored = (
                User.objects.select_for_update(of=("self",))
                .select_related("district", "agency", "province")
                .get(pk=self.object.pk)
            )
            before = snapshot(stored, USER_AUDIT_FIELDS)
            response = super().form_valid(form)
            after = snapshot(self.object, USER_AUDIT_FIELDS)
            if before != after:
                log_action(
                    action="user.changed",
                    obj=self.object,
                    by=self.request.user,
                    before=before,
                    after=after,
                    label=_user_label(self.object),
                    province=_user_province(self.object),
                )
        messages.success(self.request, _("Đã lưu tài khoản %(u)s.") % {"u": self.object.username})
        return response

    def get_success_url(self):
        return reverse("users:users")

    def get_context_data(self, **kwargs):
        return super().get_context_data(locked=is_locked_out(self.object), **kwargs)


def is_locked_out(user: User) -> bool:
    """Whether the login throttle (django-axes) refuses the account now."""
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(
        username=user.username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()


def _unlock(user: User) -> int:
    """Forget the account's failed logins (every address): it may sign in again."""
    deleted, _rows = AccessAttempt.objects.filter(username=user.username).delete()
    return deleted


@login_required
@permission_required("emulation.manage_users", raise_exception=True)
@require_http_methods(["GET", "POST"])
def user_password_reset(request, pk: int):
    """An administrator sets a new password for an account (and lifts a lock-out)."""
    account = get_object_or_404(installation_users(), pk=pk)
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            _unlock(account)
            log_action(
                action="user.password_reset",
                obj=account,
                by=request.user,
                label=_user_label(account),
                province=_user_province(account),
            )
        messages.success(
            request,
            _(
                "Đã đặt lại mật khẩu của %(u)s. Báo mật khẩu mới cho người dùng; họ nên đổi "
                "mật khẩu sau khi đăng nhập."
            )
            % {"u": account.username},
        )
        return redirect("users:user_update", pk=account.pk)
    return render(request, "users/user_password.html", {"account": account, "form": form})


@login_required
@require_POST
@permission_required("emulation.manage_users", raise_exception=True)
def user_unlock(request, pk: int):
    """Lift the lock-out of an account after too many failed logins."""
    account = get_object_or_404(installation_users(), pk=pk)
    with transaction.atomic():
        if _unlock(account):
            log_action(
                action="user.unlocked",
                obj=account,
                by=request.user,
                label=_user_label(account),
                province=_user_province(account),
            )
    messages.success(request, _("Đã mở khoá tài khoản %(u)s.") % {"u": account.username})
    return redirect("users:user_update", pk=account.pk)


class AuditLogView(PermissionRequiredMixin, NearestPageMixin, ListView):
    """Nhật ký thay đổi: the writes decisions rest on, filtered by object, user and date."""

    permission_required = "emulation.read_audit_log"
    template_name = "users/audit_log.html"
    paginate_by = 50

    def get_queryset(self):
        self.form = AuditFilterForm(self.request.GET or None, kinds=kind_choices())
        self.form.is_valid()
        return audit_entries(**self.form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["lines"] = present(context["object_list"])
        return context


class MailFailuresView(PermissionRequiredMixin, NearestPageMixin, ListView):
    """Thư chưa gửi được: notification e-mails the mail server refused (retried by
    `manage.py send_notification_emails`), so that an administrator can tell the people
    concerned another way."""

    permission_required = "emulation.read_audit_log"
    template_name = "users/mail_failures.html"
    paginate_by = 50

    def get_queryset(self):
        return failed_emails()

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_attempts=MAX_EMAIL_ATTEMPTS, **kwargs)
