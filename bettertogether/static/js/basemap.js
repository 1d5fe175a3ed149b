// The offline basemap every map draws first: land, province borders and the main place names, from this
// host (data-basemap; Canada's coarser outline, data-basemap-canada, once the map leaves the Maritimes).
// Street tiles come from the configured tile server (data-tiles) only when the visitor zooms in to
// data-tile-zoom or presses the "Show streets" control: a page load asks nothing of a third party.
// Place names go in with textContent only.
(function () {
  "use strict";
  if (!window.L) return;
  var WATER = "#cfe2ee", LAND = "#f6f3ec", BORDER = "#8b8f96", MINOR_ZOOM = 8;
  // Visitors who ask for less motion get maps that open popups and zoom without fading or sliding.
  // Every map page loads this file before its own map script, so one switch covers them all.
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    L.Map.mergeOptions({ fadeAnimation: false, zoomAnimation: false, markerZoomAnimation: false });
  }

  window.btBasemap = function (map, box) {
    var t = box.dataset;
    box.style.background = WATER;
    if (map.options.maxZoom === undefined) map.setMaxZoom(18); // no tile layer yet to give it (clusters need it)
    map.createPane("btLand").style.zIndex = 150; // under the tiles (200) and everything drawn on the map
    map.createPane("btNames").style.zIndex = 390; // over the land and tiles' level, under the data (400)
    map.getPane("btNames").style.pointerEvents = "none";
    if (t.basemapAttribution) map.attributionControl.addAttribution(t.basemapAttribution);
    var names = [];

    // A name is a permanent tooltip in its own pane, centred on the place: never clickable, never focused.
    function label(f) {
      var span = document.createElement("span");
      span.textContent = f.properties.name;
      span.style.cssText = "font:12px/1.1 system-ui,sans-serif;color:#333;white-space:nowrap;" +
        "text-shadow:0 0 2px #fff,0 0 2px #fff;" + (f.properties.rank <= 3 ? "font-weight:600;" : "");
      var c = f.geometry.coordinates;
      var tip = L.tooltip({ permanent: true, direction: "center", className: "bt-place", pane: "btNames",
        interactive: false, opacity: 1 });
      tip.setLatLng([c[1], c[0]]).setContent(span);
      tip.rank = f.properties.rank;
      tip.width = 7 * f.properties.name.length; // about, at 12 px
      names.push(tip);
      return tip;
    }

    function plain(tip) {
      var el = tip.getElement();
      if (el) el.style.cssText += ";background:none;border:0;box-shadow:none;padding:0";
    }

    // Larger places first; a name that would overlap one already shown is left out at this zoom.
    function showNames() {
      var zoom = map.getZoom(), tilesOn = map.hasLayer(tiles), taken = [];
      names.sort(function (a, b) { return a.rank - b.rank; });
      names.forEach(function (m) {
        var show = !tilesOn && (m.rank <= 3 || zoom >= MINOR_ZOOM);
        if (show) {
          var pt = map.latLngToContainerPoint(m.getLatLng());
          var box = [pt.x - m.width / 2 - 4, pt.y - 9, pt.x + m.width / 2 + 4, pt.y + 9];
          show = !taken.some(function (o) { return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]; });
          if (show) taken.push(box);
        }
        if (show && !map.hasLayer(m)) { m.addTo(map); plain(m); }
        else if (!show && map.hasLayer(m)) map.removeLayer(m);
      });
    }

    function load(url) {
      return fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          if (!detailed && data.bbox) detailed = L.latLngBounds([data.bbox[1], data.bbox[0]], [data.bbox[3], data.bbox[2]]);
          L.geoJSON(data, {
            pane: "btLand", interactive: false,
            filter: function (f) { return f.properties.kind === "province"; },
            style: { color: BORDER, weight: 1, fillColor: LAND, fillOpacity: 1 }
          }).addTo(map);
          data.features.forEach(function (f) { if (f.properties.kind === "place") label(f); });
          showNames();
        })
        .catch(function () { /* the grey-blue box stays: the page's text carries the same information */ });
    }

    // Canada's outline only once the view is zoomed out past the Maritimes or moved away from them.
    var detailed = null, canadaAsked = false;
    var loaded = t.basemap ? load(t.basemap) : Promise.resolve();
    function wider() {
      if (canadaAsked || !t.basemapCanada || !detailed) return;
      if (map.getZoom() >= 5 && detailed.contains(map.getCenter())) return;
      canadaAsked = true;
      load(t.basemapCanada);
    }

    // Street tiles: only on the visitor's own zoom past the threshold, or on the control.
    var tiles = L.tileLayer(t.tiles, { maxZoom: 18, attribution: t.attribution });
    var tileZoom = parseInt(t.tileZoom, 10) || 11, acted = false, refused = false, button;
    function setTiles(on) {
      if (on && !map.hasLayer(tiles)) tiles.addTo(map);
      if (!on && map.hasLayer(tiles)) map.removeLayer(tiles);
      if (button) button.setAttribute("aria-pressed", String(on));
      showNames();
    }
    if (t.tiles) {
      var Control = L.Control.extend({
        options: { position: "topright" },
        onAdd: function () {
          var div = L.DomUtil.create("div", "leaflet-bar bt-tiles-control");
          button = L.DomUtil.create("button", "", div);
          button.type = "button";
          button.textContent = t.tStreets || "Show streets";
          button.setAttribute("aria-pressed", "false");
          button.style.cssText = "font:13px system-ui,sans-serif;padding:4px 8px;background:#fff;border:0;cursor:pointer;min-height:30px";
          L.DomEvent.disableClickPropagation(div);
          L.DomEvent.on(button, "click", function () {
            var on = !map.hasLayer(tiles);
            refused = !on;
            setTiles(on);
          });
          return div;
        }
      });
      map.addControl(new Control());
      ["mousedown", "touchstart", "wheel", "keydown", "dblclick"].forEach(function (type) {
        box.addEventListener(type, function () { acted = true; }, { capture: true, passive: true });
      });
    }
    map.on("zoomend", function () {
      if (t.tiles && acted && !refused && map.getZoom() >= tileZoom) setTiles(true);
      showNames();
    });
    map.on("moveend", wider);
    loaded.then(function () { map.whenReady(wider); });
    return { setTiles: setTiles };
  };
})();
