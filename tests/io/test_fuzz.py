"""Fuzzing every reader: whatever the bytes, the outcome is a result or our own located error.

Inputs are real files made two ways: values of any shape put into a valid document (so the
readers' checks are reached), and valid files with bytes changed, cut short or repeated (so
the parsers are). Any other exception fails the test; so does an `--out` file left behind by
a command that failed. Bounded to some 40 seconds on this 2-core machine.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eaism.cli.app import app
from eaism.errors import EaismError
from eaism.io.organisation import read_organisation
from eaism.io.people_table import read_people_table
from eaism.io.responses import read_response
from eaism.io.scorecards import read_scorecards
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.web.input_error import InputError
from eaism.web.organisations.roster_file import sheet_of
from tests.conftest import ROOT
from tests.io import hostile

EXAMPLES = ROOT / "examples"
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["2026.1", "prompting", "core", "software_engineer", "0.5", ""])
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["id", "team", "value", "levels"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def mutated(content: bytes) -> st.SearchStrategy[bytes]:
    """A valid file with bytes replaced, inserted or cut, or a piece of it repeated."""

    @st.composite
    def change(draw: st.DrawFn) -> bytes:
        data = bytearray(content)
        for _ in range(draw(st.integers(1, 4))):
            where = draw(st.integers(0, len(data)))
            kind = draw(st.sampled_from(["replace", "insert", "cut", "repeat"]))
            piece = draw(st.binary(min_size=1, max_size=8))
            if kind == "replace":
                data[where : where + len(piece)] = piece
            elif kind == "insert":
                data[where:where] = piece
            elif kind == "cut":
                del data[where:]
            else:
                data[where:where] = bytes(data[where : where + 40]) * draw(st.integers(2, 50))
        return bytes(data)

    return change()


def outcome(read: Callable[[], object]) -> None:
    """A result, or one of our errors naming where: anything else fails the test."""
    try:
        read()
    except EaismError as error:
        message = str(error)
    else:
        return
    assert message.strip()


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def with_value(document: dict[str, object], path: list[str], value: object) -> dict[str, object]:
    """`document` with the value at `path` replaced (the path's mappings are made if missing)."""
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[path[-1]] = value
    return copy


RESPONSE = json.loads((EXAMPLES / "responses" / "builder.json").read_text())
ORGANISATION = yaml.safe_load((EXAMPLES / "organisations" / "healthy.yaml").read_text())
SCORECARD = yaml.safe_load((EXAMPLES / "scorecards" / "dana.yaml").read_text())
RESPONSE_PATHS = [
    ["respondent"],
    ["respondent", "id"],
    ["answers"],
    ["source"],
    ["edition"],
    ["updated_at"],
]
ORGANISATION_PATHS = [
    ["people"],
    ["systems"],
    ["practices"],
    ["planned_hires"],
    ["teams"],
    ["edition"],
]
SCORECARD_PATHS = [["ratings"], ["target"], ["candidate"], ["ratings", "evaluation"]]


@FUZZ
@given(
    place=st.sampled_from(RESPONSE_PATHS), value=VALUES, suffix=st.sampled_from([".json", ".yaml"])
)
def test_response_files_with_values_of_any_shape(
    tmp_path: Path, edition: Edition, place: list[str], value: object, suffix: str
) -> None:
    document = with_value(RESPONSE, place, value)
    text = json.dumps(document) if suffix == ".json" else yaml.safe_dump(document)
    path = write(tmp_path, f"response{suffix}", text.encode("utf-8", "surrogatepass"))
    outcome(lambda: read_response(path, edition))


@FUZZ
@given(content=mutated((EXAMPLES / "responses" / "builder.json").read_bytes()))
def test_response_files_with_bytes_changed(
    tmp_path: Path, edition: Edition, content: bytes
) -> None:
    path = write(tmp_path, "response.json", content)
    outcome(lambda: read_response(path, edition))


@FUZZ
@given(place=st.sampled_from(ORGANISATION_PATHS), value=VALUES)
def test_organisation_files_and_their_inventory_with_values_of_any_shape(
    tmp_path: Path, place: list[str], value: object
) -> None:
    text = yaml.safe_dump(with_value(ORGANISATION, place, value))
    path = write(tmp_path, "org.yaml", text.encode("utf-8", "surrogatepass"))
    outcome(lambda: read_organisation(path, load_edition))


@FUZZ
@given(content=mutated((EXAMPLES / "organisations" / "level3-bottleneck.yaml").read_bytes()))
def test_organisation_files_with_bytes_changed(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "org.yaml", content)
    outcome(lambda: read_organisation(path, load_edition))


@FUZZ
@given(place=st.sampled_from(SCORECARD_PATHS), value=VALUES, changed=st.booleans(), data=st.data())
def test_scorecards(
    tmp_path: Path,
    edition: Edition,
    place: list[str],
    value: object,
    changed: bool,
    data: st.DataObject,
) -> None:
    text = yaml.safe_dump(with_value(SCORECARD, place, value)).encode("utf-8", "surrogatepass")
    if changed:
        text = data.draw(mutated(text))
    path = write(tmp_path, "card.yaml", text)
    outcome(lambda: read_scorecards([path], edition))


CSV = b"id,team,role,prompting,apis_integration\np1,core,software_engineer,2,1\np2,core,,1,0\n"
CSV_CELLS = st.text(st.sampled_from('ab1,"\n\r\t ;\x00\ufeff\u00e9'), max_size=12)


@FUZZ
@given(
    content=mutated(CSV)
    | st.lists(st.lists(CSV_CELLS, max_size=6), max_size=6).map(
        lambda rows: ("id,team,prompting\n" + "\n".join(",".join(row) for row in rows)).encode(
            "utf-8", "surrogatepass"
        )
    )
)
def test_people_csv(tmp_path: Path, edition: Edition, content: bytes) -> None:
    path = write(tmp_path, "people.csv", content)
    outcome(lambda: read_people_table(path, edition))


def valid_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # stored: so that byte changes reach the XML
        archive.writestr("[Content_Types].xml", hostile.CONTENT_TYPES)
        archive.writestr("_rels/.rels", hostile.ROOT_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", hostile.WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", hostile.WORKBOOK_RELATIONSHIPS)
        rows = ['<row><c t="inlineStr"><is><t>p1</t></is></c><c t="s"><v>1</v></c></row>']
        archive.writestr("xl/worksheets/sheet1.xml", "".join(hostile.sheet_xml(rows)))
        archive.writestr("xl/sharedStrings.xml", "".join(hostile.strings_xml(["x"])))
    return buffer.getvalue()


XML_PIECES = st.lists(
    st.sampled_from(
        [
            "<row>",
            "</row>",
            "<c>",
            '<c r="XFD9">',
            '<c t="s">',
            "<v>",
            "</v>",
            "</c>",
            "<v>7</v>",
            '<row r="99">',
            "<is><t>",
            "</t></is>",
            "&amp;",
            "&lol;",
            "<!--x-->",
            "<![CDATA[a]]>",
            "\x00",
            "é",
        ]
    ),
    max_size=12,
).map("".join)


@FUZZ
@given(content=mutated(valid_xlsx()) | XML_PIECES.map(lambda piece: _xlsx_with_rows(piece)))
def test_people_xlsx(tmp_path: Path, edition: Edition, content: bytes) -> None:
    path = write(tmp_path, "people.xlsx", content)
    outcome(lambda: read_people_table(path, edition))


def _xlsx_with_rows(piece: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", hostile.CONTENT_TYPES)
        archive.writestr("_rels/.rels", hostile.ROOT_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", hostile.WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", hostile.WORKBOOK_RELATIONSHIPS)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(hostile.sheet_xml([piece])))
        archive.writestr("xl/sharedStrings.xml", "".join(hostile.strings_xml([])))
    return buffer.getvalue()


@FUZZ
@given(
    upload=st.tuples(
        st.just(".csv"), mutated(b"id,team,name,email,role\np1,core,Ann,a@x.example,\n")
    )
    | st.tuples(st.just(".xlsx"), mutated(valid_xlsx()))
)
def test_web_uploads_through_the_roster_file_reader(upload: tuple[str, bytes]) -> None:
    suffix, content = upload
    try:
        rows = sheet_of(content, suffix)
    except InputError as error:
        field, message = error.field, error.message
    else:
        assert all(isinstance(cell, str) for row in rows for cell in row)
        return
    assert field == "file"
    assert message


runner = CliRunner()


@settings(FUZZ, max_examples=25)
@given(
    content=mutated((EXAMPLES / "responses" / "builder.json").read_bytes()), surrogate=st.booleans()
)
def test_a_failed_command_leaves_no_out_file(
    tmp_path: Path, content: bytes, surrogate: bool
) -> None:
    folder = tmp_path / "run"
    folder.mkdir(exist_ok=True)
    for item in folder.iterdir():
        item.unlink()
    if surrogate:
        content = content.replace(b'"name"', b'"name": "\\udc00", "x"', 1)
    path = write(folder, "response.json", content)
    out = folder / "profile.json"
    result = runner.invoke(app, ["score", str(path), "--format", "json", "--out", str(out)])
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        assert json.loads(out.read_text())["format"]
    else:
        assert result.stderr.startswith("error: "), result.stderr
        assert sorted(item.name for item in folder.iterdir()) == ["response.json"]
