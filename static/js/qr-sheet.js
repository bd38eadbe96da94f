// Follows a QR sheet being printed: moves the bar, and reloads the page once the PDF is
// ready (or printing failed) so the server shows the download link. Without JavaScript the
// page refreshes itself instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-sheet-status]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector(".sohoa-qr__progress-text");
  var template = box.getAttribute("data-running-template");
  function poll() {
    fetch(box.getAttribute("data-sheet-status"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.state !== "running") { window.location.reload(); return; }
        bar.max = status.total;
        bar.value = status.done;
        text.textContent = template.replace("{done}", status.done).replace("{total}", status.total);
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (box.querySelector(".sohoa-qr__download[hidden]")) window.setTimeout(poll, 500);
})();
