"""SCIM 2.0 provisioning (RFC 7643/7644): an identity provider adds, changes and removes an
organisation's people (SCIM Users) and teams (SCIM Groups) at /scim/v2/, with a bearer token
of that organisation."""
