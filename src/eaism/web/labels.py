"""Labels and formats as people read them: one table for every id a page shows, and one format
for counts, rates and money.

Templates use these through `{% load eaism %}`: `{{ domain_id|label:"domain" }}`,
`{{ rate|percent }}`, `{{ amount|money:organisation.currency }}`, `{{ count|number }}`.
Domain, role, level, stage, diagnostic and readiness-check labels come from the edition; the
rest are the web app's own words. An id without a label is shown humanised ("cost_alert" -> "Cost
alert"), so a label is never missing and a filter never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from eaism.analysis.organisation import SYSTEM_KINDS, SYSTEM_STATUSES
from eaism.model.schema import Edition
from eaism.web.edition import current_edition

EMPTY = "\u2013"  # an en dash, shown for a missing value: no rate, no cost

SYSTEM_KIND_LABELS = {
    "chatbot": "Chatbot",
    "assistant": "Assistant",
    "automation": "Automation",
    "search": "Search",
    "agent": "Agent",
    "prediction": "Prediction",
    "other": "Other",
}
SYSTEM_STATUS_LABELS = {
    "idea": "Idea",
    "pilot": "Pilot",
    "production": "In production",
    "retired": "Retired",
}
RISK_CLASS_LABELS = {
    "minimal": "Minimal risk",
    "limited": "Limited risk",
    "high": "High risk",
    "not_assessed": "Risk not assessed",
}
PERSON_KINDS = {"employee": "Employee", "contractor": "Contractor"}
INVOLVEMENTS = {"build": "Builds", "operate": "Operates", "oversee": "Oversees"}
INVOLVEMENT_GROUPS = {"build": "Builders", "operate": "Operators", "oversee": "Overseers"}
COMPETENCE_ACTIONS = {
    "training": "Training cohort",
    "mentor": "Mentor",
    "reassignment": "Reassignment",
}
RECORD_STATUSES = {"ok": "Current, no gap", "gap": "Gap", "due": "Due for refresh"}
ACTION_OUTCOMES = {
    "closed": "Gap closed",
    "open": "Gap still open",
    "not_measured_yet": "Not measured yet",
}
DUE_REASONS = {
    "never_measured": "Never measured",
    "before_system_change": "Measured before the system changed",
    "older_than_max_age": "Older than the age setting",
}
SHORTFALL_REASONS = {"no_overseer": "No overseer", "overseer_short": "An overseer falls short"}
MEMBER_ROLES = {
    "owner": "Owner",
    "admin": "Administrator",
    "analyst": "Analyst",
    "manager": "Manager",
    "reviewer": "Reviewer",
    "member": "Member",
}
ROUND_STATUSES = {"open": "Open", "closed": "Closed", "scheduled": "Scheduled"}
SEVERITIES = {"critical": "Critical", "warning": "Warning", "info": "Information"}
ACTIONS = {
    "sign_in": "Signed in",
    "sign_out": "Signed out",
    "sign_in_failed": "Sign-in failed",
    "sign_in_locked_out": "Sign-in locked after failures",
    "password_reset": "Reset their password",
    "people_list_viewed": "Viewed the people list",
    "result_viewed": "Viewed a result",
    "result_exported": "Downloaded a result",
    "domain_reviewed": "Reviewed a domain",
    "answers_viewed": "Viewed a person's answers to review them",
    "item_reviewed": "Reviewed an answer",
    "review_completed": "Marked a review done",
    "disagreement_resolved": "Decided between two reviews",
    "evidence_request_answered": "Answered a request for evidence",
    "validity_viewed": "Viewed a round's validity report",
    "round_opened": "Opened a round",
    "round_closed": "Closed a round",
    "system_added": "Added an AI system",
    "system_changed": "Changed an AI system",
    "system_person_added": "Added a person to an AI system",
    "system_person_removed": "Removed a person from an AI system",
    "competence_action_planned": "Planned an action for a competence gap",
    "competence_records_viewed": "Viewed the competence records with names",
    "competence_requirement_raised": "Raised a competence requirement",
    "competence_requirement_removed": "Removed a raised competence requirement",
    "practices_changed": "Changed the practices",
    "settings_changed": "Changed the settings",
    "audit_exported": "Exported the audit log",
    "people_imported": "Imported people",
    "person_invited": "Invited a person",
    "invitation_accepted": "Accepted an invitation",
    "role_changed": "Changed a role",
    "export_downloaded": "Downloaded an export",
    "token_created": "Created an API token",
    "token_revoked": "Revoked an API token",
    "tokens_revoked": "API tokens revoked",
    "personal_data_exported": "Downloaded their own data",
    "account_deleted": "Deleted their account",
    "response_reopened": "Reopened a response",
    "invitations_queued": "Queued invitations",
    "reminders_queued": "Queued reminders",
    "people_import_undone": "Undid an import",
    "reviewers_changed": "Changed reviewers",
    "team_created": "Created a team",
    "scim.token_created": "Created a SCIM token",
    "scim.token_revoked": "Revoked a SCIM token",
    "scim.user_created": "SCIM: added a person",
    "scim.user_replaced": "SCIM: replaced a person's details",
    "scim.user_patched": "SCIM: changed a person's details",
    "scim.user_deactivated": "SCIM: deactivated a person",
    "scim.user_reactivated": "SCIM: reactivated a person",
    "scim.user_deleted": "SCIM: deleted a person and erased their data",
    "scim.group_created": "SCIM: added a team",
    "scim.group_replaced": "SCIM: replaced a team",
    "scim.group_renamed": "SCIM: renamed a team",
    "scim.group_members_changed": "SCIM: changed a team's people",
    "scim.group_deleted": "SCIM: deleted a team",
    "sso.sign_in": "Signed in through the identity provider",
    "sso.sign_in_failed": "Single sign-on failed",
    "sso.account_created": "Account created at its first single sign-on",
    "sso.role_changed": "Role or team changed by the identity provider's groups",
    "sso.settings_changed": "Changed the sign-in settings",
    "sso.break_glass_sign_in": "Signed in with a password where single sign-on is required (break-glass)",
    "sso.password_refused": "Password refused: the organisation requires single sign-on",
}
IMPORT_MODES = {
    "add": "Add (new people only)",
    "update": "Update (create and change, never deactivate)",
    "sync": "Sync (the file is the whole roster)",
}
FIXED: dict[str, dict[str, str]] = {
    "import_mode": IMPORT_MODES,
    "system_kind": SYSTEM_KIND_LABELS,
    "system_status": SYSTEM_STATUS_LABELS,
    "risk_class": RISK_CLASS_LABELS,
    "person_kind": PERSON_KINDS,
    "involvement": INVOLVEMENTS,
    "involvement_group": INVOLVEMENT_GROUPS,
    "competence_action": COMPETENCE_ACTIONS,
    "record_status": RECORD_STATUSES,
    "action_outcome": ACTION_OUTCOMES,
    "due_reason": DUE_REASONS,
    "shortfall_reason": SHORTFALL_REASONS,
    "member_role": MEMBER_ROLES,
    "round_status": ROUND_STATUSES,
    "severity": SEVERITIES,
    "action": ACTIONS,
}
ORDERS: dict[str, tuple[str, ...]] = {
    "system_kind": SYSTEM_KINDS,
    "system_status": SYSTEM_STATUSES,
}
NOT_ASSESSED = "Not assessed"  # a domain, or a level, that a role's question set does not ask
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def humanised(value: object) -> str:
    """An id as words: "cost_alert" -> "Cost alert"; "" stays ""."""
    words = " ".join(str(value).replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def label(kind: str, value: object) -> str:
    """The label of an id of a kind (domain, role, level, check, action, ...), never the id."""
    if value is None or value == "":
        return EMPTY
    from_edition = EDITION_LABELS.get(kind)
    if from_edition is not None:
        found = from_edition(current_edition(), value)
    else:
        found = FIXED.get(kind, {}).get(str(value))
    return found if found is not None else humanised(value)


def labels(kind: str, values: Iterable[object]) -> str:
    """Several ids as one comma-separated list of labels, in the table's order where it has one."""
    order = current_edition().analysis.check_ids if kind == "check" else ORDERS.get(kind, ())
    ranked = sorted(
        (str(value) for value in values),
        key=lambda value: (order.index(value) if value in order else len(order), value),
    )
    return ", ".join(label(kind, value) for value in ranked)


def _domain(edition: Edition, value: object) -> str | None:
    return next((domain.name for domain in edition.domains if domain.id == str(value)), None)


def _role(edition: Edition, value: object) -> str | None:
    return next((role.name for role in edition.roles if role.id == str(value)), None)


def _level_number(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _level_name(edition: Edition, value: object) -> str | None:
    number = _level_number(value)
    if number == 0:
        return edition.below_first_level
    return next((level.name for level in edition.levels if level.number == number), None)


def _level(edition: Edition, value: object) -> str | None:
    number = _level_number(value)
    name = _level_name(edition, value)
    if number is None or name is None:
        return None
    return name if number == 0 else f"Level {number}: {name}"


def _stage(edition: Edition, value: object) -> str | None:
    number = _level_number(value)
    return next((f"Stage {s.number}: {s.name}" for s in edition.stages if s.number == number), None)


def _diagnostic(edition: Edition, value: object) -> str | None:
    return next((d.title for d in edition.diagnostics if d.code == str(value)), None)


def _check(edition: Edition, value: object) -> str | None:
    checks = edition.analysis.readiness_checks
    return next((check.label for check in checks if check.id == str(value)), None)


EDITION_LABELS: dict[str, Callable[[Edition, object], str | None]] = {
    "domain": _domain,
    "role": _role,
    "level": _level,
    "level_name": _level_name,
    "stage": _stage,
    "diagnostic": _diagnostic,
    "check": _check,
}
KINDS = (*EDITION_LABELS, *FIXED)


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def number(value: object, digits: int = 0) -> str:
    """A count or amount with a thousands separator: 12400 -> "12,400"; digits after the point."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY if value is None or value == "" else str(value)
    return _grouped(amount, max(digits, 0))


def percent(value: object) -> str:
    """A rate from 0 to 1 as a whole percentage: 0.91 -> "91%"."""
    rate = _decimal(value)
    if rate is None:
        return EMPTY if value is None or value == "" else str(value)
    return f"{_grouped(rate * 100, 0)}%"


def money(value: object, currency: str = "EUR") -> str:
    """An amount in whole units of the organisation's currency: "€12,400", "CHF 12,400"."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY if value is None or value == "" else str(value)
    code = str(currency or "EUR").upper()
    text = _grouped(amount, 0)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    symbol = CURRENCY_SYMBOLS.get(code)
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{code}\u00a0{digits}"


def _grouped(amount: Decimal, places: int) -> str:
    """Rounded half up to `places` digits, with commas between thousands and no "-0"."""
    try:
        rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too many digits to round: already whole
        rounded = amount
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:,.{places}f}"
