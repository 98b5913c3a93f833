"""The routes of ``claimcheck serve``: the page, the API and the LanguageTool-compatible endpoint.

=======  =====================  ==================================================
method   path                   what
=======  =====================  ==================================================
GET      ``/``                  the editor's page (paste or upload, check, review)
GET      ``/static/...``        the page's script and styles, shipped in the package
GET      ``/api/v1/health``     liveness, version, pipeline and model (no token needed)
POST     ``/api/v1/check``      text or file in, the JSON report out (or any format)
POST     ``/api/v1/render``     a JSON report in, another format out (exports)
GET      ``/openapi.json``      the API's OpenAPI 3 description; ``/docs`` shows it
POST     ``/v2/check``          LanguageTool-compatible check (``text`` or ``data``)
GET      ``/v2/languages``      the languages the LanguageTool endpoint accepts
=======  =====================  ==================================================

Nothing in a request names a file on the server: texts and uploads are read
from the request body, an upload's file name is used only for its extension
and the report's ``source``, and per-request options are limited to
``published``, ``min_score``, ``all``, ``lookup`` and the input format.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import PurePath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError, ErrorCode, InputError
from claimcheck.serve.checker import CheckTimeout, SharedEngine
from claimcheck.serve.guard import GuardMiddleware, error_body, token_ok
from claimcheck.serve.languagetool import (
    LANGUAGES,
    language_for,
    text_from_data,
    to_languagetool,
)
from claimcheck.serve.openapi import docs_page, openapi_schema
from claimcheck.serve.reports import report_from_dict
from claimcheck.serve.settings import ServeSettings
from claimcheck.text.readers import DOCUMENT_FORMATS, extract_text, format_for

_MEDIA_TYPES = {
    "json": "application/json", "jsonl": "application/x-ndjson", "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8", "sarif": "application/sarif+json",
    "claimreview": "application/ld+json", "text": "text/plain; charset=utf-8",
}
_STATUS = {
    ErrorCode.TOO_LARGE: 413, ErrorCode.SERVE_TIMEOUT: 408, ErrorCode.SERVE_UNAUTHORIZED: 401,
}


class CheckOptions(BaseModel):
    """The fields ``POST /api/v1/check`` accepts (JSON body or form fields); anything else is refused."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article (or send a file)")
    published: str | None = Field(None, description="publication date, e.g. 2024-06-19")
    min_score: float | None = Field(None, ge=0, le=1)
    all: bool = False
    lookup: bool | None = Field(None, description="attach prior fact-checks (default: as the server was started)")
    input_format: Literal["text", "markdown", "html", "docx"] | None = None
    genre: Literal["auto", "speech", "article"] | None = Field(
        None, description="read the text as a speech or an article for the score (default: auto)")
    include_text: bool = Field(False, description="add the text the offsets point into as a top-level `text` field")


class RenderRequest(BaseModel):
    """The body of ``POST /api/v1/render``."""

    model_config = ConfigDict(extra="forbid")

    report: dict[str, Any]
    text: str | None = None
    statuses: dict[str, Literal["to check", "checked", "needs source"]] = Field(default_factory=dict)


def _error(exc: ClaimcheckError) -> JSONResponse:
    status = _STATUS.get(exc.code, 400)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(exc.code.value, exc.message), status_code=status, headers=headers)


def _unauthorized() -> ClaimcheckError:
    return ClaimcheckError(ErrorCode.SERVE_UNAUTHORIZED,
                           "this server needs a token: send Authorization: Bearer <token>")


def _validation_message(exc: ValidationError, model: type[BaseModel]) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "body"
    if first["type"] == "extra_forbidden":
        return f"unknown field {where!r}; this endpoint accepts: {', '.join(model.model_fields)}"
    return f"{where}: {first['msg']}"


def _safe_name(filename: str | None) -> str:
    """An upload's name for the report: the last path part only, never a path on the server."""
    return PurePath((filename or "upload").replace("\\", "/")).name or "upload"


def create_app(settings: ServeSettings | None = None, engine: Any = None) -> Starlette:
    """Build the application.

    Args:
        settings: what the server may do (default: :class:`ServeSettings` defaults).
        engine: an engine to share (default: one built from ``settings.config`` at start-up).
    """
    settings = settings or ServeSettings()
    state: dict[str, SharedEngine] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if "engine" not in state:
            from claimcheck.engine import Engine

            shared = SharedEngine(engine if engine is not None else Engine(config=settings.config), settings.timeout)
            shared.warm_up()
            state["engine"] = shared
        try:
            yield
        finally:
            state.pop("engine").close()

    def shared() -> SharedEngine:
        if "engine" not in state:  # a test client used without its lifespan
            from claimcheck.engine import Engine

            state["engine"] = SharedEngine(engine if engine is not None else Engine(config=settings.config), settings.timeout)
        return state["engine"]

    def formats() -> dict[str, Any]:
        eng = shared().engine
        return eng.plugins.report_formats([])

    def render(report: Any, name: str, statuses: dict[str, str] | None = None) -> Response:
        available = formats()
        fmt = available.get(name)
        if fmt is None:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, f"unknown format {name!r}; choose one of: {', '.join(sorted(available))}")
        if statuses and hasattr(fmt, "statuses"):
            fmt.statuses = dict(statuses)
        out = io.StringIO()
        fmt.write(report, out)
        fmt.close(out)
        return Response(out.getvalue(), media_type=_MEDIA_TYPES.get(name, "text/plain; charset=utf-8"))

    async def index(request: Request) -> Response:
        page = (resources.files("claimcheck.serve") / "static" / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page)

    async def health(request: Request) -> Response:
        eng = shared().engine
        return JSONResponse({"status": "ok", "version": __version__, "pipeline": eng.pipeline_name,
                             "model": getattr(eng.model, "name", "features") if eng.model is not None else "features",
                             "formats": sorted(formats()), "auth": bool(settings.token)})

    async def read_check_request(request: Request) -> tuple[CheckOptions, str, str]:
        """The options, the text to check and its source name."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        upload: UploadFile | None = None
        if content_type == "application/json":
            try:
                payload = json.loads(await request.body())
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise ClaimcheckError(ErrorCode.BAD_OPTION, f"the body is not valid JSON ({exc})") from None
            if not isinstance(payload, dict):
                raise ClaimcheckError(ErrorCode.BAD_OPTION, "the body must be a JSON object")
        elif content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.form(max_files=1, max_fields=20)
            payload = {}
            for key, value in form.multi_items():
                if isinstance(value, UploadFile) or hasattr(value, "filename"):
                    if key != "file":
                        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"unexpected file field {key!r}; send the file as 'file'")
                    upload = value  # type: ignore[assignment]
                else:
                    payload[key] = value
        else:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, "send JSON (application/json) or a form (multipart/form-data)")
        try:
            options = CheckOptions.model_validate(payload)
        except ValidationError as exc:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, _validation_message(exc, CheckOptions)) from None
        if upload is not None:
            name = _safe_name(upload.filename)
            data = await upload.read()
            fmt = options.input_format or format_for(name)
            from starlette.concurrency import run_in_threadpool

            text = await run_in_threadpool(extract_text, data, fmt, name)
            options.input_format = fmt  # type: ignore[assignment]
            return options, text, name
        if options.text is None:
            raise InputError(ErrorCode.EMPTY_INPUT, "send the article as 'text' or upload it as 'file'")
        fmt = options.input_format or "text"
        if fmt not in DOCUMENT_FORMATS or fmt == "docx":
            raise ClaimcheckError(ErrorCode.BAD_OPTION, "a Word file must be uploaded as 'file', not sent as text")
        text = extract_text(options.text.encode("utf-8"), fmt, "<request>")
        options.input_format = fmt  # type: ignore[assignment]
        return options, text, "<request>"

    async def check(request: Request) -> Response:
        if not token_ok(request, settings.token):
            raise _unauthorized()
        options, text, source = await read_check_request(request)
        per_call: dict[str, Any] = {"all": options.all}
        if options.lookup is not None:
            per_call["lookup"] = options.lookup
        if options.min_score is not None:
            per_call["min_score"] = options.min_score
        if options.genre is not None:
            per_call["genre"] = options.genre
        report = await shared().check(text, published=options.published, source=source, options=per_call)
        report.document.input_format = options.input_format or "text"
        wanted = request.query_params.get("format", "json")
        if wanted != "json":
            return render(report, wanted)
        body = report.to_dict()
        if options.include_text:
            body["text"] = text
        return JSONResponse(body)

    async def render_report(request: Request) -> Response:
        if not token_ok(request, settings.token):
            raise _unauthorized()
        try:
            payload = RenderRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            raise ClaimcheckError(ErrorCode.BAD_OPTION, _validation_message(exc, RenderRequest)) from None
        report = report_from_dict(payload.report, payload.text)
        return render(report, request.query_params.get("format", "markdown"), dict(payload.statuses))

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_schema(__version__))

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page(openapi_schema(__version__)))

    async def lt_languages(request: Request) -> Response:
        return JSONResponse(LANGUAGES)

    async def lt_check(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=50)
        api_key = form.get("apiKey")
        if not token_ok(request, settings.token, api_key if isinstance(api_key, str) else None):
            return PlainTextResponse("Error: this server needs a token (apiKey or Authorization: Bearer)", status_code=401,
                                     headers={"WWW-Authenticate": "Bearer"})
        try:
            text_field, data_field = form.get("text"), form.get("data")
            if isinstance(text_field, str):
                text = text_field
            elif isinstance(data_field, str):
                text = text_from_data(data_field)
            else:
                raise ClaimcheckError(ErrorCode.BAD_OPTION, "missing 'text' or 'data' parameter")
            language_field = form.get("language")
            language = language_for(language_field if isinstance(language_field, str) else "")
            if not text.strip():
                return JSONResponse(to_languagetool(_empty_report(), text, language))
            report = await shared().check(text, published=None, source="<languagetool>", options={})
        except ClaimcheckError as exc:
            return PlainTextResponse(f"Error: {exc.message}", status_code=_STATUS.get(exc.code, 400))
        return JSONResponse(to_languagetool(report, text, language))

    async def on_claimcheck_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClaimcheckError)
        return _error(exc)

    routes = [
        Route("/", index),
        Route("/api/v1/health", health),
        Route("/api/v1/check", check, methods=["POST"]),
        Route("/api/v1/render", render_report, methods=["POST"]),
        Route("/openapi.json", openapi),
        Route("/docs", docs),
        Route("/v2/check", lt_check, methods=["POST"]),
        Route("/v2/languages", lt_languages),
        Mount("/static", StaticFiles(packages=[("claimcheck.serve", "static"), ("claimcheck.formats", "viewer")])),
    ]
    middleware = [Middleware(GuardMiddleware, max_bytes=settings.max_bytes)]
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={ClaimcheckError: on_claimcheck_error, CheckTimeout: on_claimcheck_error})


def _empty_report() -> Any:
    from claimcheck.report import DocumentInfo, Report

    return Report(document=DocumentInfo(source=None, published=None, published_from=None, byline=None, byline_span=None,
                                        characters=0, sentences=0), claims=[], findings=[], candidates=0, min_score=0.5)
