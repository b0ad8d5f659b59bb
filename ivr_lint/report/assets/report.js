/* ivr-lint report: sorting, filtering, the scenario switch and diagram zoom.
   The page reads without it: every figure, row and doc is in the HTML. */
(function () {
  "use strict";
  var page = document.documentElement;
  var words = JSON.parse(document.getElementById("report-words").textContent);

  /* -- scenario switch ------------------------------------------------------ */
  var radios = document.querySelectorAll('#scenario-switch input[name="scenario"]');
  function showScenario(value) {
    document.querySelectorAll("figure.diagram").forEach(function (figure) {
      figure.hidden = figure.getAttribute("data-scenario") !== value;
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { showScenario(radio.value); } });
  });

  /* -- zoom and pan ------------------------------------------------------------ */
  var STEP = 1.25, MIN = 0.25, MAX = 8;
  function setup(figure) {
    var viewport = figure.querySelector("div.viewport");
    var svg = viewport && viewport.querySelector("svg");
    if (!svg) { return; }
    var natural = parseFloat(svg.getAttribute("data-width")) || svg.getBoundingClientRect().width || 800;
    var zoom = 1;
    function base() {
      var room = viewport.clientWidth || natural;
      return Math.min(natural, room);
    }
    function apply(next, cx, cy) {
      next = Math.max(MIN, Math.min(MAX, next));
      var rect = viewport.getBoundingClientRect();
      var px = (cx === undefined ? rect.width / 2 : cx), py = (cy === undefined ? rect.height / 2 : cy);
      var ratio = next / zoom;
      var left = (viewport.scrollLeft + px) * ratio - px, top = (viewport.scrollTop + py) * ratio - py;
      zoom = next;
      svg.style.maxWidth = "none";
      svg.style.width = (base() * zoom) + "px";
      viewport.scrollLeft = left;
      viewport.scrollTop = top;
      viewport.setAttribute("data-zoom", String(Math.round(zoom * 100) / 100));
    }
    function reset() {
      zoom = 1;
      svg.style.width = "";
      svg.style.maxWidth = "";
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
      viewport.setAttribute("data-zoom", "1");
    }
    figure.querySelector("button.zoom-in").addEventListener("click", function () { apply(zoom * STEP); });
    figure.querySelector("button.zoom-out").addEventListener("click", function () { apply(zoom / STEP); });
    figure.querySelector("button.zoom-reset").addEventListener("click", reset);
    viewport.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = viewport.getBoundingClientRect();
      apply(event.deltaY < 0 ? zoom * STEP : zoom / STEP, event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
    viewport.addEventListener("keydown", function (event) {
      var key = event.key, move = 60;
      if (key === "+" || key === "=") { apply(zoom * STEP); }
      else if (key === "-" || key === "_") { apply(zoom / STEP); }
      else if (key === "0") { reset(); }
      else if (key === "ArrowLeft") { viewport.scrollLeft -= move; }
      else if (key === "ArrowRight") { viewport.scrollLeft += move; }
      else if (key === "ArrowUp") { viewport.scrollTop -= move; }
      else if (key === "ArrowDown") { viewport.scrollTop += move; }
      else { return; }
      event.preventDefault();
    });
    var drag = null;
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      viewport.focus({ preventScroll: true });
      drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      viewport.scrollLeft = drag.left - (event.clientX - drag.x);
      viewport.scrollTop = drag.top - (event.clientY - drag.y);
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      viewport.classList.remove("dragging");
    });
  }
  document.querySelectorAll("figure.diagram").forEach(setup);

  /* -- findings: filter and sort -------------------------------------------------- */
  var table = document.getElementById("findings-table");
  var filter = document.getElementById("findings-filter");
  var severity = document.getElementById("severity-filter");
  var count = document.getElementById("findings-count");
  function applyFilters() {
    if (!table) { return; }
    var needle = (filter.value || "").trim().toLowerCase();
    var level = severity.value;
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var text = (row.getAttribute("data-rule") + " " + row.getAttribute("data-file") + " " +
                  (row.getAttribute("data-node") || "") + " " + row.textContent).toLowerCase();
      var visible = (level === "all" || row.getAttribute("data-severity") === level) &&
                    (!needle || text.indexOf(needle) >= 0);
      row.hidden = !visible;
      if (visible) { shown++; }
    }
    count.textContent = words.count.replace("{shown}", shown).replace("{total}", rows.length);
  }
  if (table) {
    filter.addEventListener("input", applyFilters);
    severity.addEventListener("change", applyFilters);
    var ORDER = { error: 0, warning: 1, info: 2 };
    table.querySelectorAll("th[aria-sort] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode, key = button.getAttribute("data-sort-key");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function value(row) {
          if (key === "severity") { return ORDER[row.getAttribute("data-severity")]; }
          if (key === "line") { return parseInt(row.getAttribute("data-line"), 10) || 0; }
          if (key === "rule") { return row.getAttribute("data-rule"); }
          if (key === "file") { return row.getAttribute("data-file"); }
          return (row.querySelector("td.message") || row).textContent.trim().toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (order === 0) { order = parseInt(a.getAttribute("data-index"), 10) - parseInt(b.getAttribute("data-index"), 10); return order; }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* -- a link to a rule's doc opens it ------------------------------------------- */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  /* -- printing: every <details> open, then as they were ---------------------------- */
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
  page.classList.add("js");
}());
