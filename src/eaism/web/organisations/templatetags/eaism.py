"""The site's template filters: labels instead of ids, one format for counts, rates and money.

    {% load eaism %}
    {{ domain_id|label:"domain" }}   {{ system.checks|labels:"check" }}
    {{ rate|percent }}   {{ count|number }}   {{ cost|money:access.organisation.currency }}
    <td class="{{ share|heat }}">

The kinds of `label` are in `eaism.web.labels.KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from eaism.web import labels as words

register = template.Library()


@register.filter
def label(value: object, kind: str) -> str:
    """`{{ id|label:"domain" }}`: the label of an id of that kind; unknown ids humanised."""
    return words.label(str(kind), value)


@register.filter
def labels(values: Iterable[object] | None, kind: str) -> str:
    """`{{ ids|labels:"check" }}`: several ids as a comma-separated list of labels."""
    if values is None or isinstance(values, str):
        return words.label(str(kind), values)
    return words.labels(str(kind), values)


@register.filter
def number(value: object, digits: int = 0) -> str:
    """`{{ 12400|number }}` -> "12,400"; `{{ 2.345|number:1 }}` -> "2.3"."""
    try:
        places = int(digits)
    except (TypeError, ValueError):
        places = 0
    return words.number(value, places)


@register.filter
def percent(value: object) -> str:
    """`{{ 0.91|percent }}` -> "91%"; no rate -> an en dash."""
    return words.percent(value)


@register.filter
def money(value: object, currency: str = "EUR") -> str:
    """`{{ 12400|money:"EUR" }}` -> "€12,400"."""
    return words.money(value, str(currency or "EUR"))
