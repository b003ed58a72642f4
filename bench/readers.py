"""Every reader on hostile input just under the upload limit: peak memory and seconds.

Budget: no reader needs more than 512 MiB or 10 s on any input under the upload limit
(EAISM_MAX_UPLOAD_BYTES, 5 MiB), whether it refuses the input or reads it. Each input is read in
a child process of its own, whose peak resident memory is its rusage's ru_maxrss.
The safe-parsing checks on the normal path: the row, column and cell checks are timed on the
chunks of bench/people_table.py's 100,000-person CSV, against reading the sheet whole and
against `eaism org analyze` on it (bench/org_analyze.py); budget at most 10 % of either.
Run with `make bench` or `.venv/bin/python bench/readers.py`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.io.hostile builds the files

from tests.io import hostile

UPLOAD_LIMIT = 5 * 1024 * 1024
BUDGET_BYTES = 512 * 1024 * 1024
BUDGET_SECONDS = 10.0
OVERHEAD_BUDGET = 0.10
READERS = {
    "sheet": "from eaism.io.sheets import sheet_rows; sum(1 for _ in sheet_rows(path))",
    "people": "from eaism.io.people_table import read_people_table; from eaism.model.loader import "
    "load_edition; read_people_table(path, load_edition())",
    "organisation": "from eaism.io.organisation import read_organisation; from eaism.model.loader "
    "import load_edition; read_organisation(path, load_edition)",
    "upload": "import django; django.setup(); from eaism.web.organisations.roster_file import "
    "sheet_of; sheet_of(path.read_bytes(), path.suffix)",
}
CHILD = """
import sys
from pathlib import Path
path = Path(sys.argv[1])
try:
    {reader}
    print("read")
except Exception as error:
    print(f"refused: {{type(error).__name__}}: {{str(error)[-90:]}}")
"""


def many_rows(path: Path) -> None:
    """Rows of varied ids until the file is nearly 5 MiB: some 800,000 rows."""
    generator = random.Random(5)
    rows = (
        "".join(
            f'<row><c t="inlineStr"><is><t>p{generator.randrange(10**9)}</t></is></c></row>'
            for _ in range(10_000)
        )
        for _ in range(80)
    )
    hostile.workbook(path, hostile.sheet_xml(rows), hostile.strings_xml([]))


def most_cells(path: Path) -> None:
    """A sheet just inside EAISM_MAX_XLSX_CELLS: the most work an accepted XLSX can ask."""
    row = "<row>" + "<c><v>1</v></c>" * 5 + "</row>"
    hostile.workbook(
        path, hostile.sheet_xml(row * 1_000 for _ in range(39)), hostile.strings_xml([])
    )


def styles(path: Path) -> None:
    """A style sheet of tiny elements, up to the workbook's element budget."""
    text = f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{hostile.MAIN}">'
    text += "<a/>" * 1_199_000 + "</styleSheet>"
    hostile.workbook(path, hostile.sheet_xml([]), hostile.strings_xml([]), {"xl/styles.xml": text})


def csv_problems(path: Path) -> None:
    """Just under 200,000 rows, each with three problems, within 5 MiB."""
    path.write_text("id,team,prompting,apis_integration\n" + "x,,9,9\n" * 199_000)


def long_cell(path: Path) -> None:
    path.write_text("id,team\n" + "p1," + "x" * (UPLOAD_LIMIT - 20) + "\n")


def blank_rows(path: Path) -> None:
    path.write_text("id,team\n" + "\n" * (UPLOAD_LIMIT - 10))


def unclosed_quote(path: Path) -> None:
    path.write_text('id,team\n"p1,' + "x" * (UPLOAD_LIMIT - 20) + "\n")


def text_file(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text)


def bad_people(count: int, suffix: str) -> Callable[[Path], None]:
    """An organisation file whose every person has a problem, each named with its line."""

    def build(path: Path) -> None:
        if suffix == ".json":
            people = ",\n".join(['{"id": "p", "team": "x"}'] * count)
            path.write_text('{"teams": ["core"], "people": [\n' + people + "]}\n")
        else:
            path.write_text("teams: [core]\npeople:\n" + "  - {id: p, team: x}\n" * count)

    return build


INPUTS: list[tuple[str, str, Callable[[Path], None], list[str]]] = [
    ("800,000 rows", "rows.xlsx", many_rows, ["sheet", "upload"]),
    (
        "800 MB shared string",
        "string.xlsx",
        lambda path: hostile.huge_string_xlsx(path, 800_000_000),
        ["sheet", "upload"],
    ),
    (
        "billion laughs",
        "laughs.xlsx",
        lambda path: hostile.entity_xlsx(path, hostile.LAUGHS, "strings"),
        ["sheet", "upload"],
    ),
    ("claimed dimension", "dimension.xlsx", hostile.claimed_size_xlsx, ["sheet", "upload"]),
    ("far row", "far.xlsx", hostile.far_row_xlsx, ["sheet", "upload"]),
    ("rich string", "rich.xlsx", lambda path: hostile.rich_string_xlsx(path, 300_000), ["sheet"]),
    ("style elements", "styles.xlsx", styles, ["sheet", "upload"]),
    ("most cells accepted", "cells.xlsx", most_cells, ["sheet", "upload"]),
    ("3 problems a row", "problems.csv", csv_problems, ["people"]),
    ("one 5 MiB cell", "cell.csv", long_cell, ["sheet", "upload"]),
    ("5 million blank rows", "blank.csv", blank_rows, ["people", "upload"]),
    ("unclosed quote", "quote.csv", unclosed_quote, ["sheet", "upload"]),
    (
        "deep JSON",
        "deep.json",
        text_file(hostile.deep_json(UPLOAD_LIMIT // 2 - 10)),
        ["organisation"],
    ),
    (
        "5 MiB integer",
        "digits.json",
        text_file('{"name": ' + hostile.long_integer(UPLOAD_LIMIT - 20) + "}"),
        ["organisation"],
    ),
    ("alias bomb", "bomb.yaml", text_file(hostile.alias_bomb_yaml(12)), ["organisation"]),
    ("bad people, JSON", "people.json", bad_people(200_000, ".json"), ["organisation"]),
    ("bad people, YAML", "people.yaml", bad_people(49_000, ".yaml"), ["organisation"]),
    ("YAML over its limit", "big.yaml", bad_people(240_000, ".yaml"), ["organisation"]),
]


def run_child(reader: str, path: Path) -> tuple[float, int, str]:
    """Seconds, peak bytes and outcome of one reader in a child process of its own."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(reader=READERS[reader]), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "eaism.web.settings"},
    )
    assert child.stdout is not None
    output = child.stdout.read().decode().strip()
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss * 1024, output


def hostile_inputs(folder: Path) -> bool:
    met = True
    print(f"{'input':<22} {'reader':<13} {'size':>9} {'seconds':>8} {'peak MiB':>9}  outcome")
    for label, name, build, readers in INPUTS:
        path = folder / name
        build(path)
        size = path.stat().st_size
        assert size <= UPLOAD_LIMIT, (name, size)
        for reader in readers:
            seconds, peak, outcome = run_child(reader, path)
            ok = seconds < BUDGET_SECONDS and peak < BUDGET_BYTES
            met &= ok
            print(
                f"{label:<22} {reader:<13} {size:>9,} {seconds:>8.2f} {peak / 2**20:>9.0f}  {outcome[:70]}{'' if ok else '  MISSED'}"
            )
    return met


def checks_overhead(folder: Path) -> bool:
    """The checks' own cost on the normal path, against the two workloads they sit in."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eaism.io import sheets
    from eaism.io.people_table import read_people_table
    from eaism.limits import DEFAULT
    from eaism.model.loader import load_edition
    from people_table import median_seconds, write_sheet

    edition = load_edition()
    path = folder / "people.csv"
    write_sheet(path, edition)
    chunks = list(sheets._csv_chunks(path, DEFAULT))
    # CSV cells are measured by the csv module as it parses (its field size limit), so the
    # checks left to time are the row and column counts.
    checks = median_seconds(
        lambda: sum(
            1 for _ in sheets._checked(iter(chunks), "people.csv", DEFAULT, measure_cells=False)
        )
    )
    reading = median_seconds(lambda: read_people_table(path, edition))
    organisation = folder / "org.yaml"
    organisation.write_text("name: Benchmark\nsystems: []\n")
    eaism = Path(sys.executable).parent / "eaism"
    command = [
        str(eaism),
        "org",
        "analyze",
        str(organisation),
        "--people",
        str(path),
        "--format",
        "json",
    ]
    subprocess.run(command, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    analyze = time.perf_counter() - start
    print(f"row, column and cell checks on 100,000 people: {checks:.3f} s")
    print(f"  of read_people_table ({reading:.3f} s):   {checks / reading:.1%}")
    print(f"  of eaism org analyze ({analyze:.2f} s):  {checks / analyze:.1%}")
    return checks / reading <= OVERHEAD_BUDGET and checks / analyze <= OVERHEAD_BUDGET


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        met = hostile_inputs(folder)
        print(
            f"budget {BUDGET_SECONDS:.0f} s and {BUDGET_BYTES // 2**20} MiB a reader: {'met' if met else 'MISSED'}"
        )
        cheap = checks_overhead(folder)
        print(f"budget {OVERHEAD_BUDGET:.0%} on the normal path: {'met' if cheap else 'MISSED'}")
    raise SystemExit(0 if met and cheap else 1)


if __name__ == "__main__":
    main()
