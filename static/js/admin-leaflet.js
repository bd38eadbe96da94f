/* Leaflet's zoom buttons are titled in English unless a map is made with its own zoom control,
   and wagtailgeowidget's location map is not ours to configure: set the default titles for every
   map of the admin, in the admin's language (Django's JavaScript catalogue, loaded by Wagtail).
   Load after Leaflet and before the maps are drawn. */
(function () {
  "use strict";
  if (!window.L || !window.gettext) return;
  L.Control.Zoom.mergeOptions({
    zoomInTitle: gettext("Zoom in"),
    zoomOutTitle: gettext("Zoom out"),
  });
})();
