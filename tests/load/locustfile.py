"""Load test journeys (run by scripts/load_test.sh; not collected by pytest): the rush
before a filing deadline.

Commune staff file: they open the new-dossier form, create a dossier, add a nominee,
upload its three documents in one go and submit it, between looking at their lists.
The Ban TĐKT's reviewers receive the submitted dossiers and approve the appraised ones;
the VPĐP's appraisers appraise the received ones. District staff of the abolished
districts read their archive (commune lists and pages, who qualifies). Everyone also
opens a trivial authenticated page (the "password changed" page: the layout, the menu
and the notification count, nothing else), the yardstick every request's p95 is held
against. Login (Argon2) is named apart and left out of that comparison.

The server runs the production settings behind an imaginary TLS proxy: every request
says X-Forwarded-Proto: https, and the secure cookies are replayed by hand.
"""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from itertools import count

from locust import HttpUser, between, task

PASSWORD = "Demo@2025"  # the demo accounts of seed_demo  # noqa: S105
DISTRICT_USERS = ["tpbackan", "pacnam", "babe", "nganson", "bachthong", "chodon", "chomoi", "nari"]
# commune-level staff after 1/7/2025 (seed_demo)
COMMUNE_USERS = ["xabangthanh", "phuongbackan"]
COMMUNE_OPTION = re.compile(r'<select name="commune".*?<option value="([^"]+)"', re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COMMUNE_LINK = re.compile(r'href="(/don-vi/xa/\d{5}/)"')
DOSSIER_LINK = re.compile(r'href="/ho-so/(\d+)/"')
CREATED = re.compile(r"^/ho-so/(\d+)/$")
ATTEST = re.compile(r'action="(/ho-so/\d+/doi-tuong/\d+/danh-gia/)"')
NOT_ATTESTED = 'id="problems"'  # approval refused: judged standards not yet attested
SEARCHES = ["na", "bang", "thong", "xa", "cao", "son", "phuc"]
TRIVIAL = "/doi-mat-khau/xong/"
# A small, well-formed PDF (what the upload's checks accept).
PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n" + b"% minh chung\n" * 2000
)
SERIAL = count(1)


class FormFields(HTMLParser):
    """The fields a browser would send for the form that holds a CSRF token and posts to
    `action`, the page's own address (hidden and text inputs, checked boxes, selected
    options, textareas)."""

    def __init__(self, action: str):
        super().__init__()
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            posts_here = (a.get("action") or self.action) == self.action  # no action: this page
            self.inside = posts_here and (a.get("method") or "").lower() == "post"
        if not self.inside or not a.get("name") and tag not in ("option",):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name = a.get("name", "")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value") or ""
        elif tag == "select":
            self._select, self._first_option = name, None
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def _option(self, a):
        value = a.get("value") or ""
        if self._first_option is None:
            self._first_option = value
            self.fields.setdefault(self._select, value)
        if "selected" in a:
            self.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(page: str, action: str) -> dict[str, str] | None:
    parser = FormFields(action)
    parser.feed(page)
    return parser.fields if "csrfmiddlewaretoken" in parser.fields else None


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    username = ""

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        self.client.headers.update({"Referer": self.host.replace("http://", "https://") + "/"})
        page = self.client.get("/dang-nhap/", name="login form")
        self._keep_cookies(page)
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/dang-nhap/",
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} refused ({response.status_code})")
            self._keep_cookies(response)
        self.communes: list[str] = []
        self.dossiers: list[str] = []

    def _keep_cookies(self, response) -> None:
        # Secure cookies are not replayed over plain HTTP by requests: set them plainly.
        for cookie in response.cookies:
            self.client.cookies.set(cookie.name, cookie.value)

    def page(self, path: str, name: str, must_contain: str = "</html>"):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 0:  # no answer: the connection's error
                response.failure(repr(response.error))
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif must_contain not in response.text:
                response.failure(f"missing {must_contain!r}")
            return response

    def post(self, path: str, name: str, data: dict, files=None) -> str | None:
        """POST like the browser's form; the redirect's target, or None (a failure)."""
        with self.client.post(
            path, data=data, files=files, name=name, allow_redirects=False, catch_response=True
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code == 0:
                response.failure(repr(response.error))
                return None
            if response.status_code != 302 or target.startswith("/dang-nhap/"):
                response.failure(f"HTTP {response.status_code} {target}")
                return None
            return target

    def token(self, page) -> str:
        return CSRF.search(page.text).group(1)

    @task(3)
    def trivial(self):
        self.page(TRIVIAL, "trivial page")

    @task(2)
    def home(self):
        self.page("/", "home", "Việc đang chờ bạn")

    @task(2)
    def dossier_list(self):
        response = self.page("/ho-so/", "dossier list")
        self.dossiers = DOSSIER_LINK.findall(response.text) or self.dossiers

    @task(3)
    def dossier_detail(self):
        if self.dossiers:
            self.page(f"/ho-so/{random.choice(self.dossiers)}/", "dossier detail")  # noqa: S311
        else:
            self.dossier_list()

    @task(1)
    def notifications(self):
        self.page("/ho-so/thong-bao/", "notifications")


class CommuneStaff(Person):
    """Files dossiers: create, add a nominee, upload the documents, submit."""

    weight = 9

    def on_start(self):
        self.username = random.choice(COMMUNE_USERS)  # noqa: S311
        super().on_start()

    @task(3)
    def file_a_dossier(self):
        form = self.page("/ho-so/tao-moi/", "dossier create form", "csrfmiddlewaretoken")
        if form.status_code != 200:
            return
        n = next(SERIAL)
        target = self.post(
            "/ho-so/tao-moi/",
            "dossier create",
            {
                "csrfmiddlewaretoken": self.token(form),
                "round": "annual",
                "year": "2026",
                "document_number": f"{n}/TTr-UBND",
                "document_date": "25/11/2026",
                "summary": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh (tải thử)",
            },
        )
        created = CREATED.match(target or "")
        if not created:
            return
        pk = created.group(1)
        self.page(f"/ho-so/{pk}/", "dossier detail")
        add = f"/ho-so/{pk}/doi-tuong/them/?loai=individual"
        form = self.page(add, "nominee form", "csrfmiddlewaretoken")
        commune = COMMUNE_OPTION.search(form.text.replace('value=""', ""))
        if not self.post(
            add,
            "nominee add",
            {
                "csrfmiddlewaretoken": self.token(form),
                "loai": "individual",
                "title": "person_contribution",
                "commune": commune.group(1) if commune else "",
                "name": f"Nguyễn Văn Thử {n}",
                "contribution_value": "65 triệu",
                "achievements": "Hiến đất làm đường bê tông liên thôn (tải thử).",
            },
        ):
            return
        detail = self.page(f"/ho-so/{pk}/", "dossier detail")
        nominee = re.search(r'<option value="(\d+)"', detail.text.split("tai-lieu/tai-len")[-1])
        upload = {
            "csrfmiddlewaretoken": self.token(detail),
            "kind": "proposal",
            "2-kind": "minutes",
            "3-kind": "achievement",
            "3-nominee": nominee.group(1) if nominee else "",
        }
        files = {
            "file": ("to-trinh.pdf", PDF, "application/pdf"),
            "2-file": ("bien-ban.pdf", PDF, "application/pdf"),
            "3-file": ("thanh-tich.pdf", PDF, "application/pdf"),
        }
        if not self.post(f"/ho-so/{pk}/tai-lieu/tai-len/", "upload 3 documents", upload, files):
            return
        confirm = self.page(f"/ho-so/{pk}/chuyen/submit/", "submit form", "csrfmiddlewaretoken")
        fields = form_fields(confirm.text, f"/ho-so/{pk}/chuyen/submit/")
        if fields is None:
            confirm.failure("no submit form") if hasattr(confirm, "failure") else None
            return
        fields["note"] = "Kính đề nghị xem xét (tải thử)."
        self.post(f"/ho-so/{pk}/chuyen/submit/", "submit", fields)
        self.dossiers.append(pk)


class DistrictStaff(Person):
    """Staff of an abolished district reading their archive."""

    weight = 3

    def on_start(self):
        self.username = random.choice(DISTRICT_USERS)  # noqa: S311
        super().on_start()

    @task(2)
    def commune_list(self):
        response = self.page("/don-vi/", "commune list")
        self.communes = COMMUNE_LINK.findall(response.text) or self.communes

    @task(1)
    def commune_search(self):
        self.page(f"/don-vi/?q={random.choice(SEARCHES)}", "commune search")  # noqa: S311

    @task(2)
    def commune_detail(self):
        if self.communes:
            self.page(random.choice(self.communes), "commune detail")  # noqa: S311
        else:
            self.commune_list()

    @task(1)
    def who_qualifies(self):
        self.page("/xet-khen/ai-du-dieu-kien/?vong=midterm", "who qualifies")


class Mover(Person):
    """Moves dossiers found in the queue of one status on, through the confirmation
    screen (GET), then its form (POST). Two movers may pick the same dossier: the second
    is told someone was first (a redirect with a message), which is not a failure."""

    abstract = True

    def move(self, status: str, action: str) -> None:
        queue = self.page(f"/ho-so/?status={status}", f"queue {status}")
        found = DOSSIER_LINK.findall(queue.text)
        if not found:
            return
        pk = random.choice(found[:10])  # noqa: S311
        path = f"/ho-so/{pk}/chuyen/{action}/"
        fields = self.confirmation(path, action)
        attested = False
        for attempt in range(3):
            if fields is None:  # the screen says the move is no longer possible
                return
            if not fields.get("note"):
                fields["note"] = "Đồng ý (tải thử)."
            with self.client.post(
                path, data=fields, name=action, allow_redirects=False, catch_response=True
            ) as response:
                again = form_fields(response.text, path) if response.status_code == 400 else None
                if response.status_code == 302:
                    return
                if again is not None and action == "approve" and NOT_ATTESTED in response.text:
                    # the screen lists the nominees whose judged standards (tiêu chuẩn
                    # định tính) the board has not yet attested: a board member attests
                    # them on the dossier's page, then opens the approval again
                    response.success()
                    if attested or not self.attest(pk):
                        return
                    attested = True
                    fields = self.confirmation(path, action)
                    continue
                if again is not None and attempt < 2:
                    # the screen came back with a clear answer: the verdicts changed since
                    # it was shown (another dossier of the unit moved meanwhile). A person
                    # reads it and confirms again.
                    response.success()
                    fields = again
                    continue
                response.failure(f"HTTP {response.status_code or repr(response.error)}")
                return

    def confirmation(self, path: str, action: str) -> dict[str, str] | None:
        """The confirmation screen's form fields; None when the move is no longer
        possible (moved on by someone else meanwhile: 403 or a screen without the form)."""
        with self.client.get(path, name=f"{action} form", catch_response=True) as confirm:
            if confirm.status_code == 403:
                confirm.success()
                return None
            if confirm.status_code != 200:
                confirm.failure(f"HTTP {confirm.status_code}")
                return None
            return form_fields(confirm.text, path)

    def attest(self, pk: str) -> bool:
        """Attest every judged standard the dossier's page offers ("Đạt", with a note);
        False when there was none or one was refused."""
        detail = self.page(f"/ho-so/{pk}/", "dossier detail")
        paths = sorted(set(ATTEST.findall(detail.text)))
        for path in paths:
            fields = form_fields(detail.text, path)
            if fields is None:
                return False
            fields.update(attested="1", note="Đạt tiêu chuẩn định tính (tải thử).")
            if self.post(path, "attest", fields) is None:
                return False
        return bool(paths)


class Reviewer(Mover):
    weight = 2
    username = "bantdkt"

    @task(4)
    def receive(self):
        self.move("submitted", "receive")

    @task(3)
    def approve(self):
        self.move("appraised", "approve")


class Appraiser(Mover):
    weight = 1
    username = "vpdp"

    @task(4)
    def appraise(self):
        self.move("received", "appraise")
