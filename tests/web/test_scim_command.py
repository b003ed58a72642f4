"""`eaism admin scim-token`: the installed command on its own SQLite database; the token it
prints works against the endpoint, and revoking it by its start stops it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path


def test_the_command_prints_a_token_once_and_revokes_it(tmp_path: Path) -> None:
    command = shutil.which("eaism", path=str(Path(sys.executable).parent))
    assert command is not None
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("EAISM_") and name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {"EAISM_DATA_DIR": str(tmp_path / "data"), "EAISM_CACHE_DIR": "off"}

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, "admin", *arguments], capture_output=True, text=True, env=environment
        )

    assert (
        run("create-org", "CLI Org", "--owner", "o@x.example", "--slug", "cli-org").returncode == 0
    )
    created = run("scim-token", "cli-org", "--name", "Okta")
    assert created.returncode == 0, created.stderr
    lines = created.stdout.splitlines()
    secret = next(line for line in lines if line.startswith("eaism_scim_"))
    assert "SCIM base URL: http://127.0.0.1:8000/scim/v2" in created.stdout
    database = sqlite3.connect(tmp_path / "data" / "eaism.sqlite3")
    stored = database.execute(
        "select name, key_hash, revoked_at from provisioning_scimtoken"
    ).fetchall()
    assert [(name, revoked) for name, _, revoked in stored] == [("Okta", None)]
    assert secret not in str(stored)  # only its hash is kept
    actions = [
        row[0]
        for row in database.execute("select actor_label || ' ' || action from audit_auditevent")
    ]
    assert "command line scim.token_created" in actions

    missing = run("scim-token", "no-such-org")
    assert missing.returncode == 2
    assert "organisation: no organisation 'no-such-org'" in missing.stderr
    revoked = run("scim-token", "cli-org", "--revoke", secret[:19])
    assert revoked.returncode == 0, revoked.stderr
    assert database.execute(
        "select count(*) from provisioning_scimtoken where revoked_at is not null"
    ).fetchone() == (1,)
    again = run("scim-token", "cli-org", "--revoke", secret[:19])
    assert again.returncode == 2
    assert "no active SCIM token" in again.stderr
