// Charts drawn from data the page carries, never from inline code (the CSP allows no inline script):
// <canvas data-chart="ID"> draws the Chart.js configuration in <script type="application/json" id="ID">
// (Django's json_script). The server builds the configuration (duban.web.charts), so every page's
// charts look alike and this file stays the one place that calls Chart.js.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  window.Chart.defaults.maintainAspectRatio = false;
  window.Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var config = JSON.parse(source.textContent);
    var chart = new window.Chart(canvas, config);
    // A bar that stands for a list links to it: config.data.links[i] is the list of bar i.
    var links = config.data && config.data.links;
    if (links) {
      canvas.addEventListener("click", function (event) {
        var hit = chart.getElementsAtEventForMode(event, "nearest", { intersect: true }, false)[0];
        if (hit && links[hit.index]) window.location.href = links[hit.index];
      });
    }
  });
})();
