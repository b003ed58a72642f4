"""The permission matrix: every role x every page and API endpoint, with the expected status.

Each row below is one URL (and method); its columns are the statuses expected for, in order:
an anonymous visitor, the demo organisation's owner, analyst, manager, reviewer and member, and
the administrator of another organisation. Pages send anonymous visitors to the sign-in page
(302); the API answers them 401. Another organisation's data is a uniform 404; a page the role
does not allow in its own organisation is a 403. The other organisation's administrator never
sees a name of the demo organisation in any response body.

Each request runs in its own savepoint, so a row's state changes (a round opened, a system
added) never leak into the next role's request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Round
from eaism.web.organisations.invitations import invite
from eaism.web.organisations.involvements import add_involvement
from eaism.web.organisations.models import Membership, Organisation, Person, Team
from eaism.web.organisations.requirements import raise_requirement

ROLES = ("anonymous", "owner", "analyst", "manager", "reviewer", "member", "other")
EMAILS = {
    "owner": "owner@demo.example",
    "analyst": "analyst@demo.example",
    "manager": "manager@demo.example",
    "reviewer": "reviewer@demo.example",
    "member": "member@demo.example",
    "other": "admin@other.example",
}
# Words that only the demo organisation's data contains: its name, a person, a team, a round,
# a pilot system. The other organisation's administrator must never see one of them.
DEMO_MARKERS = (
    "Harbor Retail",
    "Sam Rivera",
    "Person 12",
    "customer-care",
    "supply-chain",
    "Autumn 2026",
    "Returns assistant",
    "Customer chatbot",
    "p0001",
)

SYSTEM_FORM = {
    "system_id": "matrix-bot",
    "name": "Matrix bot",
    "kind": "chatbot",
    "status": "idea",
    "months_in_status": "1",
    "users": "3",
    "monthly_cost": "10",
}
SYSTEM_JSON = {"system_id": "matrix-bot", "name": "Matrix bot", "kind": "chatbot"}
ANSWER = {"item_id": "prompting.l1.everyday_prompting", "value": "1"}
ANSWER_JSON = {"item_id": "prompting.l1.everyday_prompting", "value": 1}
EVIDENCE_JSON = {"domain": "prompting", "level": 1, "evidence": "https://wiki.example/prompts"}
PRACTICES = {"individual_ai_use": "yes", "ai_usage_policy": "no"}
REVIEW = {"domain": "prompting", "level": "1", "note": "seen in the support team"}
ITEM = "prompting.l1.everyday_prompting"
ITEM_DECISION = {"action": "confirm", "item_id": ITEM, "note": "seen it"}
REVIEW_JSON = {
    "domains": {"prompting": {"level": 1, "note": "seen"}},
    "items": {ITEM: {"value": 1}},
}
PEOPLE_CSV = b"id,team,name\nnew-1,ops,New Person\n"
RAISED_CELL = {
    "involvement": "oversee",
    "risk_class": "minimal",
    "domain": "evaluation",
    "level": "3",
    "why": "audited",
}
RAISED_CELL_JSON = RAISED_CELL | {"level": 3}
RAISED_HIGH = {"involvement": "oversee", "risk_class": "high", "domain": "evaluation"}  # in world
RAISED_HIGH_QUERY = "involvement=oversee&risk_class=high&domain=evaluation"
JOB_AD = {"text": "AI Systems Engineer\nBuild evaluation pipelines and add tracing."}


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    anonymous: int
    owner: int
    analyst: int
    manager: int
    reviewer: int
    member: int
    other: int
    data: dict[str, Any] | None = None
    json: bool = False  # send `data` as a JSON body
    upload: bool = False  # attach PEOPLE_CSV as the `file` upload
    session: bool = False  # API row authenticated by the browser session, not a bearer token
    names_demo: bool = False  # a link that may name the demo organisation to whoever holds it

    def expected(self, role: str) -> int:
        return int(getattr(self, role))

    @property
    def label(self) -> str:
        return f"{self.method} {self.url}"


# fmt: off
PAGES = (
    #   method  url                                                   anon owner analyst manager reviewer member other
    Row("GET",  "/",                                                   302, 302, 302, 302, 302, 302, 302),
    Row("GET",  "/accounts/login/",                                    200, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/password-reset/",                           200, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/password-reset/sent/",                      200, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/reset/MQ/not-a-token/",                     200, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/reset/done/",                               200, 200, 200, 200, 200, 200, 200),
    Row("POST", "/accounts/logout/",                                   302, 302, 302, 302, 302, 302, 302),
    Row("GET",  "/accounts/my-data/",                                  302, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/delete/",                                   302, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/accounts/tokens/",                                   302, 200, 200, 200, 200, 200, 200),
    Row("POST", "/accounts/tokens/",                                   302, 201, 201, 201, 201, 201, 201, data={"name": "matrix"}),
    # the owner's token: only its owner may revoke it; to everyone else it does not exist
    Row("POST", "/accounts/tokens/{owner_token}/revoke/",              302, 302, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{slug}/",                                          302, 302, 302, 302, 302, 302, 404),
    Row("GET",  "/o/{slug}/dashboard/",                                302, 200, 200, 200, 403, 403, 404),
    Row("GET",  "/o/{slug}/dashboard/?format=json",                    302, 200, 200, 200, 403, 403, 404),
    Row("GET",  "/o/{slug}/downloads/report.html",                     302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/downloads/report.xlsx",                     302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/downloads/people-results.csv",              302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/downloads/answers.xlsx",                    302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/inventory/",                                302, 200, 200, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/inventory/",                                302, 302, 403, 403, 403, 403, 404, data=SYSTEM_FORM),
    Row("GET",  "/o/{slug}/inventory/pilot-01/",                       302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/inventory/pilot-01/",                       302, 302, 403, 403, 403, 403, 404, data=SYSTEM_FORM),
    Row("POST", "/o/{slug}/inventory/pilot-01/people/",                302, 302, 403, 403, 403, 403, 404, data={"action": "add", "person": "p0001", "kind": "oversee"}),
    # another organisation's person is not on the demo's roster: the page again with the error
    Row("POST", "/o/{slug}/inventory/pilot-01/people/",                302, 400, 403, 403, 403, 403, 404, data={"action": "add", "person": "x1", "kind": "build"}),
    Row("POST", "/o/{slug}/inventory/no-such-system/people/",          302, 404, 403, 403, 403, 403, 404, data={"action": "add", "person": "p0001", "kind": "build"}),
    # competence records: names for owners and admins, counts of closed rounds for analysts
    Row("GET",  "/o/{slug}/compliance/",                               302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/compliance/?format=json",                   302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/compliance/?format=pdf",                    302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/compliance/?format=xlsx",                   302, 200, 200, 403, 403, 403, 404),
    # the demo's round is open: its records are the admins' until it closes
    Row("GET",  "/o/{slug}/compliance/?round={round}",                 302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/compliance/",                               302, 302, 403, 403, 403, 403, 404, data={"system": "prod-01", "person": "p0001", "kind": "training"}),
    Row("POST", "/o/{slug}/compliance/requirements/",                  302, 302, 403, 403, 403, 403, 404, data=RAISED_CELL),
    Row("POST", "/o/{slug}/compliance/requirements/",                  302, 400, 403, 403, 403, 403, 404, data=RAISED_CELL | {"level": "2"}),
    Row("POST", "/o/{slug}/compliance/requirements/",                  302, 302, 403, 403, 403, 403, 404, data={"action": "remove", **RAISED_HIGH}),
    Row("GET",  "/o/{other}/compliance/",                              302, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/o/{slug}/compliance/?round={other_round}",           302, 404, 404, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/settings/",                                 302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/settings/",                                 302, 302, 403, 403, 403, 403, 404, data={"name": "Harbor Retail (demo)", "currency": "USD", "min_group_size": "6", "record_max_age_months": "12"}),
    Row("GET",  "/o/{slug}/settings/sign-in/",                         302, 200, 403, 403, 403, 403, 404),
    # a wrong issuer: the page again with the error (400), nothing saved
    Row("POST", "/o/{slug}/settings/sign-in/",                         302, 400, 403, 403, 403, 403, 404, data={"issuer": "not-a-url"}),
    # single sign-on pages are public; the demo has no identity provider, so no start (404)
    Row("GET",  "/o/{slug}/sign-in/",                                  404, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{other}/settings/sign-in/",                        302, 404, 404, 404, 404, 404, 200),
    # a callback without a sign-in started in this browser: the "sign-in failed" page (400)
    Row("GET",  "/sso/callback/?code=x&state=y",                       400, 400, 400, 400, 400, 400, 400),
    Row("GET",  "/sso/find/?organisation={slug}",                      400, 400, 400, 400, 400, 400, 400),
    # SCIM provisioning tokens: the owner's alone
    Row("GET",  "/o/{slug}/settings/scim/",                            302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/settings/scim/",                            302, 201, 403, 403, 403, 403, 404, data={"name": "matrix idp"}),
    Row("POST", "/o/{slug}/settings/scim/{scim_token}/revoke/",        302, 302, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/settings/scim/{other_scim_token}/revoke/",  302, 404, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{other}/settings/scim/",                           302, 404, 404, 404, 404, 404, 403),
    # the SCIM endpoints take a SCIM bearer token, never a session (see SCIM below)
    Row("GET",  "/scim/v2/Users",                                      401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/Users/{scim_user}",                          401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/Groups",                                     401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/Groups/{team}",                              401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/ServiceProviderConfig",                      401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/ResourceTypes",                              401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/ResourceTypes/User",                         401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/Schemas",                                    401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", 401, 401, 401, 401, 401, 401, 401),
    Row("POST", "/scim/v2/.search",                                    401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/scim/v2/no-such-endpoint",                           401, 401, 401, 401, 401, 401, 401),
    Row("GET",  "/o/{slug}/practices/",                                302, 200, 200, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/practices/",                                302, 302, 403, 403, 403, 403, 404, data=PRACTICES),
    Row("GET",  "/o/{slug}/people/",                                   302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/people/",                                   302, 200, 403, 403, 403, 403, 404, upload=True),
    Row("POST", "/o/{slug}/people/p0001/invite/",                      302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/people/?q=Person&status=active&response=not_invited&page=2", 302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/people/p0001/",                             302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/people/p0001/",                             302, 302, 403, 403, 403, 403, 404, data={"reviewers": []}),
    # no import has been applied: there is nothing to undo (400)
    Row("POST", "/o/{slug}/imports/undo/",                             302, 400, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/teams/",                                    302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/job-ads/",                                  302, 200, 200, 200, 200, 200, 404),
    Row("POST", "/o/{slug}/job-ads/",                                  302, 200, 200, 200, 200, 200, 404, data=JOB_AD),
    Row("POST", "/o/{slug}/teams/",                                    302, 302, 403, 403, 403, 403, 404, data={"name": "matrix-team"}),
    Row("POST", "/o/{slug}/teams/{team}/",                             302, 302, 403, 403, 403, 403, 404, data={"action": "rename", "name": "matrix-renamed"}),
    Row("POST", "/o/{slug}/members/{analyst_membership}/role/",        302, 302, 403, 403, 403, 403, 404, data={"role": "member"}),
    Row("GET",  "/invite/not-a-real-token/",                           404, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/invite/{invitation}/",                               200, 200, 200, 200, 200, 200, 200, names_demo=True),
    Row("GET",  "/o/{slug}/audit/",                                    302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/audit/?format=csv",                         302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/",                                   302, 200, 200, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/rounds/",                                   302, 302, 403, 403, 403, 403, 404, data={"name": "Spring", "drafts": "keep"}),
    Row("GET",  "/o/{slug}/rounds/{round}/",                           302, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/validity/",                  302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/validity/?format=json",      302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/validity/?format=export",    302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/rounds/{round}/invitations/",               302, 302, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/rounds/{round}/reminders/",                 302, 302, 403, 403, 403, 403, 404, data={"kind": "not_started"}),
    Row("POST", "/o/{slug}/rounds/{round}/close/",                     302, 302, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/assess/",                    302, 403, 403, 403, 403, 200, 404),
    Row("POST", "/o/{slug}/rounds/{round}/answers/",                   302, 403, 403, 403, 403, 302, 404, data=ANSWER),
    # the demo's rounds are on one edition: there are no answers of an older one to carry (400)
    Row("POST", "/o/{slug}/rounds/{round}/carried/",                   302, 403, 403, 403, 403, 400, 404),
    Row("POST", "/o/{slug}/rounds/{round}/submit/",                    302, 403, 403, 403, 403, 302, 404),
    # the member's response is saved but not submitted: there is nothing to reopen (400)
    Row("POST", "/o/{slug}/rounds/{round}/reopen/",                    302, 403, 403, 403, 403, 400, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/results/",                   302, 403, 403, 403, 403, 200, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/results/?format=json",       302, 403, 403, 403, 403, 200, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/p-member/",           302, 200, 403, 403, 200, 200, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/p-member/?format=json", 302, 200, 403, 403, 200, 200, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/p0001/",              302, 200, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/rounds/{round}/people/p-member/review/",    302, 302, 403, 403, 302, 403, 404, data=REVIEW),
    Row("POST", "/o/{slug}/rounds/{round}/people/p-member/review/",    302, 302, 403, 403, 302, 403, 404, data=ITEM_DECISION),
    Row("GET",  "/o/{slug}/rounds/{round}/people/p-member/review/",    302, 200, 403, 403, 200, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/p0001/review/",       302, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/reviews/",                   302, 200, 403, 403, 200, 403, 404),
    Row("GET",  "/o/{slug}/reviews/",                                  302, 302, 403, 403, 302, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/reviews/?status=submitted&team=", 302, 200, 403, 403, 200, 403, 404),
    # no reviewer asked the member for evidence: a 400; the other roles have no answers here
    Row("POST", "/o/{slug}/rounds/{round}/requests/" + ITEM + "/",     302, 403, 403, 403, 403, 400, 404, data={"evidence": "x"}),
    # another organisation's pages, and its objects named under the demo organisation's address
    Row("GET",  "/o/{other}/",                                         302, 404, 404, 404, 404, 404, 302),
    Row("GET",  "/o/{other}/dashboard/",                               302, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/o/{other}/people/",                                  302, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/o/{other}/rounds/{other_round}/results/",            302, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/o/{slug}/rounds/{other_round}/results/",             302, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{slug}/rounds/{other_round}/",                     302, 404, 404, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/rounds/{other_round}/invitations/",         302, 404, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/rounds/{other_round}/assess/",              302, 404, 404, 404, 404, 404, 404),
    Row("POST", "/o/{slug}/rounds/{other_round}/carried/",             302, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/x1/",                 302, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{slug}/rounds/{round}/people/x1/review/",          302, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/o/{slug}/rounds/{other_round}/reviews/",             302, 404, 404, 404, 404, 404, 404),
    Row("POST", "/o/{slug}/members/{other_membership}/role/",          302, 404, 403, 403, 403, 403, 404, data={"role": "member"}),
    Row("POST", "/o/{slug}/people/x1/invite/",                         302, 404, 403, 403, 403, 403, 404),
    Row("GET",  "/o/{slug}/people/x1/",                                302, 404, 403, 403, 403, 403, 404),
    Row("POST", "/o/{slug}/teams/{other_team}/",                       302, 404, 403, 403, 403, 403, 404, data={"action": "delete"}),
    Row("GET",  "/o/{other}/teams/",                                   302, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/o/{slug}/inventory/no-such-system/",                 302, 404, 403, 403, 403, 403, 404),
    Row("GET",  "/o/no-such-organisation/dashboard/",                  302, 404, 404, 404, 404, 404, 404),
)

API = (
    #   method  url                                                          anon owner analyst manager reviewer member other
    Row("GET",  "/api/organisations",                                         401, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/api/organisations/{slug}/people",                           401, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/people?q=Person&status=active&page=2", 401, 200, 403, 403, 403, 403, 404),
    Row("POST", "/api/organisations/{slug}/people/import",                    401, 200, 403, 403, 403, 403, 404, data={"mode": "update", "dry_run": "true"}, upload=True),
    Row("PUT",  "/api/organisations/{slug}/people/p0001/reviewers",           401, 200, 403, 403, 403, 403, 404, data={"emails": ["reviewer@demo.example"]}, json=True),
    Row("GET",  "/api/organisations/{slug}/teams",                            401, 200, 403, 403, 403, 403, 404),
    Row("POST", "/api/organisations/{slug}/teams",                            401, 201, 403, 403, 403, 403, 404, data={"name": "matrix-team"}, json=True),
    Row("GET",  "/api/organisations/{slug}/rounds",                           401, 200, 200, 200, 200, 200, 404),
    Row("POST", "/api/organisations/{slug}/rounds",                           401, 201, 403, 403, 403, 403, 404, data={"name": "Spring", "drafts": "keep"}, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/invitations",       401, 200, 403, 403, 403, 403, 404, data={}, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/reminders",         401, 200, 403, 403, 403, 403, 404, data={"kind": "not_started"}, json=True),
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/response-rates",    401, 200, 200, 200, 403, 403, 404),
    # an open round's validity report is for admins; analysts read a closed round's
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/validity",          401, 200, 403, 403, 403, 403, 404),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/answers",           401, 403, 403, 403, 403, 200, 404, data=ANSWER_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/evidence",          401, 403, 403, 403, 403, 200, 404, data=EVIDENCE_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/submit",            401, 403, 403, 403, 403, 200, 404),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/reopen",            401, 403, 403, 403, 403, 400, 404),
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/results",           401, 403, 403, 403, 403, 200, 404),
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/people/p-member",   401, 200, 403, 403, 200, 200, 404),
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/people/p0001",      401, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/reviews?round={round}",            401, 200, 403, 403, 200, 403, 404),
    Row("GET",  "/api/organisations/{slug}/reviews",                          401, 200, 403, 403, 200, 403, 404),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/people/p-member/review", 401, 200, 403, 403, 200, 403, 404, data=REVIEW_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/requests/" + ITEM, 401, 403, 403, 403, 403, 400, 404, data={"evidence": "x"}, json=True),
    Row("GET",  "/api/organisations/{slug}/analysis",                         401, 200, 200, 200, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/analysis?round={round}",           401, 200, 200, 200, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/systems",                          401, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/compliance",                       401, 200, 200, 403, 403, 403, 404),
    Row("GET",  "/api/organisations/{slug}/compliance?round={round}",         401, 200, 403, 403, 403, 403, 404),
    Row("GET",  "/api/organisations/{other}/compliance",                      401, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/api/organisations/{slug}/compliance?round={other_round}",   401, 404, 404, 403, 403, 403, 404),
    Row("POST", "/api/organisations/{slug}/systems",                          401, 201, 403, 403, 403, 403, 404, data=SYSTEM_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/compliance/requirements",          401, 201, 403, 403, 403, 403, 404, data=RAISED_CELL_JSON, json=True),
    Row("DELETE", "/api/organisations/{slug}/compliance/requirements?" + RAISED_HIGH_QUERY, 401, 204, 403, 403, 403, 403, 404),
    Row("POST", "/api/organisations/{other}/compliance/requirements",         401, 404, 404, 404, 404, 404, 201, data=RAISED_CELL_JSON, json=True),
    Row("POST", "/api/tokens",                                                401, 201, 201, 201, 201, 201, 201, session=True),
    Row("GET",  "/api/tokens",                                                401, 200, 200, 200, 200, 200, 200),
    Row("DELETE", "/api/tokens/{owner_token}",                                401, 204, 404, 404, 404, 404, 404),
    # the job-ad check reads only the text sent: any account may call it, another's admin too
    Row("POST", "/api/jd/check",                                              401, 200, 200, 200, 200, 200, 200, data=JOB_AD, json=True),
    Row("GET",  "/api/openapi.json",                                          200, 200, 200, 200, 200, 200, 200),
    Row("GET",  "/api/docs",                                                  200, 200, 200, 200, 200, 200, 200),
    # another organisation's endpoints, and its objects named under the demo organisation's address
    Row("GET",  "/api/organisations/{other}/people",                          401, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/api/organisations/{other}/teams",                           401, 404, 404, 404, 404, 404, 200),
    Row("PUT",  "/api/organisations/{slug}/people/x1/reviewers",              401, 404, 403, 403, 403, 403, 404, data={"emails": []}, json=True),
    Row("GET",  "/api/organisations/{other}/analysis",                        401, 404, 404, 404, 404, 404, 200),
    Row("GET",  "/api/organisations/{other}/reviews",                         401, 404, 404, 404, 404, 404, 200),
    Row("POST", "/api/organisations/{slug}/rounds/{other_round}/people/p-member/review", 401, 404, 404, 404, 404, 404, 404, data=REVIEW_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{round}/people/x1/review",  401, 404, 404, 404, 404, 404, 404, data=REVIEW_JSON, json=True),
    Row("GET",  "/api/organisations/{other}/systems",                         401, 404, 404, 404, 404, 404, 200),
    Row("POST", "/api/organisations/{other}/rounds/{other_round}/answers",    401, 404, 404, 404, 404, 404, 200, data=ANSWER_JSON, json=True),
    Row("POST", "/api/organisations/{slug}/rounds/{other_round}/answers",     401, 403, 403, 403, 403, 404, 404, data=ANSWER_JSON, json=True),
    Row("GET",  "/api/organisations/{slug}/rounds/{other_round}/results",     401, 403, 403, 403, 403, 404, 404),
    Row("GET",  "/api/organisations/{slug}/rounds/{round}/people/x1",         401, 404, 404, 404, 404, 404, 404),
    Row("GET",  "/api/organisations/{slug}/rounds/{other_round}/response-rates", 401, 404, 404, 404, 403, 403, 404),
    Row("POST", "/api/organisations/{slug}/rounds/{other_round}/invitations", 401, 404, 403, 403, 403, 403, 404, data={}, json=True),
    Row("GET",  "/api/organisations/{slug}/analysis?round={other_round}",     401, 404, 404, 404, 403, 403, 404),
)
# fmt: on


@pytest.fixture(autouse=True)
def quick_password_hashing(settings: Any) -> None:
    """No request here checks a password (clients sign in with force_login), so the demo's
    accounts are hashed with a fast hasher: Argon2id would spend most of this module's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(demo: Organisation, other_organisation: Organisation) -> dict[str, Any]:
    """Both organisations, the member with one saved answer, and one API token per account."""
    demo_round = demo.rounds.get()
    answer = parse_answer("prompting.l1.everyday_prompting", 1, "shipped")
    for person_id in ("p-member", "p0001"):
        save_answer(
            demo_round, Person.objects.get(organisation=demo, external_id=person_id), answer
        )
    tokens = {
        role: ApiToken.issue(User.objects.get(email=email), "matrix")[1]
        for role, email in EMAILS.items()
    }
    return {
        "slug": demo.slug,
        "round": demo_round.id,
        "other": other_organisation.slug,
        "other_round": Round.objects.get(organisation=other_organisation).id,
        "analyst_membership": Membership.objects.get(organisation=demo, role="analyst").id,
        "team": Team.objects.get(organisation=demo, name="legal").id,
        "other_team": Team.objects.get(organisation=other_organisation).id,
        "other_membership": Membership.objects.get(organisation=other_organisation).id,
        "invitation": invite(demo, Person.objects.get(organisation=demo, external_id="p0002")),
        "involvement": add_involvement(demo.systems.get(system_id="prod-01"), "p0001", "oversee"),
        "raised": raise_requirement(demo, *RAISED_HIGH.values(), 4, "matrix").id,
        "tokens": tokens,
        "owner_token": ApiToken.objects.get(user__email=EMAILS["owner"]).id,
        **scim_world(demo, other_organisation),
    }


def page_client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(email=EMAILS[role]))
    return client


def api_client(role: str, tokens: dict[str, str]) -> Client:
    if role == "anonymous":
        return Client()
    return Client(headers={"Authorization": f"Bearer {tokens[role]}"})


def send(client: Client, row: Row, url: str) -> Any:
    if row.method == "GET":
        return client.get(url)
    if row.method == "DELETE":
        return client.delete(url)
    if row.json:
        send_json = client.put if row.method == "PUT" else client.post
        return send_json(url, row.data or {}, content_type="application/json")
    data = dict(row.data or {})
    if row.upload:
        data["file"] = SimpleUploadedFile("people.csv", PEOPLE_CSV, content_type="text/csv")
    return client.post(url, data)


def statuses(
    row: Row, world: dict[str, Any], make_client: Callable[[str], Client]
) -> Iterator[tuple[str, int, Any]]:
    """Each role's request in its own savepoint, rolled back afterwards."""
    url = row.url.format(**world)
    for role in ROLES:
        with transaction.atomic():
            response = send(make_client(role), row, url)
            transaction.set_rollback(True)
        yield role, row.expected(role), response


def check(row: Row, results: Iterator[tuple[str, int, Any]], login_redirect: bool) -> None:
    wrong = []
    for role, expected, response in results:
        if response.status_code != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
        if role == "anonymous" and expected == 302 and login_redirect:
            assert response["Location"].startswith("/accounts/login/"), row.label
        if role == "other" and not row.names_demo:
            body = response.content.decode("utf-8", "replace")
            leaked = [marker for marker in DEMO_MARKERS if marker in body]
            assert not leaked, f"{row.label}: the other organisation's admin saw {leaked}"
    assert not wrong, f"{row.label}: " + "; ".join(wrong)


@pytest.mark.parametrize("row", PAGES, ids=[row.label for row in PAGES])
def test_pages(row: Row, world: dict[str, Any]) -> None:
    signed_out_page = row.url.startswith(("/accounts/login", "/accounts/pass", "/accounts/reset"))
    check(
        row,
        statuses(row, world, page_client),
        login_redirect=not signed_out_page and row.url != "/accounts/logout/",
    )


@pytest.mark.parametrize("row", API, ids=[row.label for row in API])
def test_api(row: Row, world: dict[str, Any]) -> None:
    def make_client(role: str) -> Client:
        return page_client(role) if row.session else api_client(role, world["tokens"])

    check(row, statuses(row, world, make_client), login_redirect=False)


def test_every_page_and_endpoint_has_a_row() -> None:
    """A new page or API operation must get its row in the matrix before it ships."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from eaism.web.api import api

    def routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    rows = {(row.method, _shape(row.url)) for row in PAGES + API}
    pages = {_shape("/" + route) for route in routes(get_resolver().url_patterns)}
    missing_pages = sorted(
        page for page in pages if not page.startswith("api") and page not in {s for _, s in rows}
    )
    operations = {
        (method.upper(), _shape(path))
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method in methods
    }
    missing_operations = sorted(operations - rows)
    assert not missing_pages, f"pages without a row in the permission matrix: {missing_pages}"
    assert not missing_operations, f"API operations without a row: {missing_operations}"


def _shape(url: str) -> str:
    """A URL, route or OpenAPI path with every variable part as '*', without the query."""
    path = re.sub(r"<[^>]+>|\{[^}]+\}", "*", url.split("?")[0])
    return "/".join(part if part in FIXED_PARTS else "*" for part in path.strip("/").split("/"))


# Path segments that are words of the route itself; every other segment is a variable part.
FIXED_PARTS = frozenset(
    (
        "o", "api", "accounts", "organisations", "rounds", "people", "members", "inventory",
        "dashboard", "practices", "audit", "close", "assess", "answers", "submit", "results",
        "review", "analysis", "systems", "tokens", "login", "logout", "password-reset", "sent",
        "reset", "done", "my-data", "reviews", "requests", "delete", "openapi.json", "docs", "invite", "role",
        "downloads", "reopen", "carried", "settings", "invitations", "reminders", "response-rates", "validity", "evidence", "teams", "imports", "undo", "import", "reviewers", "revoke",
        "job-ads", "jd", "check", "scim", "v2", "Users", "Groups", "ServiceProviderConfig",
        "ResourceTypes", "Schemas", ".search", "sso", "callback", "find", "sign-in",
        "compliance", "requirements",
    )
)  # fmt: skip


def test_the_other_admin_lists_only_their_own_organisation(world: dict[str, Any]) -> None:
    listed = api_client("other", world["tokens"]).get("/api/organisations").json()
    assert listed == [{"slug": "other-org", "name": "Other Org", "role": "admin"}]
    mine = page_client("other").get("/accounts/my-data/").json()
    assert [m["organisation"] for m in mine["memberships"]] == ["Other Org"]


# SCIM, by the bearer token a request carries: none, the demo's, the other organisation's, and a
# revoked one of the demo's. The other organisation's token gets the uniform 404 for the demo's
# ids and never a demo name in a body.
SCIM_TOKENS = ("none", "demo", "other", "revoked")
SCIM = (
    #   method  url                                       none demo other revoked
    ("GET",    "/scim/v2/Users",                           401, 200, 200, 401),
    ("GET",    "/scim/v2/Users/{scim_user}",               401, 200, 404, 401),
    ("PATCH",  "/scim/v2/Users/{scim_user}",               401, 200, 404, 401),
    ("PUT",    "/scim/v2/Users/{scim_user}",               401, 200, 404, 401),
    ("DELETE", "/scim/v2/Users/{scim_user}",               401, 204, 404, 401),
    ("POST",   "/scim/v2/Users",                           401, 201, 201, 401),
    ("GET",    "/scim/v2/Groups",                          401, 200, 200, 401),
    ("GET",    "/scim/v2/Groups/{team}",                   401, 200, 404, 401),
    ("PATCH",  "/scim/v2/Groups/{team}",                   401, 200, 404, 401),
    ("PUT",    "/scim/v2/Groups/{team}",                   401, 200, 404, 401),
    ("DELETE", "/scim/v2/Groups/{team}",                   401, 204, 404, 401),
    ("POST",   "/scim/v2/Groups",                          401, 201, 201, 401),
    ("GET",    "/scim/v2/ServiceProviderConfig",           401, 200, 200, 401),
    ("GET",    "/scim/v2/ResourceTypes",                   401, 200, 200, 401),
    ("GET",    "/scim/v2/Schemas",                         401, 200, 200, 401),
    ("POST",   "/scim/v2/.search",                         401, 501, 501, 401),
    ("GET",    "/scim/v2/no-such-endpoint",                401, 404, 404, 401),
)  # fmt: skip
SCIM_BODIES = {
    "PATCH /scim/v2/Users/{scim_user}": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "title", "value": "Lead"}]},
    "PUT /scim/v2/Users/{scim_user}": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "member@demo.example", "externalId": "p-member"},
    "POST /scim/v2/Users": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "matrix@new.example"},
    "PATCH /scim/v2/Groups/{team}": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "displayName", "value": "renamed"}]},
    "PUT /scim/v2/Groups/{team}": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "renamed"},
    "POST /scim/v2/Groups": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "matrix group"},
}  # fmt: skip


def scim_world(demo: Organisation, other: Organisation) -> dict[str, Any]:
    from eaism.web.provisioning.tokens import create_token, revoke_token

    revoked, revoked_secret = create_token(None, demo, "revoked")
    revoke_token(None, demo, revoked.id)
    return {
        "scim_token": create_token(None, demo, "matrix")[0].id,
        "other_scim_token": create_token(None, other, "other matrix")[0].id,
        "scim_user": Person.objects.get(organisation=demo, external_id="p-member").id,
        "scim_secrets": {
            "demo": create_token(None, demo, "matrix requests")[1],
            "other": create_token(None, other, "other requests")[1],
            "revoked": revoked_secret,
        },
    }


@pytest.mark.parametrize("row", SCIM, ids=[f"{row[0]} {row[1]}" for row in SCIM])
def test_scim(row: tuple[Any, ...], world: dict[str, Any]) -> None:
    method, url, *expected = row
    body = SCIM_BODIES.get(f"{method} {url}")
    wrong = []
    for token, status in zip(SCIM_TOKENS, expected, strict=True):
        secret = world["scim_secrets"].get(token)
        client = Client(headers={"Authorization": f"Bearer {secret}"} if secret else {})
        with transaction.atomic():
            response = getattr(client, method.lower())(
                url.format(**world),
                json.dumps(body) if body else None,
                content_type="application/scim+json",
            )
            transaction.set_rollback(True)
        if response.status_code != status:
            wrong.append(f"{token}: expected {status}, got {response.status_code}")
        if status == 401:
            assert response["WWW-Authenticate"].startswith("Bearer"), (url, token)
        if token == "other":
            leaked = [m for m in (*DEMO_MARKERS, "Harbor") if m in response.content.decode()]
            assert not leaked, f"{method} {url}: the other organisation's token saw {leaked}"
    assert not wrong, f"{method} {url}: " + "; ".join(wrong)
