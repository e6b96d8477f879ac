"""/api/docs: the OpenAPI schema as a plain page of our own (no Swagger UI from a CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hadath.web.render import render
from hadath.web.views import View

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    return render(request, api_docs_view(request.app.openapi()))


def api_docs_view(schema: dict[str, Any]) -> View:
    operations = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": bool(p.get("required")),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "has_body": "requestBody" in operation,
                }
            )
    return View(
        "api_docs.html",
        {"title": schema.get("info", {}).get("title", ""), "operations": operations},
        title="api_docs",
        name="api_docs",
    )
