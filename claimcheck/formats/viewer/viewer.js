/* claimcheck viewer: renders a report over the text its offsets point into.
   Shared by `claimcheck serve` and `--format html`.  Every value from the report
   is written with textContent, never innerHTML, and only http(s) links are made. */
(function () {
  "use strict";
  var STATUSES = ["to check", "checked", "needs source"];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function safeUrl(url) {
    if (!url) { return null; }
    try {
      var parsed = new URL(String(url));
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
    } catch (e) { return null; }
  }

  /* Claims nest (a clause inside a sentence-long claim) but must not cross:
     a claim crossing the end of the one around it is cut at that end. */
  function claimTree(claims, textLength) {
    var sorted = claims.map(function (c) {
      return { claim: c, start: Math.max(0, c.start), end: Math.min(textLength, c.end), children: [] };
    }).filter(function (n) { return n.end > n.start; });
    sorted.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var root = { start: 0, end: textLength, children: [] };
    var stack = [root];
    sorted.forEach(function (node) {
      while (stack.length > 1 && node.start >= stack[stack.length - 1].end) { stack.pop(); }
      var parent = stack[stack.length - 1];
      node.end = Math.min(node.end, parent.end);
      if (node.end <= node.start) { return; }
      parent.children.push(node);
      stack.push(node);
    });
    return root;
  }

  function appendText(parent, text, start, end, findings) {
    var cuts = [start, end];
    findings.forEach(function (f) {
      if (f.start > start && f.start < end) { cuts.push(f.start); }
      if (f.end > start && f.end < end) { cuts.push(f.end); }
    });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var covering = findings.filter(function (f) { return f.start <= a && f.end >= b; });
      var piece = text.slice(a, b);
      if (covering.length) {
        var worst = covering.map(function (f) { return f.severity; })
          .sort(function (x, y) { return ["info", "warning", "error"].indexOf(y) - ["info", "warning", "error"].indexOf(x); })[0];
        var span = el("span", { "class": "cc-finding sev-" + worst, title: covering.map(function (f) { return f.message; }).join("\n") }, piece);
        parent.appendChild(span);
      } else {
        parent.appendChild(document.createTextNode(piece));
      }
    }
  }

  function renderNode(parent, node, text, findings, onClaim) {
    var pos = node.start;
    node.children.forEach(function (child) {
      if (child.start > pos) { appendText(parent, text, pos, child.start, findings); }
      var c = child.claim;
      var mark = el("mark", { "class": "cc-claim band-" + c.band, "data-claim": c.id, tabindex: "0",
                              title: c.type + " · " + Number(c.score).toFixed(2) });
      mark.addEventListener("click", function (event) { event.stopPropagation(); onClaim(c.id); });
      mark.addEventListener("keydown", function (event) { if (event.key === "Enter") { onClaim(c.id); } });
      renderNode(mark, child, text, findings, onClaim);
      parent.appendChild(mark);
      pos = child.end;
    });
    if (node.end > pos) { appendText(parent, text, pos, node.end, findings); }
  }

  function row(dl, label, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", null, label));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (item) { var li = el("li"); if (item instanceof Node) { li.appendChild(item); } else { li.textContent = item; } ul.appendChild(li); });
    return ul;
  }

  function speaker(a) {
    if (!a || a.kind === "article") { return a && a.quoted ? "the article (quoted, speaker unknown)" : "the article itself"; }
    var who = a.speaker || "an unnamed source";
    if (a.mention && a.mention !== a.speaker) { who += " (“" + a.mention + "”)"; }
    return who + " [" + a.kind + (a.cue ? ", " + a.cue : "") + "]";
  }

  function evidenceItem(e) {
    var span = el("span");
    span.appendChild(document.createTextNode((e.verdict || "unrated") + (e.rating ? " (" + e.rating + ")" : "") + " · "));
    var label = e.publisher || e.source || "fact-check";
    var url = safeUrl(e.url);
    if (url) {
      var a = el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, label);
      span.appendChild(a);
    } else {
      span.appendChild(document.createTextNode(label));
    }
    span.appendChild(document.createTextNode(": “" + e.claim + "”" + (e.date ? " (" + e.date + ")" : "")));
    return span;
  }

  // What a date expression resolves to, as DateRef.reading() in claimcheck/report.py writes it.
  function dateReading(d) {
    if (d.kind === "interval") {
      if (d.begins && d.ends) { return d.begins + " to " + d.ends; }
      return d.begins ? "from " + d.begins : (d.ends ? "to " + d.ends : null);
    }
    if (d.kind === "duration") { return d.duration ? "a length of time, " + d.duration : "a length of time"; }
    if (d.kind === "recurring") { return d.duration ? "recurs every " + d.duration : "recurs"; }
    return d.value || null;
  }

  function fillPanel(panel, claim, report) {
    panel.textContent = "";
    panel.hidden = false;
    panel.setAttribute("data-claim", claim.id);
    panel.appendChild(el("h2", null, "Claim " + claim.id));
    panel.appendChild(el("p", { "class": "cc-claim-text" }, claim.text));
    var dl = el("dl");
    row(dl, "Score", Number(claim.score).toFixed(2) + " (" + claim.band + ")");
    row(dl, "Why", claim.reasons && claim.reasons.length ? list(claim.reasons) : null);
    row(dl, "Type", claim.type);
    row(dl, "Said by", speaker(claim.attribution));
    row(dl, "Hedges", (claim.hedges || []).join(", "));
    row(dl, "Dates", (claim.dates || []).map(function (d) { var r = dateReading(d); return r ? d.text + " = " + r : d.text + " (unresolved)"; }).join("; "));
    if (claim.standalone && claim.standalone !== claim.text) { row(dl, "Standalone", claim.standalone); }
    row(dl, "Notes", claim.notes && claim.notes.length ? list(claim.notes) : null);
    var findings = (report.findings || []).filter(function (f) {
      return f.claim === claim.id || (f.claim === null && f.start < claim.end && f.end > claim.start);
    });
    row(dl, "Findings", findings.length ? list(findings.map(function (f) { return f.severity + " · " + f.rule + ": " + f.message; })) : null);
    row(dl, "Fact-checked before", claim.lookups && claim.lookups.length ? list(claim.lookups.map(evidenceItem)) : null);
    panel.appendChild(dl);
  }

  /* Report offsets count Unicode code points (Python string indices); JavaScript
     strings count UTF-16 units, so text beyond the Basic Multilingual Plane
     (emoji) shifts them.  Returns a function from code point to UTF-16 index. */
  function unitIndex(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) { return function (i) { return i; }; }
    var units = [], u = 0;
    for (var cp = 0; u < text.length; cp++) {
      units.push(u);
      var code = text.charCodeAt(u);
      u += (code >= 0xD800 && code <= 0xDBFF && u + 1 < text.length) ? 2 : 1;
    }
    units.push(text.length);
    return function (i) { return i < units.length ? units[i] : text.length; };
  }

  function inUnits(items, toUnit) {
    return (items || []).map(function (item) {
      return Object.assign({}, item, { start: toUnit(item.start), end: toUnit(item.end) });
    });
  }

  /* render(root, text, report, options) builds the viewer inside `root`.
     options.storageKey: prefix for statuses kept in localStorage (none: not kept);
     options.onStatus(claimId, status): called when the editor changes a status. */
  function render(root, text, report, options) {
    options = options || {};
    root.textContent = "";
    var layout = el("div", { "class": "cc-layout" });
    var main = el("section", { "class": "cc-main", "aria-label": "article" });
    var side = el("aside", { "class": "cc-side", "aria-label": "claims" });
    layout.appendChild(main); layout.appendChild(side); root.appendChild(layout);
    var doc = report.document || {};
    var facts = [(report.claims || []).length + " claims to check"];
    if (doc.published) { facts.push("published " + doc.published); }
    if (doc.byline) { facts.push("by " + doc.byline); }
    if ((report.findings || []).length) { facts.push(report.findings.length + " editorial findings"); }
    main.appendChild(el("p", { "class": "cc-meta" }, facts.join(" · ")));
    if ((report.warnings || []).length) {
      var warn = el("ul", { "class": "cc-warnings", "aria-label": "warnings" });
      report.warnings.forEach(function (w) { warn.appendChild(el("li", null, "[" + w.code + "] " + w.message)); });
      main.appendChild(warn);
    }
    var article = el("div", { "class": "cc-article", id: "cc-article" });
    main.appendChild(article);
    var panel = el("section", { "class": "cc-panel", id: "cc-panel", "aria-live": "polite" });
    panel.hidden = true;
    side.appendChild(panel);
    var byId = {};
    (report.claims || []).forEach(function (c) { byId[c.id] = c; });

    function open(id) {
      var claim = byId[id];
      if (!claim) { return; }
      Array.prototype.forEach.call(article.querySelectorAll("mark.cc-selected"), function (m) { m.classList.remove("cc-selected"); });
      var mark = article.querySelector('mark[data-claim="' + CSS.escape(id) + '"]');
      if (mark) { mark.classList.add("cc-selected"); }
      fillPanel(panel, claim, report);
    }

    var toUnit = unitIndex(text);
    renderNode(article, claimTree(inUnits(report.claims, toUnit), text.length), text, inUnits(report.findings, toUnit), open);

    side.appendChild(el("h2", { "class": "cc-list-title" }, "Most check-worthy first"));
    var ol = el("ol", { id: "cc-claim-list" });
    var ranked = (report.claims || []).slice().sort(function (a, b) { return b.score - a.score || a.start - b.start; });
    ranked.forEach(function (c) {
      var li = el("li", { "data-claim": c.id });
      var go = el("button", { type: "button", "class": "cc-goto" });
      go.appendChild(el("span", { "class": "cc-score" }, Number(c.score).toFixed(2)));
      go.appendChild(el("span", { "class": "cc-badge band-" + c.band }, c.type));
      go.appendChild(document.createTextNode(c.text.length > 140 ? c.text.slice(0, 139) + "…" : c.text));
      go.addEventListener("click", function () {
        open(c.id);
        var mark = article.querySelector('mark[data-claim="' + CSS.escape(c.id) + '"]');
        if (mark && mark.scrollIntoView) { mark.scrollIntoView({ block: "center" }); }
      });
      li.appendChild(go);
      var select = el("select", { "class": "cc-status", "aria-label": "status of claim " + c.id });
      STATUSES.forEach(function (s) { select.appendChild(el("option", { value: s }, s)); });
      var key = options.storageKey ? options.storageKey + ":" + c.start + "-" + c.end : null;
      var saved = null;
      try { saved = key ? window.localStorage.getItem(key) : null; } catch (e) { saved = null; }
      select.value = STATUSES.indexOf(saved) >= 0 ? saved : "to check";
      function paint() { select.className = "cc-status status-" + select.value.replace(/ /g, "-"); }
      paint();
      select.addEventListener("change", function () {
        try { if (key) { window.localStorage.setItem(key, select.value); } } catch (e) { /* storage full or off */ }
        paint();
        if (options.onStatus) { options.onStatus(c.id, select.value); }
      });
      li.appendChild(select);
      ol.appendChild(li);
    });
    side.appendChild(ol);
    if (!ranked.length) { side.appendChild(el("p", null, "No check-worthy claims found.")); }
    return { open: open, statuses: function () {
      var out = {};
      Array.prototype.forEach.call(ol.querySelectorAll("li"), function (li) { out[li.getAttribute("data-claim")] = li.querySelector("select").value; });
      return out;
    } };
  }

  /* A short stable key for a text, to keep statuses per article. */
  function textKey(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return "claimcheck:" + h.toString(16) + ":" + text.length;
  }

  window.ClaimcheckViewer = { render: render, textKey: textKey, safeUrl: safeUrl, STATUSES: STATUSES };
})();
