"""The terminal questionnaire: asks, saves after each answer, resumes from the saved file.

Evidence is asked once per level of a domain (a cell), after its last statement, and kept on
every answer of that level, as on the web questionnaire.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import typer

from eaism.errors import UsageError
from eaism.io.responses import load_responses, write_response
from eaism.model.schema import ANSWER_VALUES, Edition, Item
from eaism.scoring.adaptive import asked_domain_ids, next_question, remaining_at_most
from eaism.scoring.answers import Answer, Respondent, Response

QUIT = "q"
EditionLoader = Callable[[str, tuple[str, ...]], Edition]


class Questionnaire:
    """One respondent's run through the adaptive questions, backed by a response file."""

    def __init__(self, path: Path, edition: Edition, response: Response) -> None:
        self.path = path
        self.edition = edition
        self.response = response

    @classmethod
    def open(
        cls, path: Path, loader: EditionLoader, edition_id: str, overlays: tuple[str, ...]
    ) -> Questionnaire:
        if path.exists():
            edition, responses = load_responses([path], loader)
            typer.echo(f"Resuming {path}: {len(responses[0].answers)} answers so far.")
            return cls(path, edition, responses[0])
        _require_bundled(edition_id, overlays)
        edition = loader(edition_id, overlays)
        response = Response(
            edition=edition.id, respondent=Respondent(id="?"), overlays=edition.overlays
        )
        return cls(path, edition, response)

    def ensure_respondent(self, respondent_id: str, role: str | None) -> None:
        current = self.response.respondent
        roles = [model_role.id for model_role in self.edition.roles]
        if role is not None and role not in roles:
            raise UsageError(f"--role: {role!r} is not a role; expected one of: {', '.join(roles)}")
        if current.id == "?":
            current = replace(current, id=respondent_id)
        if current.role is None:
            current = replace(current, role=role or self._ask_role(roles))
        self.response = replace(self.response, respondent=current)
        self._save(datetime.now(UTC))

    def run(self, clock: Callable[[], datetime]) -> bool:
        """Ask until the questionnaire is complete (True) or the respondent stops (False)."""
        current_domain = ""
        while (
            item := next_question(self.edition, self.response.answers, self.question_set)
        ) is not None:
            domain = self._domain_of(item)
            if domain != current_domain:
                self._announce_domain(domain)
                current_domain = domain
            answer = self._ask(item, clock())
            if answer is None:
                return False
            self._keep(item, answer)
            if self._cell_wants_evidence(item):
                evidence = self._ask_evidence(item).strip()
                if evidence == QUIT:
                    return False
                self._keep_evidence(item, evidence, clock())
        return True

    def _cell(self, item: Item) -> tuple[Item, ...]:
        """The items of the item's level in its domain: they share one piece of evidence."""
        domain = self.edition.domain(self._domain_of(item))
        return domain.items_at(item.level)

    def _cell_evidence(self, item: Item) -> str:
        given = (self.response.answers.get(other.id) for other in self._cell(item))
        return next((answer.evidence for answer in given if answer and answer.evidence), "")

    def _keep(self, item: Item, answer: Answer) -> None:
        """Save the answer; it takes the evidence its level already has."""
        evidence = answer.evidence or self._cell_evidence(item)
        answers = {**self.response.answers, item.id: replace(answer, evidence=evidence)}
        self.response = replace(self.response, answers=answers)
        self._save(answer.answered_at or datetime.now(UTC))

    def _cell_wants_evidence(self, item: Item) -> bool:
        """Once every statement of a level from the evidence level up is answered and one of
        them is claimed, while the level has no evidence yet."""
        if item.level < self.edition.scoring.evidence_required_from_level:
            return False
        answers = [self.response.answers.get(other.id) for other in self._cell(item)]
        complete = all(answer is not None for answer in answers)
        claimed = any(answer.value > 0 for answer in answers if answer is not None)
        return complete and claimed and not self._cell_evidence(item)

    def _ask_evidence(self, item: Item) -> str:
        cell = self._cell(item)
        values = [self.response.answers[other.id].value for other in cell]
        met = sum(values) >= self.edition.scoring.cell_met_threshold * len(cell)
        shared = "this level's statement" if len(cell) == 1 else f"these {len(cell)} statements"
        if met:
            typer.echo(
                f"  Evidence for {shared}: one piece, a sentence on what shipped or just a link."
            )
            for other in cell:
                typer.echo(f"    - {' '.join(other.evidence_prompt.split())}")
            typer.echo("  (Without evidence these answers count toward your claimed level only.)")
        else:
            typer.echo(
                "  Evidence is optional here: these answers do not meet this level, so it shows"
                " progress only."
            )
        return str(
            typer.prompt("  Evidence (Enter to skip, q to stop)", default="", show_default=False)
        )

    def _keep_evidence(self, item: Item, evidence: str, now: datetime) -> None:
        """Put the evidence on every answer of the item's level, dated now."""
        if not evidence:
            return
        answers = dict(self.response.answers)
        for other in self._cell(item):
            answers[other.id] = replace(answers[other.id], evidence=evidence, answered_at=now)
        self.response = replace(self.response, answers=answers)
        self._save(now)

    @property
    def question_set(self) -> dict[str, int] | None:
        """The respondent's role's question set; None (the whole bank) without one."""
        return self.edition.question_set(self.response.respondent.role)

    def _ask_role(self, roles: list[str]) -> str:
        typer.echo("Which role describes you best? " + ", ".join(roles))
        return _choose("Role", roles)

    def _domain_of(self, item: Item) -> str:
        return next(domain.id for domain in self.edition.domains if item in domain.items)

    def _announce_domain(self, domain_id: str) -> None:
        asked = asked_domain_ids(self.edition, self.question_set)
        index = asked.index(domain_id) + 1
        domain = self.edition.domain(domain_id)
        typer.echo(f"\n== Domain {index} of {len(asked)}: {domain.name} ==")
        typer.echo(" ".join(domain.summary.split()))

    def _ask(self, item: Item, now: datetime) -> Answer | None:
        answered = len(self.response.answers)
        left = remaining_at_most(self.edition, self.response.answers, self.question_set)
        typer.echo(
            f"\n[{answered + 1}, at most {left} to go] Level {item.level}: {' '.join(item.statement.split())}"
        )
        for index, value in enumerate(ANSWER_VALUES, start=1):
            typer.echo(f"  {index}. {self.edition.answer_label(item, value)}")
        choice = _choose("Your answer (1-4, q to stop)", ["1", "2", "3", "4", QUIT])
        if choice == QUIT:
            return None
        return Answer(ANSWER_VALUES[int(choice) - 1], "", now)

    def _save(self, now: datetime) -> None:
        started = self.response.started_at or now
        self.response = replace(self.response, started_at=started, updated_at=now)
        write_response(self.path, self.response)


def _choose(question: str, choices: list[str]) -> str:
    while True:
        answer = str(typer.prompt(question)).strip()
        if answer in choices:
            return answer
        typer.echo(f"Please answer one of: {', '.join(choices)}")


def _require_bundled(edition_id: str, overlays: tuple[str, ...]) -> None:
    """Response files name their edition and overlays by id, so only bundled ones can resume."""
    from eaism.model.loader import bundled_editions, bundled_overlays

    if edition_id not in bundled_editions():
        raise UsageError(
            f"--edition: {edition_id!r} is not a bundled edition: {', '.join(bundled_editions())}"
        )
    for overlay in overlays:
        if overlay not in bundled_overlays():
            raise UsageError(
                f"--overlay: {overlay!r} is not a bundled overlay: {', '.join(bundled_overlays())}"
            )
