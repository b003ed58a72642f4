"""Error pages in the site's layout, revealing nothing; invitation links that no longer work."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from django.test import Client, RequestFactory
from django.utils import timezone

from eaism.web.error_pages import server_error
from eaism.web.organisations.invitations import invite
from eaism.web.organisations.models import Invitation, Organisation, Person

TOKENS = re.compile(rb'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"')


def test_a_missing_page_is_a_404_in_the_layout(client_for: Callable[[str], Client]) -> None:
    response = client_for("owner").get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'class="brand"' in page
    assert "Sign out" in page


def test_a_404_inside_one_s_organisation_keeps_its_navigation(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    response = client_for("owner").get(f"/o/{demo.slug}/inventory/no-such-system/")
    assert response.status_code == 404
    assert f'href="/o/{demo.slug}/dashboard/"'.encode() in response.content
    assert demo.name.encode() in response.content


def test_another_organisation_s_404_is_the_uniform_404(
    client_for: Callable[[str], Client], other_organisation: Organisation
) -> None:
    owner = client_for("owner")
    other = owner.get(f"/o/{other_organisation.slug}/dashboard/")
    missing = owner.get("/o/no-such-organisation/dashboard/")
    assert other.status_code == missing.status_code == 404
    assert TOKENS.sub(b"", other.content) == TOKENS.sub(b"", missing.content)
    assert other_organisation.name.encode() not in other.content


def test_a_page_the_role_does_not_allow_is_a_403_that_says_why(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    response = client_for("member").get(f"/o/{demo.slug}/dashboard/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot open this page" in page
    assert f"Your role in {demo.name}, Member," in page


def test_the_500_page_needs_neither_the_request_nor_the_database() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b'class="brand"' in response.content


def test_the_api_keeps_answering_json(client_for: Callable[[str], Client]) -> None:
    response = client_for("owner").get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_an_invitation_link_that_no_longer_works_says_why(demo: Organisation) -> None:
    person = Person.objects.get(organisation=demo, external_id="p0002")
    used = invite(demo, person)
    Invitation.objects.update(used_at=timezone.now())
    expired = invite(demo, person)
    Invitation.objects.filter(used_at=None).update(expires_at=timezone.now() - timedelta(days=1))
    visitor = Client()
    for token, words in [
        (used, "already been used"),
        (expired, "has expired"),
        ("not-a-token", "does not exist"),
    ]:
        response = visitor.get(f"/invite/{token}/")
        assert response.status_code == 404
        page = response.content.decode()
        assert "Invitation not valid" in page
        assert words in page
        assert 'class="brand"' in page


def test_a_bad_request_is_a_400_in_the_layout(demo: Organisation) -> None:
    response = Client().get("/accounts/login/", HTTP_HOST="not-an-allowed-host.example")
    assert response.status_code == 400
    assert b"The request could not be understood" in response.content
    assert b'class="brand"' in response.content


def test_a_form_without_its_csrf_token_is_a_403_that_says_what_to_do(demo: Organisation) -> None:
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert b"The form has expired" in response.content
