// The event page's small map: one point, drawn only when JavaScript runs; the address and the
// OpenStreetMap link are the same information as text.
(function () {
  "use strict";
  var box = document.getElementById("event-map");
  if (!box || !window.L) return;
  var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
  if (isNaN(lat) || isNaN(lon)) return;
  box.hidden = false;
  // Zoom 10: the offline basemap's town names around the place; "Show streets" (or zooming in) for streets.
  var map = L.map(box, { scrollWheelZoom: false }).setView([lat, lon], 10);
  if (window.btBasemap) btBasemap(map, box);
  L.circleMarker([lat, lon], { radius: 9, weight: 3 }).addTo(map);
})();
