"""The job-ad page and `POST /api/jd/check`: every member checks an ad, pasted or uploaded, and
reads the same document as `eaism jd check --format json`; bad input is a 400 (a 413 in the
API for an ad over the limit) naming the field or file, with the input kept on the page; and
nothing of the ad is stored or logged."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaism.planning.document import job_description_document
from eaism.planning.job_description import check_job_description
from eaism.web.accounts.models import ApiToken, User
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.organisations.job_ads import MATCHES_SHOWN, reading_of
from eaism.web.organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
AD = (ROOT / "examples/job-descriptions/systems-engineer.txt").read_text(encoding="utf-8")
# A Japanese ad for a sales assistant: another script, nothing the model's phrases can match.
OTHER_SCRIPT = "販売アシスタント\n\n店舗での接客と在庫管理を担当していただきます。\n"
MARKER = "Zebra-Quokka-7731"  # a word no log line has, to see whether the ad's text reaches one
ROLES = ("owner", "analyst", "manager", "reviewer", "member")
# The keys of an `eaism.job-description-check/1` document the API's schema declares; the
# document may hold more, which the answer keeps.
DOCUMENT_KEYS = {
    "format", "title", "level", "level_name", "recognised", "title_level", "title_level_name",
    "title_words", "domains", "domain_names", "domain_levels", "matches", "flags", "suggestions",
}  # fmt: skip
Api = Callable[[str], Client]


def url(organisation: Organisation) -> str:
    return f"/o/{organisation.slug}/job-ads/"


def core(text: str, title: str | None = None) -> dict[str, Any]:
    """The document the CLI prints for the same text: what the page and the API must show."""
    edition = current_edition()
    return job_description_document(edition, check_job_description(edition, text, title))


def headline(text: str) -> str:
    return reading_of(core(text)).headline


def upload(content: bytes, name: str = "ad.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


@pytest.fixture
def api(demo: Organisation) -> Api:
    def client(role: str) -> Client:
        _, secret = ApiToken.issue(User.objects.get(email=f"{role}@demo.example"), "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return client


@pytest.fixture
def small_limit(settings: Any) -> int:
    """A job-ad limit of 2,000 bytes, as EAISM_MAX_JOB_AD_BYTES=2000 would set it."""
    settings.READER_LIMITS = replace(settings.READER_LIMITS, job_ad_bytes=2_000)
    return 2_000


# --- the page ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_member_opens_the_page_from_the_menu(
    client_for: Callable[[str], Client], demo: Organisation, role: str
) -> None:
    home = client_for(role).get(f"/o/{demo.slug}/", follow=True)
    assert f'<a href="{url(demo)}">Job ads</a>' in home.content.decode()
    page = client_for(role).get(url(demo))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<textarea id="text" name="text"' in body
    assert 'enctype="multipart/form-data"' in body
    assert "csrfmiddlewaretoken" in body
    assert "No AI skill recognised" not in body  # no reading before an ad is sent


def test_a_pasted_ad_reads_with_names_and_keeps_the_text(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    document = core(AD)
    assert document["recognised"], document
    assert document["level"] >= 1, document
    page = client_for("member").post(url(demo), {"text": AD, "title": ""})
    assert page.status_code == 200
    body = page.content.decode()
    level, name = document["level"], document["level_name"]
    assert f"The requirements add up to level {level}, {name}" in body
    if document["title_level"] is not None:
        assert escape(f"by the words “{document['title_words']}”") in body
    for domain_id, asked in document["domains"].items():
        domain = escape(document["domain_names"][domain_id])
        asked_name = current_edition().level(asked).name
        assert f"<td>{domain}</td><td>level {asked}, {asked_name}</td>" in body
    for match in document["matches"]:
        assert escape(match["phrase"]) in body
    assert f"{escape(AD)}</textarea>" in body  # the ad is kept to edit and check again
    assert "TITLE_CONTENT_MISMATCH" not in body
    assert "_" not in _reading_part(body)


def _reading_part(body: str) -> str:
    """The reading's section without its excerpts: ids such as rag_retrieval must not show."""
    section = body.split('<section aria-labelledby="reading-heading">')[1].split("</section>")[0]
    return section.split("<h3>Phrases that matched</h3>")[0]


def test_an_ad_pasted_many_times_over_lists_the_first_matches_and_counts_the_rest(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    text = AD + "\n" + "\n".join([AD.split("\n", 1)[1]] * 40)
    found = len(core(text)["matches"])
    assert found > MATCHES_SHOWN
    body = client_for("member").post(url(demo), {"text": text}).content.decode()
    listed = body.split("<h3>Phrases that matched</h3>")[1].split("</ul>")[0]
    assert listed.count("<li>") == MATCHES_SHOWN
    assert f"And {found - MATCHES_SHOWN:,} more matches, not listed here" in body


def test_a_separate_title_is_read_instead_of_the_first_line(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    body_only = AD.split("\n", 1)[1]
    title = "Vice President of Artificial Intelligence"
    document = core(body_only, title)
    page = client_for("analyst").post(url(demo), {"text": body_only, "title": title})
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Reading of “{title}”" in body
    assert f'value="{title}"' in body
    claim = document["title_level"]
    assert (f"claims level {claim}" if claim is not None else "claims no level") in body


def test_an_uploaded_file_reads_as_the_same_ad_pasted(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    page = client_for("reviewer").post(url(demo), {"file": upload(AD.encode())})
    assert page.status_code == 200
    body = page.content.decode()
    assert escape(headline(AD)) in body
    assert "Checked the file ad.txt." in body


def test_a_utf16_file_from_a_windows_editor_reads_too(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    content = codecs.BOM_UTF16_LE + AD.encode("utf-16-le")
    page = client_for("member").post(url(demo), {"file": upload(content)})
    assert page.status_code == 200
    assert escape(headline(AD)) in page.content.decode()


def test_an_ad_in_another_script_reads_as_no_ai_skill_recognised(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    page = client_for("member").post(url(demo), {"text": OTHER_SCRIPT})
    assert page.status_code == 200
    body = page.content.decode()
    assert '<p class="headline">No AI skill recognised</p>' in body
    assert "None: the ad asks for no skill of the model's domains." in body
    assert "Phrases that matched</h3>\n<p>None.</p>" in body
    for flag in core(OTHER_SCRIPT)["flags"]:  # a note that the ad is in another language
        assert escape(flag["message"]) in body
        assert flag["code"] not in body
    assert "Suggested edits</h3>\n<p>None: " in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "  \n\t ", "title": "Kept title"}, "text", "text: is empty"),
        ({"text": "", "title": "Kept title"}, "text", "text: is empty"),
        (
            {
                "text": "",
                "title": "Kept title",
                "file": upload(b"\x89PNG\r\n\x1a\n\x00\xff", "logo.png"),
            },
            "file",
            "logo.png:1: is not plain text",
        ),
        (
            {"text": "", "title": "Kept title", "file": upload(b"", "empty.txt")},
            "file",
            "empty.txt: is empty",
        ),
        (
            {"text": "Our ad, kept", "title": "Kept title", "file": upload(b"another ad")},
            "file",
            "ad.txt: was sent with a pasted ad; paste the ad or upload a file, not both",
        ),
        ({"text": "Our ad, kept", "title": "x" * 201}, "title", "is longer than 200 characters"),
    ],
    ids=["spaces", "nothing", "binary-file", "empty-file", "text-and-file", "long-title"],
)
def test_bad_input_is_a_400_on_its_field_with_the_input_kept(
    client_for: Callable[[str], Client],
    demo: Organisation,
    data: dict[str, Any],
    field: str,
    message: str,
) -> None:
    page = client_for("member").post(url(demo), data)
    assert page.status_code == 400
    body = page.content.decode()
    assert f'<span class="error" id="{field}-error">{escape(message)}' in body
    assert f'aria-describedby="{field}-error"' in body
    assert '<a href="/accounts/my-data/">My data</a>' in body  # in the site's layout
    assert f'value="{escape(data["title"])}"' in body
    assert f"{escape(data['text'])}</textarea>" in body
    assert 'class="headline"' not in body


def test_a_5_mb_ad_is_refused_naming_the_limit_with_the_text_kept(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    text = "Prompt Engineer\n" + "prompt templates " * (5_000_000 // 17)
    page = client_for("member").post(url(demo), {"text": text})
    assert page.status_code == 400
    body = page.content.decode()
    assert "text: is larger than 1,048,576 bytes" in body
    assert "EAISM_MAX_JOB_AD_BYTES" in body
    assert f"{text}</textarea>" in body


def test_a_file_over_the_limit_is_refused_naming_the_file(
    client_for: Callable[[str], Client], demo: Organisation, small_limit: int
) -> None:
    page = client_for("member").post(url(demo), {"file": upload(b"a" * 2_001, "long.txt")})
    assert page.status_code == 400
    body = page.content.decode()
    assert '<span class="error" id="file-error">long.txt: is larger than 2,000 bytes' in body
    assert "at most 1 KB" in body  # the form states the limit in force


def test_the_ad_is_neither_stored_nor_logged(
    client_for: Callable[[str], Client], demo: Organisation, caplog: pytest.LogCaptureFixture
) -> None:
    member = client_for("member")  # signing in is an event of its own
    events = AuditEvent.objects.count()
    secret = f"{AD}\nWe work on {MARKER}.\n"
    caplog.set_level(logging.DEBUG)
    assert member.post(url(demo), {"text": secret}).status_code == 200
    refused = member.post(url(demo), {"text": secret, "title": "x" * 300})
    assert refused.status_code == 400
    assert not [record for record in caplog.records if MARKER in record.getMessage()]
    assert AuditEvent.objects.count() == events


def test_the_page_is_refused_outside_the_organisation(
    demo: Organisation, other_organisation: Organisation
) -> None:
    assert Client().get(url(demo))["Location"].startswith("/accounts/login/")
    outsider = Client()
    outsider.force_login(User.objects.get(email="admin@other.example"))
    assert outsider.get(url(demo)).status_code == 404
    assert outsider.post(url(demo), {"text": AD}).status_code == 404
    assert outsider.get(url(other_organisation)).status_code == 200


# --- the API -------------------------------------------------------------------------------


def post(client: Client, body: Any) -> Any:
    return client.post("/api/jd/check", body, content_type="application/json")


def test_the_api_gives_the_document_of_the_cli(api: Api) -> None:
    answer = post(api("member"), {"text": AD})
    assert answer.status_code == 200, answer.content
    assert answer.json() == core(AD)
    titled = post(api("owner"), {"text": AD, "title": "Head of AI Governance"})
    assert titled.json() == core(AD, "Head of AI Governance")
    blank = post(api("owner"), {"text": AD, "title": "   "})
    assert blank.json() == core(AD)  # a blank title means the first line


def test_the_api_reads_another_script_as_no_ai_skill_recognised(api: Api) -> None:
    document = post(api("member"), {"text": OTHER_SCRIPT}).json()
    assert document["recognised"] is False
    assert document == core(OTHER_SCRIPT)


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({}, "text", "Field required"),
        ({"text": ""}, "text", "text: is empty; expected the text of a job ad"),
        ({"text": " \n "}, "text", "text: is empty; expected the text of a job ad"),
        ({"text": 42}, "text", "Input should be a valid string"),
        ({"text": "AI Engineer\n\x00\x01"}, "text", "text:2: is not plain text"),
        ({"text": AD, "title": "x" * 201}, "title", "at most 200 characters"),
        ({"text": AD, "title": "AI\x00Engineer"}, "title", "holds a NUL character"),
        (["text", AD], "body", "Cannot parse request body"),
    ],
    ids=["missing", "empty", "spaces", "number", "nul", "long-title", "nul-title", "list"],
)
def test_a_bad_body_is_a_400_naming_the_field(api: Api, body: Any, field: str, detail: str) -> None:
    answer = post(api("member"), body)
    assert answer.status_code == 400, answer.content
    assert answer.json()["field"] == field
    assert detail in answer.json()["detail"]


def test_an_ad_over_the_limit_is_a_413_naming_the_field(api: Api, small_limit: int) -> None:
    answer = post(api("member"), {"text": "a" * 2_001})
    assert answer.status_code == 413
    assert answer.json() == {
        "detail": "text: is larger than 2,000 bytes, longer than any job ad "
        "(EAISM_MAX_JOB_AD_BYTES)",
        "field": "text",
    }


def test_the_api_needs_a_token_or_a_session_with_its_csrf_header(demo: Organisation) -> None:
    assert post(Client(), {"text": AD}).status_code == 401
    bad_token = Client(headers={"Authorization": "Bearer eaism_not-a-token"})
    assert post(bad_token, {"text": AD}).status_code == 401
    session = Client(enforce_csrf_checks=True)
    session.force_login(User.objects.get(email="member@demo.example"))
    assert post(session, {"text": AD}).status_code == 403
    token = str(session.get(url(demo)).context["csrf_token"])
    answer = session.post(
        "/api/jd/check",
        {"text": AD},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert answer.status_code == 200
    assert answer.json() == core(AD)


def test_the_openapi_document_describes_the_body_and_the_answer(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/jd/check"]["post"]
    assert {"200", "400", "401", "403", "413"} <= set(operation["responses"])
    schemas = document["components"]["schemas"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert set(schemas[body.rsplit("/", 1)[1]]["properties"]) == {"text", "title"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    described = set(schemas[answer.rsplit("/", 1)[1]]["properties"])
    assert described == DOCUMENT_KEYS


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=300))
def test_any_text_is_the_cli_document_or_a_400_naming_text(api: Api, text: str) -> None:
    """The rule for every input: the same document as the core, or a refusal naming `text`."""
    answer = post(api("member"), {"text": text})
    if text.strip() and "\x00" not in text:
        assert answer.status_code == 200, answer.content
        assert answer.json() == core(text)
    else:
        assert answer.status_code == 400
        assert answer.json()["field"] == "text"
