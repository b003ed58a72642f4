"""Applying an overlay: extra items and descriptor sentences on an edition's existing cells."""

from __future__ import annotations

from dataclasses import replace

from eaism.model.schema import Cell, Domain, Edition, Overlay, OverlayCell


def apply_overlay(edition: Edition, overlay: Overlay) -> Edition:
    """A new edition with the overlay's additions; the core cells and items stay untouched."""
    domains = tuple(_extend_domain(domain, overlay.cells) for domain in edition.domains)
    return replace(edition, domains=domains, overlays=(*edition.overlays, overlay.id))


def _extend_domain(domain: Domain, additions: tuple[OverlayCell, ...]) -> Domain:
    mine = [addition for addition in additions if addition.domain == domain.id]
    if not mine:
        return domain
    cells = tuple(_extend_cell(cell, mine) for cell in domain.cells)
    extra_items = tuple(item for addition in mine for item in addition.items)
    items = tuple(sorted((*domain.items, *extra_items), key=lambda item: item.level))
    return replace(domain, cells=cells, items=items)


def _extend_cell(cell: Cell, additions: list[OverlayCell]) -> Cell:
    sentences = [addition.descriptor for addition in additions if addition.level == cell.level]
    sentences = [sentence for sentence in sentences if sentence]
    if not sentences:
        return cell
    return replace(cell, descriptor=" ".join([cell.descriptor, *sentences]))
