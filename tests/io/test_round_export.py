"""Round exports: what the web app writes, `eaism round validity` reads back unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaism.analysis.validity import ValidityResponse
from eaism.io.round_export import FORMAT, read_round_export, round_export_document
from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES

EDITION = load_edition()
CLOSES = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)

people = st.lists(
    st.builds(
        ValidityResponse,
        st.text("abcdef0123456789-", min_size=1, max_size=12),
        st.booleans(),
        st.dictionaries(st.sampled_from(list(EDITION.item_index)), st.sampled_from(ANSWER_VALUES)),
        st.dictionaries(st.sampled_from(EDITION.domain_ids), st.integers(0, 5)),
        st.dictionaries(st.sampled_from(EDITION.domain_ids), st.integers(0, 5)),
    ),
    max_size=20,
    unique_by=lambda response: response.person_id,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(people)
def test_an_export_reads_back_as_written(tmp_path: Path, responses: list[ValidityResponse]) -> None:
    document = round_export_document(EDITION, "Autumn", CLOSES, 5, responses)
    assert document["format"] == FORMAT
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = read_round_export(path, lambda name, overlays: load_edition(name, overlays))
    assert (loaded.name, loaded.closes_at, loaded.min_group_size) == ("Autumn", CLOSES, 5)
    assert list(loaded.responses) == sorted(responses, key=lambda response: response.person_id)


def test_the_example_export_is_what_its_script_writes(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    target = tmp_path / "round-export.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_round_export.py"), "--out", str(target)],
        check=True,
    )
    assert target.read_text() == (ROOT / "examples" / "round-export.json").read_text()
