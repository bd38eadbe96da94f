// Follows background admin work (a QR sheet being printed, a spreadsheet being imported):
// moves the bar, and reloads the page once the work is done (or failed) so the server shows
// the result. Without JavaScript the page refreshes itself instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector(".job-progress__text");
  var template = box.getAttribute("data-running-template");
  function poll() {
    fetch(box.getAttribute("data-job-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state !== "running") { window.location.reload(); return; }
        bar.max = status.total;
        bar.value = status.done;
        var stageTemplate = status.stage && box.getAttribute("data-" + status.stage + "-template");
        text.textContent = (stageTemplate || template).replace("{done}", status.done).replace("{total}", status.total);
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (box.getAttribute("data-state") === "running") window.setTimeout(poll, 500);
})();
