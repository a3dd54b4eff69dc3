"""Load test journeys (run by scripts/load_test.sh; not collected by pytest).

District staff and the provincial reviewer use the app as they do on a working
day: log in once, then move between their home page, the commune list (searched
and filtered), commune pages and, for districts, the village import screen.
The server runs the production settings behind an imaginary TLS proxy: every
request says X-Forwarded-Proto: https, and the secure cookies are replayed by hand.
"""

from __future__ import annotations

import random
import re

from locust import HttpUser, between, task

PASSWORD = "Demo@2025"  # the demo accounts of seed_demo  # noqa: S105
DISTRICT_USERS = ["tpbackan", "pacnam", "babe", "nganson", "bachthong", "chodon", "chomoi", "nari"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COMMUNE_LINK = re.compile(r'href="(/don-vi/xa/\d{5}/)"')
DOSSIER_LINK = re.compile(r'href="(/ho-so/\d+/)"')
SEARCHES = ["na", "bang", "thong", "xa", "cao", "son", "phuc"]


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
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif must_contain not in response.text:
                response.failure(f"missing {must_contain!r}")
            return response

    @task(3)
    def home(self):
        self.page("/", "home", "Việc đang chờ bạn")

    @task(4)
    def commune_list(self):
        response = self.page("/don-vi/", "commune list")
        self.communes = COMMUNE_LINK.findall(response.text) or self.communes

    @task(2)
    def commune_search(self):
        self.page(f"/don-vi/?q={random.choice(SEARCHES)}", "commune search")  # noqa: S311

    @task(4)
    def commune_detail(self):
        if self.communes:
            self.page(random.choice(self.communes), "commune detail")  # noqa: S311
        else:
            self.commune_list()

    @task(4)
    def dossier_list(self):
        response = self.page("/ho-so/", "dossier list")
        self.dossiers = DOSSIER_LINK.findall(response.text) or self.dossiers

    @task(5)
    def dossier_detail(self):
        if self.dossiers:
            self.page(random.choice(self.dossiers), "dossier detail")  # noqa: S311
        else:
            self.dossier_list()

    @task(1)
    def notifications(self):
        self.page("/ho-so/thong-bao/", "notifications")

    @task(1)
    def who_qualifies(self):
        self.page("/xet-khen/ai-du-dieu-kien/?vong=midterm", "who qualifies")


class DistrictStaff(Person):
    weight = 3

    def on_start(self):
        self.username = random.choice(DISTRICT_USERS)  # noqa: S311
        super().on_start()

    @task(1)
    def village_import_screen(self):
        self.page("/don-vi/thon/nhap/", "village import", "csrfmiddlewaretoken")


class Reviewer(Person):
    weight = 1
    username = "bantdkt"

    @task(2)
    def review_queue(self):
        self.page("/ho-so/?status=submitted", "review queue")

    @task(2)
    def communes_of_a_district(self):
        district = random.choice(["058", "060", "061", "062", "063", "064", "065", "066"])  # noqa: S311
        self.page(f"/don-vi/?huyen={district}&dbkk=1", "commune list by district")
