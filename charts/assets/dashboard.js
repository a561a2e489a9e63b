/* debrief dashboard: draws charts from server-rendered ECharts options and
 * wires the filter bar and the finding popovers. No inline script is needed:
 * each chart element <div data-chart="NAME"> has its option in a sibling
 * <script type="application/json" id="opt-NAME">, so a strict
 * Content-Security-Policy (script-src 'self') holds. */
(function () {
  "use strict";

  var state = { charts: {}, options: {}, finished: 0, total: 0 };
  window.debrief = state;

  function esc(s) { return echarts.format.encodeHTML(String(s)); }

  function hasTips(option) {
    return (option.series || []).some(function (s) {
      return (s.data || []).some(function (d) { return d && typeof d === "object" && d.tip; });
    });
  }

  // tooltip shows each point's "tip" (e.g. "42% (5 of 12)") when the
  // server gave one, else the series name and value.
  function tooltip(params) {
    var list = Array.isArray(params) ? params : [params];
    var out = [];
    if (list.length && list[0].axisValueLabel !== undefined) { out.push(esc(list[0].axisValueLabel)); }
    list.forEach(function (p) {
      var d = p.data, text;
      if (d && typeof d === "object" && d.tip) {
        text = d.tip;
      } else {
        var v = d && typeof d === "object" && "value" in d ? d.value : p.value;
        text = Array.isArray(v) ? v[v.length - 1] : v;
      }
      var who = p.seriesType === "heatmap" ? "" : p.seriesName + ": ";
      out.push(p.marker + esc(who) + esc(text));
    });
    return out.join("<br>");
  }

  // fitLegend moves the plot below the legend once the legend's real
  // height is known (a legend wraps onto several rows rather than page).
  function fitLegend(chart, option) {
    var views = chart._componentsViews || [];
    var legend = views.filter(function (v) { return v && v.__model && v.__model.mainType === "legend"; })[0];
    var grid = Array.isArray(option.grid) ? option.grid[0] : option.grid;
    if (!legend || !grid || option.legend.show === false) { return; }
    var r = legend.group.getBoundingRect();
    var bottom = legend.group.y + r.y + r.height;
    var yAxis = Array.isArray(option.yAxis) ? option.yAxis[0] : option.yAxis;
    var want = Math.ceil(bottom + (yAxis && yAxis.name ? 30 : 10));
    if (typeof grid.top === "number" && grid.top !== want) {
      grid.top = want;
      chart.setOption({ grid: Array.isArray(option.grid) ? option.grid : [grid] });
    }
  }

  function first(a) { return Array.isArray(a) ? a[0] : a; }

  // fitAxis draws every category label of the horizontal axis, rotated
  // when they would not fit side by side, and puts the axis title below
  // them (the server sets interval 0: no label is ever skipped).
  function fitAxis(chart, option) {
    var x = first(option.xAxis);
    if (!x || !x.data || !x.data.length) { return; }
    var longest = 0;
    x.data.forEach(function (c) { longest = Math.max(longest, String(c).length); });
    var per = (chart.getWidth() - 140) / x.data.length;
    var rot = longest * 6.6 + 10 > per ? 30 : 0;
    x.axisLabel = x.axisLabel || {};
    x.axisLabel.interval = 0;
    x.axisLabel.rotate = rot;
    if (x.name) {
      x.nameGap = rot ? Math.ceil(longest * 6.6 * 0.5 + 14 * 0.87) + 16 : 30;
    }
  }

  function initCharts() {
    var els = document.querySelectorAll("[data-chart]");
    state.total = els.length;
    els.forEach(function (el) {
      var name = el.getAttribute("data-chart");
      var src = document.getElementById("opt-" + name);
      if (!src) { return; }
      var h = parseInt(el.getAttribute("data-height") || "", 10);
      if (h > 0) { el.style.height = h + "px"; }
      var option = JSON.parse(src.textContent);
      if (option.tooltip && (hasTips(option) || option.series.some(function (s) { return s.type === "heatmap"; }))) {
        option.tooltip.formatter = tooltip;
      }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      fitAxis(chart, option);
      chart.setOption(option);
      fitLegend(chart, option);
      // Registered after both setOption calls: "finished" comes once the
      // laid-out chart has been drawn.
      var done = false;
      chart.on("finished", function () {
        if (!done) { done = true; state.finished++; el.setAttribute("data-drawn", "1"); }
      });
      state.charts[name] = chart;
      state.options[name] = option;
    });
    window.addEventListener("resize", function () {
      Object.keys(state.charts).forEach(function (k) {
        fitAxis(state.charts[k], state.options[k]);
        state.charts[k].setOption({ xAxis: state.options[k].xAxis });
        state.charts[k].resize();
        fitLegend(state.charts[k], state.options[k]);
      });
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
