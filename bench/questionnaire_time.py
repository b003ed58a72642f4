"""How long the questionnaire takes: minutes per persona, counted from what a person reads,
types and clicks on the real pages.

Budget: the experienced practitioner (level 2 relied on by users, level 3 in a pilot) finishes
in at most 15 minutes, evidence included.
Baseline: the design before evidence per level, computed in the same run from the same walk:
every question from Level 2 up showed its own evidence field ("Evidence: <prompt>"), and every
positive answer from Level 2 up needed its own piece of evidence.

Each persona walks the real adaptive path of the real edition (`eaism.scoring.adaptive`): the
next question is the adaptive rule's, each answer is posted through the questionnaire page on a
temporary SQLite database, and the words read are those of the panels the server renders after
each save (statements, answer labels, evidence prompts, the "Still true?" offer; a folded
optional field counts only its summary line), each block once, on first sight. A persona gives
evidence wherever the page asks for it and skips fields marked optional; told that a link is
enough, it gives a link. The variants below the personas show what each assumption is worth:
optional fields filled too, sentences written anyway, and a second round with last round's
evidence still true.

What is not modelled: the time to recall or look up what to write (the same per piece in both
designs, so the ratio stands, but the minutes are a lower bound), and thinking beyond the
keystroke-level model's mental operator. Run with `.venv/bin/python bench/questionnaire_time.py`.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from web_dashboard import configure  # the bench's own settings on a SQLite file

# Silent reading of English non-fiction: 238 words per minute (Brysbaert, "How many words do
# we read per minute? A review and meta-analysis of reading rate", J. Memory and Language
# 109, 2019).
READING_WPM = 238
# Composing text at a keyboard: 19 words per minute; transcribing (a link copied from another
# tab): 33 words per minute (Karat, Halverson, Horn and Karat, "Patterns of entry and
# correction in large vocabulary continuous speech recognition systems", CHI 1999). A "word"
# is five characters, as typing speeds are measured.
COMPOSING_WPM = 19
TRANSCRIBING_WPM = 33
CHARACTERS_PER_WORD = 5
SENTENCE = 120  # characters of a piece of evidence written as a sentence
LINK = 40  # characters of a piece of evidence given as a link
# Keystroke-level model operators (Card, Moran and Newell, "The keystroke-level model for user
# performance time with interactive systems", CACM 23(7), 1980): a decision (M, 1.35 s), then
# pointing (P, 1.1 s) and a click (two button operators, 0.2 s); a field is reached with P + B.
DECISION_CLICK_SECONDS = 1.35 + 1.1 + 0.2
FIELD_CLICK_SECONDS = 1.1 + 0.2
BUDGET_MINUTES = 15.0
OLD_INTRO = (
    "Answer for what you have actually done. From Level 2 up, an answer counts as "
    "demonstrated only with evidence: a description of what shipped, or a link."
)


@dataclass(frozen=True)
class Persona:
    name: str
    role: str
    values: dict[int, float]  # level -> value answered; absent levels: "not yet"
    emphasis_values: dict[int, float] | None = None  # for the role's emphasis domains
    returning: bool = False  # an earlier round's evidence is offered and still true
    optional_too: bool = False  # also fills the optional evidence fields
    sentences: bool = False  # writes sentences as before although a link is enough

    def value(self, edition: Any, item_id: str, domain_id: str) -> float:
        role = edition.role(self.role)
        values = self.values
        if self.emphasis_values is not None and domain_id in role.emphasis_domains:
            values = self.emphasis_values
        return values.get(edition.item_index[item_id].level, 0.0)


PERSONAS = (
    Persona("newcomer (level 1)", "software_engineer", {1: 1.0}),
    Persona("experienced (L2 relied on, L3 pilot)", "software_engineer", {1: 1.0, 2: 1.0, 3: 0.5}),
    Persona(
        "expert (L4 in the role's domains)",
        "software_engineer",
        {1: 1.0, 2: 1.0, 3: 1.0},
        emphasis_values={1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0},
    ),
)
VARIANTS = (
    Persona(
        "experienced, sentences anyway",
        "software_engineer",
        {1: 1.0, 2: 1.0, 3: 0.5},
        sentences=True,
    ),
    Persona(
        "experienced, optional fields too",
        "software_engineer",
        {1: 1.0, 2: 1.0, 3: 0.5},
        optional_too=True,
    ),
    Persona(
        "experienced, second round",
        "software_engineer",
        {1: 1.0, 2: 1.0, 3: 0.5},
        returning=True,
    ),
)


@dataclass
class Tally:
    """What a person did: words read, characters typed (by kind) and clicks."""

    words: int = 0
    composed: int = 0
    transcribed: int = 0
    decisions: int = 0
    fields: int = 0
    items: int = 0
    pieces: int = 0
    seen: set[str] = field(default_factory=set)

    def read(self, text: str) -> None:
        self.words += len(text.split())

    def evidence(self, value: float, link_enough: bool) -> None:
        """One piece. The old field asked for "a description of what shipped, or a link": a
        sentence for work relied on by users, a link for a pilot. The new one says a link is
        enough: a link."""
        self.fields += 1
        self.pieces += 1
        if value >= 1.0 and not link_enough:
            self.composed += SENTENCE
        else:
            self.transcribed += LINK

    @property
    def minutes(self) -> float:
        reading = self.words / READING_WPM
        typing = self.composed / CHARACTERS_PER_WORD / COMPOSING_WPM
        typing += self.transcribed / CHARACTERS_PER_WORD / TRANSCRIBING_WPM
        clicks = (self.decisions * DECISION_CLICK_SECONDS + self.fields * FIELD_CLICK_SECONDS) / 60
        return reading + typing + clicks


class Blocks(HTMLParser):
    """The visible text of a rendered panel: the domain's heading and summary, and each form
    (`item-…` and `evidence-…` ids) on its own. No textarea contents, no Save buttons (hidden
    with JavaScript), no "Saved" marks, and only the summary of a folded <details>."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: dict[str, list[str]] = {}
        self.heading: list[str] = []
        self.current: str | None = None
        self.in_section = False
        self.skipping: tuple[str, int] | None = None  # the skipped element's tag and depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self.skipping is not None:
            skipped, depth = self.skipping
            self.skipping = (skipped, depth + (tag == skipped))
        elif tag in ("textarea", "button", "script") or named.get("role") == "status":
            self.skipping = (tag, 1)
        elif tag == "details" and "open" not in named:
            self.skipping = ("details", 1)
        elif tag == "form" and (named.get("id") or "").startswith(("item-", "evidence-")):
            self.current = str(named["id"])
            self.blocks[self.current] = []
        elif tag == "section":
            self.in_section = True

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            skipped, depth = self.skipping
            if tag == skipped:
                self.skipping = None if depth == 1 else (skipped, depth - 1)
        elif tag == "form":
            self.current = None
        elif tag == "section":
            self.in_section = False

    def handle_data(self, data: str) -> None:
        summary = self.skipping is not None and self.skipping[0] == "details"
        if self.skipping is not None and not (summary and self.lasttag == "summary"):
            return
        if self.current is not None:
            self.blocks[self.current].append(data)
        elif self.in_section:
            self.heading.append(data)


def new_design(persona: Persona, number: int) -> Tally:
    """Walk the persona through the real pages, counting what they read, type and click."""

    from eaism.scoring.adaptive import next_question
    from eaism.scoring.answers import Answer as CoreAnswer
    from eaism.web.edition import current_edition

    edition = current_edition()
    client, url = member(persona, number)
    tally = Tally()
    page = client.get(url)
    tally.read(intro(page.content.decode()))
    answers: dict[str, CoreAnswer] = {}
    domain_id = ""
    question_set = edition.question_set(persona.role)
    while (item := next_question(edition, answers, question_set)) is not None:
        domain = next(d for d in edition.domains if item in d.items)
        if domain.id != domain_id:
            tally.decisions += bool(domain_id)  # "Next domain"
            domain_id = domain.id
            read_panel(tally, client.get(f"{url}?domain={domain.id}", HTTP_HX_REQUEST="true"))
        value = persona.value(edition, item.id, domain.id)
        answers[item.id] = CoreAnswer(value)
        tally.decisions += 1
        tally.items += 1
        post = {"item_id": item.id, "value": str(value), "domain": domain.id}
        panel = client.post(url.replace("/assess/", "/answers/"), post, HTTP_HX_REQUEST="true")
        read_panel(tally, panel)
        cell = f"evidence-{domain.id}-{item.level}"
        level_done = all(other.id in answers for other in domain.items_at(item.level))
        if level_done and cell in tally.seen:
            give_evidence(tally, client, url, persona, panel.content.decode(), cell, value)
    tally.decisions += 1  # "Submit my answers"
    return tally


def give_evidence(
    tally: Tally, client: Any, url: str, persona: Persona, html: str, cell: str, value: float
) -> None:
    """Once a level is answered: keep last round's evidence, or write a piece where asked."""
    block = re.search(rf'<form[^>]*id="{cell}".*?</form>', html, re.S)
    assert block, cell
    domain, level = cell.removeprefix("evidence-").rsplit("-", 1)
    form = {"domain": domain, "level": level}
    if 'name="still_true"' in block.group(0):
        tally.decisions += 1
        form["still_true"] = "1"
    elif "<details>" in block.group(0):
        if not persona.optional_too:
            return
        tally.decisions += 1  # open the folded field, and read what it asks
        for text in re.findall(r"<(?:label|li)[^>]*>(.*?)</", block.group(0), re.S):
            tally.read(text)
        tally.evidence(value, link_enough=not persona.sentences)
        form["evidence"] = "x" * LINK
    else:
        tally.evidence(value, link_enough=not persona.sentences)
        form["evidence"] = "x" * LINK
    saved = client.post(url.replace("/assess/", "/answers/"), form, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200, saved.content[:500]


def read_panel(tally: Tally, panel: Any) -> None:
    assert panel.status_code == 200, panel.content[:500]
    parser = Blocks()
    parser.feed(panel.content.decode())
    heading = " ".join(" ".join(parser.heading).split())
    if heading and heading not in tally.seen:
        tally.seen.add(heading)
        tally.read(heading)
    for block_id, texts in parser.blocks.items():
        if block_id not in tally.seen:
            tally.seen.add(block_id)
            tally.read(" ".join(texts))


def intro(html: str) -> str:
    match = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S)
    assert match, "no introduction"
    return match.group(1)


def old_design(persona: Persona) -> Tally:
    """The same walk in the old design, from the strings its template rendered."""
    from eaism.model.schema import ANSWER_VALUES
    from eaism.scoring.adaptive import simulate
    from eaism.scoring.answers import Answer as CoreAnswer
    from eaism.web.edition import current_edition

    edition = current_edition()
    question_set = edition.question_set(persona.role)
    full = {
        item_id: CoreAnswer(persona.value(edition, item_id, domain.id))
        for domain in edition.domains
        for item_id in (item.id for item in domain.items)
    }
    walked = simulate(edition, full, question_set)
    tally = Tally()
    tally.read(OLD_INTRO)
    domains = [d for d in edition.domains if any(item.id in walked for item in d.items)]
    for domain in domains:
        tally.read(f"{domain.name} {domain.summary}")
        for item in (item for item in domain.items if item.id in walked):
            tally.items += 1
            tally.decisions += 1
            labels = " ".join(edition.answer_label(item, v) for v in ANSWER_VALUES)
            tally.read(f"Level {item.level} {item.statement} {labels}")
            if item.level >= edition.scoring.evidence_required_from_level:
                tally.read(f"Evidence: {item.evidence_prompt}")
                if walked[item.id].value > 0:
                    tally.evidence(walked[item.id].value, link_enough=False)
    tally.decisions += len(domains)  # "Next domain" on each but the last, then "Submit"
    return tally


def member(persona: Persona, number: int) -> tuple[Any, str]:
    """A signed-in member with a person record in a fresh organisation with an open round;
    a returning persona also gets a closed earlier round with evidence on every answer."""
    from django.test import Client
    from django.utils import timezone

    from eaism.scoring.adaptive import simulate
    from eaism.scoring.answers import Answer as CoreAnswer
    from eaism.web.accounts.models import User
    from eaism.web.assessments.models import Answer, Response, Round
    from eaism.web.edition import current_edition
    from eaism.web.organisations.models import Membership, Organisation, Person, Role

    edition = current_edition()
    organisation = Organisation.objects.create(name=f"Bench {number}", slug=f"bench-{number}")
    user = User.objects.create_user(f"person{number}@bench.example")
    Membership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    person = Person.objects.create(
        organisation=organisation, external_id=f"p{number}", user=user, role=persona.role
    )
    if persona.returning:
        earlier = Round.objects.create(organisation=organisation, name="Spring", status="closed")
        response = Response.objects.create(
            round=earlier, person=person, source="self", submitted_at=timezone.now()
        )
        full = {
            item.id: CoreAnswer(persona.value(edition, item.id, domain.id))
            for domain in edition.domains
            for item in domain.items
        }
        for item_id, answer in simulate(edition, full, edition.question_set(persona.role)).items():
            Answer.objects.create(
                response=response,
                item_id=item_id,
                value=answer.value,
                evidence="x" * SENTENCE if answer.value > 0 else "",
                answered_at=timezone.now(),
            )
    round_ = Round.objects.create(organisation=organisation, name="Autumn")
    client = Client()
    client.force_login(user)
    return client, f"/o/{organisation.slug}/rounds/{round_.id}/assess/"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "data")
        print(
            f"reading {READING_WPM} wpm; composing {COMPOSING_WPM} wpm ({SENTENCE}-character "
            f"sentence), transcribing {TRANSCRIBING_WPM} wpm ({LINK}-character link); "
            f"{DECISION_CLICK_SECONDS:.2f} s per decision and click"
        )
        print(f"{'':<38} {'':>5} {'pieces':>11} {'words read':>11} {'minutes':>15}")
        print(
            f"{'persona':<38} {'items':>5} {'old':>5} {'new':>5} {'old':>5} {'new':>5} "
            f"{'old':>7} {'new':>7} {'ratio':>6}"
        )
        failed = False
        for number, persona in enumerate((*PERSONAS, *VARIANTS)):
            old, new = old_design(persona), new_design(persona, number)
            assert old.items == new.items, (persona.name, old.items, new.items)
            print(
                f"{persona.name:<38} {new.items:>5} {old.pieces:>5} {new.pieces:>5} "
                f"{old.words:>5} {new.words:>5} {old.minutes:>7.1f} {new.minutes:>7.1f} "
                f"{new.minutes / old.minutes:>6.2f}"
            )
            if persona is PERSONAS[1] and new.minutes > BUDGET_MINUTES:
                failed = True
        print(f"budget: the experienced persona in at most {BUDGET_MINUTES:g} minutes")
        if failed:
            print("OVER BUDGET", file=sys.stderr)
            raise SystemExit(1)


if __name__ == "__main__":
    main()
