// duban's own page behaviour. A static file, not inline script or on…= handlers, so that the
// Content-Security-Policy (script-src 'self', style-src 'self') holds on every page.
(function () {
  "use strict";

  // <form data-confirm="…">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <input type="checkbox" data-check-all="NAME">: ticks or clears every input named NAME.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.checkAll) return;
    var selector = 'input[name="' + CSS.escape(box.dataset.checkAll) + '"]';
    document.querySelectorAll(selector).forEach(function (other) { other.checked = box.checked; });
  });

  // <div class="progress-bar" data-progress="40">: the bar's width, set through the CSSOM
  // (a style attribute would need 'unsafe-inline').
  function drawBars(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      var percent = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0));
      bar.style.width = percent + "%";
    });
  }
  drawBars(document);
  document.addEventListener("htmx:afterSwap", function (event) { drawBars(event.target); });
})();
