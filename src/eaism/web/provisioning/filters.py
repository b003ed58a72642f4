"""SCIM filters (RFC 7644 §3.4.2.2) as database queries.

scim2-models parses a filter and checks it against the resource model (an unknown attribute, an
operator the attribute's type cannot take); this visitor turns the parsed tree into a Django `Q`
over people or teams, with the semantics of the library's own evaluator (`ScimFilter.match`):
an unassigned attribute matches `ne` and `not`, nothing else; strings of attributes that are
not case-exact compare in lower case. A hypothesis test holds the two to the same answers.

SQLite's LOWER() folds ASCII letters only, so there a comparison of a non-ASCII letter is
case-exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Collate, Left, Lower, NullIf, Right, StrIndex
from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
)
from scim2_models import InvalidFilterException, ScimFilter
from scim2_models.path import FilterVisitor
from scim2_models.path.expressions import (
    CompareOperator,
    Comparison,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
    ValuePath,
)

from eaism.web.accounts.models import User
from eaism.web.organisations.models import Person
from eaism.web.provisioning import resources

ORDERING = {
    CompareOperator.gt: GreaterThan,
    CompareOperator.ge: GreaterThanOrEqual,
    CompareOperator.lt: LessThan,
    CompareOperator.le: LessThanOrEqual,
}
# A collation that orders strings by code point, as Python does.
CODE_POINT_ORDER = {"postgresql": "C", "sqlite": "BINARY"}


@dataclass(frozen=True)
class Column:
    """How one SCIM attribute is read from the database."""

    value: Callable[[], Any]  # a fresh expression each time: expressions are not shared
    absent: Callable[[], Q]  # when the attribute has no value
    case_exact: bool = False
    boolean: bool = False


def _text(name: str, case_exact: bool = False) -> Column:
    return Column(
        lambda: F(name), lambda: Q(**{name: ""}) | Q(**{f"{name}__isnull": True}), case_exact
    )


def _number(name: str) -> Column:
    return Column(lambda: Cast(name, CharField()), lambda: Q(**{f"{name}__isnull": True}), True)


def user_name_is(name: str, organisation_id: int | None = None) -> Q:
    """The people whose userName, as `user_name_expression` reads it, is `name` in any case.

    Identity providers look a person up by userName before every change, in organisations of
    thousands, so the people are found first, by three look-ups that each use an index (the
    given name's lower case, the e-mail address's, the account's address), and the query then
    selects them by id: a query that tested the three at once would read every person.
    """
    key = name.lower()
    # Unsorted: the default order, by external id, would steer SQLite off these indexes.
    people = Person.objects.order_by()
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    found = set(people.filter(Exact(Lower("user_name"), Value(key))).values_list("id", flat=True))
    standing_in = people.filter(user_name__isnull=True)
    found |= set(standing_in.filter(Exact(Lower("email"), Value(key))).values_list("id", flat=True))
    account = User.objects.filter(email=key).values_list("id", flat=True).first()  # lower case
    if account is not None:
        found |= set(standing_in.filter(email="", user_id=account).values_list("id", flat=True))
    return Q(pk__in=sorted(found))


def user_name_expression() -> Any:
    """A person's userName: the name the identity provider gave, else the person's e-mail
    address, else their account's."""
    return Coalesce(
        "user_name", NullIf("email", Value("")), "user__email", output_field=CharField()
    )


USER_COLUMNS = {
    ("id", None): _number("id"),
    ("external_id", None): _text("external_id", case_exact=True),
    ("user_name", None): Column(user_name_expression, lambda: Q(pk__in=[])),
    ("display_name", None): _text("name"),
    ("title", None): _text("title"),
    ("active", None): Column(lambda: F("active"), lambda: Q(pk__in=[]), boolean=True),
    ("emails", "value"): _text("email"),
    ("emails", "type"): Column(
        lambda: Case(When(email="", then=Value("")), default=Value("work")), lambda: Q(email="")
    ),
    ("groups", "value"): _number("team_id"),
    ("groups", "display"): _text("team__name"),
    ("groups", "type"): Column(lambda: Value("direct"), lambda: Q(team__isnull=True)),
    ("department", None): _text("team__name"),
}
GROUP_COLUMNS = {
    ("id", None): _number("id"),
    ("external_id", None): _text("external_id", case_exact=True),
    ("display_name", None): _text("name"),
}
MEMBER_COLUMNS = {
    ("members", "value"): _number("id"),
    ("members", "type"): Column(lambda: Value("User"), lambda: Q(pk__in=[])),
}
# A multi-valued attribute holding one value at most, as a sub-attribute to test its presence.
SINGLE_VALUED = {"emails": "value", "groups": "value"}


def user_query(text: str, organisation_id: int | None = None) -> Q:
    """The people a filter on Users selects; InvalidFilterException names what is wrong. The
    organisation, when given, lets a userName look-up use its index."""
    scim_filter = _parsed(resources.provider().model_for("User"), text)
    return _Translator(scim_filter, USER_COLUMNS, organisation_id=organisation_id).visit(
        scim_filter.ast
    )


def group_query(text: str) -> Q:
    """The teams a filter on Groups selects; InvalidFilterException names what is wrong."""
    scim_filter = _parsed(resources.Group, text)
    return _Translator(scim_filter, GROUP_COLUMNS).visit(scim_filter.ast)


def _parsed(model: Any, text: str) -> ScimFilter[Any]:
    try:
        scim_filter: ScimFilter[Any] = ScimFilter[model](text)  # type: ignore[valid-type]
        scim_filter._validate_semantics(strict=True)
    except InvalidFilterException:
        raise
    except (ValueError, TypeError) as error:
        raise InvalidFilterException(detail=f"filter: {error}") from None
    return scim_filter


class _Translator(FilterVisitor[Q]):
    def __init__(
        self,
        scim_filter: ScimFilter[Any],
        columns: dict[Any, Column],
        scope: str = "",
        organisation_id: int | None = None,
    ) -> None:
        self.scim_filter = scim_filter
        self.columns = columns
        self.scope = scope  # the multi-valued attribute a value path selects in
        self.organisation_id = organisation_id

    def visit_logical_expr(self, node: LogicalExpr) -> Q:
        terms = [self.visit(term) for term in node.terms]
        combined = terms[0]
        for term in terms[1:]:
            combined = combined & term if node.op == LogicalOperator.and_ else combined | term
        return combined

    def visit_not(self, node: Not) -> Q:
        return ~self.visit(node.expr)

    def visit_present(self, node: Present) -> Q:
        if self._is_members(node.attr_path):
            return self._members(Q())
        return ~self._column(node.attr_path, comparison=False).absent()

    def visit_comparison(self, node: Comparison) -> Q:
        if self._is_members(node.attr_path):
            return self._member_comparison(node)
        column = self._column(node.attr_path, comparison=True)
        user_name = column is USER_COLUMNS[("user_name", None)]
        if user_name and node.op == CompareOperator.eq and isinstance(node.value, str):
            return user_name_is(node.value, self.organisation_id)  # every provider's look-up
        if node.value is None:
            absent = column.absent()
            return absent if node.op == CompareOperator.eq else ~absent
        matches = ~column.absent() & _compare(column, node.op, node.value)
        return ~matches if node.op == CompareOperator.ne else matches

    def visit_value_path(self, node: ValuePath) -> Q:
        attribute = node.attr_path.attr
        inner = _Translator(self.scim_filter, self.columns, scope=attribute)
        if self._is_members(node.attr_path):
            return self._members(
                _Translator(self.scim_filter, MEMBER_COLUMNS, "members").visit(node.val_filter)
            )
        present = ~self._column(node.attr_path, comparison=True).absent()
        return present & inner.visit(node.val_filter)

    def _member_comparison(self, node: Comparison) -> Q:
        """A team matches when one of its people does; `ne` when none is equal."""
        inner = _Translator(self.scim_filter, MEMBER_COLUMNS, "members")
        if node.op == CompareOperator.ne:
            equal = Comparison(node.attr_path, CompareOperator.eq, node.value)
            return ~self._members(inner.visit_comparison(equal))
        return self._members(inner.visit_comparison(node))

    def _members(self, condition: Q) -> Q:
        people = Person.objects.filter(visible_people(), condition, team=OuterRef("pk"))
        return Q(Exists(people))

    def _is_members(self, attr_path: Any) -> bool:
        return self.columns is GROUP_COLUMNS and attr_path.attr.lower() == "members"

    def _column(self, attr_path: Any, comparison: bool) -> Column:
        if self.scope:  # inside a value path: the sub-attribute of the selected attribute
            binding = self.scim_filter.resolve(
                type(attr_path)(attr=self.scope, sub_attr=attr_path.attr)
            )
        elif comparison:
            binding = self.scim_filter.resolve_comparison(attr_path)
        else:
            binding = self.scim_filter.resolve(attr_path)
        key = (binding.field_name, binding.sub_field_name) if binding else None
        if key is not None and key[1] is None and key[0] in SINGLE_VALUED:
            key = (key[0], SINGLE_VALUED[key[0]])
        column = self.columns.get(key)
        if column is None:
            raise InvalidFilterException(
                detail=f"filter: {attr_path} cannot be filtered on; expected one of: "
                + ", ".join(_names(self.columns))
            )
        return column


def _compare(column: Column, op: CompareOperator, value: Any) -> Q:
    expression = column.value()
    if column.boolean:
        return Q(Exact(expression, bool(value)))
    value = str(value)
    if not column.case_exact:
        expression, value = Lower(expression), value.lower()
    if op in (CompareOperator.eq, CompareOperator.ne):
        return Q(Exact(expression, Value(value)))
    if op in ORDERING:
        ordered = Collate(expression, CODE_POINT_ORDER.get(connection.vendor, "C"))
        return Q(ORDERING[op](ordered, Value(value)))
    return _substring(expression, op, value)


def _substring(expression: Expression, op: CompareOperator, value: str) -> Q:
    if value == "":
        return Q()  # every string contains, starts and ends with the empty one
    if op == CompareOperator.co:
        return Q(GreaterThan(StrIndex(expression, Value(value)), 0))
    cut = Left if op == CompareOperator.sw else Right
    return Q(Exact(cut(expression, len(value)), Value(value)))


def visible_people() -> Q:
    """The people SCIM shows: those with a userName (erased people have none)."""
    return ~Q(user_name__isnull=True, email="", user__isnull=True)


def _names(columns: dict[Any, Column]) -> list[str]:
    names = {"external_id": "externalId", "user_name": "userName", "display_name": "displayName"}
    return [
        names.get(attribute, attribute) + (f".{sub}" if sub else "") for attribute, sub in columns
    ]
