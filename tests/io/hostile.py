"""Hostile input files, built small: the attacks of the security review, for tests and bench.

XLSX files are written part by part from raw XML, streamed into the zip, so a workbook that
unpacks to a gigabyte is made without holding a gigabyte.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELATIONSHIPS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
    '<sheets><sheet name="people" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELATIONSHIPS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
HEADER_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL = '<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def workbook(
    path: Path,
    sheet: Iterable[str],
    strings: Iterable[str],
    extra: dict[str, str] | None = None,
) -> Path:
    """An XLSX whose sheet and shared strings are streamed from pieces of XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        for name, pieces in (
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ):
            with archive.open(name, "w", force_zip64=True) as part:
                for piece in pieces:
                    part.write(piece.encode())
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return path


def sheet_xml(rows: Iterable[str], prolog: str = "", before_data: str = "") -> Iterable[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
    yield f"{before_data}<sheetData>{HEADER_ROW}"
    yield from rows
    yield "</sheetData></worksheet>"


def strings_xml(texts: Iterable[str], prolog: str = "") -> Iterable[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst xmlns="{MAIN}">'
    yield "<si><t>id</t></si><si><t>team</t></si>"
    for text in texts:
        yield f"<si><t>{text}</t></si>"
    yield "</sst>"


def people_xlsx(path: Path, rows: Iterable[tuple[str, str]]) -> Path:
    """A plain, valid people sheet with inline strings: id and team."""
    cells = (
        f'<row><c t="inlineStr"><is><t>{person}</t></is></c>'
        f'<c t="inlineStr"><is><t>{team}</t></is></c></row>'
        for person, team in rows
    )
    return workbook(path, sheet_xml(cells), strings_xml([]))


def many_rows_xlsx(path: Path, rows: int, batch: int = 10_000) -> Path:
    """`rows` rows of one number each: two million make a file of about 130 KB."""
    row = "<row><c><v>1</v></c></row>"
    pieces = (row * min(batch, rows - done) for done in range(0, rows, batch))
    return workbook(path, sheet_xml(pieces), strings_xml([]))


def huge_string_xlsx(path: Path, characters: int, batch: int = 1 << 20) -> Path:
    """One shared string of `characters` characters (800 million fit in about 800 KB)."""
    chunks = ("x" * min(batch, characters - done) for done in range(0, characters, batch))
    start = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
    strings = chain(
        [start, "<si><t>id</t></si><si><t>team</t></si><si><t>"], chunks, ["</t></si></sst>"]
    )
    rows = ['<row><c t="s"><v>2</v></c><c t="s"><v>1</v></c></row>']
    return workbook(path, sheet_xml(rows), strings)


def entity_xlsx(path: Path, attack: str, part: str) -> Path:
    """An XML entity attack (LAUGHS or EXTERNAL) declared in the sheet or the shared strings."""
    entity = "&lol4;" if attack == LAUGHS else "&secret;"
    if part == "sheet":
        row = f'<row><c t="inlineStr"><is><t>{entity}</t></is></c></row>'
        return workbook(path, sheet_xml([row], prolog=attack), strings_xml([]))
    rows = ['<row><c t="s"><v>2</v></c><c t="s"><v>1</v></c></row>']
    return workbook(path, sheet_xml(rows), strings_xml([entity], prolog=attack))


def claimed_size_xlsx(path: Path) -> Path:
    """A tiny sheet whose dimension claims every row and column Excel has."""
    before = '<dimension ref="A1:XFD1048576"/>'
    return workbook(path, sheet_xml([], before_data=before), strings_xml([]))


def far_row_xlsx(path: Path, row: int = 1_000_000) -> Path:
    """One cell on a far row: openpyxl fills every row above it."""
    far = f'<row r="{row}"><c r="A{row}"><v>1</v></c></row>'
    return workbook(path, sheet_xml([far]), strings_xml([]))


def rich_string_xlsx(path: Path, runs: int) -> Path:
    """One shared string made of `runs` rich-text runs: openpyxl builds each as an element."""
    string = "<si>" + "<r><t>x</t></r>" * runs + "</si>"
    strings = [f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">', string, "</sst>"]
    return workbook(path, sheet_xml([]), strings)


def utf16_xlsx(path: Path) -> Path:
    """A sheet part in UTF-16, whose tags a byte count cannot see."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS)
        text = "".join(sheet_xml([])).replace('encoding="UTF-8"', 'encoding="UTF-16"')
        archive.writestr("xl/worksheets/sheet1.xml", text.encode("utf-16"))
        archive.writestr("xl/sharedStrings.xml", "".join(strings_xml([])))
    return path


def many_parts_xlsx(path: Path, parts: int) -> Path:
    extra = {f"xl/media/part{index}.xml": "<a/>" for index in range(parts)}
    return workbook(path, sheet_xml([]), strings_xml([]), extra)


def alias_bomb_yaml(levels: int = 9) -> str:
    """Nested YAML anchors: nine levels of nine aliases name 387 million values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def long_integer(digits: int) -> str:
    return "9" * digits
