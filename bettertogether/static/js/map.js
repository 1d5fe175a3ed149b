// The service map: markers from /api/map/services.geojson (same filters as the list), clustered.
// Text from the data goes in with textContent only. Without JS the map stays hidden: the list is it.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L || !L.markerClusterGroup) return;
  var tabs = document.querySelector(".tabs");
  var results = document.getElementById("results");
  box.hidden = false;
  document.body.classList.add("with-map");
  var map = L.map(box, { scrollWheelZoom: false });
  if (window.btBasemap) btBasemap(map, box);
  var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
  var hasPlace = !isNaN(lat) && !isNaN(lon);
  map.setView(hasPlace ? [lat, lon] : [45.6, -63.5], hasPlace ? 10 : 6);
  if (hasPlace) L.circleMarker([lat, lon], { radius: 8, color: "#a1260d", weight: 3, interactive: false }).addTo(map);

  function popup(props) {
    var div = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    div.appendChild(strong);
    [props.organization, (props.categories || []).join(", ")].forEach(function (text) {
      if (!text) return;
      var p = document.createElement("p");
      p.textContent = text;
      div.appendChild(p);
    });
    return div;
  }

  var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  // The sanctuary network's members: their own layer of rings over the services, with its legend.
  var sanctuary = L.layerGroup();
  var layers = { services: cluster, sanctuary: sanctuary };
  var legend = document.getElementById("map-layers");
  if (legend) {
    var LegendControl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        legend.hidden = false;
        L.DomEvent.disableClickPropagation(legend);
        return legend;
      }
    });
    new LegendControl().addTo(map);
    legend.querySelectorAll("input[data-layer]").forEach(function (input) {
      input.addEventListener("change", function () {
        var layer = layers[input.dataset.layer];
        if (input.checked) map.addLayer(layer); else map.removeLayer(layer);
      });
    });
  }
  fetch(box.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.ok ? r.json() : { features: [] }; })
    .then(function (data) {
      var markers = data.features.map(function (f) {
        var c = f.geometry.coordinates;
        var marker = L.marker([c[1], c[0]], { title: f.properties.name, alt: f.properties.name });
        marker.bindPopup(function () { return popup(f.properties); });
        return marker;
      });
      cluster.addLayers(markers);
      map.addLayer(cluster);
      data.features.forEach(function (f) {
        if (!f.properties.sanctuary) return;
        var c = f.geometry.coordinates;
        var ring = L.circleMarker([c[1], c[0]], { radius: 11, color: "#7a2e8e", weight: 4, fill: false });
        ring.bindPopup(function () { return popup(f.properties); });
        sanctuary.addLayer(ring);
      });
      map.addLayer(sanctuary);
      if (!markers.length) return;
      if (hasPlace) {
        // Around a place the features come nearest first: show the place and its closest few.
        var near = L.latLngBounds([[lat, lon]]);
        markers.slice(0, 5).forEach(function (m) { near.extend(m.getLatLng()); });
        map.fitBounds(near, { maxZoom: 13, padding: [30, 30] });
      } else {
        map.fitBounds(cluster.getBounds(), { maxZoom: 12, padding: [20, 20] });
      }
    });

  // Phones: list and map as two tabs; desktop: side by side (CSS), tabs hidden.
  if (tabs && results) {
    tabs.hidden = false;
    var buttons = tabs.querySelectorAll("button");
    function show(which) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.show === which)); });
      document.body.classList.toggle("show-map", which === "map");
      if (which === "map") map.invalidateSize();
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { show(b.dataset.show); });
    });
    show("results");
  }
})();
