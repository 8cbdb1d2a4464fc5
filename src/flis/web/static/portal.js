// Draws the Plotly figures a page embeds as JSON (<script type="application/json" id="spec-…">) into the
// elements that name them with data-figure. Plotly renders SVG; nothing is fetched from the internet.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.figure).textContent);
    var config = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};
    Plotly.newPlot(el, spec.data, spec.layout, config).then(function () {
      el.dataset.rendered = "true";
    });
  });
});
