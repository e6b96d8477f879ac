// The map of the filtered events: Leaflet (vendored) with no tile server. Countries come from
// the vendored world outline (Natural Earth via world-atlas, TopoJSON) and are shaded by
// their event count; places are points clustered by Leaflet.markercluster, a cluster showing
// the sum of its places' events. Click a country or a place for its events. The page embeds
// the counts as JSON; the outline is read from our own /static.
(function () {
  "use strict";
  var holder = document.getElementById("event-map");
  var source = document.getElementById("map-data");
  if (!holder || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(holder, { worldCopyJump: true, attributionControl: true, minZoom: 1, maxZoom: 10 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  map.setView([25, 40], 3);

  function label(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }
  function go(url) { return function () { window.location.assign(url); }; }

  var byCountry = {};
  var maxCount = 1;
  (data.countries || []).forEach(function (c) {
    byCountry[c.id] = c;
    maxCount = Math.max(maxCount, c.count);
  });
  var ramp = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
  function shade(count) {
    if (!count) { return "#f4f6f9"; }
    var step = Math.log(count) / Math.log(maxCount + 1);
    return ramp[Math.min(ramp.length - 1, Math.floor(step * ramp.length))];
  }

  var drawn = 0;
  function done() { holder.setAttribute("data-ready", String(drawn)); }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    iconCreateFunction: function (cluster) {
      var total = cluster.getAllChildMarkers().reduce(function (sum, m) {
        return sum + (m.options.count || 0);
      }, 0);
      var size = total < 10 ? "small" : total < 100 ? "medium" : "large";
      var html = "<div><span>" + String(total) + "</span></div>";
      return L.divIcon({ html: html, className: "marker-cluster marker-cluster-" + size,
        iconSize: L.point(40, 40) });
    }
  });
  (data.places || []).forEach(function (p) {
    var radius = 5 + Math.min(12, Math.sqrt(p.count));
    var marker = L.circleMarker([p.lat, p.lon], { radius: radius, count: p.count,
      color: "#0b5cad", weight: 1, fillColor: "#0b5cad", fillOpacity: 0.6, className: "place" });
    marker.bindTooltip(label(p.name + " · " + p.count));
    marker.on("click", go(p.url));
    clusters.addLayer(marker);
    drawn += 1;
  });

  fetch(holder.getAttribute("data-outline"))
    .then(function (response) { return response.json(); })
    .then(function (topology) {
      var countries = topojson.feature(topology, topology.objects.countries);
      L.geoJSON(countries, {
        style: function (feature) {
          var found = byCountry[feature.id];
          // The class names the country (ISO numeric) for the tests and for styles.
          return { color: "#8a94a6", weight: 0.6, fillOpacity: 0.85,
            fillColor: shade(found ? found.count : 0),
            className: "country c" + feature.id + (found ? " has-events" : "") };
        },
        onEachFeature: function (feature, layer) {
          var found = byCountry[feature.id];
          if (!found) { return; }
          layer.bindTooltip(label(found.name + " · " + found.count));
          layer.on("click", go(found.url));
          drawn += 1;
        }
      }).addTo(map);
      clusters.addTo(map);
      done();
    })
    .catch(function () { clusters.addTo(map); done(); });
})();
