"""Real processes for system tests: throwaway databases, gunicorn servers, production settings.

Tests that prove what happens across processes (two app servers, a database
restart, backup and restore, the production settings) cannot use pytest-django's
transactional database: they create their own database on the test server,
start the app as it runs in production (config.settings, DEBUG off) and
drop everything at the end.

Two runs may share one PostgreSQL server (other branches, other checkouts): every
database made here is named after the database of TEST_DATABASE_URL and, under
pytest-xdist, the worker (`system_database_name`), so runs with different
TEST_DATABASE_URL never meet, nor do two workers of one run, and every server listens
on a port the kernel found free at run time. A run that was
killed leaves its databases behind, perhaps with connections still open: the next
run of the same configuration ends those connections and drops the database first.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import os
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# The same default as config/settings_test.py (tests/test_servers.py checks they agree).
BASE_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ntm")
# PostgreSQL's limit on a database name, in bytes (NAMEDATALEN - 1).
MAX_NAME = 63
# pytest-xdist's worker of this process ("gw0", "gw1", ...), empty when tests run in one.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# The servers a test starts get SIGTERM when the test process dies, even by SIGKILL (which
# runs no `finally`): a killed run leaves no server holding a port or a connection.
DIE_WITH_TEST = ["setpriv", "--pdeathsig", "TERM", "--"] if shutil.which("setpriv") else []


def database_url(name: str, base: str = BASE_URL) -> str:
    """The URL of database `name` on the server of `base`."""
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def system_database_name(purpose: str, base: str = BASE_URL, worker: str = WORKER) -> str:
    """`<database of base>_e2e_<purpose>[_<worker>]`: the database a system test makes for
    `purpose`.

    Named after the run's own database (`ntm` gives `ntm_e2e_backup`), so that runs with
    different TEST_DATABASE_URL on one server never use, nor drop, each other's; and after
    the pytest-xdist worker that runs the test (`ntm_e2e_backup_gw0`), so that two workers
    never do either. The `_e2e_` keeps it apart from a real database named
    `<database>_backup`. A name over PostgreSQL's 63 bytes is cut and ends with a hash of
    the whole, to stay distinct.
    """
    name = f"{urlsplit(base).path.lstrip('/')}_e2e_{purpose}" + (f"_{worker}" if worker else "")
    if len(name.encode()) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    head = name.encode()[: MAX_NAME - len(digest) - 1].decode(errors="ignore")
    return f"{head}_{digest}"


def admin_connection(base: str = BASE_URL):
    conn = psycopg2.connect(database_url("postgres", base))
    conn.autocommit = True
    return conn


def drop_database(name: str, base: str = BASE_URL) -> None:
    """Drop `name` if it exists, whoever is still connected to it.

    `WITH (FORCE)` ends every other connection to the database (a server or a test of a run
    that was killed may still hold one) and keeps new ones out until it is gone.
    """
    with contextlib.closing(admin_connection(base)) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextlib.contextmanager
def empty_database(name: str, *, base: str = BASE_URL) -> Iterator[str]:
    """A new, empty database `name` (a leftover of that name is dropped first); dropped at the
    end, even with connections still open. Yields its URL."""
    drop_database(name, base)
    with contextlib.closing(admin_connection(base)) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(name, base)
    finally:
        drop_database(name, base)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on now (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_python(
    env: dict[str, str], *args: str, check: bool = True, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run this virtualenv's Python in the repository; raise with its output when it fails."""
    run = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and run.returncode != 0:
        raise AssertionError(f"{' '.join(args)[:200]} failed:\n{run.stdout}\n{run.stderr}")
    return run


@functools.cache
def collected_static() -> str:
    """Static files collected once per test process, as `collectstatic` does in production."""
    target = tempfile.mkdtemp(prefix="ntm-static-")
    atexit.register(shutil.rmtree, target, True)
    env = {**os.environ, "SECRET_KEY": "collectstatic", "STATIC_ROOT": target}
    env.pop("DEBUG", None)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    run_python(env, "manage.py", "collectstatic", "--noinput", "-v0")
    return target


def table_fingerprints(
    cur, *, skip: tuple[str, ...] = (), only: Collection[str] | None = None
) -> dict[str, tuple[int, str]]:
    """Row count and md5 of all rows' text, for every table of the public schema (or those
    of ``only``)."""
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [
        t
        for (t,) in cur.fetchall()
        if not (skip and t.startswith(skip)) and (only is None or t in only)
    ]
    result = {}
    for table in tables:
        cur.execute(
            sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                " FROM {} t"
            ).format(sql.Identifier(table))
        )
        result[table] = tuple(cur.fetchone())
    return result


def production_env(tmp: Path, *, db_url: str, **extra: str) -> dict[str, str]:
    """Environment of a production deployment (DEBUG off) on loopback, plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "PYTEST", "REDIS_URL", "STORAGE_S3"))
    }
    env.update(
        DATABASE_URL=db_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=collected_static(),
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run_python(env, "manage.py", *args, check=check)


def django_run(env: dict[str, str], code: str) -> str:
    """Run `code` in a fresh Python with Django set up from `env`; return its stdout."""
    return run_python(env, "-c", "import django; django.setup()\n" + code, timeout=120).stdout


@contextlib.contextmanager
def fresh_database(name: str, tmp: Path, *, base: str = BASE_URL, **extra: str) -> Iterator[dict]:
    """A new database, migrated, with the official units (Bắc Kạn until 30/6/2025);
    dropped at the end.

    A leftover of the same name is dropped first. Yields the production environment that
    points at it. The database is a copy of ``migrated_template()`` (``CREATE DATABASE …
    TEMPLATE`` on the same server, a ``pg_dump`` of it loaded on another): migrating takes
    seconds, copying a fraction of one.
    """
    template = migrated_template()
    drop_database(name, base)
    if base == BASE_URL:
        with contextlib.closing(admin_connection(base)) as conn, conn.cursor() as cur:
            cur.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        url = database_url(name, base)
    else:
        with contextlib.closing(admin_connection(base)) as conn, conn.cursor() as cur:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = database_url(name, base)
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "-d", database_url(template)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", url],
            input=dump.stdout, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    try:
        yield production_env(tmp, db_url=url, **extra)
    finally:
        drop_database(name, base)


@functools.cache
def migrated_template() -> str:
    """The name of a database on the test server migrated as production migrates
    (``manage.py migrate``) with the official units loaded (``load_admin_units
    --no-reorganisation``), made once per test process and dropped when it ends: what
    ``fresh_database`` copies."""
    name = system_database_name("template")
    drop_database(name)
    with contextlib.closing(admin_connection()) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    atexit.register(drop_database, name)
    folder = tempfile.mkdtemp(prefix="ntm-template-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    env = production_env(Path(folder), db_url=database_url(name))
    manage(env, "migrate", "-v0")
    # Bắc Kạn as it stood until 30/6/2025, as in tests/conftest.py: its districts'
    # staff file the dossiers the system tests make
    manage(env, "load_admin_units", "--no-reorganisation")
    return name


class Server:
    """One gunicorn serving the app on 127.0.0.1:port (0: a port free at run time).

    The socket is bound here and handed to gunicorn (`--bind fd://N`): no other process
    can take the port between our choice and gunicorn's start, and what answers on it
    is this gunicorn, never a server another run left behind.
    """

    def __init__(
        self,
        env: dict[str, str],
        port: int = 0,
        *,
        workers: int = 2,
        log: Path,
        options: tuple[str, ...] = (),
    ):
        listener = socket.socket()
        listener.bind(("127.0.0.1", port))
        self.port = listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = open(log, "wb")  # noqa: SIM115 - closed in stop()
        with listener:
            self.proc = subprocess.Popen(
                [
                    *DIE_WITH_TEST,
                    GUNICORN,
                    "config.wsgi",
                    "--bind",
                    f"fd://{listener.fileno()}",
                    "--workers",
                    str(workers),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                    *options,
                ],
                cwd=ROOT,
                env=env,
                stdout=self._out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                pass_fds=(listener.fileno(),),
            )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn on {self.port} not ready:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self._out.close()


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    port: int = 0,
    *,
    workers: int = 2,
    log: Path,
    options: tuple[str, ...] = (),
) -> Iterator[Server]:
    """gunicorn serving the app; `options`: more of gunicorn's command-line options."""
    server = Server(env, port, workers=workers, log=log, options=options)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """A person's browser, as requests sees it, behind the TLS-terminating proxy.

    The proxy header makes Django treat the request as HTTPS (secure cookies,
    strict CSRF referer check), as it does in production. Cookies are kept
    here by name, not by host and port, as one site behind a load balancer.
    """

    def __init__(self, base_url: str):
        import requests

        self.base_url = base_url
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, base_url: str | None = None, **kwargs):
        base = base_url or self.base_url
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": base.replace("http://", "https://") + "/",
            **kwargs.pop("headers", {}),
        }
        response = self.http.request(
            method,
            base + path,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 30),
            **kwargs,
        )
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def csrf_token(self, path: str, **kwargs) -> str:
        page = self.get(path, **kwargs)
        match = CSRF_INPUT.search(page.text)
        assert match, f"no CSRF token on {path} ({page.status_code})"
        return match.group(1)

    def submit(self, path: str, data: dict | None = None, *, files=None, **kwargs):
        """GET the form at `path`, then POST `data` with its CSRF token, like a person."""
        token = self.csrf_token(path, **kwargs)
        return self.request(
            "POST", path, data={"csrfmiddlewaretoken": token, **(data or {})}, files=files, **kwargs
        )

    def login(self, username: str, password: str, **kwargs):
        response = self.submit(
            "/dang-nhap/", {"username": username, "password": password}, **kwargs
        )
        assert response.status_code == 302, response.text[:500]
        return response


SEED_USERS = """
from communes.models import District
from tests.factories import role_users
role_users(District.objects.get(code="063"), District.objects.get(code="061"), PASSWORD)
"""


def seed_users(env: dict[str, str], password: str) -> None:
    """The six users of tests/conftest.py (tests.factories.role_users), in a database of a
    real server."""
    django_run(env, f"PASSWORD = {password!r}\n" + SEED_USERS)


class ThrowawayCluster:
    """A private PostgreSQL cluster in a temporary folder, ours to stop and restart.

    The machine's main cluster is shared with other test runs: never restart it. The
    cluster listens on a port free at run time (`port`, known once `create` has run).
    """

    START_ATTEMPTS = 5

    def __init__(self):
        # Not under pytest's tmp_path: PostgreSQL's user must be able to reach the folder.
        folder = Path(tempfile.mkdtemp(prefix="ntm-pg-"))
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        assert bins, "PostgreSQL server binaries not found under /usr/lib/postgresql"
        self.bin = bins[-1].parent
        self.port = 0
        self.data = folder / "data"
        self.socket_dir = folder / "socket"
        self.log = folder / "postgresql.log"
        # As root, PostgreSQL runs as its own user; as anyone else, as that user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.socket_dir.mkdir()
        if self.as_owner:
            shutil.chown(folder, "postgres")
            shutil.chown(self.socket_dir, "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, *args], check=True, capture_output=True, timeout=120, cwd="/"
        )

    def pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args)

    def create(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        # The port is free when chosen, but another process may take it before PostgreSQL
        # binds it: PostgreSQL then refuses to start, and we try another.
        conf = self.data / "postgresql.auto.conf"
        initial = conf.read_text()
        for attempt in range(1, self.START_ATTEMPTS + 1):
            self.port = free_port()
            conf.write_text(
                f"{initial}port = {self.port}\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "listen_addresses = '127.0.0.1'\n"
            )
            try:
                self.pg_ctl("start", "-w")
                return
            except subprocess.CalledProcessError:
                log = self.log.read_text(errors="replace") if self.log.exists() else ""
                in_use = "Address already in use" in log
                if not in_use or attempt == self.START_ATTEMPTS:
                    raise
                self.log.unlink()

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(self.data.parent, ignore_errors=True)


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[ThrowawayCluster]:
    cluster = ThrowawayCluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


@dataclass
class S3:
    env: dict[str, str]  # the STORAGE_S3_* settings that point the app at the store
    client: object  # a boto3 client, for the test's own look at the bucket


# moto's server on a port the kernel picks when it binds (no race for the port): the
# process prints the port once it listens, then serves until it is terminated.
MOTO_SERVER = """
import signal
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer("127.0.0.1", 0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
signal.pause()
"""


@contextlib.contextmanager
def s3_server(bucket: str, log: Path) -> Iterator[S3]:
    """An S3-compatible object store on loopback (moto's server) with one private bucket."""
    out = open(log, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [*DIE_WITH_TEST, PYTHON, "-c", MOTO_SERVER],
        stdout=subprocess.PIPE,
        stderr=out,
        start_new_session=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else b""
        assert line.strip().isdigit(), f"moto's server did not start:\n{log.read_text()}"
        endpoint = f"http://127.0.0.1:{int(line)}"
        env = {
            "STORAGE_S3_BUCKET": bucket,
            "STORAGE_S3_ENDPOINT_URL": endpoint,
            "STORAGE_S3_REGION": "ap-southeast-1",
            "STORAGE_S3_ACCESS_KEY": "ntm-test",
            "STORAGE_S3_SECRET_KEY": "ntm-test-secret",
        }
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=env["STORAGE_S3_REGION"],
            aws_access_key_id=env["STORAGE_S3_ACCESS_KEY"],
            aws_secret_access_key=env["STORAGE_S3_SECRET_KEY"],
        )
        client.create_bucket(
            Bucket=bucket,
            CreateBucketConfiguration={"LocationConstraint": env["STORAGE_S3_REGION"]},
        )
        yield S3(env=env, client=client)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
        proc.stdout.close()
        out.close()


SEED_DOSSIERS = """
import datetime as dt
from django.core.files.uploadedfile import SimpleUploadedFile
from communes.models import District
from dossiers import services
from dossiers.models import AttachmentKind, NomineeKind
from emulation.models import User
from tests.factories import RecognitionFactory

PDF = b"%PDF-1.4\\n%\\xe2\\xe3\\xcf\\xd3\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n"
district = User.objects.get(username="huyen_a")
communes = list(District.objects.get(code="063").communes.order_by("code"))
ids = []
for i in range(N):
    commune = communes[i]
    RecognitionFactory(commune=commune, level="ntm", decision_number=f"{i}/QĐ-UBND",
                       decision_date=dt.date(2024, 10, 1))
    d = services.dossier_create(by=district, round="annual", year=2024,
                                document_number=f"{i}/TTr-UBND", document_date=dt.date(2024, 11, 5))
    data = {name: None for name in services.NOMINEE_INPUT_FIELDS}
    data.update({name: "" for name in services.TEXT_FIELDS})
    data.update(kind=NomineeKind.COMMUNE, title="commune_recognized", commune=commune)
    n = services.nominee_save(dossier=d, by=district, data=data)
    for kind, nominee in [(AttachmentKind.PROPOSAL, None), (AttachmentKind.MINUTES, None),
                          (AttachmentKind.ACHIEVEMENT, n)]:
        services.attachment_upload(dossier=d, by=district, kind=kind, nominee=nominee,
                                   upload=SimpleUploadedFile("a.pdf", PDF))
    if SUBMIT:
        services.dossier_submit(dossier=d, by=district)
    ids.append(d.pk)
print(*ids)
"""  # fmt: skip


def seed_dossiers(env: dict[str, str], count: int, *, submit: bool) -> list[int]:
    """`count` annual dossiers of district A (huyen_a, after seed_users), each proposing a
    recognised commune with every document attached: ready to submit, or submitted."""
    return [
        int(i) for i in django_run(env, f"N = {count}\nSUBMIT = {submit}\n" + SEED_DOSSIERS).split()
    ]
