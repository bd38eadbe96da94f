/* The map page (MapPage): every located page on one map, from one request to /api/places/.

   Progressive enhancement of home/map_page.html, which without this script is a search form
   (to the site search) and the list of places by kind. Here:
   - a layer per kind, toggled by the legend's checkboxes, all in one markercluster group
     (chunked loading, so 5,000 places do not freeze a cheap phone);
   - markers are DivIcons (shape + letter per kind), so they show even when no map tile loads;
     a marker's popup is built only when it is opened;
   - a search box that asks the site search (diacritics-insensitive) and keeps the results that
     are on the map, completed by a folded match on the places' own titles;
   - "near me": the browser's position, then /api/places/?near=…, listed by distance.
   Search and "near me" still list their results if Leaflet itself could not load.
   Every string shown comes from the template's data-msg-* attributes (translated there). */
(function () {
  "use strict";

  var app = document.querySelector("[data-map-app]");
  if (!app) return;

  var data = app.dataset;
  var form = app.querySelector("[data-map-search]");
  var input = form.querySelector("input[type=search]");
  var nearButton = app.querySelector("[data-map-near-me]");
  var stage = app.querySelector(".map-stage");
  var panel = app.querySelector(".map-panel");
  var frame = app.querySelector("[data-map-frame]");
  var canvas = app.querySelector(".map-canvas");
  var note = app.querySelector("[data-map-note]");
  var results = app.querySelector("[data-map-results]");
  var statusLine = app.querySelector("[data-map-status]");
  var resultList = app.querySelector("[data-map-list]");
  var closeButton = app.querySelector("[data-map-close]");
  var legend = app.querySelector("[data-map-legend]");

  var NEAR_LIMIT = 20;
  var MAX_RESULTS = 20;
  var REVEAL_ZOOM = 17;
  var HERE_ZOOM = 15;
  var POPUP_OPTIONS = { maxWidth: 260, minWidth: 200, autoPanPadding: [16, 16] };
  var wideScreen = window.matchMedia("(min-width: 64rem)");
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Android opens `geo:` links in the phone's map app; elsewhere OpenStreetMap gives directions.
  var opensGeoLinks = /Android/i.test(navigator.userAgent);
  var numbers = window.Intl ? new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }) : null;

  var map = null;
  var cluster = null;
  var hereLayer = null;
  var places = { loaded: false, features: [], byId: {}, markersByKind: {}, folded: null };
  var requestCount = 0;

  // Text -------------------------------------------------------------------------------------

  /* A translated message from the template, with %(name)s placeholders filled in. */
  function message(name, values) {
    var text = data["msg" + name] || "";
    return text.replace(/%\((\w+)\)s/g, function (whole, key) {
      return values && key in values ? values[key] : whole;
    });
  }

  /* Lower case without diacritics, as the site search folds: "Địa đạo" -> "dia dao". */
  function fold(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function formatNumber(value) {
    return numbers ? numbers.format(value) : String(value);
  }

  /* "350 m", "1,2 km" (decimal comma in Vietnamese, from the page's language). */
  function formatDistance(metres) {
    if (metres < 100) return message("Metres", { distance: formatNumber(Math.round(metres)) });
    var rounded = Math.round(metres / 10) * 10;
    if (rounded < 1000) return message("Metres", { distance: formatNumber(rounded) });
    var km = metres / 1000;
    return message("Kilometres", { distance: formatNumber(km < 10 ? Math.round(km * 10) / 10 : Math.round(km)) });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Places -----------------------------------------------------------------------------------

  function latLngOf(feature) {
    var coordinates = feature.geometry.coordinates;
    return [coordinates[1], coordinates[0]];
  }

  function directionsUrl(feature) {
    var point = latLngOf(feature);
    var where = point[0].toFixed(6) + "," + point[1].toFixed(6);
    if (opensGeoLinks) {
      return "geo:" + where + "?q=" + where + "(" + encodeURIComponent(feature.properties.title) + ")";
    }
    return "https://www.openstreetmap.org/directions?to=" + where;
  }

  function layerCheckbox(kind) {
    return legend.querySelector('[data-map-layer][value="' + kind + '"]');
  }

  function isShown(kind) {
    var checkbox = layerCheckbox(kind);
    return !checkbox || checkbox.checked;
  }

  /* A legend entry for a kind the page did not list (published since it was rendered). */
  function addLayerCheckbox(feature) {
    var kind = feature.properties.kind;
    var label = feature.properties.kind_label || kind;
    var template = legend.querySelector(".map-layer");
    var entry = element("label", "map-layer");
    var checkbox = element("input");
    checkbox.type = "checkbox";
    checkbox.value = kind;
    checkbox.checked = true;
    checkbox.setAttribute("data-map-layer", "");
    checkbox.dataset.letter = label.charAt(0).toUpperCase();
    checkbox.dataset.label = label.charAt(0).toUpperCase() + label.slice(1);
    var icon = element("span", "map-marker map-marker-" + kind);
    icon.setAttribute("aria-hidden", "true");
    icon.appendChild(element("span", "", checkbox.dataset.letter));
    var count = element("span", "map-layer-count");
    var number = element("span", "", "0");
    number.setAttribute("data-map-count", "");
    count.append("(", number, ")");
    entry.append(checkbox, " ", icon, " ", element("span", "map-layer-name", checkbox.dataset.label), " ", count);
    (template ? template.parentNode : legend.querySelector("fieldset")).appendChild(entry);
    return checkbox;
  }

  var icons = {};
  function iconFor(kind) {
    if (!icons[kind]) {
      var checkbox = layerCheckbox(kind);
      var letter = element("span", "", checkbox ? checkbox.dataset.letter : "");
      letter.setAttribute("aria-hidden", "true");
      icons[kind] = window.L.divIcon({
        className: "map-marker map-marker-" + kind,
        html: letter.outerHTML,
        iconSize: kind === "heritage" ? [34, 34] : [30, 30],
        popupAnchor: [0, -14],
      });
    }
    return icons[kind];
  }

  function popupFor(marker) {
    var feature = marker.feature;
    var properties = feature.properties;
    var box = element("div", "map-popup");
    if (properties.image) {
      var image = element("img");
      image.src = properties.image;
      image.alt = "";
      image.width = 240;
      image.height = 160;
      image.loading = "lazy";
      box.appendChild(image);
    }
    box.appendChild(element("p", "map-popup-kind", properties.kind_label));
    var title = element("p", "map-popup-title");
    if (properties.url) {
      var link = element("a", "", properties.title);
      link.href = properties.url;
      title.appendChild(link);
    } else {
      title.textContent = properties.title;
    }
    box.appendChild(title);
    if (properties.summary) box.appendChild(element("p", "map-popup-summary", properties.summary));
    if (properties.address) box.appendChild(element("p", "map-popup-address", properties.address));
    var links = element("p", "map-popup-links");
    var directions = element("a", "", message("Directions"));
    directions.href = directionsUrl(feature);
    links.appendChild(directions);
    box.appendChild(links);
    return box;
  }

  function makeMarker(feature) {
    var properties = feature.properties;
    var marker = window.L.marker(latLngOf(feature), {
      icon: iconFor(properties.kind),
      // The letter is hidden from screen readers; the title names the marker.
      title: properties.title + " (" + properties.kind_label + ")",
      riseOnHover: true,
    });
    marker.feature = feature;
    // A function: the popup's content is built when it opens, not for every marker now.
    marker.bindPopup(popupFor, POPUP_OPTIONS);
    return marker;
  }

  function receive(collection) {
    var features = (collection.features || []).filter(function (feature) {
      return feature.geometry && feature.geometry.type === "Point" && feature.properties;
    });
    var counts = {};
    features.forEach(function (feature) {
      var kind = feature.properties.kind;
      places.byId[feature.id] = { feature: feature, marker: null };
      counts[kind] = (counts[kind] || 0) + 1;
      if (!layerCheckbox(kind)) addLayerCheckbox(feature);
    });
    places.features = features;
    places.loaded = true;
    legend.querySelectorAll("[data-map-layer]").forEach(function (checkbox) {
      var count = checkbox.parentNode.querySelector("[data-map-count]");
      if (count) count.textContent = formatNumber(counts[checkbox.value] || 0);
    });
    if (map) plot(features);
  }

  function plot(features) {
    var L = window.L;
    var shown = [];
    features.forEach(function (feature) {
      var kind = feature.properties.kind;
      var marker = makeMarker(feature);
      places.byId[feature.id].marker = marker;
      (places.markersByKind[kind] = places.markersByKind[kind] || []).push(marker);
      if (isShown(kind)) shown.push(marker);
    });
    cluster.addLayers(shown);
    if (features.length) {
      // Clear of the zoom buttons and the legend (top), the attribution and a note (bottom).
      map.fitBounds(L.latLngBounds(features.map(latLngOf)), {
        paddingTopLeft: [56, 64],
        paddingBottomRight: [24, 88],
        maxZoom: 16,
        animate: false,
      });
    }
  }

  function showLayer(kind, shown) {
    var markers = places.markersByKind[kind] || [];
    if (!cluster || !markers.length) return;
    if (shown) {
      cluster.addLayers(markers);
    } else {
      var open = markers.filter(function (marker) { return marker.isPopupOpen(); });
      open.forEach(function (marker) { marker.closePopup(); });
      cluster.removeLayers(markers);
    }
  }

  function loadPlaces() {
    return fetch(data.placesUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("places: HTTP " + response.status);
        return response.json();
      })
      .then(receive)
      .catch(function () {
        showNote(message("LoadFailed"));
      });
  }

  // The map ----------------------------------------------------------------------------------

  function showNote(text) {
    note.textContent = text;
    note.hidden = false;
  }

  /* The map fills the screen below whatever is above it (site header, breadcrumbs, title). */
  function measure() {
    var top = stage.getBoundingClientRect().top + window.pageYOffset;
    if (wideScreen.matches) top = app.getBoundingClientRect().top + window.pageYOffset;
    app.style.setProperty("--map-top", Math.max(0, Math.round(top)) + "px");
  }

  function startMap() {
    var L = window.L;
    if (!L || !L.markerClusterGroup) return false;
    app.classList.add("has-map");
    frame.hidden = false;
    measure();
    legend.open = wideScreen.matches;
    placeResults();
    if (wideScreen.addEventListener) wideScreen.addEventListener("change", placeResults);
    else wideScreen.addListener(placeResults); // Safari before 14

    var centre = (data.centre || "10.7769,106.7009").split(",").map(Number);
    map = L.map(canvas, { zoomControl: false, scrollWheelZoom: true, zoomSnap: 0.5 });
    L.control.zoom({ zoomInTitle: message("ZoomIn"), zoomOutTitle: message("ZoomOut") }).addTo(map);
    map.setView(centre, 12);
    if (data.tileUrl) {
      var tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 });
      // Blocked or down: the markers, list, search and "near me" do not need the tiles.
      tiles.once("tileerror", function () { showNote(message("TilesFailed")); });
      tiles.addTo(map);
    }
    cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: 18,
      maxClusterRadius: 50,
    });
    map.addLayer(cluster);
    map.on("popupopen", fitPopup);
    // The reader's own position is drawn above the places' markers, not hidden under one.
    map.createPane("here").style.zIndex = 640;

    // What is above the map changes height when the web font arrives or the phone turns;
    // Leaflet measures its box only on a window resize, so it is told of any change.
    var resizing = null;
    function relayout() {
      clearTimeout(resizing);
      resizing = setTimeout(function () {
        measure();
        map.invalidateSize({ pan: false });
      }, 50);
    }
    window.addEventListener("resize", relayout);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(relayout);
    if (window.ResizeObserver) new ResizeObserver(relayout).observe(canvas);
    return true;
  }

  /* Results go over the bottom of the map on phones (a sheet), and at the top of the list
     beside the map on wide screens, where they cover none of it. */
  function placeResults() {
    if (wideScreen.matches) {
      if (results.parentNode !== panel) panel.insertBefore(results, panel.firstChild);
    } else if (results.parentNode !== stage) {
      stage.appendChild(results);
    }
  }

  /* What covers the map's edges, in pixels: the results sheet (bottom) and the legend (right). */
  function covered() {
    var sheet = results.parentNode === stage && results.classList.contains("is-open");
    return {
      bottom: sheet ? results.offsetHeight : 0,
      right: legend.open ? legend.offsetWidth + 8 : 0,
    };
  }

  /* Where the map must be centred for `latlng` to sit in the middle of its uncovered part. */
  function centreFor(latlng, zoom) {
    var cover = covered();
    var shift = window.L.point(cover.right / 2, cover.bottom / 2);
    return map.unproject(map.project(latlng, zoom).add(shift), zoom);
  }

  /* A popup fits in the uncovered part of the map, scrolling inside if it must, and the map
     pans so that no part of it (nor its marker) is hidden. */
  function fitPopup(event) {
    var popup = event.popup;
    var cover = covered();
    popup.options.maxHeight = Math.max(140, canvas.clientHeight - cover.bottom - 96);
    popup.options.autoPanPaddingTopLeft = [16, 16];
    popup.options.autoPanPaddingBottomRight = [cover.right + 16, cover.bottom + 40];
    popup.update();
  }

  /* Fly to a place and open its popup; a hidden kind is shown again first. */
  function reveal(id) {
    var place = places.byId[id];
    if (!map || !place || !place.marker) return;
    var marker = place.marker;
    var kind = place.feature.properties.kind;
    var checkbox = layerCheckbox(kind);
    if (checkbox && !checkbox.checked) {
      checkbox.checked = true;
      showLayer(kind, true);
    }
    map.closePopup();
    map.once("moveend", function () {
      if (cluster.hasLayer(marker) && marker.__parent) {
        cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
      } else {
        window.L.popup().setLatLng(marker.getLatLng()).setContent(popupFor(marker)).openOn(map);
      }
    });
    var zoom = Math.max(map.getZoom(), REVEAL_ZOOM);
    var centre = centreFor(marker.getLatLng(), zoom);
    if (reducedMotion) {
      map.setView(centre, zoom, { animate: false });
    } else {
      map.flyTo(centre, zoom, { duration: 0.8 });
    }
  }

  function markHere(lat, lng, accuracy) {
    if (!map) return;
    var L = window.L;
    if (hereLayer) map.removeLayer(hereLayer);
    hereLayer = L.layerGroup();
    if (accuracy && accuracy < 2000) {
      L.circle([lat, lng], { radius: accuracy, color: "#0b4f9c", weight: 1, fillOpacity: 0.08, interactive: false }).addTo(hereLayer);
    }
    L.circleMarker([lat, lng], { radius: 9, weight: 3, color: "#1b1b1b", fillColor: "#ffbf47", fillOpacity: 1, className: "map-here", pane: "here" })
      .bindTooltip(message("YouAreHere"))
      .addTo(hereLayer);
    hereLayer.addTo(map);
    map.closePopup();
    var zoom = Math.max(map.getZoom(), HERE_ZOOM);
    map.setView(centreFor(window.L.latLng(lat, lng), zoom), zoom, { animate: !reducedMotion });
  }

  // Results panel ----------------------------------------------------------------------------

  function showResults(status, features, distances) {
    results.classList.add("is-open");
    if (results.parentNode === panel) panel.scrollTop = 0;
    closeButton.hidden = false;
    statusLine.textContent = status;
    resultList.textContent = "";
    (features || []).forEach(function (feature) {
      var properties = feature.properties;
      var item = element("li", "map-result");
      var title = element("span", "map-result-title");
      if (properties.url) {
        var link = element("a", "", properties.title);
        link.href = properties.url;
        title.appendChild(link);
      } else {
        title.textContent = properties.title;
      }
      item.appendChild(title);
      var meta = element("span", "map-result-meta", properties.kind_label);
      if (distances && typeof properties.distance_m === "number") {
        meta.append(" · ", element("span", "map-result-distance", formatDistance(properties.distance_m)));
      }
      item.appendChild(meta);
      var place = places.byId[feature.id];
      if (map && place && place.marker) {
        var show = element("button", "map-result-show", message("ShowOnMap"));
        show.type = "button";
        show.setAttribute("data-map-show", feature.id);
        item.appendChild(show);
      }
      resultList.appendChild(item);
    });
  }

  function closeResults() {
    results.classList.remove("is-open");
    closeButton.hidden = true;
    statusLine.textContent = "";
    resultList.textContent = "";
  }

  // Search -----------------------------------------------------------------------------------

  function siteSearch(query) {
    var url = data.searchUrl + "?q=" + encodeURIComponent(query);
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("search: HTTP " + response.status);
        return response.json();
      })
      .then(function (body) { return body.results || []; })
      .catch(function () { return []; });
  }

  /* A site search hit as a map feature: the map's own when it is on the map; when the places
     could not load, any located hit, so the list still works. */
  function featureOfHit(hit) {
    if (places.loaded) return places.byId[hit.id] ? places.byId[hit.id].feature : null;
    if (!hit.location) return null;
    return {
      id: hit.id,
      geometry: { type: "Point", coordinates: [hit.location.lng, hit.location.lat] },
      properties: { title: hit.title, kind_label: hit.kind_label, url: hit.url, address: hit.location.address },
    };
  }

  /* Places whose folded title or address holds every word typed: what the site search may have
     left past its first page (books outnumber places). */
  function localMatches(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length || !places.loaded) return [];
    if (!places.folded) {
      places.folded = places.features.map(function (feature) {
        return fold(feature.properties.title + " " + (feature.properties.address || ""));
      });
    }
    return places.features.filter(function (feature, index) {
      var text = places.folded[index];
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    });
  }

  function search(query) {
    query = query.trim();
    if (!query) {
      showResults(message("EmptyQuery"), []);
      return;
    }
    var request = ++requestCount;
    showResults(message("Searching"), []);
    Promise.all([siteSearch(query), placesReady]).then(function (answers) {
      if (request !== requestCount) return; // a newer search or "near me" has answered since
      var seen = {};
      var found = [];
      function add(feature) {
        if (feature && !seen[feature.id]) {
          seen[feature.id] = true;
          found.push(feature);
        }
      }
      answers[0].forEach(function (hit) { add(featureOfHit(hit)); });
      localMatches(query).forEach(add);
      var total = found.length;
      found = found.slice(0, MAX_RESULTS);
      var values = { count: formatNumber(total), query: query };
      if (!total) {
        showResults(message("NoResults", values), []);
        return;
      }
      showResults(message(total === 1 ? "FoundOne" : "FoundMany", values), found);
      reveal(found[0].id);
    });
  }

  // Near me ----------------------------------------------------------------------------------

  function haversine(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dLng / 2), 2);
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /* The nearest places from those already loaded: when the API cannot be reached. */
  function nearestLoaded(lat, lng) {
    return places.features
      .map(function (feature) {
        var point = latLngOf(feature);
        var copy = { id: feature.id, geometry: feature.geometry, properties: {} };
        Object.keys(feature.properties).forEach(function (key) { copy.properties[key] = feature.properties[key]; });
        copy.properties.distance_m = Math.round(haversine(lat, lng, point[0], point[1]));
        return copy;
      })
      .sort(function (a, b) { return a.properties.distance_m - b.properties.distance_m; })
      .slice(0, NEAR_LIMIT);
  }

  function nearby(lat, lng) {
    var url = data.placesUrl + "?near=" + lat.toFixed(6) + "," + lng.toFixed(6) + "&limit=" + NEAR_LIMIT;
    return fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("near: HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) { return collection.features || []; })
      .catch(function () {
        return placesReady.then(function () {
          if (!places.loaded) throw new Error("near: no places");
          return nearestLoaded(lat, lng);
        });
      });
  }

  function nearMe() {
    var request = ++requestCount;
    if (!navigator.geolocation) {
      showResults(message("GeoUnsupported"), []);
      return;
    }
    showResults(message("Locating"), []);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        if (request !== requestCount) return;
        var lat = position.coords.latitude;
        var lng = position.coords.longitude;
        // The list first, so that the map centres the reader in what the list leaves visible.
        nearby(lat, lng).then(
          function (features) {
            if (request !== requestCount) return;
            showResults(message(features.length ? "Near" : "NearNone"), features, true);
            markHere(lat, lng, position.coords.accuracy);
          },
          function () {
            if (request !== requestCount) return;
            showResults(message("NearFailed"), []);
            markHere(lat, lng, position.coords.accuracy);
          }
        );
      },
      function (error) {
        if (request !== requestCount) return;
        showResults(message(error.code === error.PERMISSION_DENIED ? "GeoDenied" : "GeoFailed"), []);
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  }

  // Start ------------------------------------------------------------------------------------

  startMap();
  var placesReady = loadPlaces();
  nearButton.hidden = false;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  nearButton.addEventListener("click", nearMe);
  closeButton.addEventListener("click", function () {
    requestCount++;
    closeResults();
    input.focus();
  });
  resultList.addEventListener("click", function (event) {
    var button = event.target.closest("[data-map-show]");
    if (button) reveal(button.getAttribute("data-map-show"));
  });
  legend.addEventListener("change", function (event) {
    var checkbox = event.target.closest("[data-map-layer]");
    if (checkbox) showLayer(checkbox.value, checkbox.checked);
  });
})();
