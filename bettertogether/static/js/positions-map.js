// TFW positions map: one proportional circle per place from /api/map/positions.geojson (the page's filters).
// Places known only by postal area (FSA) or place name are drawn as approximate areas (larger, translucent,
// dashed), never as exact points. Text from the data goes in with textContent only. Without JavaScript the
// map stays hidden: the panel and the table carry the same figures.
(function () {
  "use strict";
  var box = document.getElementById("pos-map");
  if (!box || !window.L || !window.fetch) return;
  var t = box.dataset;
  box.hidden = false;
  box.parentNode.parentNode.classList.add("with-map");
  var legend = document.getElementById("pos-legend");
  if (legend) legend.hidden = false;
  // Canvas: thousands of circles (all of Canada) stay fluid; SVG would create one DOM node each.
  var map = L.map(box, { scrollWheelZoom: false, preferCanvas: true }).setView([45.6, -63.5], 6);
  if (window.btBasemap) btBasemap(map, box);
  box.leafletMap = map; // for scripts and tests that inspect the map

  var METRES = 900; // radius of one position; area ∝ positions
  function radius(positions) { return METRES * Math.sqrt(Math.max(1, positions)); }
  function fmt(n) { return n == null ? "" : Number(n).toLocaleString(document.documentElement.lang || undefined); }

  function popup(p) {
    var div = document.createElement("div");
    var strong = document.createElement("strong");
    strong.textContent = p.label + ", " + p.province;
    div.appendChild(strong);
    var lines = [fmt(p.positions) + " " + t.tPositions, fmt(p.rows) + " " + t.tRows, fmt(p.employers) + " " + t.tEmployers];
    if (p.precision === "fsa") lines.push(t.tFsa);
    else if (p.precision === "place") lines.push(t.tPlace);
    lines.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      div.appendChild(line);
    });
    return div;
  }

  function layerFor(f) {
    var p = f.properties, c = f.geometry.coordinates, latlng = [c[1], c[0]];
    var options = p.approximate
      ? { radius: Math.max(radius(p.positions), p.precision === "fsa" ? 6000 : 8000), color: "#8a4b00", weight: 2,
          dashArray: "6 6", fillColor: "#e0a040", fillOpacity: 0.2 }
      : { radius: radius(p.positions), color: "#0b5cad", weight: 1, fillColor: "#0b5cad", fillOpacity: 0.45 };
    var circle = L.circle(latlng, options);
    circle.bindPopup(function () { return popup(p); });
    // Leaflet puts a string tooltip in as HTML: give it a text node instead.
    circle.bindTooltip(document.createTextNode(p.label + ": " + fmt(p.positions) + " " + t.tPositions));
    return circle;
  }

  var positions = L.featureGroup().addTo(map);
  fetch(t.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      // The server sends the largest first, so small circles are drawn on top and stay clickable.
      var approximate = 0;
      data.features.forEach(function (f) {
        positions.addLayer(layerFor(f));
        if (f.properties.approximate) approximate += 1;
      });
      // What was drawn, for readers of the page's state (and the browser tests).
      box.setAttribute("data-drawn", String(data.features.length));
      box.setAttribute("data-drawn-approximate", String(approximate));
      if (data.features.length) map.fitBounds(positions.getBounds(), { maxZoom: 11, padding: [20, 20] });
    })
    .catch(function () {
      var note = document.createElement("p");
      note.className = "notice";
      note.textContent = t.tError;
      box.parentNode.insertBefore(note, box);
    });

  // Overlay: the directory's support services, fetched only when asked for.
  var services = null;
  var Overlay = L.Control.extend({
    options: { position: "topright" },
    onAdd: function () {
      var label = L.DomUtil.create("label", "pos-overlay");
      var input = L.DomUtil.create("input", "", label);
      input.type = "checkbox";
      label.appendChild(document.createTextNode(" " + t.tOverlay));
      L.DomEvent.disableClickPropagation(label);
      input.addEventListener("change", function () { toggle(input.checked); });
      return label;
    }
  });
  map.addControl(new Overlay());

  function toggle(on) {
    if (!on) { if (services) map.removeLayer(services); return; }
    if (services) { services.addTo(map); return; }
    services = L.layerGroup().addTo(map);
    fetch(t.services, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) {
        data.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties;
          var marker = L.circleMarker([c[1], c[0]], { radius: 6, color: "#1b6e1b", weight: 2, fillColor: "#fff", fillOpacity: 1 });
          marker.bindPopup(function () {
            var div = document.createElement("div");
            var a = document.createElement("a");
            a.href = p.url;
            a.textContent = p.name;
            div.appendChild(a);
            var org = document.createElement("p");
            org.textContent = t.tServices + (p.organization ? " · " + p.organization : "");
            div.appendChild(org);
            return div;
          });
          services.addLayer(marker);
        });
        box.setAttribute("data-services-drawn", String(data.features.length));
      });
  }
})();
