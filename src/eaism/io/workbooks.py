"""An XLSX file looked over before openpyxl reads it, so that a small file cannot cost much.

A 4 MB workbook can unpack to two million rows, one shared string can unpack to a gigabyte, and
an XML part can declare entities that expand without bound. openpyxl reads through defusedxml,
which refuses entities, but it builds every part it reads in memory at some 100,000 cells a
second. So each part is decompressed once, as a stream, and its bytes are counted: how much it
unpacks to, its rows, cells and XML elements, its longest text, and whether it declares a DTD.
A workbook over a limit is refused with the limit's name before openpyxl sees it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

from eaism.errors import DataError, Location, Problem
from eaism.limits import LimitError, Limits, over_limit

BLOCK = 1 << 20
ELEMENTS_PER_CELL = 6  # <c r="A1" t="s"><v>0</v></c> and its share of rows and strings
STRING_ELEMENTS = 10_000  # one shared string's rich-text runs: a bound on openpyxl's tree
BYTES_PER_CHAR = 10  # the longest way XML can write one character: &#x10FFFF;
MARKUP = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s>/]")
DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")
UTF8_NAMES = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
LESS_THAN = ord("<")


def inspect_workbook(path: Path, limits: Limits) -> int:
    """Refuse a workbook over a limit; else the number of rows its parts hold."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _inspect(archive, str(path), limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise _refused(str(path), f"is not an XLSX workbook ({error})") from None
    except (ValueError, RuntimeError) as error:  # a broken deflate stream, an encrypted part
        raise _refused(str(path), f"is not an XLSX workbook ({error})") from None


def _inspect(archive: zipfile.ZipFile, source: str, limits: Limits) -> int:
    parts = archive.infolist()
    where = Location(source)
    if len(parts) > limits.xlsx_parts:
        what = "holds more than {} files; an XLSX workbook holds a few"
        raise over_limit(where, what, limits.xlsx_parts, "xlsx_parts")
    if sum(part.file_size for part in parts) > limits.xlsx_bytes:
        raise over_limit(where, UNPACKS, limits.xlsx_bytes, "xlsx_bytes")
    scan = _Scan(limits)
    for part in parts:
        scan.source = f"{source}: {part.filename}"
        with archive.open(part) as stream:
            scan.part(stream)
        if scan.unpacked > limits.xlsx_bytes:  # never: zipfile stops at the declared size
            raise over_limit(where, UNPACKS, limits.xlsx_bytes, "xlsx_bytes")
    return scan.rows


UNPACKS = "unpacks to more than {} bytes"


@dataclass
class _Scan:
    """What the parts read so far hold; `string_elements` counts inside the open shared string."""

    limits: Limits
    source: str = ""
    unpacked: int = 0
    rows: int = 0
    cells: int = 0
    row_cells: int = 0
    elements: int = 0
    string_elements: int = -1  # -1: no shared string is open
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        self.longest = BYTES_PER_CHAR * self.limits.cell_chars

    def part(self, stream: IO[bytes]) -> None:
        """One part, block by block; each block is cut before its last '<', so no tag is split."""
        carry, first = b"", True
        while block := stream.read(BLOCK):
            self.unpacked += len(block)
            data = carry + block
            if first:
                self.check_encoding(data)
                first = False
            cut = data.rfind(b"<")
            head, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
            if len(carry) > self.longest:
                raise self.over(LONG_TEXT, self.limits.cell_chars, "cell_chars")
            self.block(head)
        self.block(carry)
        self.string_elements = -1

    def block(self, data: bytes) -> None:
        if DECLARATION.search(data):
            raise _refused(self.source, DTD)
        tags = np.flatnonzero(np.frombuffer(data, np.uint8) == LESS_THAN)
        if _longest_text(tags, len(data)) > self.longest:
            raise self.over(LONG_TEXT, self.limits.cell_chars, "cell_chars")
        self.markup(data)
        self.elements += len(tags)
        if self.elements > ELEMENTS_PER_CELL * self.limits.xlsx_cells:
            what = f"holds more than {{}} XML elements ({ELEMENTS_PER_CELL} for each cell allowed)"
            raise self.over(what, ELEMENTS_PER_CELL * self.limits.xlsx_cells, "xlsx_cells")

    def markup(self, data: bytes) -> None:
        """Rows, cells per row and elements per shared string, from the tags' names alone."""
        last = 0
        for match in MARKUP.finditer(data):
            name = match.group(1)
            if name == b"c":
                self.cells += 1
                self.row_cells += 1
                if self.row_cells > self.limits.columns:
                    raise self.over(
                        "has a row of more than {} cells", self.limits.columns, "columns"
                    )
            elif name == b"row":
                self.rows += 1
                self.row_cells = 0
                if self.rows > self.limits.rows:
                    raise self.over("has more than {} rows", self.limits.rows, "rows")
            else:
                if self.string_elements >= 0:
                    self.string(data.count(b"<", last, match.start()))
                self.string_elements, last = 0, match.start()
        if self.cells > self.limits.xlsx_cells:
            raise self.over("has more than {} cells", self.limits.xlsx_cells, "xlsx_cells")
        if self.string_elements >= 0:
            self.string(data.count(b"<", last))

    def string(self, elements: int) -> None:
        self.string_elements += elements
        if self.string_elements > STRING_ELEMENTS:
            message = f"has a shared string made of more than {STRING_ELEMENTS:,} XML elements"
            raise _refused(self.source, message)

    def check_encoding(self, data: bytes) -> None:
        """Counting bytes holds only for UTF-8: a UTF-16 part would hide its tags from it."""
        start = data[:200].removeprefix(b"\xef\xbb\xbf")
        declared = ENCODING.match(start)
        utf16 = start[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in start[:4]
        if utf16 or (declared and declared.group(1).lower() not in UTF8_NAMES):
            raise _refused(self.source, "is not encoded in UTF-8, as Excel writes every XLSX part")

    def over(self, what: str, limit: int, setting: str) -> LimitError:
        return over_limit(Location(self.source), what, limit, setting)


LONG_TEXT = "has a text of more than {} characters, more than a cell may hold"
DTD = (
    "declares a document type (<!DOCTYPE> or <!ENTITY>): an XLSX part never needs one, and "
    "its entities could expand without bound"
)


def _longest_text(tags: npt.NDArray[np.intp], length: int) -> int:
    """The longest run of bytes without a '<': a text, or an attribute's value."""
    if not len(tags):
        return length
    edges = np.concatenate(([0], tags, [length]))
    return int(np.diff(edges).max())


def _refused(source: str, message: str) -> DataError:
    return DataError([Problem(Location(source), message)])
