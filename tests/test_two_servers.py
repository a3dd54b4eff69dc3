"""More than one machine: two app servers, one PostgreSQL, one Redis, one shared MEDIA_ROOT.

Two gunicorn processes on different ports stand for two hosts behind a load
balancer. The app keeps nothing on a host, so a person can bounce between them.
"""

from __future__ import annotations

import secrets

import pytest

from tests.conftest import PASSWORD
from tests.servers import Browser, fresh_database, gunicorn, seed_users

PORT_A, PORT_B = 8115, 8116


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-servers")
    with fresh_database(
        "ntm_e2e_two_servers",
        tmp,
        REDIS_URL="redis://127.0.0.1:6379/0",
        CACHE_KEY_PREFIX=f"ntm-test-{secrets.token_hex(4)}",
    ) as env:
        seed_users(env, PASSWORD)
        with (
            gunicorn(env, PORT_A, log=tmp / "a.log") as a,
            gunicorn(env, PORT_B, log=tmp / "b.log") as b,
        ):
            yield a, b


def test_a_login_on_one_server_is_valid_on_the_other(two_servers):
    a, b = two_servers
    person = Browser(a.url)
    person.login("huyen_a", PASSWORD)
    home_b = person.get("/", base_url=b.url)
    assert home_b.status_code == 200
    assert "Người dùng huyen_a" in home_b.text

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
