"""The SCIM resources eaism serves, as scim2-models models: exactly the attributes it stores.

A person is a User, a team is a Group. The schemas published at /Schemas are built from these
classes, so a client (and the compliance suite) sees what round-trips and nothing else:

- User: userName (unique, compared without regard to case), displayName (the person's name),
  title, active, emails (one address, of type "work"), externalId (the person id of the roster),
  groups (read-only: the person's one team) and the enterprise extension's department (the team
  by its name).
- Group: displayName (the team's name) and members (people only: a team holds no teams).

Attributes the client sends that are not listed here (phone numbers, addresses, name parts) are
ignored, as RFC 7644 §3.3 allows; name.formatted or name.givenName and name.familyName stand in
for displayName when it is missing.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import EmailStr, Field
from scim2_models import (
    URN,
    AnyExtension,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    GroupMembership,
    Mutability,
    Pagination,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    Returned,
    ScimPolicy,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

MAX_RESULTS = 200  # the largest page a list answers, and its default size
DOCUMENTATION = "https://github.com/eaism/eaism/blob/main/docs/provisioning.md"


class Email(ComplexAttribute):
    """The person's e-mail address; eaism keeps one, of type work (so none is primary)."""

    value: EmailStr | None = None
    type: str | None = Field(None, examples=["work"])


class EnterpriseUser(Extension):
    """The enterprise extension, of which eaism keeps the department: the person's team."""

    __schema__ = URN("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")

    department: str | None = None


class User(Resource[AnyExtension]):
    """A person of the organisation."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    # Every person has an id in the roster: required here, made up when a provider sends none.
    external_id: Annotated[
        str | None, Mutability.read_write, Returned.default, CaseExact.true, Required.true
    ] = None
    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    display_name: str | None = None
    title: str | None = None
    active: Annotated[bool | None, Required.true] = None  # true when a provider sends none
    emails: list[Email] | None = None
    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None


class GroupMember(ComplexAttribute):
    """A person of the team."""

    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    ref: Annotated[Reference[User] | None, Mutability.immutable] = Field(  # type: ignore[type-arg]
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])


class Group(Resource[Any]):
    """A team of the organisation; a person is in one team at most."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Required.true] = None
    members: list[GroupMember] | None = None

    Members: ClassVar[type[ComplexAttribute]] = GroupMember


# What eaism tolerates from identity providers: attributes it does not keep are dropped, and
# Microsoft Entra's PATCH habits (a filter on an entry that is not there yet, a remove that
# names its value) are read as Entra means them.
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)


@cache
def provider() -> ScimProvider:
    """The service as /ServiceProviderConfig, /ResourceTypes and /Schemas describe it."""
    return ScimProvider(
        models=[User, EnterpriseUser, Group],
        resource_types=[
            ResourceType.from_resource(User[EnterpriseUser]),
            ResourceType.from_resource(Group),
        ],
        config=_configuration(),
        policy=POLICY,
    )


def _configuration() -> ServiceProviderConfig:
    return ServiceProviderConfig(
        documentation_uri=DOCUMENTATION,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        pagination=Pagination(
            cursor=False,
            index=True,
            default_page_size=MAX_RESULTS,
            max_page_size=MAX_RESULTS,
        ),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description="A SCIM token of the organisation, created by an owner on the "
                "SCIM provisioning page or with `eaism admin scim-token`.",
                primary=True,
            )
        ],
    )
