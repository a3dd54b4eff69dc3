"""Security settings: the production configuration, login throttling, sessions, headers."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from config import views
from tests.conftest import PASSWORD
from tests.system.servers import ROOT, database_url, django_run, manage, production_env

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def prod_env(tmp_path):
    """A production deployment's environment: DEBUG off, real secret, HTTPS behind a proxy."""
    env = production_env(
        tmp_path,
        db_url=database_url(connection.settings_dict["NAME"]),
        ALLOWED_HOSTS="khenthuong.example.gov.vn,testserver",
        CSRF_TRUSTED_ORIGINS="https://khenthuong.example.gov.vn",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    del env["SECURE_SSL_REDIRECT"]  # the production default: on
    return env


def test_check_deploy_reports_nothing_in_production(prod_env):
    run = manage(prod_env, "check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in run.stdout, run.stdout + run.stderr


def test_production_settings_are_hardened(prod_env):
    values = json.loads(
        django_run(
            prod_env,
            "import json; from django.conf import settings as s\n"
            "print(json.dumps({k: getattr(s, k) for k in ["
            "'DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
            "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
            "'SESSION_COOKIE_HTTPONLY', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE',"
            "'X_FRAME_OPTIONS', 'SESSION_ENGINE', 'AXES_FAILURE_LIMIT']}))",
        )
    )
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_AGE": 8 * 3600,
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_ENGINE": "django.contrib.sessions.backends.db",
        "AXES_FAILURE_LIMIT": 5,
    }


def test_production_redirects_to_https_but_not_the_health_check(prod_env):
    out = django_run(
        prod_env,
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='khenthuong.example.gov.vn')\n"
        "r = c.get('/dang-nhap/'); print(r.status_code, r['Location'])\n"
        "r = c.get('/healthz'); print(r.status_code)\n"
        "r = c.get('/dang-nhap/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(r.status_code, r['Strict-Transport-Security'], r.cookies['csrftoken']['secure'])\n",
    )
    redirect, health, secure = out.strip().splitlines()
    assert redirect == "301 https://khenthuong.example.gov.vn/dang-nhap/"
    assert health == "200"
    assert secure == "200 max-age=31536000; includeSubDomains; preload True"


def test_production_refuses_to_start_without_a_secret_key(prod_env):
    del prod_env["SECRET_KEY"]
    run = manage(prod_env, "check", check=False)
    assert run.returncode != 0
    assert "SECRET_KEY must be set" in run.stderr


def test_shared_cache_and_object_storage_come_from_the_environment(prod_env):
    prod_env.update(
        REDIS_URL="redis://127.0.0.1:6379/3",
        STORAGE_S3_BUCKET="ntm-ho-so",
        STORAGE_S3_ENDPOINT_URL="https://s3.example.gov.vn",
        STORAGE_S3_ACCESS_KEY="khoa",
        STORAGE_S3_SECRET_KEY="bi-mat",
        STORAGE_S3_PREFIX="bac-kan",
    )
    values = json.loads(
        django_run(
            prod_env,
            "import json; from django.conf import settings as s\n"
            "from django.core.files.storage import storages; d = storages['default']\n"
            "print(json.dumps([s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'],"
            " s.SESSION_ENGINE, type(d).__module__ + '.' + type(d).__name__, d.bucket_name,"
            " d.endpoint_url, d.location, d.default_acl, d.file_overwrite]))",
        )
    )
    assert values == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
        "django.contrib.sessions.backends.cached_db",
        "storages.backends.s3.S3Storage",
        "ntm-ho-so",
        "https://s3.example.gov.vn",
        "bac-kan",
        "private",
        False,
    ]


def test_uploads_live_outside_the_web_root_and_are_not_served(client, users):
    media = Path(settings.MEDIA_ROOT).resolve()
    served = [
        Path(settings.STATIC_ROOT).resolve(),
        *(Path(d).resolve() for d in settings.STATICFILES_DIRS),
    ]
    assert not any(media.is_relative_to(d) or d.is_relative_to(media) for d in served)
    media.mkdir(parents=True, exist_ok=True)
    (media / "bi-mat.txt").write_text("không được lộ")
    try:
        client.force_login(users["admin"])
        for url in [settings.MEDIA_URL + "bi-mat.txt", "/media/bi-mat.txt", "/static/../var/"]:
            response = client.get(url)
            assert response.status_code == 404
            assert "không được lộ" not in response.content.decode()
    finally:
        (media / "bi-mat.txt").unlink()


# --- login throttling (django-axes) ---------------------------------------------------------


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failed_logins_lock_the_account_even_with_the_right_password(client, users):
    user = users["district_a"]
    for _ in range(4):
        response = _login(client, user.username, "sai-mat-khau")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    locked = _login(client, user.username, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    again = _login(client, user.username, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked.
    other = _login(client, users["district_b"].username, PASSWORD)
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(users["district_b"].pk)


def test_a_success_before_the_limit_resets_the_count(client, users):
    user = users["reviewer"]
    for _ in range(4):
        _login(client, user.username, "sai")
    assert _login(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, user.username, "sai").status_code == 200
    assert _login(client, user.username, PASSWORD).status_code == 302


# --- sessions -------------------------------------------------------------------------------


def test_session_ends_at_browser_close_and_after_eight_hours(client, users):
    response = _login(client, users["appraiser"].username, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True
    session = Session.objects.get(session_key=cookie.value)
    expected = timezone.now() + dt.timedelta(hours=8)
    assert abs((session.expire_date - expected).total_seconds()) < 60
    assert client.get(reverse("home")).status_code == 200

    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logout_ends_the_session_on_the_server(client, users):
    _login(client, users["admin"].username, PASSWORD)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()


# --- headers and pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/dang-nhap/", "/", "/khong-co-trang-nay/", "/quan-tri/nguoi-dung/"]
)
def test_security_headers_on_every_kind_of_page(login, users, path):
    client = login(users["district_a"])
    response = client.get(path)
    assert response.status_code in {200, 403, 404}
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_relies_on_inline_script_that_the_csp_blocks():
    templates = [p for p in ROOT.rglob("templates/**/*.html") if ".venv" not in p.parts]
    assert len(templates) > 10
    offenders = [
        str(p.relative_to(ROOT))
        for p in templates
        if INLINE_SCRIPT.search(p.read_text()) or EVENT_HANDLER.search(p.read_text())
    ]
    assert offenders == []


def test_database_outage_gives_a_vietnamese_503_without_traceback():
    request = RequestFactory().get("/")
    try:
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    except OperationalError:
        response = views.server_error(request)
    body = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Hệ thống tạm thời gián đoạn" in body
    assert "Traceback" not in body and "5432" not in body

    try:
        raise KeyError("bí mật nội bộ")
    except KeyError:
        response = views.server_error(request)
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()
    assert "bí mật" not in response.content.decode()
