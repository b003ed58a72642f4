"""Answering as the demo's member in the web tests: the round's URL, the person, an answer."""

from __future__ import annotations

from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Round
from eaism.web.organisations.models import Person


def base(round_: Round) -> str:
    return f"/o/{round_.organisation.slug}/rounds/{round_.id}"


def member_person(round_: Round) -> Person:
    return Person.objects.get(organisation=round_.organisation, external_id="p-member")


def give(round_: Round, item_id: str, value: float, evidence: str = "") -> None:
    save_answer(round_, member_person(round_), parse_answer(item_id, value, evidence))
