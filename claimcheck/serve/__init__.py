"""``claimcheck serve``: the editor's web page, the HTTP API and a LanguageTool-compatible endpoint.

Needs the ``serve`` extra (Starlette, uvicorn, python-multipart).  The parts:

* :mod:`~claimcheck.serve.settings` -- what the server is allowed to do (host,
  token, limits, CORS), one typed object;
* :mod:`~claimcheck.serve.checker` -- the one engine, loaded once and shared,
  run in a worker thread with a time limit;
* :mod:`~claimcheck.serve.app` -- the routes; :mod:`~claimcheck.serve.guard`
  -- size limit, bearer token and security headers;
* :mod:`~claimcheck.serve.languagetool` -- reports as LanguageTool matches;
* :mod:`~claimcheck.serve.reports` -- a JSON report read back for exports;
* :mod:`~claimcheck.serve.openapi` -- the API's OpenAPI description.
"""
