// The report dashboard's enhancements: the form shows only the fields of the chosen kind of
// period, and the figures over time are drawn with chart.js (self-hosted). Without JavaScript
// every field shows and the table under the chart holds the same numbers.
(function () {
  "use strict";

  var PERIOD_FIELDS = {
    month: ["month", "year"],
    quarter: ["quarter", "year"],
    year: ["year"],
    custom: ["start", "end"]
  };
  var DETAIL_FIELDS = ["month", "quarter", "year", "start", "end"];

  function followPeriodChoice(form) {
    var choice = form.querySelector("[name=period]");
    if (!choice) return;
    function show() {
      var wanted = PERIOD_FIELDS[choice.value] || PERIOD_FIELDS.month;
      DETAIL_FIELDS.forEach(function (name) {
        var box = form.querySelector('[data-period-field="' + name + '"]');
        if (box) box.hidden = wanted.indexOf(name) === -1;
      });
    }
    choice.addEventListener("change", show);
    show();
  }

  function drawChart(box, data) {
    if (typeof window.Chart === "undefined") return;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    // Distinct in hue and in lightness, so that they stay apart in grey and for colour blindness.
    var colours = ["#005a9c", "#d95f02", "#1b9e77"];
    var numbers = new Intl.NumberFormat("vi-VN");
    box.hidden = false;
    new window.Chart(box.querySelector("canvas"), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            borderColor: colours[index % colours.length],
            backgroundColor: colours[index % colours.length],
            borderWidth: 2,
            pointRadius: data.labels.length > 40 ? 0 : 3,
            borderDash: index === 1 ? [6, 4] : index === 2 ? [2, 3] : [],
            tension: 0
          };
        })
      },
      options: {
        animation: reduceMotion ? false : undefined,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0, callback: function (value) { return numbers.format(value); } } }
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + numbers.format(context.parsed.y);
              }
            }
          }
        }
      }
    });
  }

  function start() {
    var form = document.querySelector("[data-dashboard-form]");
    if (form) followPeriodChoice(form);
    var box = document.querySelector("[data-dashboard-chart]");
    var source = document.getElementById("dashboard-chart-data");
    if (box && source) drawChart(box, JSON.parse(source.textContent));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
