// The indicator page's charts (Chart.js, served by duban). The data comes from the page's
// <script type="application/json" id="indicator-charts"> (json_script), never inline code,
// so the Content-Security-Policy (script-src 'self') holds.
(function () {
  "use strict";
  var source = document.getElementById("indicator-charts");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var Chart = window.Chart;
  var BLUE = "#1f6fd1", GREY = "#8a949e", ORANGE = "#f07c12", RED = "#d42a2a";
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  var trend = data.trend;
  draw("chart-trend", {
    type: "line",
    data: {
      labels: trend.labels,
      datasets: [
        { label: trend.names.actual, data: trend.actual, borderColor: BLUE, backgroundColor: BLUE, tension: 0.2 },
        { label: trend.names.expected, data: trend.expected, borderColor: ORANGE, backgroundColor: ORANGE,
          borderDash: [6, 4], pointRadius: 2 },
        { label: trend.names.lastYear, data: trend.lastYear, borderColor: GREY, backgroundColor: GREY,
          pointRadius: 1, borderWidth: 1 }
      ]
    },
    options: { scales: { y: { title: { display: !!data.unit, text: data.unit } } },
               plugins: { legend: { position: "bottom" } } }
  });

  var ranks = data.ranks;
  draw("chart-ranks", {
    type: "line",
    data: {
      labels: ranks.labels,
      datasets: [
        { label: ranks.names.growth, data: ranks.growth, borderColor: BLUE, backgroundColor: BLUE, stepped: false },
        { label: ranks.names.value, data: ranks.value, borderColor: GREY, backgroundColor: GREY, borderDash: [4, 3] }
      ]
    },
    // rank 1 at the top
    options: { scales: { y: { reverse: true, min: 1, max: Math.max(ranks.of, 1), ticks: { stepSize: 1 } } },
               plugins: { legend: { position: "bottom" } } }
  });

  var peers = data.peers;
  draw("chart-peers", {
    type: "bar",
    data: {
      labels: peers.labels,
      datasets: [{
        label: peers.names.growth, data: peers.growth,
        backgroundColor: peers.zone.map(function (own) { return own ? RED : GREY; })
      }]
    },
    options: { indexAxis: "y", plugins: { legend: { display: false } } }
  });
})();
