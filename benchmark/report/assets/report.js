/* boilerbench report: leaderboard, charts, page index and drill-down, from the JSON
   payload in <script id="data">. No network: Vega is inlined before this script. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var KINDS = D.allKinds; // index 0 = article
  var LOWER_BETTER = { "unmatched:share": true, ms: true, failures: true };
  var SHORT = { navigation: "nav", comments: "comm", metadata: "meta", related: "rel", caption: "capt" };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function f3(m) { return m == null ? "–" : (m / 1000).toFixed(3); }
  function f2(m) { return m == null ? "–" : (m / 1000).toFixed(2); }
  function kindChip(kind) { return '<span class="chip" style="background:' + D.colours[kind] + '"></span>'; }
  function corpusOf(key) { return D.corpora.filter(function (c) { return c.key === key; })[0]; }

  /* ---------------- leaderboard ---------------- */
  var board = { corpus: D.corpora[0].key, subset: D.corpora[0].key, sort: null, desc: true };

  function subsetsOf(corpus) { return D.subsets.filter(function (s) { return s.corpus === corpus; }); }

  function buildBoardControls() {
    var box = document.getElementById("board-controls");
    box.innerHTML = "";
    if (D.corpora.length > 1) {
      var sel = el("select", { id: "f-corpus", "aria-label": "corpus" });
      D.corpora.forEach(function (c) { sel.appendChild(el("option", { value: c.key, text: c.spec + " (" + c.pages + " pages)" })); });
      sel.value = board.corpus;
      sel.onchange = function () { board.corpus = sel.value; board.subset = sel.value; buildBoardControls(); renderBoard(); };
      box.appendChild(el("label", {}, ["corpus", sel]));
    }
    var subs = subsetsOf(board.corpus);
    D.dimensions.forEach(function (d) {
      var values = subs.filter(function (s) { return s.dim === d[0]; });
      if (!values.length) return;
      var sel = el("select", { id: "f-" + d[0], "data-dim": d[0], "aria-label": d[1] });
      sel.appendChild(el("option", { value: "", text: "all" }));
      values.forEach(function (s) { sel.appendChild(el("option", { value: s.key, text: s.value + " (" + s.n + ")" })); });
      sel.onchange = function () {
        box.querySelectorAll("select[data-dim]").forEach(function (o) { if (o !== sel) o.value = ""; });
        board.subset = sel.value || board.corpus;
        renderBoard();
      };
      box.appendChild(el("label", {}, [d[1], sel]));
    });
    var ci = el("input", { type: "checkbox", id: "f-ci" });
    ci.onchange = function () { document.getElementById("board").classList.toggle("hide-ci", !ci.checked); };
    box.appendChild(el("label", {}, [ci, "95% CI for every column"]));
  }

  function columns(corpus) {
    var c = corpusOf(corpus), cols = [];
    c.metrics.forEach(function (m, i) {
      var parts = m.split(":");
      if (parts[0] === "removal" && parts[2] === "precision") return;
      var col = { key: m, index: i, label: m, group: "content", title: m };
      if (parts[0] === "removal") { col.label = SHORT[parts[1]] || parts[1]; col.title = "removal recall of " + parts[1]; col.kind = parts[1]; col.group = "removal"; col.prec = c.metrics.indexOf("removal:" + parts[1] + ":precision"); }
      else if (m === "unmatched:share") { col.label = "unmatched"; col.group = "other"; }
      else { col.label = { f1: "F1", precision: "P", recall: "R", accuracy: "acc" }[parts[parts.length - 1]] || m; }
      cols.push(col);
    });
    var speed = [{ key: "ms", label: "ms/page", group: "run", title: "median milliseconds per page (this run's timings)" },
      { key: "failures", label: "failures", group: "run", title: "pages that failed (error, time-out, crash)" }];
    var content = cols.filter(function (x) { return x.group === "content"; });
    return content.concat(speed, cols.filter(function (x) { return x.group !== "content"; }));
  }

  function cellValue(col, row, info) {
    if (col.key === "ms") return info.ms == null ? null : info.ms;
    if (col.key === "failures") return info.failures;
    var f = row[col.index];
    return f && f[0] != null ? f[0] : null;
  }

  function renderBoard() {
    var corpus = board.corpus, c = corpusOf(corpus);
    var figs = D.figures[board.subset], info = D.engineInfo[corpus];
    var cols = columns(corpus);
    var table = document.getElementById("board");
    var sub = D.subsets.filter(function (s) { return s.key === board.subset; })[0];
    document.getElementById("board-scope").textContent = sub.dim
      ? sub.n + " pages with " + sub.dim.replace("_", " ") + " " + sub.value + " (figures and intervals computed on these pages alone)"
      : "all " + sub.n + " pages of " + c.spec;
    var engines = c.engines.filter(function (n) { return figs[n]; });
    var best = {};
    cols.forEach(function (col) {
      var vals = engines.map(function (n) { return cellValue(col, figs[n], info[n]); }).filter(function (v) { return v != null; });
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      if (vals.length > 1 && lo !== hi) best[col.key] = LOWER_BETTER[col.key] ? lo : hi;
    });
    if (board.sort) {
      var sc = cols.filter(function (x) { return x.key === board.sort; })[0] || { key: "engine" };
      engines.sort(function (a, b) {
        if (sc.key === "engine") return board.desc ? b.localeCompare(a) : a.localeCompare(b);
        var x = cellValue(sc, figs[a], info[a]), y = cellValue(sc, figs[b], info[b]);
        if (x == null) return 1; if (y == null) return -1;
        return board.desc ? y - x : x - y;
      });
    }
    var groups = '<tr class="groups"><th colspan="2"></th>';
    var counts = {};
    cols.forEach(function (col) { counts[col.group] = (counts[col.group] || 0) + 1; });
    groups += '<th colspan="' + counts.content + '">content (AEB shingle metric)</th><th colspan="2"></th>';
    if (counts.removal) groups += '<th colspan="' + counts.removal + '">removal recall by boilerplate kind (share removed)</th>';
    groups += (counts.other ? '<th colspan="' + counts.other + '"></th>' : "") + "</tr>";
    var head = '<tr><th class="l" data-key="engine"><button>engine</button></th><th class="l">version</th>';
    cols.forEach(function (col) {
      var aria = board.sort === col.key ? (board.desc ? "descending" : "ascending") : "none";
      head += '<th class="' + (col.group === "removal" ? "rm" : "") + '" data-key="' + esc(col.key) + '" aria-sort="' + aria + '" title="' + esc(col.title || col.label) + '"><button>' + (col.kind ? kindChip(col.kind) : "") + esc(col.label) + "</button></th>";
    });
    head += "</tr>";
    var body = engines.map(function (name) {
      var row = figs[name], inf = info[name];
      var tds = '<td class="l"><b>' + esc(name) + '</b></td><td class="l" title="' + esc(inf.description) + '">' + esc(inf.version || "–") + "</td>";
      cols.forEach(function (col) {
        var v = cellValue(col, row, inf), cls = [], text, title = "";
        if (col.key === "ms") { text = v == null ? "–" : v.toFixed(v < 10 ? 1 : 0); title = v == null ? "no timing (stored outputs, or run.json missing)" : (1000 / v).toFixed(0) + " pages/s per worker"; }
        else if (col.key === "failures") { text = String(v); if (v > 0) cls.push("fail"); title = v + " of " + inf.cells + " pages failed (error, time-out or crash)"; }
        else {
          var f = row[col.index];
          text = col.group === "content" ? f3(v) : f2(v);
          if (f && f[1] != null) {
            var ci = col.group === "content" ? f3(f[1]) + "–" + f3(f[2]) : f2(f[1]) + "–" + f2(f[2]);
            title = col.label + " " + f3(f[0]) + ", 95% CI " + ci + ", " + f[3] + " pages";
            if (col.prec != null && col.prec >= 0 && row[col.prec]) title += "; removal precision " + f3(row[col.prec][0]);
            if (col.label === "F1") {
              text += '<span class="ci">' + ci + "</span>";
              text += '<span class="bar" aria-hidden="true"><i style="left:' + (f[1] / 10) + "%;width:" + ((f[2] - f[1]) / 10) + '%"></i><b style="left:' + (f[0] / 10) + '%"></b></span>';
            } else { text += '<span class="ci">' + ci + "</span>"; cls.push("k"); }
            if (col.group === "removal") cls.push("rm");
          } else if (v == null) title = "not on these pages";
        }
        if (v != null && best[col.key] != null && Math.abs(v - best[col.key]) < 1e-9) cls.push("best");
        tds += '<td class="' + cls.join(" ") + '" title="' + esc(title) + '">' + text + "</td>";
      });
      return '<tr data-engine="' + esc(name) + '">' + tds + "</tr>";
    }).join("");
    table.innerHTML = "<thead>" + groups + head + "</thead><tbody>" + body + "</tbody>";
    table.classList.toggle("hide-ci", !document.getElementById("f-ci").checked);
    table.querySelectorAll("th[data-key] button").forEach(function (b) {
      b.onclick = function () {
        var key = b.parentNode.getAttribute("data-key");
        if (board.sort === key) board.desc = !board.desc;
        else { board.sort = key; board.desc = key === "engine" ? false : !LOWER_BETTER[key]; }
        renderBoard();
      };
    });
  }

  /* ---------------- charts ---------------- */
  function renderCharts() {
    var pending = [];
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var spec = D.charts[box.getAttribute("data-chart")];
      if (!spec) return;
      pending.push(vegaEmbed(box, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" } }));
    });
    return Promise.all(pending);
  }

  /* ---------------- page index ---------------- */
  var index = { sort: null, desc: false, filters: {} };
  var PAGE_DIMS = D.dimensions.map(function (d, i) { return [d[0], d[1], 3 + i]; });

  function buildIndexControls() {
    var box = document.getElementById("index-controls");
    var search = el("input", { type: "search", id: "p-search", placeholder: "page id or URL", "aria-label": "search pages" });
    search.oninput = function () { index.filters.q = search.value.toLowerCase(); renderIndex(); };
    box.appendChild(el("label", {}, ["search", search]));
    if (D.corpora.length > 1) PAGE_DIMS = [["corpus", "corpus", 0]].concat(PAGE_DIMS);
    PAGE_DIMS.forEach(function (d) {
      var values = {};
      D.pages.forEach(function (p) { if (p[d[2]]) values[p[d[2]]] = (values[p[d[2]]] || 0) + 1; });
      var keys = Object.keys(values).sort();
      if (keys.length < 2) return;
      var sel = el("select", { id: "p-" + d[0], "aria-label": d[1] });
      sel.appendChild(el("option", { value: "", text: "all" }));
      keys.forEach(function (k) { sel.appendChild(el("option", { value: k, text: k + " (" + values[k] + ")" })); });
      sel.onchange = function () { index.filters[d[0]] = sel.value; renderIndex(); };
      box.appendChild(el("label", {}, [d[1], sel]));
    });
  }

  function pageF1Cell(v) {
    if (v == null) return '<td class="f1cell">–</td>';
    if (v < 0) return '<td class="f1cell fail" title="failed">fail</td>';
    var bad = (1000 - v) / 1000;
    return '<td class="f1cell" style="background:rgba(204,51,17,' + (bad * 0.55).toFixed(2) + ')">' + f2(v) + "</td>";
  }

  function visibleDims() {
    return PAGE_DIMS.filter(function (d) {
      var seen = {};
      D.pages.forEach(function (p) { if (p[d[2]]) seen[p[d[2]]] = 1; });
      return Object.keys(seen).length > 0;
    });
  }

  function renderIndex() {
    var dims = visibleDims();
    var rows = D.pages.filter(function (p) {
      if (index.filters.q && (p[1] + " " + p[7]).toLowerCase().indexOf(index.filters.q) < 0) return false;
      return PAGE_DIMS.every(function (d) { var f = index.filters[d[0]]; return !f || p[d[2]] === f; });
    });
    if (index.sort != null) {
      var k = index.sort;
      rows = rows.slice().sort(function (a, b) {
        var x = k >= 100 ? a[8][k - 100] : a[k], y = k >= 100 ? b[8][k - 100] : b[k];
        if (x == null) return 1; if (y == null) return -1;
        var d = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
        return index.desc ? -d : d;
      });
    }
    var head = '<tr><th class="l" data-col="1"><button>page</button></th>';
    dims.forEach(function (d) { head += '<th class="l" data-col="' + d[2] + '"><button>' + esc(d[1]) + "</button></th>"; });
    D.engines.forEach(function (n, i) { head += '<th class="e" data-col="' + (100 + i) + '" title="page F1 of ' + esc(n) + '"><button>' + esc(n) + "</button></th>"; });
    head += "</tr>";
    var body = rows.map(function (p) {
      var tds = '<td class="l pg"><a href="#' + esc(p[2]) + '">' + esc(p[1]) + "</a></td>";
      dims.forEach(function (d) { tds += '<td class="l">' + esc(p[d[2]] || "") + "</td>"; });
      p[8].forEach(function (v) { tds += pageF1Cell(v); });
      return "<tr>" + tds + "</tr>";
    }).join("");
    var t = document.getElementById("pages");
    t.innerHTML = "<thead>" + head + "</thead><tbody>" + body + "</tbody>";
    t.querySelectorAll("th[data-col]").forEach(function (th) {
      var col = +th.getAttribute("data-col");
      if (index.sort === col) th.setAttribute("aria-sort", index.desc ? "descending" : "ascending");
      th.querySelector("button").onclick = function () {
        if (index.sort === col) index.desc = !index.desc; else { index.sort = col; index.desc = false; }
        renderIndex();
      };
    });
    document.getElementById("index-count").textContent = rows.length + " of " + D.pages.length + " pages";
  }

  /* ---------------- drill-down ---------------- */
  var WORD = /[\p{L}\p{N}_]+/gu;

  function words(seg) {
    var out = [];
    if (seg.length > 2) { for (var i = 0; i < seg[2].length; i += 2) out.push([seg[2][i], seg[2][i + 1]]); return out; }
    var m; WORD.lastIndex = 0;
    while ((m = WORD.exec(seg[1])) !== null) out.push([m.index, m.index + m[0].length]);
    return out;
  }

  function flags(runs, total) {
    var out = new Array(total), pos = 0, kept = false;
    runs.forEach(function (n) { for (var i = 0; i < n; i++) out[pos++] = kept; kept = !kept; });
    return out;
  }

  function segmentState(kind, kept) {
    if (kind === 0) return kept ? "" : "missed";
    return kept ? "leaked" : "removed";
  }

  function renderText(detail, engine) {
    var e = detail.eng[engine], total = 0;
    var segWords = detail.segs.map(function (s) { var w = words(s); total += w.length; return w; });
    var kept = flags(e.k, total), pos = 0, html = "";
    detail.segs.forEach(function (seg, si) {
      var kind = KINDS[seg[0]], text = seg[1], w = segWords[si], last = 0, out = "", runState = null, buf = "";
      function flush() {
        if (!buf) return;
        var piece = esc(buf);
        if (runState === "missed") out += '<del class="missed">' + piece + "</del>";
        else if (runState === "leaked") out += '<mark style="background:' + D.colours[kind] + '" title="leaked ' + kind + '">' + piece + "</mark>";
        else if (runState === "removed") out += '<span class="removed">' + piece + "</span>";
        else out += piece;
        buf = "";
      }
      w.forEach(function (span) {
        var st = segmentState(seg[0], kept[pos++]), gap = text.slice(last, span[0]);
        if (st === runState) buf += gap + text.slice(span[0], span[1]);
        else { flush(); out += esc(gap); runState = st; buf = text.slice(span[0], span[1]); }
        last = span[1];
      });
      flush();
      out += esc(text.slice(last));
      var edge = kind === "article" ? "#444" : D.colours[kind];
      html += '<div class="seg" style="border-left-color:' + edge + '"><span class="kindtag" style="background:' + (kind === "article" ? "#eee" : D.colours[kind]) + '">' + kind + "</span>" + out + "</div>";
    });
    if (e.u && e.u.length) {
      html += '<div class="seg" style="border-left-color:#555"><span class="kindtag" style="background:#fafafa;outline:1px dashed #555">in no gold segment</span>' +
        e.u.map(function (u) { return '<span class="um">' + esc(u) + "</span>"; }).join(" … ") + "</div>";
    }
    return html;
  }

  function matrix(detail, engines) {
    var total = 0;
    var segWords = detail.segs.map(function (s) { var w = words(s); total += w.length; return w; });
    var kept = {};
    engines.forEach(function (n) { kept[n] = flags(detail.eng[n].k, total); });
    var head = '<tr><th class="l">gold segment</th>' + engines.map(function (n) { return '<th class="e" title="' + esc(n) + '">' + esc(n) + "</th>"; }).join("") + "</tr>";
    var pos = 0, body = "";
    detail.segs.forEach(function (seg, si) {
      var kind = KINDS[seg[0]], n = segWords[si].length;
      var cells = engines.map(function (name) {
        var k = 0;
        for (var i = pos; i < pos + n; i++) if (kept[name][i]) k++;
        var share = n ? k / n : 0, style = "", label = Math.round(share * 100), title;
        if (seg[0] === 0) {
          title = name + " kept " + label + "% of this article segment";
          if (share < 0.995) style = "background:rgba(204,51,17," + (0.15 + 0.6 * (1 - share)).toFixed(2) + ");color:#000";
        } else {
          title = name + " kept (leaked) " + label + "% of this " + kind + " segment";
          if (share > 0.005) style = "background:" + D.colours[kind] + ";opacity:" + (0.35 + 0.65 * share).toFixed(2);
          else label = "·";
        }
        return '<td class="c" style="' + style + '" title="' + esc(title) + '">' + label + "</td>";
      }).join("");
      pos += n;
      var excerpt = seg[1].length > 90 ? seg[1].slice(0, 90) + "…" : seg[1];
      var tag = '<span class="kindtag" style="background:' + (seg[0] === 0 ? "#eee" : D.colours[kind]) + '">' + kind + "</span>";
      body += '<tr><td class="seg" title="' + esc(seg[1].slice(0, 600)) + '">' + tag + esc(excerpt) + "</td>" + cells + "</tr>";
    });
    return '<div class="tablewrap"><table class="matrix"><thead>' + head + "</thead><tbody>" + body + "</tbody></table></div>";
  }

  function legend() {
    var items = '<span style="background:#eee">article kept</span><span><del class="missed">article missed</del></span>';
    D.kinds.forEach(function (k) { items += '<span style="background:' + D.colours[k] + '">' + k + " leaked</span>"; });
    items += '<span class="removed">boilerplate removed</span><span class="um">output text in no gold segment</span>';
    return '<div class="legend">' + items + "</div>";
  }

  function renderDetail(section, page) {
    var anchor = page[2], detail = D.details[anchor], corpus = corpusOf(page[0]);
    var pos = D.pages.indexOf(page), prev = D.pages[pos - 1], next = D.pages[pos + 1];
    var meta = [];
    PAGE_DIMS.forEach(function (d) { if (d[0] !== "corpus" && page[d[2]]) meta.push(d[1] + " <b>" + esc(page[d[2]]) + "</b>"); });
    if (D.corpora.length > 1) meta.push("corpus <b>" + esc(corpus.spec) + "</b>");
    var html = '<h3>' + esc(page[1]) + ' <a class="anchor" href="#' + esc(anchor) + '">#</a></h3>' +
      '<p class="meta">' + meta.join(" · ") + (page[7] ? ' · <span title="where the page was captured">' + esc(page[7]) + "</span>" : "") + "</p>" +
      '<div class="pnav">' + (prev ? '<a href="#' + esc(prev[2]) + '">← ' + esc(prev[1]) + "</a>" : "") +
      '<a href="#page-index">page index</a>' + (next ? '<a href="#' + esc(next[2]) + '">' + esc(next[1]) + " →</a>" : "") + "</div>";
    if (!detail) {
      html += '<p class="unavailable">Gold and outputs are not shown for this page: ' + esc(corpus.why || "the page has no segment gold.") + "</p>";
      section.innerHTML = html; return;
    }
    var engines = corpus.engines.filter(function (n) { return detail.eng[n]; });
    var rows = engines.map(function (n) {
      var e = detail.eng[n], i = D.engines.indexOf(n), f1 = page[8][i];
      var status = e.s === "ok" ? "" : '<span class="fail">' + esc(e.s) + "</span> " + esc(e.e || "");
      return '<tr><td class="l"><b>' + esc(n) + "</b></td><td>" + (f1 == null ? "–" : f1 < 0 ? "0.00" : f2(f1)) + "</td><td>" + f2(e.p) + "</td><td>" + f2(e.r) + '</td><td class="l">' + status + "</td></tr>";
    }).join("");
    html += '<div class="tablewrap" style="max-width:720px"><table><thead><tr><th class="l">engine</th><th>page F1</th><th>P</th><th>R</th><th class="l">status</th></tr></thead><tbody>' + rows + "</tbody></table></div>";
    html += "<h4>Every engine against the gold</h4><p class=\"note\">One row per gold segment, one column per engine: the share of the segment's words the output kept. Article rows: red where text was lost; boilerplate rows: the kind's colour where it leaked, · where it was removed. Hover for the full segment.</p>";
    html += matrix(detail, engines);
    html += "<h4>Text, marked</h4>" + legend();
    var a = el("select", { class: "pick-a", "aria-label": "engine A" }), b = el("select", { class: "pick-b", "aria-label": "engine B" });
    engines.forEach(function (n) { a.appendChild(el("option", { value: n, text: n })); b.appendChild(el("option", { value: n, text: n })); });
    section.innerHTML = html;
    var controls = el("div", { class: "controls" }, [el("label", {}, ["left", a]), el("label", {}, ["right", b])]);
    var panes = el("div", { class: "panes" });
    var pa = el("div", { class: "pane pane-a" }), pb = el("div", { class: "pane pane-b" });
    panes.appendChild(pa); panes.appendChild(pb);
    section.appendChild(controls); section.appendChild(panes);
    var ranked = engines.slice().sort(function (x, y) { return (page[8][D.engines.indexOf(y)] || 0) - (page[8][D.engines.indexOf(x)] || 0); });
    a.value = ranked[0]; b.value = ranked[ranked.length - 1];
    function draw() {
      pa.innerHTML = "<h4>" + esc(a.value) + "</h4>" + renderText(detail, a.value);
      pb.innerHTML = "<h4>" + esc(b.value) + "</h4>" + renderText(detail, b.value);
    }
    a.onchange = draw; b.onchange = draw; draw();
  }

  function showPage() {
    var hash = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".page-detail").forEach(function (s) { if (s.id !== hash) s.hidden = true; });
    if (hash.indexOf("page-") !== 0 || hash === "page-index") return;
    var section = document.getElementById(hash);
    var page = D.pages.filter(function (p) { return p[2] === hash; })[0];
    if (!section || !page) return;
    if (!section.getAttribute("data-rendered")) { renderDetail(section, page); section.setAttribute("data-rendered", "1"); }
    section.hidden = false;
    document.getElementById("detail-hint").hidden = true;
    section.scrollIntoView();
  }

  /* ---------------- start ---------------- */
  buildBoardControls();
  renderBoard();
  buildIndexControls();
  renderIndex();
  window.addEventListener("hashchange", showPage);
  showPage();
  renderCharts().then(function () {
    document.body.setAttribute("data-ready", "1");
    if (location.hash) { var t = document.getElementById(decodeURIComponent(location.hash.slice(1))); if (t) t.scrollIntoView(); }
  }, function (err) {
    document.body.setAttribute("data-ready", "error");
    console.error(err);
  });
})();
