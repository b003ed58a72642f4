"""An organisation's identity provider as sign-in uses it: one frozen value, whether it comes
from the sign-in settings page or from the EAISM_OIDC_* environment variables.

Nothing here touches the database, so the Django settings can check the environment at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

ROLES = ("owner", "admin", "analyst", "manager", "reviewer", "member")  # widest first
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
CLAIM_LENGTH = 100
ENVIRONMENT = "EAISM_OIDC_"


class ProviderError(ValueError):
    """A setting of the provider that cannot be used, with where it is and what was expected."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Rule:
    """A provider group (or claim value) that gives a role, and optionally a team by name."""

    value: str
    role: str
    team: str = ""


@dataclass(frozen=True)
class Provider:
    organisation: str  # the organisation's short name (slug)
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    email_claim: str = "email"
    groups_claim: str = "groups"
    employee_id_claim: str = ""
    password_sign_in: bool = True
    rules: tuple[Rule, ...] = ()
    from_environment: bool = False


def checked_issuer(url: str, field: str = "issuer") -> str:
    """An issuer URL: HTTPS, or plain HTTP to this machine only (development and tests)."""
    url = url.strip()
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or local):
        raise ProviderError(
            field, f"expected an https:// address of the identity provider, not {url!r}"
        )
    if parts.query or parts.fragment:
        raise ProviderError(field, "expected the issuer address without ? or #")
    return url


def checked_scopes(text: str, field: str = "scopes") -> str:
    scopes = text.split()
    if "openid" not in scopes:
        raise ProviderError(
            field, "expected the scopes to include openid, such as 'openid email profile'"
        )
    return " ".join(scopes)


def checked_claim(name: str, field: str, required: bool = True) -> str:
    name = name.strip()
    if not name and not required:
        return ""
    if not name or len(name) > CLAIM_LENGTH or any(character.isspace() for character in name):
        raise ProviderError(
            field, f"expected a claim name of 1 to {CLAIM_LENGTH} characters without spaces"
        )
    return name


def parse_rules(text: str, separator: str = "\n", field: str = "rules") -> tuple[Rule, ...]:
    """Rules written one a line (or between `separator`s): `group = role` or
    `group = role / team`; blank lines and lines starting with # are skipped."""
    rules = []
    for number, line in enumerate(text.split(separator), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            rules.append(
                _rule(
                    line,
                    f"{field}, rule {number}" if separator != "\n" else f"{field}, line {number}",
                )
            )
    return tuple(rules)


def _rule(line: str, where: str) -> Rule:
    value, equals, given = line.partition("=")
    role, _, team = given.partition("/")
    value, role, team = value.strip(), role.strip().lower(), team.strip()
    if not equals or not value:
        raise ProviderError(
            where, f"expected 'group = role' or 'group = role / team', not {line!r}"
        )
    if role not in ROLES:
        raise ProviderError(where, f"{role!r} is not a role; expected one of {', '.join(ROLES)}")
    return Rule(value, role, team)


def provider_from_environment(environ: Mapping[str, str]) -> Provider | None:
    """The provider of EAISM_OIDC_ORGANISATION, or None when no EAISM_OIDC_ variable is set."""
    given = {name: value for name, value in environ.items() if name.startswith(ENVIRONMENT)}
    if not given:
        return None
    unknown = sorted(set(given) - set(ENVIRONMENT_VARIABLES))
    if unknown:
        raise ProviderError(
            unknown[0], f"unknown setting; expected one of {', '.join(ENVIRONMENT_VARIABLES)}"
        )
    for name in (
        "EAISM_OIDC_ORGANISATION",
        "EAISM_OIDC_ISSUER",
        "EAISM_OIDC_CLIENT_ID",
        "EAISM_OIDC_CLIENT_SECRET",
    ):
        if not given.get(name, "").strip():
            raise ProviderError(
                name, "is not set; single sign-on by environment variables needs it"
            )
    return Provider(
        organisation=given["EAISM_OIDC_ORGANISATION"].strip(),
        issuer=checked_issuer(given["EAISM_OIDC_ISSUER"], "EAISM_OIDC_ISSUER"),
        client_id=given["EAISM_OIDC_CLIENT_ID"].strip(),
        client_secret=given["EAISM_OIDC_CLIENT_SECRET"].strip(),
        scopes=checked_scopes(
            given.get("EAISM_OIDC_SCOPES", "openid email profile"), "EAISM_OIDC_SCOPES"
        ),
        email_claim=checked_claim(
            given.get("EAISM_OIDC_EMAIL_CLAIM", "email"), "EAISM_OIDC_EMAIL_CLAIM"
        ),
        groups_claim=checked_claim(
            given.get("EAISM_OIDC_GROUPS_CLAIM", "groups"), "EAISM_OIDC_GROUPS_CLAIM"
        ),
        employee_id_claim=checked_claim(
            given.get("EAISM_OIDC_EMPLOYEE_ID_CLAIM", ""),
            "EAISM_OIDC_EMPLOYEE_ID_CLAIM",
            required=False,
        ),
        password_sign_in=_yes_or_no(
            given.get("EAISM_OIDC_PASSWORD_SIGN_IN", "1"), "EAISM_OIDC_PASSWORD_SIGN_IN"
        ),
        rules=parse_rules(given.get("EAISM_OIDC_GROUP_ROLES", ""), ";", "EAISM_OIDC_GROUP_ROLES"),
        from_environment=True,
    )


def _yes_or_no(text: str, field: str) -> bool:
    if text.strip() not in ("0", "1"):
        raise ProviderError(field, f"expected 1 (yes) or 0 (no), not {text!r}")
    return text.strip() == "1"


ENVIRONMENT_VARIABLES = (
    "EAISM_OIDC_ORGANISATION",
    "EAISM_OIDC_ISSUER",
    "EAISM_OIDC_CLIENT_ID",
    "EAISM_OIDC_CLIENT_SECRET",
    "EAISM_OIDC_SCOPES",
    "EAISM_OIDC_EMAIL_CLAIM",
    "EAISM_OIDC_GROUPS_CLAIM",
    "EAISM_OIDC_EMPLOYEE_ID_CLAIM",
    "EAISM_OIDC_GROUP_ROLES",
    "EAISM_OIDC_PASSWORD_SIGN_IN",
)


def granted(rules: tuple[Rule, ...], groups: frozenset[str]) -> tuple[str, str] | None:
    """The role and team the rules give someone in these groups: the widest role of the
    matching rules, and the team of the first matching rule that names one; None when no rule
    matches."""
    matching = [rule for rule in rules if rule.value in groups]
    if not matching:
        return None
    role = min((rule.role for rule in matching), key=ROLES.index)
    return role, next((rule.team for rule in matching if rule.team), "")


def environment_provider(environ: Mapping[str, str]) -> Provider | None:
    """For the Django settings: a wrong EAISM_OIDC_ variable stops the start, naming it."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        return provider_from_environment(environ)
    except ProviderError as error:
        raise ImproperlyConfigured(
            f"{error.field}: {error.message} (docs/single-sign-on.md)"
        ) from error
