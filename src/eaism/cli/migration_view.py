"""`eaism model diff` and `eaism model migrate` as tables, Markdown or JSON, from typed results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from eaism.model.diff import Change, EditionDiff, ItemChange
from eaism.scoring.migrate import CarriedAnswer, DroppedAnswer, MigrationReport, UnansweredItem

if TYPE_CHECKING:
    from rich.console import Group

    from eaism.cli.migration_types import (
        CarriedEntry,
        DroppedEntry,
        MigrationReportDocument,
        UnansweredEntry,
    )
    from eaism.io.response_types import ResponseDocument

REPORT_FORMAT: Final = "eaism.migration/1"
MATCHED_BY = {"migration": "items matched by the migration file", "id": "items matched by id"}


# The diff.


def diff_title(diff: EditionDiff) -> str:
    return f"Changes from edition {diff.old} to {diff.new}"


def diff_summary(diff: EditionDiff) -> str:
    counts = ", ".join(f"{count} {kind}" for kind, count in diff.counts().items() if count)
    return f"{MATCHED_BY[diff.matched_by]}; items: {counts}"


def diff_sections(diff: EditionDiff) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """Each section's title, column names and rows; unchanged items are only counted."""
    columns = ("Change", "Subject", "Fields")
    return [
        ("Levels", columns, [_change_row(change) for change in diff.levels]),
        ("Domains", columns, [_change_row(change) for change in diff.domains]),
        ("Cells", columns, [_change_row(change) for change in diff.cells]),
        (
            "Items",
            ("Change", "Old", "New", "Detail"),
            [_item_row(change) for change in diff.items if change.kind != "unchanged"],
        ),
    ]


def diff_table(diff: EditionDiff) -> Group:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text(diff_title(diff), style="bold"), Text(diff_summary(diff))]
    for title, columns, rows in diff_sections(diff):
        if not rows:
            parts.append(Text(f"{title}: no changes"))
            continue
        table = Table(title=title, title_justify="left")
        for name in columns:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        parts.append(table)
    return Group(*parts)


def diff_markdown(diff: EditionDiff) -> str:
    lines = [f"# {diff_title(diff)}", "", _sentence(diff_summary(diff))]
    for title, columns, rows in diff_sections(diff):
        lines += ["", f"## {title}", ""]
        lines += _markdown_table(columns, rows) if rows else ["No changes."]
    return "\n".join(lines) + "\n"


def _change_row(change: Change) -> tuple[str, ...]:
    return (change.kind, change.subject, ", ".join(change.fields))


def _item_row(change: ItemChange) -> tuple[str, ...]:
    details = [f"changed: {', '.join(change.fields)}"] if change.fields else []
    for link in change.not_carried:
        note = f" ({link.note})" if link.note else ""
        details.append(f"not carried: {link.old} → {link.new}{note}")
    return (change.kind, "\n".join(change.old), "\n".join(change.new), "; ".join(details))


# The migration report.


def report_title(report: MigrationReport) -> str:
    return (
        f"{report.respondent}: answers carried from edition {report.source_edition}"
        f" to {report.target_edition}"
    )


def report_summary(report: MigrationReport, written_to: str | None) -> str:
    counts = (
        f"{len(report.carried)} answers carried, {len(report.unanswered)} items left to answer,"
        f" {len(report.dropped)} answers dropped"
    )
    where = f"written to {written_to}" if written_to else "not written (give --out FILE)"
    return f"{counts}; {where}"


def report_sections(
    report: MigrationReport,
) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    return [
        (
            "Carried",
            ("Item", "From", "Value"),
            [
                (answer.item, ", ".join(answer.sources), _value(answer.value))
                for answer in report.carried
            ],
        ),
        (
            "Left to answer",
            ("Item", "Why"),
            [(item.item, unanswered_reason(item, report)) for item in report.unanswered],
        ),
        (
            "Dropped",
            ("Item", "Value", "Why"),
            [
                (answer.item, _value(answer.value), dropped_reason(answer, report))
                for answer in report.dropped
            ],
        ),
    ]


def report_notes(report: MigrationReport) -> list[str]:
    """What else was left behind: a rater's domain levels, a role the edition lacks."""
    notes = []
    if report.dropped_levels:
        domains = ", ".join(report.dropped_levels)
        notes.append(
            f"Domain levels given directly ({domains}) are not carried: they judged the cells"
            f" of edition {report.source_edition}."
        )
    if report.dropped_role:
        notes.append(
            f"Role {report.dropped_role!r} is not a role of edition {report.target_edition}:"
            " left out."
        )
    return notes


def unanswered_reason(item: UnansweredItem, report: MigrationReport) -> str:
    sources = _answered(item.sources, item.values)
    if item.reason == "new":
        return f"no counterpart in edition {report.source_edition}"
    if item.reason == "replaced":
        return (
            f"asks something other than {', '.join(item.sources)}: not carried{_notes(item.notes)}"
        )
    if item.reason == "answers_differ":
        return f"not carried: the old answers differ ({sources})"
    return f"not carried: only some of the old items are answered ({sources})"


def dropped_reason(answer: DroppedAnswer, report: MigrationReport) -> str:
    if answer.reason == "removed":
        return f"no counterpart in edition {report.target_edition}"
    if answer.reason == "not_carried":
        return f"{', '.join(answer.related)} asks something else: not carried{_notes(answer.notes)}"
    return "not in the migration file (an overlay's item)"


def report_table(report: MigrationReport, written_to: str | None) -> Group:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(report_title(report), style="bold"),
        Text(report_summary(report, written_to)),
    ]
    for title, columns, rows in report_sections(report):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for name in columns:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        parts.append(table)
    parts += [Text(note) for note in report_notes(report)]
    return Group(*parts)


def report_markdown(report: MigrationReport, written_to: str | None) -> str:
    lines = [f"# {report_title(report)}", "", _sentence(report_summary(report, written_to))]
    for title, columns, rows in report_sections(report):
        lines += ["", f"## {title}", ""]
        lines += _markdown_table(columns, rows) if rows else ["None."]
    notes = report_notes(report)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def report_document(
    report: MigrationReport, response: ResponseDocument, written_to: str | None
) -> MigrationReportDocument:
    """The report, each entry with its reason in words, and the migrated response itself."""
    return {
        "format": REPORT_FORMAT,
        "respondent": report.respondent,
        "source_edition": report.source_edition,
        "target_edition": report.target_edition,
        "carried": [_carried_entry(answer) for answer in report.carried],
        "unanswered": [_unanswered_entry(item, report) for item in report.unanswered],
        "dropped": [_dropped_entry(answer, report) for answer in report.dropped],
        "dropped_levels": list(report.dropped_levels),
        "dropped_role": report.dropped_role,
        "notes": report_notes(report),
        "written_to": written_to,
        "response": response,
    }


def _carried_entry(answer: CarriedAnswer) -> CarriedEntry:
    return {"item": answer.item, "sources": list(answer.sources), "value": answer.value}


def _unanswered_entry(item: UnansweredItem, report: MigrationReport) -> UnansweredEntry:
    return {
        "item": item.item,
        "reason": item.reason,
        "sources": list(item.sources),
        "values": list(item.values),
        "notes": list(item.notes),
        "why": unanswered_reason(item, report),
    }


def _dropped_entry(answer: DroppedAnswer, report: MigrationReport) -> DroppedEntry:
    return {
        "item": answer.item,
        "value": answer.value,
        "reason": answer.reason,
        "related": list(answer.related),
        "notes": list(answer.notes),
        "why": dropped_reason(answer, report),
    }


def _answered(item_ids: tuple[str, ...], values: tuple[float | None, ...]) -> str:
    return ", ".join(
        f"{item_id} {'unanswered' if value is None else _value(value)}"
        for item_id, value in zip(item_ids, values, strict=False)
    )


def _notes(notes: tuple[str, ...]) -> str:
    return f" ({'; '.join(notes)})" if notes else ""


def _value(value: float) -> str:
    return f"{value:g}"


def _markdown_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_escaped(cell) for cell in row) + " |" for row in rows]
    return lines


def _escaped(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
