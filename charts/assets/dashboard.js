/* debrief dashboard: draws charts from server-rendered ECharts options and
 * wires the filter bar and the finding popovers. No inline script is needed:
 * each chart element <div data-chart="NAME"> has its option in a sibling
 * <script type="application/json" id="opt-NAME">, so a strict
 * Content-Security-Policy (script-src 'self') holds. */
(function () {
  "use strict";

  var state = { charts: {}, options: {}, finished: 0, total: 0 };
  window.debrief = state;

  function initCharts() {
    var els = document.querySelectorAll("[data-chart]");
    state.total = els.length;
    els.forEach(function (el) {
      var name = el.getAttribute("data-chart");
      var src = document.getElementById("opt-" + name);
      if (!src) { return; }
      var option = JSON.parse(src.textContent);
      var chart = echarts.init(el, null, { renderer: "canvas" });
      var done = false;
      chart.on("finished", function () {
        if (!done) { done = true; state.finished++; el.setAttribute("data-drawn", "1"); }
      });
      chart.setOption(option);
      state.charts[name] = chart;
      state.options[name] = option;
    });
    window.addEventListener("resize", function () {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); });
    });
  }

  function initFilters() {
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function () {
        // Keep URLs short: empty fields do not go into the query string.
        form.querySelectorAll("select, input").forEach(function (f) {
          if (f.name && f.value === "") { f.disabled = true; }
        });
      });
      form.querySelectorAll("[data-autosubmit]").forEach(function (f) {
        f.addEventListener("change", function () {
          if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        });
      });
    });
  }

  function initFindings() {
    var pop = document.getElementById("finding-popover");
    if (!pop) { return; }
    function field(name) { return pop.querySelector("[data-field=" + name + "]"); }
    function show(mark) {
      ["rule", "kind", "label", "severity", "message", "suggestion"].forEach(function (k) {
        var f = field(k);
        if (f) { f.textContent = mark.getAttribute("data-" + k) || ""; }
      });
      var r = mark.getBoundingClientRect();
      pop.style.top = (window.scrollY + r.bottom + 6) + "px";
      pop.style.left = Math.max(8, window.scrollX + r.left) + "px";
      pop.hidden = false;
    }
    document.addEventListener("click", function (ev) {
      var mark = ev.target.closest ? ev.target.closest("mark.finding") : null;
      if (mark) { show(mark); ev.preventDefault(); return; }
      if (!pop.contains(ev.target)) { pop.hidden = true; }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { pop.hidden = true; }
      if (ev.key === "Enter" && ev.target.matches && ev.target.matches("mark.finding")) { show(ev.target); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initCharts();
    initFilters();
    initFindings();
  });
})();
