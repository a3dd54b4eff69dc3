"""Settings of the NTM award application, read from environment variables.

DATABASE_URL   PostgreSQL in production (postgres://user:pass@host:5432/name);
               when unset, an SQLite file under var/ (the embedded demo default).
SECRET_KEY     required when DEBUG is off.
DEBUG          "1" / "true" to turn on; off by default.
ALLOWED_HOSTS  comma-separated host names.

Several app servers (see docs/operations.md): everything a request needs lives
in shared services, nothing on the host.
REDIS_URL      redis://host:6379/0: Django's cache in Redis and sessions in
               "cached_db" (Redis in front of the database). Unset: local-memory
               cache and database sessions (one machine, the demo).
MEDIA_ROOT     uploaded files on a filesystem shared by every app server, or
STORAGE_S3_BUCKET (+ STORAGE_S3_ENDPOINT_URL, STORAGE_S3_REGION,
               STORAGE_S3_ACCESS_KEY, STORAGE_S3_SECRET_KEY, STORAGE_S3_PREFIX):
               S3-compatible object storage through django-storages.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import sqlite

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_date(name: str) -> dt.date | None:
    """An ISO date (2022-05-20), or None when unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date as YYYY-MM-DD, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # Developer commands that never sign anything may run without a key.
    _dev_command = os.path.basename(sys.argv[0]) == "manage.py" and sys.argv[1:2] in (
        ["makemigrations"],
        ["makemessages"],
        ["compilemessages"],
    )
    if not DEBUG and not env_bool("ALLOW_INSECURE_KEY", False) and not _dev_command:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "rules",  # permissions as predicates; {% load rules %} in templates
    # Our apps, bottom layer first (docs/architecture.md; import-linter enforces it).
    "emulation",
    "communes",
    "criteria",
    "eligibility",
    "dossiers",
    "dossiers.documents",
    "dossiers.history",
    "progress",
    "config",
    "django_tasks",
    "django_tasks_db",
]
# Development tools (benchmark pages, national-scale seeding, `bench*` commands): installed
# in development (DEBUG) and where DEVTOOLS=1 asks for them, never in production.
DEVTOOLS = env_bool("DEVTOOLS", DEBUG)
if DEVTOOLS:
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.middleware.ProvinceWallMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)
DATABASES = {
    # SQLite (the demo) shares its file with the document worker: WAL, BEGIN IMMEDIATE,
    # a busy timeout and a retry (config/sqlite), never a 500 "database is locked".
    "default": sqlite.configure(
        dj_database_url.config(
            default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "emulation.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing accounts of another province's installation
    "emulation.auth.ProvinceModelBackend",
    # The app's permissions: predicates each app registers (emulation/permissions.py).
    # Users answer them without the backends (emulation.models.User.has_perm); this one
    # answers for anonymous visitors.
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own, with the message in Vietnamese (its Vietnamese catalogue has none)
    {"NAME": "config.passwords.MinimumLengthValidator"},
    {"NAME": "config.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Repeated failed logins are throttled (django-axes): 5 failures lock the
# username + IP pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# Uploaded dossier documents live outside the web root and are only ever
# served by a view that checks the user may see the dossier.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
STORAGE_S3_BUCKET = os.environ.get("STORAGE_S3_BUCKET", "")
if STORAGE_S3_BUCKET:
    # Private objects: documents are only ever streamed by permission-checked views.
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            "access_key": os.environ.get("STORAGE_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("STORAGE_S3_SECRET_KEY") or None,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "khenthuong-ntm@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ntm"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A session lasts at most 8 hours from login (a working day), and ends when
# the browser closes. Expired rows are removed by `manage.py clearsessions`.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production hardening: on unless DEBUG (or explicitly turned off behind a
# TLS-terminating proxy that the tests cannot emulate).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe the health check over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The province the deployment serves (another province adopting the app
# changes these and loads its own unit list).
PROVINCE_CODE = os.environ.get("PROVINCE_CODE", "06")
# Whether a district's or a commune's UBND heads its documents with the UBND one
# level up as tên cơ quan chủ quản ("UBND TỈNH BẮC KẠN" above "ỦY BAN NHÂN DÂN /
# HUYỆN BẠCH THÔNG"), as ../shared/domain/documents.md shows. Thông tư
# 01/2011/TT-BNV (Điều 7, replaced by Nghị định 30/2020/NĐ-CP) wrote no superior
# body for HĐND and UBND of any level; a province that keeps that practice sets 0.
DOCUMENT_COMMITTEE_SUPERIOR = env_bool("DOCUMENT_COMMITTEE_SUPERIOR", True)
# The province's own movement and plan, as documents name and cite them
# (dossiers/documents/legal.py): the movement's name, empty for "<the province's
# name> chung sức xây dựng nông thôn mới" (Bắc Kạn's); the plan's number and date
# (ISO), both or neither: "Căn cứ Kế hoạch số 123/KH-UBND ngày 20/05/2022 của Ủy
# ban nhân dân tỉnh …", and without them "Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh …".
MOVEMENT_NAME = " ".join(os.environ.get("MOVEMENT_NAME", "").split())
PLAN_NUMBER = os.environ.get("PLAN_NUMBER", "").strip()
PLAN_DATE = env_date("PLAN_DATE")
if bool(PLAN_NUMBER) != bool(PLAN_DATE):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PLAN_NUMBER and PLAN_DATE are set together, or neither.")
DEMO_MODE = env_bool("DEMO_MODE", False)
# Row-level security between provinces sharing a PostgreSQL database (config.dbwall):
# each connection sets app.province to this installation's provinces. 0 = a maintenance
# session that sees every province.
PROVINCE_WALL = env_bool("PROVINCE_WALL", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Background jobs (many documents at once): django-tasks with its database
# backend; scripts/worker.sh runs the worker (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Absolute address of the app for links in e-mails ("https://khenthuong.example.gov.vn").
SITE_URL = os.environ.get("SITE_URL", "")
# Key that encrypts the uploaded signing certificates and their passphrases (issue 16);
# empty: derived from SECRET_KEY. Changing it makes the stored certificates unreadable.
SIGNING_KEY = os.environ.get("SIGNING_KEY", "")
# The archive package of a decided round (docs/archive-package.md): the keeping body's
# mã định danh (Quyết định 20/2020/QĐ-TTg; empty: the placeholder "T<province code>", and
# the metadata says it is one), the retention period and the subject code it declares.
ARCHIVE_AGENCY_ID = os.environ.get("ARCHIVE_AGENCY_ID", "")
ARCHIVE_RETENTION = os.environ.get("ARCHIVE_RETENTION", "Vĩnh viễn")
ARCHIVE_SUBJECT_CODE = os.environ.get("ARCHIVE_SUBJECT_CODE", "TĐKT")
# Address of an RFC 3161 time-stamping server (a licensed provider's TSA): when set, every
# signature the app makes carries its time-stamp (PAdES B-T); empty: no time-stamp.
SIGNING_TSA_URL = os.environ.get("SIGNING_TSA_URL", "")
