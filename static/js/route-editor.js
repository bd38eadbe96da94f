/* The route of a street, drawn on a map in the page editor (cms.geo.RouteEditorWidget).

   Each click on the map adds a point at the end of the line; a point's handle can be dragged.
   The line is written into the widget's textarea as a GeoJSON LineString, which is what the
   form posts and the server validates: without this script, the textarea is the editor.
   Leaflet is the site's own copy; the markers are DivIcons and the line is vector, so the
   editor works even when the map tiles cannot be loaded. */
(function () {
  "use strict";

  var POINT_RE = /POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)/i;
  var LATLNG_RE = /^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$/;

  function parsePoint(value) {
    var match = POINT_RE.exec(value || "");
    if (match) return L.latLng(parseFloat(match[2]), parseFloat(match[1]));
    match = LATLNG_RE.exec(value || "");
    if (match) return L.latLng(parseFloat(match[1]), parseFloat(match[2]));
    return null;
  }

  /* The points of the textarea's GeoJSON: [] when empty, null when it cannot be read. */
  function parseRoute(text) {
    if (!text || !text.trim()) return [];
    var geometry;
    try {
      geometry = JSON.parse(text);
    } catch (error) {
      return null;
    }
    if (geometry && geometry.type === "Feature") geometry = geometry.geometry;
    if (!geometry || geometry.type !== "LineString" || !Array.isArray(geometry.coordinates)) return null;
    var points = [];
    for (var i = 0; i < geometry.coordinates.length; i++) {
      var position = geometry.coordinates[i];
      if (!Array.isArray(position) || typeof position[0] !== "number" || typeof position[1] !== "number") {
        return null;
      }
      points.push(L.latLng(position[1], position[0]));
    }
    return points;
  }

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function RouteEditor(root) {
    this.root = root;
    this.options = JSON.parse(root.dataset.routeEditorOptions || "{}");
    this.textarea = root.querySelector("textarea");
    this.tools = root.querySelector(".route-editor-tools");
    this.status = root.querySelector(".route-editor-status");
    this.buttons = {};
    var self = this;
    root.querySelectorAll("[data-route-action]").forEach(function (button) {
      self.buttons[button.dataset.routeAction] = button;
      button.addEventListener("click", function () {
        self[button.dataset.routeAction]();
      });
    });
    this.points = [];
    this.handles = [];
    this.unreadable = false;
    this.tilesFailed = false;
    this.fitted = false;
    this.setup();
  }

  RouteEditor.prototype.setup = function () {
    var self = this;
    var options = this.options;
    this.tools.hidden = false;
    var bounds = options.bounds;
    this.map = L.map(this.root.querySelector(".route-editor-map"), {
      // Vietnam and a margin: a line drawn far outside it would be refused anyway.
      maxBounds: [[bounds.south - 2, bounds.west - 2], [bounds.north + 2, bounds.east + 2]],
      minZoom: 5,
      doubleClickZoom: false,
    }).setView([options.centre.lat, options.centre.lng], 14);
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 19 })
      .on("tileerror", function () {
        if (self.tilesFailed) return;
        self.tilesFailed = true;
        self.report();
      })
      .addTo(this.map);
    this.line = L.polyline([], { color: "#a8141f", weight: 5, opacity: 0.85, className: "route-editor-line" }).addTo(this.map);
    this.ends = L.layerGroup().addTo(this.map);

    this.map.on("click", function (event) {
      self.add(event.latlng);
    });
    this.textarea.addEventListener("input", function () {
      self.readTextarea();
    });
    ["change", "input"].forEach(function (type) {
      [self.startInput(), self.endInput()].forEach(function (input) {
        if (input) input.addEventListener(type, function () { self.showEnds(); });
      });
    });
    // The start and end are picked with wagtailgeowidget's map, which sets its input without
    // an event: look again whenever the editor comes back to this map.
    this.root.addEventListener("pointerenter", function () { self.showEnds(); });
    this.root.addEventListener("focusin", function () { self.showEnds(); });

    // The route's tab is hidden when the editor opens: Leaflet must measure the map again
    // once it is shown, and only then can it fit the line into view.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        var element = self.map.getContainer();
        if (!element.offsetWidth || !element.offsetHeight) return;
        self.map.invalidateSize();
        if (!self.fitted) {
          self.fitted = true;
          self.showEnds();
          self.fit();
        }
      }).observe(this.map.getContainer());
    }
    this.readTextarea();
    this.showEnds();
    this.fit();
  };

  RouteEditor.prototype.startInput = function () {
    return this.options.startField ? document.getElementById(this.options.startField) : null;
  };

  RouteEditor.prototype.endInput = function () {
    return this.options.endField ? document.getElementById(this.options.endField) : null;
  };

  RouteEditor.prototype.endPoint = function (which) {
    var input = which === "start" ? this.startInput() : this.endInput();
    return input ? parsePoint(input.value) : null;
  };

  RouteEditor.prototype.fit = function () {
    var latlngs = this.points.slice();
    ["start", "end"].forEach(function (which) {
      var point = this.endPoint(which);
      if (point) latlngs.push(point);
    }, this);
    if (latlngs.length > 1) {
      this.map.fitBounds(L.latLngBounds(latlngs), { padding: [24, 24], maxZoom: 17 });
    } else if (latlngs.length === 1) {
      this.map.setView(latlngs[0], 16);
    }
  };

  /* The street's start and end as markers; clicking one adds it to the line. */
  RouteEditor.prototype.showEnds = function () {
    var self = this;
    this.ends.clearLayers();
    ["start", "end"].forEach(function (which) {
      var point = self.endPoint(which);
      if (!point) return;
      var title = self.root.dataset[which === "start" ? "textStart" : "textEnd"];
      L.marker(point, {
        title: title,
        alt: title,
        icon: L.divIcon({
          className: "route-editor-end route-editor-end--" + which,
          html: which === "start" ? "A" : "B",
          iconSize: [24, 24],
        }),
      })
        .on("click", function () { self.add(point); })
        .addTo(self.ends);
    });
    this.updateButtons();
  };

  RouteEditor.prototype.add = function (latlng) {
    // An unreadable route is the editor's text: never overwritten by a click, only cleared.
    if (this.unreadable) return;
    this.points.push(L.latLng(round(latlng.lat), round(latlng.lng)));
    this.changed();
  };

  RouteEditor.prototype.start = function () {
    var point = this.endPoint("start");
    if (point && !this.points.length) this.add(point);
  };

  RouteEditor.prototype.end = function () {
    var point = this.endPoint("end");
    if (point && this.points.length) this.add(point);
  };

  RouteEditor.prototype.undo = function () {
    this.points.pop();
    this.changed();
  };

  RouteEditor.prototype.clear = function () {
    this.points = [];
    this.unreadable = false;
    this.changed();
  };

  RouteEditor.prototype.changed = function () {
    this.textarea.value = this.points.length
      ? JSON.stringify({
          type: "LineString",
          coordinates: this.points.map(function (point) {
            return [round(point.lng), round(point.lat)];
          }),
        })
      : "";
    // Wagtail's editor notices unsaved changes through the form's events.
    this.textarea.dispatchEvent(new Event("change", { bubbles: true }));
    this.draw();
  };

  RouteEditor.prototype.readTextarea = function () {
    var points = parseRoute(this.textarea.value);
    this.unreadable = points === null;
    this.points = points || [];
    this.draw();
  };

  RouteEditor.prototype.draw = function () {
    var self = this;
    this.line.setLatLngs(this.points);
    this.handles.forEach(function (handle) { handle.remove(); });
    this.handles = this.points.map(function (point, index) {
      var title = format(self.root.dataset.textPoint, { number: index + 1 });
      var handle = L.marker(point, {
        draggable: true,
        // Above the start and end markers, which the line's first and last points often cover.
        zIndexOffset: 1000,
        title: title,
        alt: title,
        icon: L.divIcon({ className: "route-editor-handle", html: String(index + 1), iconSize: [22, 22] }),
      });
      handle.on("drag", function (event) {
        self.points[index] = event.target.getLatLng();
        self.line.setLatLngs(self.points);
      });
      handle.on("dragend", function (event) {
        var latlng = event.target.getLatLng();
        self.points[index] = L.latLng(round(latlng.lat), round(latlng.lng));
        self.changed();
      });
      return handle.addTo(self.map);
    });
    this.updateButtons();
    this.report();
  };

  RouteEditor.prototype.updateButtons = function () {
    var count = this.points.length;
    var end = this.endPoint("end");
    this.buttons.start.hidden = !(this.endPoint("start") && count === 0 && !this.unreadable);
    this.buttons.end.hidden = !(end && count > 0 && !this.points[count - 1].equals(end));
    this.buttons.undo.disabled = count === 0;
    this.buttons.clear.disabled = count === 0 && !this.unreadable;
  };

  RouteEditor.prototype.report = function () {
    var data = this.root.dataset;
    var messages = [];
    if (this.unreadable) messages.push(data.textUnreadable);
    else if (!this.points.length) messages.push(data.textEmpty);
    else {
      messages.push(format(data.textCount, { count: this.points.length }));
      if (this.points.length === 1) messages.push(data.textOnePoint);
    }
    if (this.tilesFailed) messages.push(data.textTiles);
    this.status.textContent = messages.join(" ");
  };

  function start(root) {
    if (root.routeEditor || !window.L) return;
    root.routeEditor = new RouteEditor(root);
  }

  // In Wagtail's admin, a Stimulus controller also starts editors added to the page later;
  // elsewhere the editors present when the page loads are started.
  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    window.wagtail.app.register(
      "route-editor",
      class extends window.StimulusModule.Controller {
        connect() {
          start(this.element);
        }
      }
    );
  } else {
    var startAll = function () {
      document.querySelectorAll("[data-controller~='route-editor']").forEach(start);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
    else startAll();
  }
})();
