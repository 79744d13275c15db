// Key-project pages' own behaviour. A static file, as the Content-Security-Policy asks (no inline
// script or style attribute). The investment chart is drawn by static/duban/charts.js.
(function () {
  "use strict";
  // <div data-bar-width="40">: a funnel bar's width in percent, set through the CSSOM.
  document.querySelectorAll("[data-bar-width]").forEach(function (bar) {
    var percent = Math.max(0, Math.min(100, Number(bar.dataset.barWidth) || 0));
    bar.style.width = percent + "%";
  });
})();
