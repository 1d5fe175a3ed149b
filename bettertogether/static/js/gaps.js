// Gap analysis map: places from /<lang>/gaps/data.json coloured by distance to the nearest service of the
// chosen category (same classes as the legend and the PDF map), services of that category overlaid.
// Changing a filter fetches the page again for the tables and the JSON for the map, without reloading;
// without JavaScript the form is a plain GET form. Text from the data goes in with textContent only.
(function () {
  "use strict";
  var form = document.getElementById("gap-filters");
  if (!form || !window.fetch || !window.DOMParser) return;
  var COLOURS = ["#1a9850", "#fee08b", "#fc8d59", "#d73027"];
  var BANDS = [1, 2, 4];
  var map = null, places = null, services = null, pending = null;

  function fmt(n) { return n == null ? "" : Number(n).toLocaleString(document.documentElement.lang || undefined); }
  function band(km, radius) {
    if (km == null) return BANDS.length;
    for (var i = 0; i < BANDS.length; i++) if (km <= radius * BANDS[i]) return i;
    return BANDS.length;
  }
  function lines(parts) {
    var div = document.createElement("div");
    parts.forEach(function (text, i) {
      var el = document.createElement(i === 0 ? "strong" : "p");
      el.textContent = text;
      div.appendChild(el);
    });
    return div;
  }

  function draw(box, data) {
    var t = box.dataset, category = data.category, radius = data.radius_km;
    if (!map) {
      box.hidden = false;
      map = L.map(box, { scrollWheelZoom: false }).setView([45.6, -63.5], 6);
      if (window.btBasemap) btBasemap(map, box);
    }
    if (places) map.removeLayer(places);
    if (services) map.removeLayer(services);
    places = L.featureGroup();
    services = L.featureGroup();
    (data.places || []).forEach(function (p) {
      if (p.latitude == null) return;
      var km = p.nearest_km[category];
      var b = band(km, radius);
      var marker = L.circleMarker([p.latitude, p.longitude], {
        radius: 4 + Math.sqrt(p.positions) * 0.8, color: "#333", weight: p.precision === "postal_code" ? 1 : 2,
        dashArray: p.precision === "postal_code" ? null : "3 3", fillColor: COLOURS[b], fillOpacity: 0.85
      });
      var parts = [p.name + ", " + p.province, fmt(p.positions) + " " + t.tPositions,
        km == null ? t.tNone : t.tNearest + ": " + fmt(km) + " km " + t.tStraight];
      if (p.precision === "fsa") parts.push(t.tFsa);
      else if (p.precision === "place") parts.push(t.tPlace);
      marker.bindPopup(function () { return lines(parts); });
      marker.bindTooltip(p.name + ": " + (km == null ? t.tNone : fmt(km) + " km " + t.tStraight));
      places.addLayer(marker);
    });
    (data.services || []).forEach(function (s) {
      if (category !== "any" && s.categories.indexOf(category) < 0) return;
      var marker = L.marker([s.latitude, s.longitude], {
        icon: L.divIcon({ className: "gap-service-icon", iconSize: [12, 12] }), title: s.name, alt: t.tService + ": " + s.name
      });
      marker.bindPopup(function () { return lines([s.name, s.organization]); });
      services.addLayer(marker);
    });
    places.addTo(map);
    services.addTo(map);
    var bounds = places.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 10, padding: [20, 20] });
  }

  function failed(box) {
    var note = document.createElement("p");
    note.className = "notice";
    note.textContent = box.dataset.tError;
    box.parentNode.insertBefore(note, box);
  }

  function loadMap() {
    var box = document.getElementById("gap-map");
    if (!box || !window.L) return;
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { draw(box, data); })
      .catch(function () { failed(box); });
  }

  // Swap the results (tables, downloads, the map's data URL) for those of the new filters; keep the map.
  function update() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var url = form.action + "?" + query;
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    form.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", signal: pending ? pending.signal : undefined })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("gap-results"), current = document.getElementById("gap-results");
        if (!fresh || !current) return;
        var imported = document.importNode(fresh, true);
        var box = document.getElementById("gap-map"), placeholder = imported.querySelector("#gap-map");
        if (box && placeholder && map) {
          box.dataset.url = placeholder.dataset.url;
          placeholder.replaceWith(box);  // keep the live map and its element
        }
        current.replaceWith(imported);
        if (window.history && history.replaceState) history.replaceState(null, "", url);
        loadMap();
      })
      .catch(function () { /* an aborted or failed update leaves the previous results */ })
      .finally(function () { form.removeAttribute("aria-busy"); });
  }

  var timer = null;
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(update, 250); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  loadMap();
})();
