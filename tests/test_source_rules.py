"""The model's facts live in the edition's files, not in code: a source check.

The number of levels and the ids of the domains come from the edition. Code that writes
`range(6)`, a `[1-5]` level pattern or a domain id breaks as soon as an edition has other
levels or domains, so it fails here, with the file and line to change.
"""

from __future__ import annotations

import re
from pathlib import Path

from eaism.analysis.organisation import READINESS_CHECKS
from eaism.model.loader import load_edition
from tests.conftest import ROOT

SOURCE = ROOT / "src" / "eaism"
LEVEL_COUNTS = re.compile(
    r"range\(\s*(?:0\s*,\s*)?6\s*\)|range\(\s*1\s*,\s*6\s*\)|range\(\s*5\s*,\s*0"
    r"|\[[01]-5\]|1, 2, 3, 4 or 5|Not yet at Level 1"
)
# Domain ids that are also the names of readiness checks ("evaluation") cannot be told apart
# by a search of the text, so only the other ids are looked for.
DOMAIN_IDS = sorted(set(load_edition().domain_ids) - set(READINESS_CHECKS))
DOMAIN_ID = re.compile("[\"']({})[\"']".format("|".join(map(re.escape, DOMAIN_IDS))))
# Where a domain id in code is not a rule of the model, with the reason.
NOT_RULES = {
    "web/organisations/demo_history.py": "the demo's story is written for the bundled edition",
}


def python_files() -> list[Path]:
    return sorted(
        path for path in SOURCE.rglob("*.py") if "migrations" not in path.relative_to(SOURCE).parts
    )


def places(pattern: re.Pattern[str], skip: dict[str, str]) -> list[str]:
    found = []
    for path in python_files():
        name = path.relative_to(SOURCE).as_posix()
        if name in skip:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_code_assumes_five_levels() -> None:
    assert places(LEVEL_COUNTS, {}) == []


def test_no_code_names_a_domain_of_the_edition() -> None:
    assert places(DOMAIN_ID, NOT_RULES) == []


def test_the_check_finds_what_it_looks_for() -> None:
    assert LEVEL_COUNTS.search("for level in range(1, 6):")
    assert LEVEL_COUNTS.search('re.fullmatch(r"([1-5])=", text)')
    assert DOMAIN_ID.search('profile.levels.get("prompting", 0)')
    assert not DOMAIN_ID.search('checks = ("evaluation", "monitoring")')
