"""Regenerate the files that are derived from code: JSON Schemas and docs/cli.md."""

from __future__ import annotations

import json
from pathlib import Path

from eaism.cli.reference import cli_reference
from eaism.model.json_schema import edition_json_schema, overlay_json_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "src" / "eaism" / "model" / "schemas"


def main() -> None:
    for name, schema in (("edition", edition_json_schema()), ("overlay", overlay_json_schema())):
        (SCHEMAS / f"{name}.schema.json").write_text(
            json.dumps(schema, indent=2) + "\n", encoding="utf-8"
        )
    (ROOT / "docs" / "cli.md").write_text(cli_reference(), encoding="utf-8")


if __name__ == "__main__":
    main()
