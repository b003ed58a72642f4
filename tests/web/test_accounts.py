"""Accounts: sign-in by e-mail whatever its capitals, password reset by e-mail, API tokens."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from eaism.web.accounts.models import ApiToken, User, hash_token
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import Organisation


def test_sign_in_ignores_the_capitals_of_the_address(demo: Organisation) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "Owner@Demo.Example", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="owner@demo.example").pk)


def test_a_password_reset_sends_a_working_link(demo: Organisation) -> None:
    client = Client()
    assert (
        client.post("/accounts/password-reset/", {"email": "member@demo.example"}).status_code
        == 302
    )
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a fresh passphrase 7", "new_password2": "a fresh passphrase 7"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="member@demo.example").check_password("a fresh passphrase 7")


def test_an_unknown_address_gets_the_same_answer(demo: Organisation) -> None:
    assert (
        Client().post("/accounts/password-reset/", {"email": "nobody@demo.example"}).status_code
        == 302
    )
    assert mail.outbox == []


def test_api_tokens_are_stored_hashed(demo: Organisation) -> None:
    user = User.objects.get(email="owner@demo.example")
    token, secret = ApiToken.issue(user, "ci")
    assert secret.startswith("eaism_")
    assert token.key_hash == hash_token(secret)
    assert secret not in token.key_hash


def test_other_capitals_of_an_address_share_its_five_tries(demo: Organisation) -> None:
    client = Client()
    for spelling in (
        "OWNER@demo.example",
        "Owner@Demo.Example",
        "owner@DEMO.example",
        "oWnEr@demo.example",
        "owner@demo.EXAMPLE",
    ):
        client.post("/accounts/login/", {"username": spelling, "password": "wrong-password"})
    locked = client.post(
        "/accounts/login/", {"username": "OwNeR@demo.example", "password": DEMO_PASSWORD}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
