"""Content-Security-Policy: scripts and styles only from our own static files."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DatabaseError
from django.utils import translation

from emulation.text import has_nul, reject_nul

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The app needs no camera, microphone, location or payment: say so to the browser.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    a civil servant whose browser happens to be English still gets Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RejectNulMiddleware:
    """A NUL character is never typed by a person and PostgreSQL refuses it in text:
    one anywhere in the request (path, query string, cookies, form body, uploaded file
    names) is answered 400 (a Vietnamese page) before any view sees it.

    The form body is read in ``process_view``, after URL resolution, except for the
    views that install their own upload handlers first (marked ``csrf_exempt`` for that
    reason, e.g. dossier attachments): those call :func:`emulation.text.reject_nul`
    themselves once the body is parsed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info:
            raise SuspiciousOperation("NUL character in the path")
        if has_nul(request.GET) or has_nul(request.COOKIES):
            raise SuspiciousOperation("NUL character in the query string or a cookie")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            reject_nul(request)


logger = logging.getLogger(__name__)

# PostgreSQL's insufficient_privilege: what a row-level security policy's WITH CHECK answers
WALL_REFUSED = "42501"


class ProvinceWallMiddleware:
    """A write that the province wall refuses (row-level security, config.dbwall: a row of
    another province, or of no body of this installation) is answered 403, never 500,
    and logged: the first wall (the views' own scoping) should have refused it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        cause = exception.__cause__ if isinstance(exception, DatabaseError) else None
        if getattr(cause, "pgcode", None) == WALL_REFUSED and "row-level security" in str(cause):
            logger.warning("The province wall refused a write: %s %s", request.path, cause)
            raise PermissionDenied from exception
        return None
