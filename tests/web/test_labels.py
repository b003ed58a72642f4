"""Labels instead of ids, and one format for counts, rates and money, as pages show them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.organisation import SYSTEM_KINDS, SYSTEM_STATUSES
from eaism.web import labels
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Role


def render(source: str, **context: object) -> str:
    return str(Template("{% load eaism %}" + source).render(Context(context)))


def test_edition_ids_get_the_edition_s_names() -> None:
    edition = current_edition()
    for domain in edition.domains:
        assert labels.label("domain", domain.id) == domain.name
    for role in edition.roles:
        assert labels.label("role", role.id) == role.name
    for level in edition.levels:
        assert labels.label("level", level.number) == f"Level {level.number}: {level.name}"
        assert labels.label("level_name", str(level.number)) == level.name
    assert labels.label("level", 0) == "Not yet at Level 1"
    for diagnostic in edition.diagnostics:
        assert labels.label("diagnostic", diagnostic.code) == diagnostic.title
    for check in edition.analysis.readiness_checks:
        assert labels.label("check", check.id) == check.label
    assert labels.label("check", "security_review") == "Security review"


def test_every_known_id_of_the_web_app_has_a_label_of_its_own() -> None:
    for kind, ids in {
        "system_kind": SYSTEM_KINDS,
        "system_status": SYSTEM_STATUSES,
        "member_role": [role for role, _ in Role.CHOICES],
    }.items():
        for id_ in ids:
            assert labels.label(kind, id_) in labels.FIXED[kind].values()
    assert labels.label("system_status", "production") == "In production"
    assert labels.label("member_role", "admin") == "Administrator"
    assert labels.label("action", "people_imported") == "Imported people"


def test_every_audited_action_has_a_label() -> None:
    """An action recorded anywhere in the web app is in the label table (add it there)."""
    web = Path(labels.__file__).parent
    recorded = {
        action
        for source in web.rglob("*.py")
        for action in re.findall(r'record\w*\(\s*[\w.]+,\s*"([a-z_]+)"', source.read_text())
    }
    assert recorded, "no record() calls found: has the audit function moved?"
    assert recorded <= set(labels.ACTIONS), sorted(recorded - set(labels.ACTIONS))


def test_the_member_roles_match_the_model_s_choices() -> None:
    assert dict(Role.CHOICES) == labels.MEMBER_ROLES


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("domain", "no_such_domain", "No such domain"),
        ("level", 9, "9"),
        ("level", "x", "X"),
        ("action", "import_undone", "Import undone"),
        ("no_such_kind", "some-id", "Some id"),
        ("check", None, labels.EMPTY),
        ("domain", "", labels.EMPTY),
    ],
)
def test_an_unknown_id_is_humanised_never_an_error(kind: str, value: object, shown: str) -> None:
    assert labels.label(kind, value) == shown


def test_several_ids_keep_the_table_s_order() -> None:
    assert (
        labels.labels("check", frozenset({"versioning", "evaluation", "security_review"}))
        == "Evaluation, Security review, Versioning"
    )
    assert labels.labels("check", []) == ""


@given(st.sets(st.sampled_from(current_edition().analysis.check_ids)))
def test_checks_are_listed_in_the_edition_s_order(chosen: set[str]) -> None:
    checks = current_edition().analysis.readiness_checks
    expected = ", ".join(check.label for check in checks if check.id in chosen)
    assert labels.labels("check", chosen) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.91, "91%"),
        (0, "0%"),
        (1, "100%"),
        (0.005, "1%"),
        (0.004, "0%"),
        (12.5, "1,250%"),
        (None, labels.EMPTY),
        ("n/a", "n/a"),
    ],
)
def test_percent(value: object, shown: str) -> None:
    assert labels.percent(value) == shown


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (12400, "EUR", "€12,400"),
        (12400.4, "eur", "€12,400"),
        (999.5, "USD", "$1,000"),
        (1_234_567, "GBP", "£1,234,567"),
        (12400, "CHF", "CHF\u00a012,400"),
        (-50, "EUR", "-€50"),
        (-0.2, "EUR", "€0"),
        (-0.5, "EUR", "-€1"),
        (None, "EUR", labels.EMPTY),
        (5, "", "€5"),
    ],
)
def test_money(value: object, currency: str, shown: str) -> None:
    assert labels.money(value, currency) == shown


def test_number() -> None:
    assert labels.number(12400) == "12,400"
    assert labels.number(2.345, 1) == "2.3"
    assert labels.number(2.25, 1) == "2.3"  # half up, not to even
    assert labels.number(True) == "True"
    assert labels.number(float("nan")) == "nan"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_a_whole_number_reads_back_without_its_commas(value: int) -> None:
    shown = labels.number(value)
    assert int(shown.replace(",", "")) == value
    groups = shown.lstrip("-").split(",")
    assert all(len(group) == 3 for group in groups[1:])
    assert 1 <= len(groups[0]) <= 3


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_a_rate_is_a_whole_percentage_within_half_a_point(rate: float) -> None:
    shown = labels.percent(rate)
    assert shown.endswith("%")
    assert abs(int(shown[:-1].replace(",", "")) - rate * 100) <= 0.5


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
    st.sampled_from(["EUR", "USD", "GBP", "CHF", "SEK"]),
)
def test_money_is_the_rounded_amount_behind_one_marker(amount: Decimal, currency: str) -> None:
    shown = labels.money(amount, currency)
    digits = shown.lstrip("-").lstrip("€$£").removeprefix(f"{currency}\u00a0")
    assert abs(int(digits.replace(",", "")) - abs(amount)) <= Decimal("0.5")
    assert shown.startswith("-") == (amount <= Decimal("-0.5"))  # rounded half away from zero


def test_the_template_filters() -> None:
    assert render('{{ d|label:"domain" }}', d=current_edition().domains[0].id) == (
        current_edition().domains[0].name
    )
    assert render('{{ c|labels:"check" }}', c=["monitoring", "fallback"]) == "Monitoring, Fallback"
    assert render("{{ r|percent }}", r=0.91) == "91%"
    assert render('{{ m|money:"EUR" }}', m=12400) == "€12,400"
    assert render("{{ m|money:currency }}", m=12400, currency="CHF") == "CHF\u00a012,400"
    assert render("{{ n|number }} {{ n|number:1 }} {{ n|number:'x' }}", n=1234.56) == (
        "1,235 1,234.6 1,235"
    )
    assert render('{{ x|label:"severity" }}', x="critical") == "Critical"
    assert render('{{ x|labels:"check" }}', x=None) == labels.EMPTY
