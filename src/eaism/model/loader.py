"""Loading editions and overlays from YAML or JSON, validated, with located errors.

An edition is either a folder (`edition.yaml` naming its domain files, plus one file per part)
or a single document shaped like `eaism model export --format yaml`. Validated bundled editions
can be cached as a pickle keyed by the files' sizes and times, so a command that only scores
needs neither YAML parsing nor validation at start-up.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eaism import __version__
from eaism.errors import DataError, Location, UsageError
from eaism.limits import current, over_limit
from eaism.model.checks import check_edition, check_overlay
from eaism.model.documents import SourceDocument, decode_text, parse_document
from eaism.model.overlay import apply_overlay
from eaism.model.schema import Edition, Overlay
from eaism.model.validation import SourceMap, validate

if TYPE_CHECKING:  # read only for editions that have a migration file; start-up stays lean
    from eaism.model.migration import Migration

PACKAGE_ROOT = Path(__file__).parent
EDITIONS_ROOT = PACKAGE_ROOT / "editions"
OVERLAYS_ROOT = PACKAGE_ROOT / "overlays"
DEFAULT_EDITION = "2026.1"
EDITION_FILE = "edition.yaml"
PART_FILES = {
    "levels": "levels.yaml",
    "principles": "principles.yaml",
    "stages": "stages.yaml",
    "roles": "roles.yaml",
    "hiring_phases": "hiring.yaml",
    "myths": "myths.yaml",
    "analysis": "analysis.yaml",
    "validity": "validity.yaml",
    "diagnostics": "diagnostics.yaml",
    "job_descriptions": "job_descriptions.yaml",
    "evidence_check": "evidence_check.yaml",
}
# Optional parts: an edition without the file has none of what it holds.
OPTIONAL_PART_FILES = {"crosswalk": "crosswalks.yaml", "competence": "competence.yaml"}


def bundled_editions() -> list[str]:
    return sorted(path.name for path in EDITIONS_ROOT.iterdir() if (path / EDITION_FILE).exists())


def bundled_overlays() -> list[str]:
    return sorted(path.stem for path in OVERLAYS_ROOT.glob("*.yaml"))


def load_edition(
    name: str = DEFAULT_EDITION, overlays: tuple[str, ...] = (), cache_dir: Path | None = None
) -> Edition:
    """A bundled edition (or a path to one) with the named overlays applied."""
    edition_path = _edition_path(name)
    overlay_paths = [_overlay_path(overlay) for overlay in overlays]
    key = _cache_key(edition_path, overlay_paths) if cache_dir else ""
    cached = _read_cache(cache_dir, key)
    if cached is not None:
        return cached
    edition = read_edition(edition_path)
    for overlay_path in overlay_paths:
        edition = apply_overlay(edition, read_overlay(overlay_path, edition))
    _write_cache(cache_dir, key, edition)
    return edition


def read_edition(path: Path) -> Edition:
    """Read and validate an edition folder or single-file edition, with its migration file."""
    edition = _read_checked(path)
    _read_migration(path, edition, None)
    return edition


def read_migration(
    name: str, edition: Edition | None = None, previous: Edition | None = None
) -> Migration | None:
    """The migration file of an edition (a bundled id or a path), checked against both editions.

    `edition` and `previous` save reading them again where the caller has them already.
    """
    path = _edition_path(name)
    return _read_migration(path, edition or _read_checked(path), previous)


def _read_migration(path: Path, edition: Edition, previous: Edition | None) -> Migration | None:
    from eaism.model.migration import MIGRATION_FILE, check_migration, migration_from_data

    if not (path / MIGRATION_FILE).is_file():
        return None
    document = _read_document(path / MIGRATION_FILE, MIGRATION_FILE)
    sources = SourceMap(document)
    migration, findings = migration_from_data(document.data, edition.id)
    if migration is None:
        raise DataError([sources.problem(where, message) for where, message in findings])
    if previous is None or previous.id != migration.source_edition:
        previous = _read_checked(_previous_path(path, migration.source_edition, document))
    _raise_findings(check_migration(migration, previous, edition), sources)
    return migration


def _previous_path(folder: Path, edition_id: str, document: SourceDocument) -> Path:
    """The edition a migration starts from: a folder beside this one, else a bundled one."""
    for candidate in (folder.parent / edition_id, EDITIONS_ROOT / edition_id):
        if "/" not in edition_id and (candidate / EDITION_FILE).is_file():
            return candidate
    bundled = ", ".join(bundled_editions())
    message = f"{edition_id!r} is neither an edition beside {folder} nor bundled ({bundled})"
    raise DataError([document.problem(("migration", "from"), message)])


def _read_checked(path: Path) -> Edition:
    if path.is_dir():
        data, sources = _assemble_folder(path)
    else:
        document = _read_document(path, path.name)
        data, sources = document.data, SourceMap(document)
    _require_mapping(data, sources)
    edition = validate(Edition, data, sources)
    _raise_findings(check_edition(edition), sources)
    return edition


def read_overlay(path: Path, edition: Edition) -> Overlay:
    """Read an overlay and check it against the edition it extends."""
    document = _read_document(path, path.name)
    sources = SourceMap(document)
    _require_mapping(document.data, sources)
    overlay = validate(Overlay, document.data, sources)
    _raise_findings(check_overlay(overlay, edition), sources)
    return overlay


def read_model_file(path: Path) -> Edition | Overlay:
    """Validate whatever `path` holds: an edition folder, an edition file or an overlay."""
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if path.is_file():
        document = _read_document(path, path.name)
        if isinstance(document.data, dict) and "cells" in document.data:
            edition_id = str(document.data.get("edition", DEFAULT_EDITION))
            base = (
                read_edition(_edition_path(edition_id))
                if edition_id in bundled_editions()
                else None
            )
            if base is None:
                message = (
                    f"{edition_id!r} is not a bundled edition: {', '.join(bundled_editions())}"
                )
                raise DataError([document.problem(("edition",), message)])
            return read_overlay(path, base)
    return read_edition(path)


def _assemble_folder(folder: Path) -> tuple[Any, SourceMap]:
    main = _read_document(folder / EDITION_FILE, EDITION_FILE)
    sources = SourceMap(main)
    _require_mapping(main.data, sources)
    data = dict(main.data)
    domain_ids = data.get("domains")
    if not isinstance(domain_ids, list) or not all(isinstance(item, str) for item in domain_ids):
        raise DataError([main.problem(("domains",), "expected a list of domain ids")])
    data["domains"] = []
    for index, domain_id in enumerate(domain_ids):
        relative = f"domains/{domain_id}.yaml"
        document = _read_part(folder, relative, main, ("domains", index))
        data["domains"].append(document.data)
        sources.add(("domains", index), document)
    for key, file_name in PART_FILES.items():
        _add_part(_read_part(folder, file_name, main, ()), key, data, sources)
    for key, file_name in OPTIONAL_PART_FILES.items():
        if (folder / file_name).is_file():
            _add_part(_read_part(folder, file_name, main, ()), key, data, sources)
    return data, sources


def _add_part(document: SourceDocument, key: str, data: dict[str, Any], sources: SourceMap) -> None:
    if not isinstance(document.data, dict) or key not in document.data:
        raise DataError([document.problem((), f"expected a mapping with the key {key!r}")])
    data[key] = document.data[key]
    sources.add((key,), document, (key,))


def _read_part(
    folder: Path, relative: str, main: SourceDocument, path: tuple[str | int, ...]
) -> SourceDocument:
    if not (folder / relative).is_file():
        raise DataError([main.problem(path, f"{relative} is missing from {folder}")])
    return _read_document(folder / relative, relative)


def _read_document(path: Path, name: str) -> SourceDocument:
    limits = current()
    try:
        if path.stat().st_size > limits.file_bytes:
            what = "is larger than {} bytes"
            raise over_limit(Location(name), what, limits.file_bytes, "file_bytes")
        content = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror or error})") from None
    return parse_document(name, decode_text(name, content), limits)


def _require_mapping(data: Any, sources: SourceMap) -> None:
    if not isinstance(data, dict):
        raise DataError([sources.problem((), "expected a mapping of fields at the top level")])


def _raise_findings(findings: list[tuple[tuple[str | int, ...], str]], sources: SourceMap) -> None:
    if findings:
        raise DataError([sources.problem(path, message) for path, message in findings])


def _edition_path(name: str) -> Path:
    bundled = EDITIONS_ROOT / name
    if "/" not in name and (bundled / EDITION_FILE).exists():
        return bundled
    path = Path(name)
    if not path.exists():
        raise UsageError(
            f"{name}: not a bundled edition ({', '.join(bundled_editions())}) nor a path"
        )
    return path


def _overlay_path(name: str) -> Path:
    bundled = OVERLAYS_ROOT / f"{name}.yaml"
    if bundled.exists():
        return bundled
    path = Path(name)
    if not path.is_file():
        raise UsageError(
            f"{name}: not a bundled overlay ({', '.join(bundled_overlays())}) nor a file"
        )
    return path


def _cache_key(edition_path: Path, overlay_paths: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    files = sorted(edition_path.rglob("*")) if edition_path.is_dir() else [edition_path]
    for file in [*files, *overlay_paths]:
        status = file.stat()
        digest.update(f"{file.resolve()}:{status.st_size}:{status.st_mtime_ns};".encode())
    return digest.hexdigest()[:24]


def _read_cache(cache_dir: Path | None, key: str) -> Edition | None:
    if cache_dir is None:
        return None
    try:
        with open(cache_dir / f"edition-{key}.pickle", "rb") as file:
            value = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None
    return value if isinstance(value, Edition) else None


def _write_cache(cache_dir: Path | None, key: str, edition: Edition) -> None:
    """Best effort: a cache that cannot be written only costs the next start-up some time."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache_dir, delete=False) as file:
            pickle.dump(edition, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, cache_dir / f"edition-{key}.pickle")
    except OSError:
        return
