"""Nothing a signed-in person is sent is kept by a browser or proxy cache, and htmx keeps no
copies of pages in the browser's storage; static files stay cacheable."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.organisations.models import Organisation

SignedIn = Callable[[str], Client]


def test_every_signed_in_page_is_no_store(client_for: SignedIn, demo: Organisation) -> None:
    owner = client_for("owner")
    for url in (
        f"/o/{demo.slug}/people/",
        f"/o/{demo.slug}/audit/",
        f"/o/{demo.slug}/dashboard/",
        f"/o/{demo.slug}/settings/",
    ):
        response = owner.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_every_bearer_answer_is_no_store(demo: Organisation) -> None:
    _, secret = ApiToken.issue(User.objects.get(email="owner@demo.example"), "tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    for url in ("/api/organisations", f"/api/organisations/{demo.slug}/people"):
        response = api.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_static_files_stay_cacheable(client_for: SignedIn) -> None:
    response = client_for("owner").get("/static/eaism/site.css")
    assert response.status_code == 200
    assert response.get("Cache-Control", "") != "no-store"


def test_htmx_keeps_no_history_copies_of_pages(client_for: SignedIn) -> None:
    page = client_for("member").get("/", follow=True).content.decode()
    found = re.search(r"<meta name=\"htmx-config\" content='([^']*)'", page)
    assert found is not None
    assert json.loads(found.group(1))["historyCacheSize"] == 0
