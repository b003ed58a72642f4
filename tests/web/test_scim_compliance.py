"""The SCIM endpoint against scim2-tester, the compliance suite of the scim2 projects: every check
it runs passes, over real HTTP to a live server.

scim2-client's network engine needs httpx2, which eaism does not install; `HttpSCIMClient`
below is the same engine over the standard library's http.client, so the requests are real
ones on a socket, through the whole Django stack.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from scim2_client import BaseSyncSCIMClient, RequestNetworkException
from scim2_tester import Status, check_server

from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.provisioning.tokens import create_token

FAILED = {Status.ERROR, Status.CRITICAL}


class HttpResponse:
    """A response as scim2-client reads one: status, case-insensitive headers, text."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status_code = status
        self.headers = headers
        self.content = body

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)


class HttpSCIMClient(BaseSyncSCIMClient):
    """scim2-client over http.client: httpx-style arguments (params, json, content, headers)."""

    def __init__(self, base_url: str, token: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.token = token

    def _parse_json(self, response: Any) -> Any:
        return response.json()

    def request(self, method: str, url: str, **kwargs: Any) -> HttpResponse:
        parts = urlsplit(url if "://" in url else self.base_url + "/" + url.lstrip("/"))
        query = parts.query
        if kwargs.get("params"):
            extra = urlencode(kwargs["params"], doseq=True)
            query = f"{query}&{extra}" if query else extra
        body: bytes | None = kwargs.get("content")
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/scim+json"}
        if kwargs.get("json") is not None:
            body = json.dumps(kwargs["json"]).encode()
            headers["Content-Type"] = "application/scim+json"
        headers.update(kwargs.get("headers") or {})
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            connection.request(
                method, parts.path + (f"?{query}" if query else ""), body=body, headers=headers
            )
            response = connection.getresponse()
            return HttpResponse(response.status, response.headers, response.read())
        except OSError as error:
            raise RequestNetworkException() from error
        finally:
            connection.close()


@pytest.fixture
def organisation(transactional_db: None) -> Iterator[Organisation]:
    """A small organisation, so that each list the suite reads holds what it created."""
    organisation = Organisation.objects.create(name="Tested Org", slug="tested-org")
    team = Team.objects.create(organisation=organisation, name="ops")
    Person.objects.create(
        organisation=organisation, team=team, external_id="p1", name="Ann", email="ann@x.example"
    )
    return organisation


def test_scim2_tester_passes_every_check(organisation: Organisation, live_server: Any) -> None:
    _, secret = create_token(None, organisation, "scim2-tester")
    client = HttpSCIMClient(f"{live_server.url}/scim/v2", secret)
    results = check_server(client)
    failed = [result for result in results if result.status in FAILED]
    ran = [result for result in results if result.status != Status.SKIPPED]
    print(
        f"scim2-tester: {len(ran)} checks ran, {len(failed)} failed, "
        f"{len(results) - len(ran)} skipped"
    )
    for result in results:
        print(
            f"  {result.status.name:<8} {result.resource_type or '-':<6} {result.title}: "
            f"{result.reason}"
        )
    assert not failed, "\n".join(
        f"{result.resource_type} {result.title}: {result.reason} {result.data!r}"[:2000]
        for result in failed
    )
    assert len(ran) > 50  # the suite did run: discovery, and CRUD and PATCH of both types
