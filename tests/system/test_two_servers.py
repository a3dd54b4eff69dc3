"""More than one machine: two app servers, one PostgreSQL, one Redis, one shared MEDIA_ROOT.

Two gunicorn processes on different ports stand for two hosts behind a load
balancer. The app keeps nothing on a host, so a person can bounce between them.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
import redis

from tests.conftest import PASSWORD
from tests.system.servers import (
    Browser,
    database_url,
    django_run,
    fresh_database,
    gunicorn,
    production_env,
    s3_server,
    seed_dossiers,
    seed_users,
    system_database_name,
)

CACHE_PREFIX = f"ntm-test-{secrets.token_hex(4)}"


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-servers")
    with fresh_database(
        system_database_name("two_servers"),
        tmp,
        REDIS_URL="redis://127.0.0.1:6379/0",
        CACHE_KEY_PREFIX=CACHE_PREFIX,
    ) as env:
        seed_users(env, PASSWORD)
        (dossier,) = seed_dossiers(env, 1, submit=False)
        with (
            gunicorn(env, log=tmp / "a.log") as a,
            gunicorn(env, log=tmp / "b.log") as b,
        ):
            a.dossier = b.dossier = dossier
            yield a, b


def test_a_login_on_one_server_is_valid_on_the_other(two_servers):
    a, b = two_servers
    person = Browser(a.url)
    person.login("huyen_a", PASSWORD)
    home_b = person.get("/", base_url=b.url)
    assert home_b.status_code == 200
    assert "Người dùng huyen_a" in home_b.text
    # the session lives in the shared services: PostgreSQL, with Redis in front
    session_key = person.cookies["sessionid"]
    cached = redis.Redis.from_url("redis://127.0.0.1:6379/0").keys(f"{CACHE_PREFIX}:*")
    assert any(session_key.encode() in key for key in cached)

    # Logging out on B ends the session on A too.
    token = person.csrf_token("/", base_url=b.url)
    person.request("POST", "/dang-xuat/", base_url=b.url, data={"csrfmiddlewaretoken": token})
    after = person.get("/", base_url=a.url)
    assert after.status_code == 302 and after.headers["Location"].startswith("/dang-nhap/")


def test_a_form_shown_by_one_server_is_accepted_by_the_other(two_servers):
    a, b = two_servers
    person = Browser(a.url)
    person.login("quantri", PASSWORD)
    token = person.csrf_token("/quan-tri/nguoi-dung/them/", base_url=a.url)
    created = person.request(
        "POST",
        "/quan-tri/nguoi-dung/them/",
        base_url=b.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": "canbo_moi",
            "full_name": "Nguyễn Văn Mới",
            "role": "reviewer",
            "password": "Mat-khau-moi-2025",
        },
    )
    assert created.status_code == 302, created.text[:1000]
    assert "Nguyễn Văn Mới" in person.get("/quan-tri/nguoi-dung/?q=canbo_moi").text


def test_an_upload_through_one_server_is_seen_through_the_other(two_servers):
    a, b = two_servers
    person = Browser(a.url)
    person.login("huyen_a", PASSWORD)
    csv = "Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n01975,Thôn Hai Máy Chủ,có\n".encode()
    preview = person.submit(
        "/don-vi/thon/nhap/", files={"file": ("thon.csv", csv, "text/csv")}, base_url=a.url
    )
    assert "Tệp hợp lệ: 1 thôn" in preview.text
    payload = preview.text.split('name="payload" value="')[1].split('"')[0]
    token = preview.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    confirm = person.request(
        "POST",
        "/don-vi/thon/nhap/",
        base_url=b.url,
        data={
            "csrfmiddlewaretoken": token,
            "confirm": "1",
            "payload": payload,
            "upload_name": "thon.csv",
        },
    )
    assert confirm.status_code == 302, confirm.text[:1000]
    detail = person.get("/don-vi/xa/01975/", base_url=a.url)
    assert "Thôn Hai Máy Chủ" in detail.text


def test_a_document_uploaded_through_one_server_downloads_through_the_other(two_servers):
    a, b = two_servers
    person = Browser(a.url)
    person.login("huyen_a", PASSWORD)
    content = b"%PDF-1.4\n% minh chung\n" + secrets.token_bytes(2000) + b"\n%%EOF\n"
    page = f"/ho-so/{a.dossier}/"
    token = person.csrf_token(page)
    uploaded = person.request(
        "POST",
        f"/ho-so/{a.dossier}/tai-lieu/tai-len/",
        data={"csrfmiddlewaretoken": token, "kind": "evidence"},
        files={"file": ("minh-chung-hai-may.pdf", content, "application/pdf")},
    )
    assert uploaded.status_code == 302
    detail = person.get(page, base_url=b.url).text
    link = re.search(r'href="(/ho-so/\d+/tai-lieu/\d+/)"[^>]*>minh-chung-hai-may.pdf', detail)
    assert link, "the upload is not listed on the other server"
    download = person.get(link.group(1), base_url=b.url)
    assert download.status_code == 200 and download.content == content
    # another district's staff cannot fetch it from either server
    other = Browser(b.url)
    other.login("huyen_b", PASSWORD)
    assert other.get(link.group(1)).status_code == 404
    assert other.get(link.group(1), base_url=a.url).status_code == 404


def test_a_notification_raised_on_one_server_shows_on_the_other(two_servers):
    a, b = two_servers
    reviewer = Browser(b.url)
    reviewer.login("bantdkt", PASSWORD)
    before = reviewer.get("/ho-so/thong-bao/").text.count("list-group-item-warning")
    district = Browser(a.url)
    district.login("huyen_a", PASSWORD)
    token = district.csrf_token(f"/ho-so/{a.dossier}/")
    submitted = district.request(
        "POST",
        f"/ho-so/{a.dossier}/chuyen/submit/",
        data={"csrfmiddlewaretoken": token, "note": "Nộp qua máy chủ A."},
    )
    assert submitted.status_code == 302
    inbox = reviewer.get("/ho-so/thong-bao/").text
    assert inbox.count("list-group-item-warning") == before + 1
    assert "HS2024-" in inbox


def test_login_throttling_counts_failures_on_every_server(two_servers):
    a, b = two_servers
    attacker = Browser(a.url)
    for server in [a, b, a, b]:
        failed = attacker.submit(
            "/dang-nhap/", {"username": "vpdp", "password": "sai"}, base_url=server.url
        )
        assert failed.status_code == 200
    locked = attacker.submit("/dang-nhap/", {"username": "vpdp", "password": "sai"}, base_url=b.url)
    assert locked.status_code == 429
    still_locked = attacker.submit(
        "/dang-nhap/", {"username": "vpdp", "password": PASSWORD}, base_url=a.url
    )
    assert still_locked.status_code == 429


def test_files_go_to_s3_compatible_storage_when_configured(tmp_path):
    """With STORAGE_S3_* set the app's storage is the bucket: written by one process, read by
    another, private, never on the host's disk."""
    with s3_server("ntm-ho-so", tmp_path / "s3.log") as s3:
        env = production_env(tmp_path, db_url=database_url("unused"), **s3.env)
        name = django_run(
            env,
            "from django.core.files.base import ContentFile\n"
            "from django.core.files.storage import default_storage as s\n"
            "print(s.save('ho-so/2025/Tờ trình.pdf', ContentFile(b'%PDF-1.7 noi dung')))",
        ).strip()
        back = django_run(
            env,
            "from django.core.files.storage import default_storage as s\n"
            f"print(s.open({name!r}).read().decode(), s.exists({name!r}))",
        ).strip()
        assert back == "%PDF-1.7 noi dung True"
        listing = s3.client.list_objects_v2(Bucket="ntm-ho-so")["Contents"]
        assert [o["Key"] for o in listing] == [name]
        acl = s3.client.get_object_acl(Bucket="ntm-ho-so", Key=name)["Grants"]
        assert all(g["Grantee"].get("URI", "").endswith("AllUsers") is False for g in acl)
        assert not any(Path(env["MEDIA_ROOT"]).rglob("*.pdf"))
