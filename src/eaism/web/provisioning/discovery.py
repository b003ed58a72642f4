"""The discovery endpoints' documents (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and
Schemas, as scim2-models builds them from the resources eaism serves."""

from __future__ import annotations

from typing import Any

from scim2_models import (
    Context,
    ListResponse,
    Meta,
    NotFoundException,
    ResourceType,
    Schema,
    ServiceProviderConfig,
)

from eaism.web.provisioning import resources

QUERY = Context.RESOURCE_QUERY_RESPONSE


def configuration(base_url: str) -> dict[str, Any]:
    config = resources.provider().config
    assert config is not None
    located = config.model_copy(
        update={
            "meta": Meta(
                resource_type="ServiceProviderConfig", location=f"{base_url}/ServiceProviderConfig"
            )
        }
    )
    return located.model_dump(scim_ctx=QUERY)


def resource_types(base_url: str) -> dict[str, Any]:
    found = [_located(kind, base_url) for kind in resources.provider().resource_types]
    listed = ListResponse[ResourceType](
        total_results=len(found), start_index=1, items_per_page=len(found), resources=found
    )
    return listed.model_dump(scim_ctx=Context.SEARCH_RESPONSE)


def resource_type(name: str, base_url: str) -> dict[str, Any]:
    for kind in resources.provider().resource_types:
        if kind.id == name:
            return _located(kind, base_url).model_dump(scim_ctx=QUERY)
    raise NotFoundException(detail=f"id: no ResourceType {name!r}; expected User or Group")


def schemas(base_url: str) -> dict[str, Any]:
    found = [_located_schema(schema, base_url) for schema in _all_schemas()]
    listed = ListResponse[Schema](
        total_results=len(found), start_index=1, items_per_page=len(found), resources=found
    )
    return listed.model_dump(scim_ctx=Context.SEARCH_RESPONSE)


def schema(schema_id: str, base_url: str) -> dict[str, Any]:
    for each in _all_schemas():
        if each.id == schema_id:
            return _located_schema(each, base_url).model_dump(scim_ctx=QUERY)
    raise NotFoundException(detail=f"id: no Schema {schema_id!r}")


def _all_schemas() -> list[Schema]:
    """The resources' schemas and those of the discovery documents themselves."""
    own = [model.to_schema() for model in (ResourceType, ServiceProviderConfig, Schema)]
    return [*resources.provider().schemas, *own]


def _located(kind: ResourceType, base_url: str) -> ResourceType:
    meta = Meta(resource_type="ResourceType", location=f"{base_url}/ResourceTypes/{kind.id}")
    return kind.model_copy(update={"meta": meta})


def _located_schema(each: Schema, base_url: str) -> Schema:
    meta = Meta(resource_type="Schema", location=f"{base_url}/Schemas/{each.id}")
    return each.model_copy(update={"meta": meta})
