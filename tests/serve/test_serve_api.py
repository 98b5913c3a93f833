"""The HTTP API: the same report as the CLI, uploads, exports, limits, tokens and what a request cannot do."""

from __future__ import annotations

import json
import threading

import pytest

from claimcheck.testing import run_cli
from tests.serve.conftest import TOKEN
from tests.text.documents import as_docx

DATE = "2024-06-19"


def test_serve_api_health(client) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["version"] and body["pipeline"]
    assert {"json", "markdown", "csv", "claimreview", "sarif", "html"} <= set(body["formats"])


def test_serve_api_check_gives_the_cli_report(client, example_text, tmp_path) -> None:
    answer = client.post("/api/v1/check", json={"text": example_text, "published": DATE})
    assert answer.status_code == 200
    path = tmp_path / "article.txt"
    path.write_text(example_text, encoding="utf-8")
    cli = json.loads(run_cli(["check", str(path), "--date", DATE, "--format", "json"]).stdout)
    api = answer.json()
    for report in (api, cli):
        report["document"].pop("source")
    assert api == cli


def test_serve_api_include_text_and_offsets(client, example_text) -> None:
    body = client.post("/api/v1/check", json={"text": example_text, "published": DATE, "include_text": True}).json()
    assert body["text"] == example_text
    assert all(body["text"][c["start"]:c["end"]] == c["text"] for c in body["claims"])


def test_serve_api_genre_option(client) -> None:
    text = "Taxes went up last year. The council closed 3 libraries in 2023."
    scores = {}
    for genre in ("speech", "article"):
        body = client.post("/api/v1/check", json={"text": text, "published": DATE, "all": True, "genre": genre}).json()
        assert body["document"]["genre"] == genre
        scores[genre] = [c["score"] for c in body["claims"]]
    assert scores["speech"] != scores["article"]  # each genre has its own calibration
    refused = client.post("/api/v1/check", json={"text": text, "genre": "poem"})
    assert refused.status_code == 400 and "genre" in refused.text


def test_serve_api_upload_docx(client, example_text, example_report) -> None:
    files = {"file": ("../../etc/article.docx", as_docx(example_text), "application/octet-stream")}
    body = client.post("/api/v1/check", files=files, data={"published": DATE, "include_text": "true"}).json()
    assert body["document"]["input_format"] == "docx"
    assert body["document"]["source"] == "article.docx"  # the name only, never a server path
    assert [c["text"] for c in body["claims"]] == [c.text for c in example_report.claims]
    assert all(body["text"][c["start"]:c["end"]] == c["text"] for c in body["claims"])


@pytest.mark.parametrize("fmt", ["markdown", "csv", "sarif", "claimreview", "html", "text"])
def test_serve_api_check_in_any_format(client, fmt: str) -> None:
    answer = client.post(f"/api/v1/check?format={fmt}", json={"text": "The council closed 3 libraries in 2023.", "published": DATE})
    assert answer.status_code == 200 and answer.text


def test_serve_api_render_exports_with_statuses(client, example_text) -> None:
    report = client.post("/api/v1/check", json={"text": example_text, "published": DATE}).json()
    first = report["claims"][0]["id"]
    answer = client.post("/api/v1/render?format=markdown",
                         json={"report": report, "text": example_text, "statuses": {first: "checked"}})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/markdown")
    assert "- [x] 1. " in answer.text
    rows = client.post("/api/v1/render?format=csv", json={"report": report, "statuses": {first: "needs source"}}).text
    assert rows.splitlines()[1].endswith(",needs source")
    graph = client.post("/api/v1/render?format=claimreview", json={"report": report}).json()["@graph"]
    assert len(graph) == len(report["claims"])


@pytest.mark.parametrize(("body", "needle"), [
    ({"report": {"document": "x"}}, "document must be an object"),
    ({"report": {"claims": [{"id": 1}]}}, "document"),
    ({"report": {}, "statuses": {"c1": "done"}}, "statuses"),
])
def test_serve_api_render_refuses_bad_reports(client, body, needle: str) -> None:
    answer = client.post("/api/v1/render", json=body)
    assert answer.status_code == 400 and needle in answer.json()["error"]["message"]


@pytest.mark.parametrize(("request_kwargs", "status", "code"), [
    ({"json": {"text": ""}}, 400, "CC103"),
    ({"json": {}}, 400, "CC103"),
    ({"json": {"text": "x", "published": "someday"}}, 400, "CC110"),
    ({"json": {"text": "x", "min_score": 3}}, 400, "CC111"),
    ({"json": {"text": "x", "rules": {"packs": ["/etc/passwd"]}}}, 400, "CC111"),
    ({"json": {"text": "x", "db": "/tmp/other.sqlite3"}}, 400, "CC111"),
    ({"json": {"text": "x", "config": "/etc/claimcheck.yaml"}}, 400, "CC111"),
    ({"data": {"text": "x", "pipeline": "/tmp/evil"}}, 400, "CC111"),
    ({"content": b"text", "headers": {"content-type": "text/plain"}}, 400, "CC111"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "CC111"),
    ({"files": {"file": ("a.docx", b"not a word file", "application/octet-stream")}}, 400, "CC107"),
])
def test_serve_api_bad_requests_are_one_clear_error(client, request_kwargs, status: int, code: str) -> None:
    answer = client.post("/api/v1/check", **request_kwargs)
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code


def test_serve_api_token(locked) -> None:
    assert locked.get("/api/v1/health").status_code == 200  # liveness needs no token
    refused = locked.post("/api/v1/check", json={"text": "The council closed 3 libraries."})
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert refused.json()["error"]["code"] == "CC191"
    wrong = locked.post("/api/v1/check", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = locked.post("/api/v1/check", json={"text": "The council closed 3 libraries."}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    assert locked.post("/api/v1/render", json={"report": {}}).status_code == 401


def test_serve_api_request_size_limit(locked) -> None:
    big = "The council closed 3 libraries. " * 1000
    answer = locked.post("/api/v1/check", json={"text": big}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "CC106"

    def chunks():
        for _ in range(100):
            yield b"x" * 1000

    streamed = locked.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_serve_api_time_limit(engine) -> None:
    from starlette.testclient import TestClient

    from claimcheck.serve.app import create_app
    from claimcheck.serve.settings import ServeSettings

    release = threading.Event()
    made = threading.Event()  # the gated request's report is kept

    class SlowEngine:
        """The real engine behind a gate, so the limit is reached without a slow test.

        Each report is made before the gate and kept, so the request after the
        timed-out one is answered at once: on a loaded machine the real check of
        even one sentence can take longer than the 0.2 s limit.
        """

        plugins = engine.plugins
        pipeline_name = engine.pipeline_name
        model = engine.model
        answers: dict = {}

        def check(self, text, **kwargs):
            key = (text, repr(sorted(kwargs.items())))
            if key not in self.answers:
                self.answers[key] = engine.check(text, **kwargs)
            made.set()
            release.wait(5)
            return self.answers[key]

    app = create_app(ServeSettings(timeout=0.2), engine=SlowEngine())
    release.set()  # let the warm-up through
    with TestClient(app) as slow:
        release.clear()
        made.clear()
        answer = slow.post("/api/v1/check", json={"text": "The council closed 3 libraries."})
        assert answer.status_code == 408 and answer.json()["error"]["code"] == "CC190"
        assert made.wait(30)
        release.set()
        assert slow.post("/api/v1/check", json={"text": "The council closed 3 libraries."}).status_code == 200


def test_serve_api_cors_off_by_default(client, locked) -> None:
    origin = {"Origin": "https://cms.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in client.options("/api/v1/check", headers=origin).headers
    assert locked.options("/api/v1/check", headers=origin).headers["access-control-allow-origin"] == "https://cms.example"
    other = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in locked.options("/api/v1/check", headers=other).headers


def test_serve_api_static_cannot_read_server_files(client) -> None:
    for path in ("/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e/%2e%2e/report.py", "/static/../../../etc/passwd"):
        answer = client.get(path)
        assert answer.status_code == 404, path
    assert client.get("/static/viewer.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_serve_api_page_loads_nothing_from_elsewhere(client) -> None:
    from lxml import html as lxml_html

    answer = client.get("/")
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    tree = lxml_html.document_fromstring(answer.text)
    sources = tree.xpath("//script/@src | //link/@href | //img/@src")
    assert sources and all(src.startswith("/static/") for src in sources)
    for name in ("viewer.js", "app.js", "viewer.css", "app.css"):
        assert "http://" not in client.get(f"/static/{name}").text and "https://" not in client.get(f"/static/{name}").text


def test_serve_api_openapi_describes_every_route(client) -> None:
    from claimcheck.serve.app import create_app

    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    routes = {route.path for route in create_app().routes if route.path.startswith(("/api", "/v2"))}
    assert routes == set(schema["paths"])
    docs = client.get("/docs").text
    assert "/api/v1/check" in docs and "<script" not in docs
