// Evaluation pages (考核评价): horizontal bar charts drawn with Chart.js from data the page
// passes with json_script — no inline script, so the Content-Security-Policy holds.
//
// <canvas data-bars="ID"> reads the JSON element #ID: {labels, values, label, unit, highlight}.
// Positive bars are green (won points), negative ones red (lost points); the bar at index
// ``highlight`` (the zone) is drawn darker.
(function () {
  "use strict";

  var WON = "rgba(25, 135, 84, 0.75)";
  var LOST = "rgba(220, 53, 69, 0.75)";
  var SUBJECT = "rgba(13, 110, 253, 0.9)";
  var OTHERS = "rgba(108, 117, 125, 0.45)";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function colours(data) {
    return data.values.map(function (value, index) {
      if (data.mode === "subjects") return index === data.highlight ? SUBJECT : OTHERS;
      return value < 0 ? LOST : WON;
    });
  }

  // On a narrow screen long indicator names would squeeze the bars: cut them (the table below has them whole).
  function shortLabel(label, width) {
    var room = width < 500 ? 9 : 24;
    return label.length > room ? label.slice(0, room - 1) + "…" : label;
  }

  function draw(canvas) {
    var data = readJson(canvas.dataset.bars);
    if (!data || typeof window.Chart === "undefined") return;
    // A bar per row: the box grows with the rows so that labels stay readable on a phone.
    var box = canvas.parentElement;
    if (box) box.style.height = Math.max(160, 26 * data.labels.length + 60) + "px";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: colours(data), borderWidth: 0 }]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (context) {
                var value = Number(context.parsed.x);
                return (data.label ? data.label + ": " : "") + value.toFixed(2) + (data.unit || "");
              }
            }
          }
        },
        scales: {
          x: { beginAtZero: true },
          y: {
            ticks: {
              autoSkip: false,
              callback: function (value) { return shortLabel(String(this.getLabelForValue(value)), canvas.clientWidth); }
            }
          }
        }
      }
    });
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-bars]").forEach(draw);
  }

  drawAll(document);
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
