/* Progressive enhancements only: every page reads fine without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var PREFS = { text: "text-lg", contrast: "contrast-high" };
  var query = new URLSearchParams(location.search);

  function store(name, on) {
    try { localStorage.setItem("sohoa-" + name, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function stored(name) {
    try { return localStorage.getItem("sohoa-" + name); } catch (e) { return null; }
  }
  function apply(name, on) {
    root.classList.toggle(PREFS[name], on);
    document.querySelectorAll('[data-pref="' + name + '"]').forEach(function (link) {
      link.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  Object.keys(PREFS).forEach(function (name) {
    // A choice made through a link without JavaScript (?text=lg) wins and is remembered.
    if (query.has(name)) {
      store(name, root.classList.contains(PREFS[name]));
    } else if (stored(name) !== null) {
      apply(name, stored(name) === "1");
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-pref], [data-share], [data-print], [data-video] .video-link");
    if (!target) return;
    if (target.dataset.pref) {
      event.preventDefault();
      var name = target.dataset.pref;
      var on = !root.classList.contains(PREFS[name]);
      apply(name, on);
      store(name, on);
    } else if (target.hasAttribute("data-share")) {
      navigator.share({ title: target.dataset.title, url: target.dataset.url }).catch(function () {});
    } else if (target.hasAttribute("data-print")) {
      window.print();
    } else {
      // Swap the link for the provider's player only when the reader asks for the video.
      var figure = target.closest("[data-video]");
      var player = figure.querySelector("template");
      if (!player) return;
      event.preventDefault();
      target.replaceWith(player.content.cloneNode(true));
      var frame = figure.querySelector("iframe");
      if (frame) frame.focus();
    }
  });

  if (navigator.share) {
    document.querySelectorAll("[data-share]").forEach(function (b) { b.hidden = false; });
  }
  document.querySelectorAll("[data-print]").forEach(function (b) { b.hidden = false; });
})();
