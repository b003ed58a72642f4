"""Build the upgrade fixture: a SQLite database made by the previous release, with real data.

Exports the release's commit (`git archive`, so the working tree and its branches are left as
they are) into a temporary folder, installs it from its own uv.lock into a temporary virtual
environment, and runs a script there that fills a fresh database through that release's own
functions: an organisation, teams, people, an account, a round with answers, submitted scores
and audit entries. Writes, under tests/fixtures/upgrade/:

    <release>.sqlite3   the database, compacted into one file (no -wal beside it)
    <release>.json      the manifest: every answer, score and audit entry it holds

tests/web/test_upgrade.py upgrades a copy with today's code and checks it against the manifest.
Run it again only for a new previous release: `.venv/bin/python scripts/make_upgrade_fixture.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "upgrade"
UV = ROOT / ".tools" / "bin" / "uv"
RELEASE = "v0.1.0"
COMMIT = "6dda491"  # what the tag points at; CI's clone may have no tags

# Prints every answer, score and audit entry as the manifest (JSON); run by the release to
# write the manifest and by tests/web/test_upgrade.py to read the upgraded database the same way.
MANIFEST = """
answers = Answer.objects.select_related("response__person", "response__round").order_by("id")
scores = Score.objects.select_related("person", "round").order_by("id")
print(json.dumps({
    "answers": [
        [a.response.person.external_id, a.response.round.name, a.response.source, a.item_id,
         a.value, a.evidence, a.answered_at.isoformat()]
        for a in answers
    ],
    "scores": [
        [s.person.external_id, s.round.name, s.levels, s.progress, s.operating_level,
         s.claimed_level]
        for s in scores
    ],
    "audit": [
        [e.action, e.organisation.slug if e.organisation else None, e.target, e.detail,
         e.actor_label, e.at.isoformat()]
        for e in AuditEvent.objects.order_by("id")
    ],
}))
"""

# Runs inside the release's own environment, so it may only use what that release had.
BUILD = (
    """
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from eaism.web.accounts.models import User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Answer, Round, Score
from eaism.web.audit.models import AuditEvent
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Membership, Person, Team
from eaism.web.organisations.setup import create_organisation

organisation, _ = create_organisation("Upgrade Test Ltd", "owner@upgrade.example")
teams = [Team.objects.create(organisation=organisation, name=name) for name in ("data", "ops")]
owner = User.objects.create_user("owner@upgrade.example", "not-used-upgrade-fixture")
Membership.objects.create(user=owner, organisation=organisation, role="owner")
record(None, "sign_in", organisation, target=owner.email, actor_label=owner.email)
round_ = Round.objects.create(organisation=organisation, name="Spring", edition=current_edition().id)
items = list(current_edition().item_index)
values = (0.0, 0.25, 0.5, 1.0)
for number in range(8):
    person = Person.objects.create(
        organisation=organisation, team=teams[number % 2], external_id=f"u{number:02d}",
        name=f"Person {number}", email=f"u{number:02d}@upgrade.example", role="software_engineer",
    )
    for n in range(12):
        item = items[(number * 5 + n) % len(items)]
        evidence = f"shipped {item} (person {number}) \\u2713" if n % 3 else ""
        save_answer(round_, person, parse_answer(item, values[(number + n) % 4], evidence))
    if number % 4 != 3:
        submit_response(round_, person)
        record(None, "response_submitted", organisation, target=person.external_id, items=12)
record(None, "export", organisation, target="people.csv", rows=8, note="\\u00fcber")

"""
    + MANIFEST
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", default=RELEASE)
    parser.add_argument("--commit", default=COMMIT)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eaism-upgrade-") as folder:
        work = Path(folder)
        source = export(arguments.commit, work / "source")
        python = install(source, work / "venv")
        database, manifest = build(python, work / "data")
        FIXTURES.mkdir(parents=True, exist_ok=True)
        target = FIXTURES / f"{arguments.release}.sqlite3"
        compact(database, target)
        manifest = {"release": arguments.release, "commit": arguments.commit, **manifest}
        (FIXTURES / f"{arguments.release}.json").write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    print(f"wrote {target} ({target.stat().st_size} bytes) and its manifest")


def export(commit: str, folder: Path) -> Path:
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def install(source: Path, venv: Path) -> Path:
    """The release with its locked dependencies (no development tools) in a venv of its own."""
    environment = os.environ | {"UV_SYSTEM_CERTS": "1", "UV_PROJECT_ENVIRONMENT": str(venv)}
    subprocess.run(
        [str(UV), "sync", "--locked", "--no-dev", "--quiet"],
        cwd=source,
        env=environment,
        check=True,
    )
    return venv / "bin" / "python"


def build(python: Path, data: Path) -> tuple[Path, dict[str, object]]:
    data.mkdir()
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("EAISM_", "DJANGO_", "DATABASE_URL", "VIRTUAL_ENV"))
    } | {
        "EAISM_DATA_DIR": str(data),
        "EAISM_CACHE_DIR": "off",
        "DJANGO_SETTINGS_MODULE": "eaism.web.settings",
    }
    done = subprocess.run(
        [str(python), "-c", BUILD],
        cwd=data,  # never the working tree: its eaism must not shadow the release's
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"building the fixture failed:\n{done.stderr}")
    return data / "eaism.sqlite3", json.loads(done.stdout.strip().splitlines()[-1])


def compact(database: Path, target: Path) -> None:
    """One self-contained, compacted file: VACUUM INTO also takes in what the -wal file holds."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(database) as connection:
        connection.execute("VACUUM INTO ?", (str(target),))
    connection.close()


if __name__ == "__main__":
    main()
