"""The LanguageTool-compatible endpoint answers in LanguageTool's /v2/check shape.

The shape is LanguageTool's public HTTP API (as its client libraries read it):
top-level ``software``, ``warnings``, ``language`` with ``detectedLanguage``,
and ``matches[]`` whose offsets count UTF-16 code units.
"""

from __future__ import annotations

import json

import pytest

from tests.serve.conftest import TOKEN

TEXT = "The council closed 3 libraries in 2023, the mayor said. Some say the cuts will cost 40 jobs."
SOFTWARE_KEYS = {"name", "version", "buildDate", "apiVersion", "premium", "status"}
MATCH_KEYS = {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule"}
RULE_KEYS = {"id", "description", "issueType", "category"}


def utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[offset * 2:(offset + length) * 2].decode("utf-16-le")


def test_serve_languagetool_shape(client) -> None:
    answer = client.post("/v2/check", data={"text": TEXT, "language": "en-US"})
    assert answer.status_code == 200
    body = answer.json()
    assert SOFTWARE_KEYS <= set(body["software"]) and body["software"]["apiVersion"] == 1
    assert body["language"]["code"] == "en-US" and {"name", "code"} <= set(body["language"]["detectedLanguage"])
    assert body["warnings"] == {"incompleteResults": False}
    assert body["matches"], "the claims and findings come back as matches"
    for match in body["matches"]:
        assert MATCH_KEYS <= set(match)
        assert match["replacements"] == []
        assert RULE_KEYS <= set(match["rule"]) and {"id", "name"} == set(match["rule"]["category"])
        assert isinstance(match["rule"]["issueType"], str) and match["rule"]["id"].isupper()
        context = match["context"]
        assert utf16_slice(context["text"], context["offset"], context["length"]) == \
            utf16_slice(TEXT, match["offset"], match["length"]).replace("\n", " ")
    offsets = [m["offset"] for m in body["matches"]]
    assert offsets == sorted(offsets)
    categories = {m["rule"]["category"]["id"] for m in body["matches"]}
    assert categories == {"CLAIMCHECK_CLAIMS", "CLAIMCHECK_FINDINGS"}


def test_serve_languagetool_offsets_count_utf16_units(client) -> None:
    text = "🎉🎉 Great news! " + TEXT
    matches = client.post("/v2/check", data={"text": text, "language": "auto"}).json()["matches"]
    plain = client.post("/v2/check", data={"text": TEXT, "language": "auto"}).json()["matches"]
    assert [m["offset"] - m2["offset"] for m, m2 in zip(matches, plain)][:len(plain)] == [len("🎉🎉 Great news! ".encode("utf-16-le")) // 2] * len(plain)
    for match in matches:
        assert utf16_slice(text, match["offset"], match["length"]).strip()


def test_serve_languagetool_data_offsets_include_markup(client) -> None:
    data = {"annotation": [{"markup": "<p>", "interpretAs": "\n\n"}, {"text": "The council closed "},
                           {"markup": "<b>"}, {"text": "3 libraries"}, {"markup": "</b>"},
                           {"text": " in 2023, the mayor said."}, {"markup": "</p>"}]}
    whole = "".join(part.get("text", part.get("markup", "")) for part in data["annotation"])
    matches = client.post("/v2/check", data={"data": json.dumps(data), "language": "en-GB"}).json()["matches"]
    claim = next(m for m in matches if m["rule"]["category"]["id"] == "CLAIMCHECK_CLAIMS")
    assert utf16_slice(whole, claim["offset"], claim["length"]).startswith("The council closed <b>3 libraries</b>")


@pytest.mark.parametrize(("form", "needle"), [
    ({"text": TEXT, "language": "de-DE"}, "English text only"),
    ({"language": "en-US"}, "missing 'text' or 'data'"),
    ({"data": "{bad", "language": "en-US"}, "not valid JSON"),
])
def test_serve_languagetool_errors_are_plain_text(client, form, needle: str) -> None:
    answer = client.post("/v2/check", data=form)
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/plain")
    assert needle in answer.text


def test_serve_languagetool_languages(client) -> None:
    languages = client.get("/v2/languages").json()
    assert {"name", "code", "longCode"} <= set(languages[0])


def test_serve_languagetool_token_as_api_key(locked) -> None:
    assert locked.post("/v2/check", data={"text": TEXT, "language": "en-US"}).status_code == 401
    assert locked.post("/v2/check", data={"text": TEXT, "language": "en-US", "apiKey": TOKEN}).status_code == 200
    assert locked.post("/v2/check", data={"text": TEXT, "language": "en-US"},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_serve_languagetool_empty_text(client) -> None:
    body = client.post("/v2/check", data={"text": "", "language": "en-US"}).json()
    assert body["matches"] == []
