"""A four-level, six-domain edition goes through scoring, analysis, planning and the reports:
nothing below the edition assumes five levels or eight domains (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eaism.analysis.document import analysis_document
from eaism.analysis.organisation import Organisation
from eaism.analysis.report import analyse
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.document import roadmap_document
from eaism.planning.job_ad_outline import job_ad_outline
from eaism.planning.job_description import check_job_description
from eaism.planning.roadmap import profile_of, roadmap
from eaism.planning.rubric import rubric
from eaism.reports.job_ad_outline import job_ad_outline_markdown
from eaism.reports.organisation_markdown import analysis_markdown
from eaism.reports.person_markdown import person_markdown
from eaism.scoring.document import person_document
from eaism.scoring.profile import score_person
from tests.factories import HEALTHY_PRACTICES, answers_up_to, people_at, pilot, response
from tests.small_edition import write_small_edition


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    return load_edition(str(write_small_edition(tmp_path_factory.mktemp("editions"))))


def test_the_small_edition_has_four_levels_and_six_domains(small: Edition) -> None:
    assert small.level_numbers == (1, 2, 3, 4)
    assert len(small.domains) == 6


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4])
def test_a_person_is_scored_and_reported_at_each_level(small: Edition, level: int) -> None:
    result = score_person(small, [response(answers_up_to(small, level), edition_id=small.id)])
    assert result.operating.demonstrated == level
    document = person_document(small, result)
    assert len(document["domains"]) == 6
    text = person_markdown(document)
    assert f"**Operating level {level}" in text
    plan = roadmap(small, profile_of(result), "software_engineer")
    assert roadmap_document(small, plan)["format"].startswith("eaism.roadmap")


def test_an_organisation_is_analysed_and_reported(small: Edition) -> None:
    levels = [0] * 5 + [1] * 20 + [2] * 20 + [3] * 10 + [4] * 5
    organisation = Organisation(
        people=people_at(small, levels, [f"team-{index % 3}" for index in range(len(levels))]),
        systems=(pilot("agent", months=9),),
        practices=dict(HEALTHY_PRACTICES),
    )
    document = analysis_document(small, analyse(small, organisation))
    assert list(document["workforce"]["by_level"]) == ["0", "1", "2", "3", "4"]
    assert set(document["heatmap"]) == set(small.domain_ids)
    text = analysis_markdown(document)
    assert "| Domain | L1 | L2 | L3 | L4 |\n" in text


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_a_rubric_and_an_ad_written_from_it_read_back_at_the_level(
    small: Edition, level: int
) -> None:
    assert rubric(small, level, "software_engineer").level == level
    outline = job_ad_outline(small, level, "software_engineer")
    text = job_ad_outline_markdown(outline)
    assert check_job_description(small, text).level == level


def test_the_small_edition_is_a_folder_of_files(tmp_path: Path) -> None:
    folder = write_small_edition(tmp_path)
    assert not (folder / "domains" / "security.yaml").exists()
    assert "number: 5" not in (folder / "levels.yaml").read_text(encoding="utf-8")
