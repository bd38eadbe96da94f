/* The small map of a located page (templates/includes/location.html): the page's own point,
   the places nearest to it (from /api/places/?near=…), and for a street its line and the
   places along it. The site's own Leaflet is loaded only when the map scrolls into view.
   Markers are DivIcons and lines are vectors, so the map is useful even when the map tiles
   cannot load; without JavaScript the address and the directions links remain. */
(function () {
  "use strict";
  var box = document.querySelector("[data-place-map]");
  if (!box || !window.fetch) return;
  var NEIGHBOURS = 9; // the page itself is usually the nearest of these
  // Neighbours farther than this still get a marker, but the first view does not zoom out to
  // them: the page's surroundings matter more than one far-away place.
  var FIT_NEIGHBOURS_WITHIN_M = 5000;

  var data = box.dataset;
  var extraNode = data.extra ? document.getElementById(data.extra) : null;
  var extra = extraNode ? JSON.parse(extraNode.textContent) : {};
  var note = box.nextElementSibling;
  var own = data.lat && data.lng ? [parseFloat(data.lat), parseFloat(data.lng)] : null;
  var line = extra.line && extra.line.coordinates
    ? extra.line.coordinates.map(function (position) { return [position[1], position[0]]; })
    : [];
  var centre = own || line[Math.floor(line.length / 2)];
  if (!centre) return;

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attrs).forEach(function (key) { element[key] = attrs[key]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    if (window.L) return Promise.resolve();
    return Promise.all([
      load("link", { rel: "stylesheet", href: data.leafletCss }),
      load("script", { src: data.leafletJs }),
    ]);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A popup's content built from text nodes: titles and addresses are never parsed as HTML. */
  function popup(title, url, lines) {
    var div = element("div", "place-map-popup");
    var heading = element("strong");
    if (url) {
      var link = element("a", "", title);
      link.href = url;
      heading.appendChild(link);
    } else {
      heading.textContent = title;
    }
    div.appendChild(heading);
    lines.forEach(function (text) {
      if (text) div.appendChild(element("div", "", text));
    });
    return div;
  }

  function marker(latlng, kind, title, size) {
    return L.marker(latlng, {
      title: title,
      alt: title,
      icon: L.divIcon({
        className: "place-map-marker place-map-marker--" + kind,
        iconSize: [size, size],
      }),
    });
  }

  function draw() {
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
    var tilesFailed = false;
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 })
      .on("tileerror", function () {
        if (tilesFailed || !note) return;
        tilesFailed = true;
        note.textContent = data.textTiles;
        note.hidden = false;
      })
      .addTo(map);

    var bounds = L.latLngBounds([centre, centre]);
    if (line.length > 1) {
      var path = L.polyline(line, { color: "#a8141f", weight: 6, opacity: 0.85, className: "place-map-line" });
      path.bindPopup(popup(data.title, "", [])).addTo(map);
      bounds.extend(path.getBounds());
    }
    (extra.places || []).forEach(function (place) {
      marker([place.lat, place.lng], "along", place.name, 16)
        .bindPopup(popup(place.name, "", [place.category, place.address]))
        .addTo(map);
      bounds.extend([place.lat, place.lng]);
    });
    if (own) {
      // Drawn last, so the page's own point sits above everything else.
      marker(own, "self", data.title, 26)
        .setZIndexOffset(1000)
        .bindPopup(popup(data.title, "", []))
        .addTo(map);
    }
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });

    var url = data.placesUrl + "?near=" + centre[0] + "," + centre[1] + "&limit=" + NEIGHBOURS;
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) {
        var near = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
        collection.features.forEach(function (feature) {
          if (String(feature.id) === data.pageId) return;
          var properties = feature.properties;
          var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
          marker(latlng, "neighbour", properties.title, 16)
            .bindPopup(popup(properties.title, properties.url, [properties.kind_label, properties.address]))
            .addTo(map);
          if (properties.distance_m <= FIT_NEIGHBOURS_WITHIN_M) near.extend(latlng);
        });
        if (!near.equals(bounds)) map.fitBounds(near, { padding: [24, 24], maxZoom: 16 });
      })
      .catch(function () {
        // The page's own map still stands without its neighbours.
      });
  }

  function start() {
    leaflet().then(draw).catch(function () {
      box.hidden = true; // the address and the directions links are still there
    });
  }

  // Shown at once so that its place on the page is known, loaded when it comes near the view.
  box.hidden = false;
  if (!("IntersectionObserver" in window)) {
    start();
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
    observer.disconnect();
    start();
  }, { rootMargin: "200px 0px" });
  observer.observe(box);
})();
