"""The model's facts live in the edition's files, not in code: a source check.

The number of levels and the ids of the domains and readiness checks come from the edition.
Code that writes `range(6)`, a `[1-5]` level pattern, a domain id or a check id breaks as soon
as an edition has other levels, domains or checks, so it fails here, with the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from eaism.model.loader import load_edition
from tests.conftest import ROOT

SOURCE = ROOT / "src" / "eaism"
LEVEL_COUNTS = re.compile(
    r"range\(\s*(?:0\s*,\s*)?6\s*\)|range\(\s*1\s*,\s*6\s*\)|range\(\s*5\s*,\s*0"
    r"|\[[01]-5\]|1, 2, 3, 4 or 5|Not yet at Level 1"
    # a count of levels or domains kept as a number, and loops over five levels
    r"|\b(?:[A-Z]+_)*(?:LEVELS|LEVEL_COUNT|TOP_LEVEL|HIGHEST_LEVEL|MAX_LEVEL|DOMAINS|DOMAIN_COUNT)"
    r"\s*(?::\s*int\s*)?=\s*\d+\s*(?:#.*)?$"
    r"|range\(\s*(?:0\s*,\s*)?5\s*\)|range\(\s*1\s*,\s*5\s*\)"
)
# Where a level count in code is known and waits for its callers to pass the edition's, with why.
KNOWN_COUNTS: dict[str, str] = {}
EDITION = load_edition()
# A domain id and a readiness check id may be the same word ("evaluation"): both are looked for.
MODEL_IDS = sorted({*EDITION.domain_ids, *EDITION.analysis.check_ids})
DOMAIN_ID = re.compile("[\"']({})[\"']".format("|".join(map(re.escape, MODEL_IDS))))
# Where an id in code is not a rule of the model, with the reason.
NOT_RULES = {
    "web/organisations/demo_history.py": "the demo's story is written for the bundled edition",
    "web/organisations/demo.py": "the demo's inventory is written for the bundled edition",
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
    assert places(LEVEL_COUNTS, KNOWN_COUNTS) == []


def test_no_code_names_a_domain_or_check_of_the_edition() -> None:
    assert places(DOMAIN_ID, NOT_RULES) == []


def test_the_check_finds_what_it_looks_for() -> None:
    assert LEVEL_COUNTS.search("for level in range(1, 6):")
    assert LEVEL_COUNTS.search('re.fullmatch(r"([1-5])=", text)')
    assert LEVEL_COUNTS.search("LEVELS = 6")
    assert LEVEL_COUNTS.search("TOP_LEVEL: int = 5  # the highest")
    assert LEVEL_COUNTS.search("for level in range(5):")
    assert LEVEL_COUNTS.search("for level in range(1, 5):")
    assert not LEVEL_COUNTS.search("LEVELS = edition.level_numbers")
    assert not LEVEL_COUNTS.search("for index in range(50):")
    assert DOMAIN_ID.search('profile.levels.get("prompting", 0)')
    assert DOMAIN_ID.search('"monitoring" in system.checks')
    assert DOMAIN_ID.search("entry.get('security_review')")
    assert not DOMAIN_ID.search("readiness_checks=[]")


def test_no_template_assumes_five_levels() -> None:
    templates = [
        path for path in SOURCE.rglob("*") if path.suffix in {".j2", ".html"} and path.is_file()
    ]
    assert templates
    found = [
        f"{path.relative_to(SOURCE).as_posix()}:{number}: {line.strip()[:80]}"
        for path in sorted(templates)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LEVEL_COUNTS.search(line)
    ]
    assert found == []
