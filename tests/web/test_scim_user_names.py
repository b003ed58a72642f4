"""The userName rule, written once in Python (a User as a resource) and twice as queries (the
filter column, and the indexed look-up that guards uniqueness), must say the same for every
person; and a userName two requests race for ends as one User and a 409, never a 500."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scim2_models import UniquenessException

from eaism.web.accounts.models import User
from eaism.web.organisations.models import Organisation, Person
from eaism.web.provisioning import filters, users
from tests.web.test_concurrency import LOOPBACK, prepare_site, running_server

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
NAMES = st.sampled_from(["ada@x.example", "ADA@x.example", "bo@x.example", "lin"])
# A person: the userName the provider gave (None: none), their own e-mail address, and their
# account's (None: no account).
PEOPLE = st.lists(
    st.tuples(
        st.one_of(st.none(), NAMES),
        st.one_of(st.just(""), NAMES.filter(lambda name: "@" in name)),
        st.one_of(st.none(), NAMES.filter(lambda name: "@" in name)),
    ),
    min_size=1,
    max_size=5,
)


def _people(organisation: Organisation, people: list[tuple[str | None, str, str | None]]) -> None:
    for number, (user_name, email, account) in enumerate(people):
        user = None
        if account is not None:
            address = f"{number}.{account}".lower()  # accounts' addresses are unique, lower case
            user = User.objects.create_user(address)
        Person.objects.create(
            organisation=organisation,
            external_id=f"p{number}",
            user_name=f"{number}{user_name}" if user_name else user_name,
            email=f"{number}.{email}" if email else "",
            user=user,
        )


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=PEOPLE)
def test_the_user_name_rule_says_the_same_in_python_and_in_both_queries(
    people: list[tuple[str | None, str, str | None]],
) -> None:
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Names", slug="names")
        _people(organisation, people)
        for person in Person.objects.filter(organisation=organisation).select_related("user"):
            in_python = users.to_resource(person, "http://x/scim/v2").user_name
            in_sql = (
                Person.objects.filter(id=person.id)
                .annotate(scim_user_name=filters.user_name_expression())
                .values_list("scim_user_name", flat=True)
                .get()
            )
            assert (in_sql or None) == in_python, (person.user_name, person.email)
            if in_python:
                for spelling in (in_python, in_python.upper()):
                    found = Person.objects.filter(
                        filters.user_name_is(spelling, organisation.id)
                    ).values_list("id", flat=True)
                    assert list(found) == [person.id], spelling
        transaction.set_rollback(True)


def test_a_blank_user_name_cannot_be_stored(db: None) -> None:
    # The rule's readings agree only because a name is null or not blank: the database holds it.
    organisation = Organisation.objects.create(name="Blank", slug="blank")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(organisation=organisation, external_id="p1", user_name="")


def test_a_user_name_taken_after_the_check_is_refused_at_the_save(db: None) -> None:
    # What a request meets when another one saved the same userName after its own check ran:
    # the unique index refuses the save, and the answer names the attribute.
    organisation = Organisation.objects.create(name="Race", slug="race")
    Person.objects.create(organisation=organisation, external_id="p1", user_name="Ada@x.example")
    late = Person(organisation=organisation, external_id="p2", user_name="ada@X.example")
    with pytest.raises(UniquenessException, match=re.escape("userName: 'ada@X.example'")):
        users._save(late)
    twin = Person(organisation=organisation, external_id="p1", user_name="other@x.example")
    with pytest.raises(UniquenessException, match="externalId: 'p1'"):
        users._save(twin)
    assert Person.objects.filter(organisation=organisation).count() == 1


SETUP = """
import django
django.setup()
from eaism.web.organisations.models import Organisation
from eaism.web.provisioning.tokens import create_token
print(create_token(None, Organisation.objects.get(slug="load-test"), "race")[1])
"""
SENDERS = 12


def test_one_user_name_posted_many_times_at_once_is_one_user(tmp_path: Path) -> None:
    site = prepare_site(tmp_path / "data", 0)
    made = subprocess.run(
        [sys.executable, "-c", SETUP],
        env=site.environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    secret = made.stdout.strip().splitlines()[-1]
    start = threading.Barrier(SENDERS)
    answers: list[tuple[int, str]] = []

    def post(number: int) -> None:
        connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=60)
        body = {
            "schemas": [USER_SCHEMA],
            "userName": "Ada@race.example",
            "externalId": f"e{number}",
        }
        headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/scim+json"}
        connection.connect()
        start.wait()  # every sender is connected: the posts leave together
        connection.request("POST", "/scim/v2/Users", json.dumps(body), headers)
        response = connection.getresponse()
        answers.append((response.status, response.read().decode()))
        connection.close()

    with running_server(site, workers=4) as server:
        senders = [threading.Thread(target=post, args=(number,)) for number in range(SENDERS)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (SENDERS - 1), answers
    for status, body in answers:
        if status == 409:
            assert "userName: 'Ada@race.example'" in json.loads(body)["detail"]
    log = (site.data_dir / "server.log").read_text(errors="replace")
    assert "Traceback" not in log
