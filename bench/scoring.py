"""Scoring one person: CPU time per person after the edition is loaded (budget: under 1 ms).

Baseline: one pass over the same answers that only sums their values, the least work any
scorer must do. The ratio says how much the full rules and explanations cost on top.
Run with `make bench` or `.venv/bin/python bench/scoring.py`.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.document import person_document
from eaism.scoring.profile import score_person

BUDGET_SECONDS = 0.001
PEOPLE = 2_000


def random_responses(edition: Edition, count: int, seed: int = 7) -> list[Response]:
    generator = random.Random(seed)
    item_ids = sorted(edition.item_index)
    return [
        Response(
            edition=edition.id,
            respondent=Respondent(id=f"p{index}"),
            answers={
                item_id: Answer(generator.choice(ANSWER_VALUES), generator.choice(["", "shipped"]))
                for item_id in item_ids
                if generator.random() < 0.8
            },
        )
        for index in range(count)
    ]


def cpu_per_person(work: Callable[[Response], object], responses: list[Response]) -> float:
    """The median over five rounds of CPU seconds per person."""
    rounds = []
    for _ in range(5):
        start = time.process_time()
        for response in responses:
            work(response)
        rounds.append((time.process_time() - start) / len(responses))
    return statistics.median(rounds)


def main() -> None:
    edition = load_edition()
    responses = random_responses(edition, PEOPLE)
    item_ids = tuple(edition.item_index)

    def baseline(response: Response) -> float:
        return sum(response.answers[i].value for i in item_ids if i in response.answers)

    def scoring(response: Response) -> object:
        return score_person(edition, [response])

    def scoring_and_document(response: Response) -> object:
        return person_document(edition, score_person(edition, [response]))

    base = cpu_per_person(baseline, responses)
    scored = cpu_per_person(scoring, responses)
    documented = cpu_per_person(scoring_and_document, responses)
    print(f"baseline (sum of answers):    {base * 1e6:8.1f} µs per person")
    print(
        f"score_person:                 {scored * 1e6:8.1f} µs per person  ({scored / base:.0f}x baseline)"
    )
    print(
        f"score_person + JSON document: {documented * 1e6:8.1f} µs per person  ({documented / base:.0f}x baseline)"
    )
    verdict = "within" if documented < BUDGET_SECONDS else "OVER"
    print(f"budget 1000 µs: {verdict} budget ({documented / BUDGET_SECONDS:.0%} of it)")
    raise SystemExit(0 if documented < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
