/* The public map: loads the self-hosted Leaflet only when JavaScript runs, and plots the places
   listed on the page. Markers are vector circles, so they show even if map tiles fail. */
(function () {
  "use strict";
  var box = document.querySelector("[data-map]");
  if (!box) return;
  var dataNode = document.getElementById(box.dataset.map);
  var places = dataNode ? JSON.parse(dataNode.textContent) : [];
  if (!places.length) return;

  var COLOURS = ["#0b4f9c", "#a8141f", "#1f6f2a", "#7a3e9d", "#8a5a00", "#00607a"];

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function popup(place) {
    var div = document.createElement("div");
    var kind = document.createElement("small");
    kind.textContent = place.kind;
    var link = document.createElement("a");
    link.href = place.url;
    link.textContent = place.title;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    div.append(kind, document.createElement("br"), strong);
    if (place.address) {
      var p = document.createElement("div");
      p.textContent = place.address;
      div.appendChild(p);
    }
    return div;
  }

  Promise.all([
    load("link", { rel: "stylesheet", href: box.dataset.leafletCss }),
    load("script", { src: box.dataset.leafletJs }),
  ]).then(function () {
    var L = window.L;
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(box.dataset.tileUrl, { attribution: box.dataset.tileAttribution, maxZoom: 19 }).addTo(map);

    var layers = {};
    var labels = {};
    var bounds = [];
    places.forEach(function (place) {
      if (!layers[place.kind]) {
        layers[place.kind] = L.layerGroup().addTo(map);
        layers[place.kind].colour = COLOURS[Object.keys(layers).length % COLOURS.length];
        var label = document.createElement("span");
        label.textContent = place.kind;
        labels['<span style="color:' + layers[place.kind].colour + '">●</span> ' + label.innerHTML] = layers[place.kind];
      }
      var group = layers[place.kind];
      L.circleMarker([place.lat, place.lng], {
        radius: 9, weight: 2, color: "#fff", fillColor: group.colour, fillOpacity: 0.9,
      }).bindPopup(popup(place)).addTo(group);
      bounds.push([place.lat, place.lng]);
    });
    if (Object.keys(layers).length > 1) L.control.layers(null, labels, { collapsed: false }).addTo(map);
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });

    if (navigator.geolocation) {
      var NearMe = L.Control.extend({
        onAdd: function () {
          var button = L.DomUtil.create("button", "button map-near-me");
          button.type = "button";
          button.textContent = box.dataset.nearMe;
          L.DomEvent.disableClickPropagation(button);
          button.onclick = function () {
            navigator.geolocation.getCurrentPosition(function (pos) {
              var here = [pos.coords.latitude, pos.coords.longitude];
              L.circleMarker(here, { radius: 7, color: "#000", fillColor: "#ffbf47", fillOpacity: 1 }).addTo(map);
              map.setView(here, 15);
            });
          };
          return button;
        },
      });
      new NearMe({ position: "topleft" }).addTo(map);
    }
  }).catch(function () {
    box.hidden = true; // The list of places below still works.
  });
})();
