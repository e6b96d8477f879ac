// The actor network: cytoscape.js (vendored) over the graph the page embeds as JSON.
// Positions come from the server (hadath.web.layout, deterministic), so the picture is the
// same at every reload. Hover a node or an edge for its name and count; click a node for the
// actor's page, an edge for its events; "PNG" saves the picture. Nothing is fetched.
(function () {
  "use strict";
  var holder = document.getElementById("network-graph");
  var source = document.getElementById("graph-data");
  var tip = document.getElementById("network-tip");
  if (!holder || !source || typeof cytoscape !== "function") { return; }
  var graph = JSON.parse(source.textContent);
  var elements = [];
  var maxWeight = 1, maxNode = 1;
  (graph.edges || []).forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight); });
  (graph.nodes || []).forEach(function (n) {
    maxNode = Math.max(maxNode, n.weight);
    elements.push({
      data: { id: n.id, label: n.name, code: n.id, weight: n.weight, url: n.url },
      position: { x: n.x, y: n.y }
    });
  });
  (graph.edges || []).forEach(function (e, i) {
    elements.push({ data: {
      id: "e" + i, source: e.source, target: e.target, weight: e.weight,
      quad: e.quad_class || 0, url: e.url
    } });
  });
  var quadColour = { 0: "#8a94a6", 1: "#7fbf7b", 2: "#1b7837", 3: "#f1a340", 4: "#b2182b" };
  var cy = cytoscape({
    container: holder,
    elements: elements,
    layout: { name: "preset", fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        "color": "#1d2330", "text-outline-color": "#ffffff", "text-outline-width": 2,
        "background-color": "#bfe3ff", "border-color": "#0b5cad", "border-width": 1,
        "width": "mapData(weight, 1, " + maxNode + ", 14, 46)",
        "height": "mapData(weight, 1, " + maxNode + ", 14, 46)"
      } },
      { selector: "edge", style: {
        "width": "mapData(weight, 1, " + maxWeight + ", 1, 9)",
        "line-color": function (e) { return quadColour[e.data("quad")] || "#8a94a6"; },
        "target-arrow-color": function (e) { return quadColour[e.data("quad")] || "#8a94a6"; },
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.75
      } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: "node.hover", style: { "border-width": 3 } }
    ]
  });
  function show(text, event) {
    if (!tip) { return; }
    tip.textContent = text;
    tip.hidden = false;
    var box = holder.getBoundingClientRect();
    tip.style.left = Math.round(event.renderedPosition.x + 12) + "px";
    tip.style.top = Math.round(event.renderedPosition.y + 12) + "px";
    tip.setAttribute("data-for", event.target.id());
    if (box.width && event.renderedPosition.x > box.width - 160) {
      tip.style.left = Math.round(event.renderedPosition.x - 170) + "px";
    }
  }
  function hide() { if (tip) { tip.hidden = true; } cy.elements().removeClass("faded hover"); }
  cy.on("mouseover", "node", function (event) {
    var node = event.target;
    cy.elements().addClass("faded");
    node.closedNeighborhood().removeClass("faded");
    node.addClass("hover");
    show(node.data("label") + " (" + node.data("code") + ") · " + node.data("weight"), event);
  });
  cy.on("mouseover", "edge", function (event) {
    var edge = event.target;
    show(edge.source().data("label") + " → " + edge.target().data("label") + " · " +
      edge.data("weight"), event);
  });
  cy.on("mouseout", "node, edge", hide);
  cy.on("tap", "node, edge", function (event) {
    var url = event.target.data("url");
    if (url) { window.location.assign(url); }
  });
  var button = document.getElementById("network-png");
  if (button) {
    button.addEventListener("click", function () {
      var blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "hadath-network.png";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
  }
  // For the console and the browser tests: the graph, where each node was placed (the
  // server's layout) and where it is drawn on the screen.
  holder.cytoscape = cy;
  holder.setAttribute("data-positions", JSON.stringify(cy.nodes().map(function (n) {
    var p = n.position();
    return [n.id(), Math.round(p.x), Math.round(p.y)];
  })));
  holder.setAttribute("data-rendered", JSON.stringify(cy.nodes().map(function (n) {
    var p = n.renderedPosition();
    return [n.id(), Math.round(p.x), Math.round(p.y)];
  })));
  holder.setAttribute("data-ready", String(cy.nodes().length));
})();
