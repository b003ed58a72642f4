"""The interactive API docs at /api/docs: django-ninja's Swagger UI, made accessible.

Swagger UI's own page has no language, links nested inside the operation buttons (its "deep
links") and colours below 4.5:1. So the page is our template (`api/docs.html`: a language, the
site's own stylesheet for the docs, `eaism/api-docs.css`, with darker colours), and deep links
are off.
"""

from __future__ import annotations

from ninja.openapi.docs import Swagger


class AccessibleSwagger(Swagger):
    template = "api/docs.html"

    def __init__(self) -> None:
        super().__init__(settings={"deepLinking": False})
