// The actor network: cytoscape.js (vendored) over the graph the page embeds as JSON.
// Reads <script type="application/json" id="graph-data">; nothing is fetched from elsewhere.
(function () {
  "use strict";
  var holder = document.getElementById("network-graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof cytoscape !== "function") { return; }
  var graph = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "ar";
  var elements = [];
  var maxWeight = 1;
  (graph.edges || []).forEach(function (e) { if (e.weight > maxWeight) { maxWeight = e.weight; } });
  (graph.nodes || []).forEach(function (n) {
    elements.push({ data: { id: n.id, label: n.id, name: n.label || "", weight: n.weight || 1 } });
  });
  (graph.edges || []).forEach(function (e, i) {
    elements.push({ data: {
      id: "e" + i, source: e.source, target: e.target, weight: e.weight,
      quad: e.quad_class || 0
    } });
  });
  var quadColour = { 0: "#8a94a6", 1: "#7fbf7b", 2: "#1b7837", 3: "#f1a340", 4: "#b2182b" };
  var cy = cytoscape({
    container: holder,
    elements: elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.6,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "center", "color": "#1d2330",
        "background-color": "#bfe3ff", "border-color": "#0b5cad", "border-width": 1,
        "width": "mapData(weight, 1, 50, 22, 60)", "height": "mapData(weight, 1, 50, 22, 60)"
      } },
      { selector: "edge", style: {
        "width": "mapData(weight, 1, " + maxWeight + ", 1, 10)",
        "line-color": function (e) { return quadColour[e.data("quad")] || "#8a94a6"; },
        "target-arrow-color": function (e) { return quadColour[e.data("quad")] || "#8a94a6"; },
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.8
      } }
    ],
    layout: { name: elements.length > 400 ? "grid" : "cose", animate: false, randomize: false }
  });
  cy.on("tap", "node", function (event) {
    var code = event.target.id();
    var url = "/actors/" + encodeURIComponent(code);
    if (lang !== (holder.getAttribute("data-default-lang") || "ar")) { url += "?lang=" + encodeURIComponent(lang); }
    window.location.assign(url);
  });
  holder.setAttribute("data-ready", String(cy.nodes().length));
})();
