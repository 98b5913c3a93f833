/* The editor's page: send the article to /api/v1/check, show the viewer, export.
   Talks only to the server that served it. */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var errorBox = document.getElementById("error");
  var busy = document.getElementById("busy");
  var exportsBar = document.getElementById("exports");
  var result = document.getElementById("result");
  var tokenInput = document.getElementById("token");
  var current = null;

  try { tokenInput.value = window.sessionStorage.getItem("claimcheck:token") || ""; } catch (e) { /* storage off */ }
  tokenInput.addEventListener("change", function () {
    try { window.sessionStorage.setItem("claimcheck:token", tokenInput.value); } catch (e) { /* storage off */ }
  });

  function headers() {
    var h = {};
    if (tokenInput.value) { h.Authorization = "Bearer " + tokenInput.value; }
    return h;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  async function failure(response) {
    try {
      var body = await response.json();
      if (body && body.error) { return "[" + body.error.code + "] " + body.error.message; }
    } catch (e) { /* not JSON */ }
    return "the server answered " + response.status;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    showError("");
    var file = document.getElementById("file").files[0];
    var text = document.getElementById("text").value;
    var published = document.getElementById("published").value;
    var all = document.getElementById("all").checked;
    var lookup = document.getElementById("lookup").checked;
    var genre = document.getElementById("genre").value;
    var request = { method: "POST", headers: headers() };
    if (file) {
      var data = new FormData();
      data.append("file", file);
      if (published) { data.append("published", published); }
      data.append("all", all ? "true" : "false");
      if (lookup) { data.append("lookup", "true"); }
      if (genre !== "auto") { data.append("genre", genre); }
      data.append("include_text", "true");
      request.body = data;
    } else {
      if (!text.trim()) { showError("Paste an article or choose a file first."); return; }
      request.headers["Content-Type"] = "application/json";
      var payload = { text: text, all: all, include_text: true };
      if (published) { payload.published = published; }
      if (lookup) { payload.lookup = true; }
      if (genre !== "auto") { payload.genre = genre; }
      request.body = JSON.stringify(payload);
    }
    busy.hidden = false;
    document.getElementById("check").disabled = true;
    try {
      var response = await fetch("/api/v1/check", request);
      if (!response.ok) { showError(await failure(response)); return; }
      var report = await response.json();
      var checkedText = report.text;
      delete report.text;
      var viewer = window.ClaimcheckViewer.render(result, checkedText, report,
        { storageKey: window.ClaimcheckViewer.textKey(checkedText) });
      current = { report: report, text: checkedText, viewer: viewer };
      exportsBar.hidden = false;
      document.getElementById("text").rows = 3;  // the article now reads below
      document.body.setAttribute("data-checked", String(report.claims.length));
    } catch (e) {
      showError("could not reach the server: " + e.message);
    } finally {
      busy.hidden = true;
      document.getElementById("check").disabled = false;
    }
  });

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  var NAMES = { markdown: ["claimcheck-checklist.md", "text/markdown"], csv: ["claimcheck-claims.csv", "text/csv"],
                claimreview: ["claimcheck-claimreview.jsonld", "application/ld+json"] };

  exportsBar.addEventListener("click", async function (event) {
    var kind = event.target.getAttribute && event.target.getAttribute("data-export");
    if (!kind || !current) { return; }
    showError("");
    if (kind === "json") {
      download("claimcheck-report.json", "application/json", JSON.stringify(current.report, null, 2));
      return;
    }
    var h = headers();
    h["Content-Type"] = "application/json";
    var response = await fetch("/api/v1/render?format=" + encodeURIComponent(kind), {
      method: "POST", headers: h,
      body: JSON.stringify({ report: current.report, text: current.text, statuses: current.viewer.statuses() })
    });
    if (!response.ok) { showError(await failure(response)); return; }
    download(NAMES[kind][0], NAMES[kind][1], await response.text());
  });
})();
