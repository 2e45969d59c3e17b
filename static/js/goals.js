// The goal dashboard's charts (templates/goals/dashboard.html). The numbers come from the
// page's json_script block, built from the same cells as the table under each chart; the
// page reads fine without this file.
(function () {
  "use strict";
  var COLORS = ["#005ea2", "#d83933", "#71767a", "#00a91c", "#ffbe2e", "#162e51"];

  function draw() {
    var source = document.getElementById("goal-charts");
    if (!source || typeof window.Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    charts.forEach(function (spec) {
      var canvas = document.getElementById("chart-" + spec.id);
      if (!canvas) return;
      var line = spec.type === "line";
      var chart = new window.Chart(canvas, {
        type: spec.type,
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (dataset, i) {
            return {
              label: dataset.label,
              data: dataset.data,
              borderColor: COLORS[i % COLORS.length],
              backgroundColor: COLORS[i % COLORS.length],
              borderDash: line && i > 0 ? [6, 4] : [],
              pointRadius: line ? 0 : undefined,
              borderWidth: 2,
              spanGaps: true
            };
          })
        },
        options: {
          animation: reduceMotion ? false : { duration: 300 },
          maintainAspectRatio: false,
          indexAxis: !line && spec.labels.length > 6 ? "y" : "x",
          scales: { y: { beginAtZero: true } },
          plugins: { legend: { position: "bottom" } }
        }
      });
      canvas.setAttribute("data-chart-ready", "true");
      canvas.chart = chart;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
