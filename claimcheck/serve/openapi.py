"""The OpenAPI 3 description of ``claimcheck serve``'s API, and a page that shows it.

Written out here rather than generated, so that it says what the endpoints
mean, not only their types; ``tests/serve`` checks that every route is
described.  The ``/docs`` page renders it on the server, with no script or
stylesheet from anywhere else (Swagger UI would load both from a CDN).
"""

from __future__ import annotations

from typing import Any

from claimcheck.formats.escape import html_text

_ERROR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_CHECK_FIELDS: dict[str, Any] = {
    "text": {"type": "string", "description": "the article (or upload it as `file`)"},
    "published": {"type": "string", "description": "publication date, e.g. 2024-06-19; relative dates are resolved against it"},
    "min_score": {"type": "number", "minimum": 0, "maximum": 1, "description": "report claims scoring at least this (default 0.5)"},
    "all": {"type": "boolean", "description": "report every candidate claim"},
    "lookup": {"type": "boolean", "description": "attach prior fact-checks from the server's lookup sources"},
    "input_format": {"type": "string", "enum": ["text", "markdown", "html", "docx"],
                     "description": "how to read the input (default: from the uploaded file's extension, else text)"},
    "genre": {"type": "string", "enum": ["auto", "speech", "article"],
              "description": "read the text as a speech (transcript, remarks) or an article for the score; "
                             "default auto, from the text"},
    "include_text": {"type": "boolean", "description": "add the text the offsets point into as a top-level `text` field"},
}


def openapi_schema(version: str) -> dict[str, Any]:
    """The OpenAPI 3.0 document."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "claimcheck", "version": version,
                 "description": "Find the checkable factual claims in a news article. With a server token, every "
                                "endpoint except health needs `Authorization: Bearer <token>`."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                    "code": {"type": "string", "example": "CC111"}, "message": {"type": "string"}}}}},
                "CheckRequest": {"type": "object", "additionalProperties": False, "properties": _CHECK_FIELDS},
                "Report": {"type": "object", "description": "the versioned JSON report, as `claimcheck check --format json` "
                                                             "prints it (docs/report.md)"},
            },
        },
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/health": {"get": {
                "summary": "Liveness, version, spaCy pipeline, model and available formats",
                "security": [],
                "responses": {"200": {"description": "the server is up and its engine loaded"}}}},
            "/api/v1/check": {"post": {
                "summary": "Check an article",
                "description": "Send the text as JSON, or a form with `text` or an uploaded `file` (.txt, .md, .html, "
                               ".docx). Answers with the JSON report, or with the report in `?format=` (markdown, "
                               "html, csv, sarif, claimreview, text, jsonl).",
                "parameters": [{"name": "format", "in": "query", "required": False, "schema": {"type": "string", "default": "json"}}],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
                    "multipart/form-data": {"schema": {"type": "object", "properties": {
                        **_CHECK_FIELDS, "file": {"type": "string", "format": "binary"}}}}}},
                "responses": {"200": {"description": "the report", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Report"}}}},
                    "400": _ERROR, "401": _ERROR, "408": _ERROR, "413": _ERROR}}},
            "/api/v1/render": {"post": {
                "summary": "Render a report in another format (the page's exports)",
                "description": "Body: `{\"report\": <JSON report>, \"text\"?: <the text>, \"statuses\"?: {claim id: "
                               "\"to check\" | \"checked\" | \"needs source\"}}`; `?format=` markdown (default), csv, "
                               "claimreview, sarif, html, text.",
                "parameters": [{"name": "format", "in": "query", "required": False, "schema": {"type": "string", "default": "markdown"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"200": {"description": "the rendered report"}, "400": _ERROR, "401": _ERROR, "413": _ERROR}}},
            "/v2/check": {"post": {
                "summary": "LanguageTool-compatible check",
                "description": "Form fields `text` (or `data` with LanguageTool annotations) and `language` (en, en-US, "
                               "en-GB or auto); `apiKey` may carry the token. Answers in LanguageTool's shape: "
                               "`software`, `language`, `matches[]` with offsets in UTF-16 code units.",
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "properties": {"text": {"type": "string"}, "data": {"type": "string"},
                                                     "language": {"type": "string"}, "apiKey": {"type": "string"}}}}}},
                "responses": {"200": {"description": "LanguageTool matches"}, "400": {"description": "plain-text error"},
                              "401": {"description": "plain-text error"}}}},
            "/v2/languages": {"get": {"summary": "Languages the LanguageTool endpoint accepts", "security": [],
                                      "responses": {"200": {"description": "name, code, longCode"}}}},
        },
    }


def docs_page(schema: dict[str, Any]) -> str:
    """A self-contained HTML page listing the API's endpoints from ``schema``."""
    parts = [f"<h1>{html_text(schema['info']['title'])} API {html_text(schema['info']['version'])}</h1>",
             f"<p>{html_text(schema['info']['description'])}</p>",
             '<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.0).</p>']
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            parts.append(f"<h2><code>{html_text(method.upper())} {html_text(path)}</code></h2>")
            parts.append(f"<p><strong>{html_text(op['summary'])}</strong></p>")
            if op.get("description"):
                parts.append(f"<p>{html_text(op['description'])}</p>")
            codes = ", ".join(f"{html_text(code)} {html_text(r['description'])}" for code, r in op["responses"].items())
            parts.append(f"<p>Answers: {codes}</p>")
    fields = "".join(f"<li><code>{html_text(name)}</code>: {html_text(spec['description'])}</li>"
                     for name, spec in _CHECK_FIELDS.items())
    parts.append(f"<h2>Check fields</h2><ul>{fields}</ul>")
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>claimcheck API</title>'
            '<link rel="stylesheet" href="/static/app.css"></head><body class="docs">' + "".join(parts) + "</body></html>")
