"""A real OpenID provider for tests: the npm package `oidc-provider` run by Node.js
(tests/oidc/provider.js), behind a small forwarding HTTP server of ours.

The forwarder is the provider's issuer address: browsers and eaism talk to it, and it passes
every request to the provider unchanged, except that a test may set `replace_id_token` to hand
eaism another ID token in the token endpoint's answer (signed by the test with the provider's
own key, with another key, or not at all). So every bad-token case runs through eaism's real
callback, token request, JWKS fetch and checks.

`oidc_provider_for(redirect_uri)` starts one provider per redirect URI for the whole test session
(`oidc_provider` is the one for Django's test client). Without `node` or tests/oidc/node_modules
(`npm ci --prefix tests/oidc`) the tests that need it are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import http.client
import json
import os
import selectors
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.mail_server import free_port

FOLDER = Path(__file__).resolve().parent / "oidc"
START_SECONDS = 30
TEST_CLIENT_REDIRECT = "http://testserver/sso/callback/"
PASSWORD = "provider-password-2026"
KEY_ID = "eaism-test-key"
# Hop-by-hop headers, and those the forwarder sets itself for a body it may have changed.
NOT_FORWARDED = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "te", "upgrade"}
)


@dataclass(frozen=True)
class TestUser:
    sub: str
    email: str
    name: str
    groups: tuple[str, ...]
    employee_id: str = ""


USERS = (
    TestUser("ada-sub-1", "ada@demo.example", "Ada Quinn", ("ai-analysts", "everyone")),
    TestUser("lin-sub-2", "lin@demo.example", "Lin Park", ("ai-managers", "everyone"), "p0002"),
)


@dataclass
class OidcProvider:
    """A running provider: its issuer (the forwarder's address), client and signing key."""

    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    private_key: rsa.RSAPrivateKey
    # Set by a test: given the provider's ID token, the one eaism receives instead.
    replace_id_token: Callable[[str], str] | None = None
    id_tokens: list[str] = field(default_factory=list)  # each one the provider issued

    def sign(
        self,
        claims: dict[str, Any],
        key: rsa.RSAPrivateKey | None = None,
        algorithm: str = "RS256",
    ) -> str:
        """An ID token with these claims, signed with the provider's key (or `key`)."""
        if algorithm == "none":
            return jwt.encode(claims, None, algorithm="none", headers={"kid": KEY_ID})
        return jwt.encode(
            claims, key or self.private_key, algorithm=algorithm, headers={"kid": KEY_ID}
        )

    def user(self, email: str) -> TestUser:
        return next(user for user in USERS if user.email == email)


def claims_of(id_token: str) -> dict[str, Any]:
    """The claims of a token, read without checking it (the test's own view of it)."""
    claims: dict[str, Any] = jwt.decode(id_token, options={"verify_signature": False})
    return claims


def sign_in_at_provider(
    provider: OidcProvider, authorize_url: str, email: str, action: str = "sign-in"
) -> str:
    """Follow the provider's pages as a browser would, fill in its form, and return the
    address it sends the browser back to (eaism's callback, not followed)."""
    session = requests.Session()
    url, response = _follow(session, authorize_url, provider.redirect_uri)
    if url.startswith(provider.redirect_uri):
        return url
    assert response is not None
    assert "<form" in response.text, response.text[:500]
    answer = session.post(
        url, data={"email": email, "password": PASSWORD, "action": action}, allow_redirects=False
    )
    location, _ = _follow(session, _location(url, answer), provider.redirect_uri)
    assert location.startswith(provider.redirect_uri), location
    return location


def _follow(session: requests.Session, url: str, stop: str) -> tuple[str, requests.Response | None]:
    """Follow redirects until the callback address or a page."""
    for _ in range(10):
        if url.startswith(stop):
            return url, None
        response = session.get(url, allow_redirects=False)
        if response.status_code not in (302, 303):
            return url, response
        url = _location(url, response)
    raise AssertionError(f"too many redirects, last {url}")


def _location(base: str, response: requests.Response) -> str:
    assert "Location" in response.headers, f"{response.status_code}: {response.text[:300]}"
    return urljoin(base, response.headers["Location"])


class Forwarder(BaseHTTPRequestHandler):
    """Passes each request to the provider; may replace the ID token of a token answer."""

    provider: OidcProvider
    upstream: int

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the test output is for the tests

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in NOT_FORWARDED}
        headers["Host"] = self.headers.get("Host", "")
        connection = http.client.HTTPConnection("127.0.0.1", self.upstream, timeout=30)
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
            if self.path.startswith("/token") and answer.status == 200:
                content = self._token_answer(content)
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in NOT_FORWARDED:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        finally:
            connection.close()

    def _token_answer(self, content: bytes) -> bytes:
        answer = json.loads(content)
        if "id_token" in answer:
            self.provider.id_tokens.append(answer["id_token"])
            if self.provider.replace_id_token is not None:
                answer["id_token"] = self.provider.replace_id_token(answer["id_token"])
        return json.dumps(answer).encode()


def _setup(issuer: str, redirect_uri: str, key: rsa.RSAPrivateKey) -> dict[str, Any]:
    private = json.loads(RSAAlgorithm.to_jwk(key))
    private.update({"kid": KEY_ID, "alg": "RS256", "use": "sig"})
    return {
        "issuer": issuer,
        "jwks": {"keys": [private]},
        "cookie_key": "test-cookie-key-" + KEY_ID,
        "client": {
            "client_id": "eaism-test-client",
            "client_secret": "eaism-test-client-secret-0123456789",
            "redirect_uris": [redirect_uri],
        },
        "users": [
            {
                "sub": user.sub,
                "email": user.email,
                "name": user.name,
                "groups": list(user.groups),
                "employee_id": user.employee_id or None,
                "password": PASSWORD,
            }
            for user in USERS
        ],
    }


def _missing() -> str:
    if shutil.which("node") is None:
        return "node (Node.js) is not installed"
    if not (FOLDER / "node_modules" / "oidc-provider").is_dir():
        return "tests/oidc/node_modules is missing: run npm ci --prefix tests/oidc"
    return ""


def _wait_until_listening(process: subprocess.Popen[str]) -> None:
    """Read the provider's output until it says it listens (or stops, or takes too long)."""
    assert process.stdout is not None
    deadline = time.monotonic() + START_SECONDS
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                line = process.stdout.readline()
                if line.strip() == "listening":
                    return
                if not line:
                    break
    process.kill()
    raise AssertionError(f"the OpenID provider did not start: {process.communicate()[1]}")


@contextmanager
def running_provider(redirect_uri: str, folder: Path) -> Iterator[OidcProvider]:
    """A provider behind its forwarder, until the block ends."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Forwarder)
    issuer = f"http://127.0.0.1:{server.server_address[1]}"
    setup = _setup(issuer, redirect_uri, key)
    provider = OidcProvider(
        issuer, setup["client"]["client_id"], setup["client"]["client_secret"], redirect_uri, key
    )
    setup_file = folder / "setup.json"
    setup_file.write_text(json.dumps(setup), encoding="utf-8")
    port = free_port()
    handler = type("ProviderForwarder", (Forwarder,), {"provider": provider, "upstream": port})
    server.RequestHandlerClass = handler
    process = subprocess.Popen(
        ["node", str(FOLDER / "provider.js"), str(port), str(setup_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        _wait_until_listening(process)
        thread.start()
        discovered = requests.get(issuer + "/.well-known/openid-configuration", timeout=10)
        assert discovered.json()["issuer"] == issuer, discovered.text
        yield provider
    finally:
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        process.terminate()
        process.communicate(timeout=10)


@pytest.fixture(scope="session")
def oidc_provider_for(
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[Callable[[str], OidcProvider]]:
    """Starts (once per redirect URI) a provider whose test client may return there."""
    missing = _missing()
    with ExitStack() as stack:
        started: dict[str, OidcProvider] = {}

        def provider_for(redirect_uri: str) -> OidcProvider:
            if missing and os.environ.get("CI"):
                pytest.fail(f"the OpenID provider cannot run in CI: {missing}")
            if missing:
                pytest.skip(f"the OpenID provider cannot run: {missing}")
            if redirect_uri not in started:
                folder = tmp_path_factory.mktemp("oidc")
                started[redirect_uri] = stack.enter_context(running_provider(redirect_uri, folder))
            return started[redirect_uri]

        yield provider_for


@pytest.fixture
def oidc_provider(oidc_provider_for: Callable[[str], OidcProvider]) -> Iterator[OidcProvider]:
    """The provider for Django's test client (http://testserver); tokens pass unchanged
    unless the test sets `replace_id_token`."""
    provider = oidc_provider_for(TEST_CLIENT_REDIRECT)
    try:
        yield provider
    finally:
        provider.replace_id_token = None
        provider.id_tokens.clear()
