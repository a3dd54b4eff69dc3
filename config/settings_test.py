"""Test settings: always PostgreSQL (TEST_DATABASE_URL, default the local server)."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DEVTOOLS", "1")  # the benchmark commands are tested too

import dj_database_url  # noqa: E402

from config.settings import *  # noqa: E402,F403

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ntm"),
        conn_max_age=0,
    )
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Static files are looked up when asked for, not listed when the middleware starts: the test
# client starts the middleware again for every Client(), and listing every file of every
# finder each time (25 ms) was a fifth of the permissions matrix's time.
WHITENOISE_AUTOREFRESH = True
# One folder per pytest-xdist worker ("gw0", ...): workers never see each other's files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / (f"test-media-{_WORKER}" if _WORKER else "test-media")  # noqa: F405
# Browser tests run Playwright's sync API inside pytest-django's live server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
