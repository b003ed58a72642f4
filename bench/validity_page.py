"""A 10,000-person round's validity report as the web app serves it: database to document.

Budget: under 2 s for the report of a round of 10,000 submitted responses (500 on the whole
item bank, 30 % reviewed), read from a SQLite file: the answers, the stored self and reviewed
levels, and the figures (`assessments.validity.round_validity`), and the API's JSON of it.
Baseline: reading the same answer rows alone with `values_list`, in the same run.
Run with `make bench` or `.venv/bin/python bench/validity_page.py`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "scripts")]

from make_round_export import simulated_round  # noqa: E402

from timing import median_seconds  # noqa: E402
from web_dashboard import configure  # noqa: E402

PEOPLE = 10_000
CALIBRATION = 500
REVIEWED_SHARE = 0.3
BUDGET_SECONDS = 2.0
SLUG = "bench-validity"


def build_round() -> int:
    """The organisation, its people and one closed round of submitted answers; its id."""
    from django.db import transaction
    from django.utils import timezone

    from eaism.web.assessments.models import Answer, Response, Round, Score
    from eaism.web.edition import current_edition
    from eaism.web.organisations.models import Organisation, Person

    edition = current_edition()
    simulated = simulated_round(edition, PEOPLE, CALIBRATION, REVIEWED_SHARE, seed=11)
    now = timezone.now()
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Bench validity", slug=SLUG)
        round_ = Round.objects.create(
            organisation=organisation, name="Bench", edition=edition.id, status="closed"
        )
        people = Person.objects.bulk_create(
            Person(organisation=organisation, external_id=f"p{n:05d}") for n in range(PEOPLE)
        )
        responses = Response.objects.bulk_create(
            Response(round=round_, person=person, submitted_at=now, calibration=one.calibration)
            for person, one in zip(people, simulated, strict=True)
        )
        Answer.objects.bulk_create(
            (
                Answer(response=response, item_id=item_id, value=value, answered_at=now)
                for response, one in zip(responses, simulated, strict=True)
                for item_id, value in one.answers.items()
            ),
            batch_size=5000,
        )
        Score.objects.bulk_create(
            Score(
                round=round_,
                person=person,
                levels=[one.self_levels.get(d) for d in edition.domain_ids],
                progress=[0.0] * len(edition.domain_ids),
                operating_level=0,
                claimed_level=0,
                self_levels=[one.self_levels.get(d) for d in edition.domain_ids],
                reviewed_levels=dict(one.reviewed_levels),
            )
            for person, one in zip(people, simulated, strict=True)
        )
    return round_.id


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "data")
        from eaism.analysis.validity import validity_document
        from eaism.web.assessments.models import Answer, Round
        from eaism.web.assessments.scoring import round_edition
        from eaism.web.assessments.validity import round_validity

        round_ = Round.objects.select_related("organisation").get(id=build_round())
        rows = Answer.objects.filter(response__round=round_)
        baseline = median_seconds(
            lambda: list(rows.values_list("response__person_id", "item_id", "value")), 5
        )
        report = median_seconds(lambda: round_validity(round_), 5)
        edition = round_edition(round_)
        document = median_seconds(lambda: validity_document(edition, round_validity(round_)), 5)
        print(f"validity report of {PEOPLE:,} responses from SQLite: {report:.3f} s (median of 5)")
        print(f"  with its JSON document: {document:.3f} s")
        print(f"baseline, the answer rows alone: {baseline:.3f} s; ratio {report / baseline:.1f}x")
        verdict = "within" if document < BUDGET_SECONDS else "OVER"
        print(f"budget {BUDGET_SECONDS:.1f} s: {verdict}")
        if document >= BUDGET_SECONDS:
            sys.exit(1)


if __name__ == "__main__":
    main()
