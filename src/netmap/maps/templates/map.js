/* netmap map page: search, filters, neighbour and path highlighting, physics toggle.
 * Contact text is only ever assigned with textContent / new Option / vis-network's
 * plain-text tooltips: never innerHTML. */
(function () {
  "use strict";
  var marks = { script: performance.now() };
  var data = JSON.parse(document.getElementById("netmap-data").textContent);
  marks.parsed = performance.now();
  var FADED = "rgba(203,210,217,0.35)";
  var FADED_EDGE = "rgba(203,210,217,0.25)";
  var FADED_FONT = "rgba(82,96,109,0.35)";
  var PATH = "#D9480F";
  var state = {
    start: performance.now(), firstDraw: null, stable: null, focused: null,
    path: -1, highlighted: [], dim: null
  };

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  /* ties arrive lean: colour and tooltip are derived here (plain-text tooltip) */
  data.edges.forEach(function (e) {
    if (e.dashes) e.color = { color: e.baseColor, inherit: false };  /* others: the global colour */
    e.title = byId[e.from].label + " - " + byId[e.to].label + "\n" + e.why;
  });
  var adjacency = {};
  var pairEdge = {};
  data.edges.forEach(function (e) {
    (adjacency[e.from] = adjacency[e.from] || []).push(e);
    (adjacency[e.to] = adjacency[e.to] || []).push(e);
    pairEdge[pairKey(e.from, e.to)] = e;
  });
  function pairKey(a, b) { return a < b ? JSON.stringify([a, b]) : JSON.stringify([b, a]); }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  marks.datasets = performance.now();

  /* Emphasise `keepNodes` (ids -> true) and `keepEdges` (ids -> colour or true); fade the rest.
   * null restores everything. Only changed items are sent to the DataSets. */
  var nodeLook = {};
  var edgeLook = {};
  function emphasise(keepNodes, keepEdges) {
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var look = !keepNodes || keepNodes[n.id] ? "on" : "off";
      if (nodeLook[n.id] === look || (nodeLook[n.id] === undefined && look === "on")) { nodeLook[n.id] = look; return; }
      nodeLook[n.id] = look;
      var border = n.target ? "#C2185B" : n.baseColor;
      nodeUpdates.push(look === "on"
        ? { id: n.id, color: { background: n.baseColor, border: border }, font: { color: "#1f2933" } }
        : { id: n.id, color: { background: FADED, border: n.target ? "rgba(194,24,91,0.5)" : FADED }, font: { color: FADED_FONT } });
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var keep = !keepEdges ? true : keepEdges[e.id];
      var look = keep === true ? "on" : keep ? "path" : "off";
      if (edgeLook[e.id] === look || (edgeLook[e.id] === undefined && look === "on")) { edgeLook[e.id] = look; return; }
      edgeLook[e.id] = look;
      if (look === "on") edgeUpdates.push({ id: e.id, color: { color: e.baseColor, inherit: false }, width: e.width });
      else if (look === "path") edgeUpdates.push({ id: e.id, color: { color: PATH, inherit: false }, width: Math.max(5, e.width + 3) });
      else edgeUpdates.push({ id: e.id, color: { color: FADED_EDGE, inherit: false }, width: e.width });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  function highlightPath(i) {
    var p = data.paths[i];
    if (!p) return;
    state.path = i;
    state.highlighted = p.ids.slice();
    var keepNodes = {}, keepEdges = {};
    p.ids.forEach(function (id) { keepNodes[id] = true; });
    for (var k = 0; k + 1 < p.ids.length; k++) {
      var e = pairEdge[pairKey(p.ids[k], p.ids[k + 1])];
      if (e) keepEdges[e.id] = PATH;
    }
    emphasise(keepNodes, keepEdges);
    var items = document.querySelectorAll("#paths li");
    for (var j = 0; j < items.length; j++) items[j].classList.toggle("active", j === i);
    document.getElementById("path-reasons").textContent = (p.reasons || []).join("\n");
  }

  function highlightNeighbours(id) {
    var keepNodes = {}, keepEdges = {};
    keepNodes[id] = true;
    (adjacency[id] || []).forEach(function (e) {
      keepNodes[e.from] = true; keepNodes[e.to] = true; keepEdges[e.id] = true;
    });
    if (state.path >= 0) {
      var p = data.paths[state.path];
      for (var k = 0; k + 1 < p.ids.length; k++) {
        var pe = pairEdge[pairKey(p.ids[k], p.ids[k + 1])];
        if (pe && keepEdges[pe.id]) keepEdges[pe.id] = PATH;
      }
    }
    emphasise(keepNodes, keepEdges);
  }

  function resetHighlight() {
    if (data.paths.length) highlightPath(state.path >= 0 ? state.path : 0);
    else emphasise(null, null);
  }

  if (data.paths.length) highlightPath(0);

  var physicsOn = !!data.physics;
  var physicsButton = document.getElementById("physics");
  function showPhysics() { physicsButton.textContent = "Physics: " + (physicsOn ? "on" : "off"); }

  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  marks.network = performance.now();
  network.once("afterDrawing", function () { state.firstDraw = performance.now(); });
  /* physics only settles the layout before the first frame (bounded iterations), then stops:
   * the picture is still at once; the Physics button lets it move again */
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    physicsOn = false;
    showPhysics();
  });
  network.once("afterDrawing", function () {
    if (state.stable === null) state.stable = performance.now();
  });

  var status = document.getElementById("status");

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      state.focused = id;
      highlightNeighbours(id);
      status.textContent = (byId[id] ? byId[id].label : String(id)) + ": " + (adjacency[id] || []).length + " ties";
    } else {
      state.focused = null;
      resetHighlight();
      status.textContent = "";
    }
  });

  /* title, legend, panel: textContent only */
  document.getElementById("title").textContent = data.title;
  if (data.hint) document.querySelector("#legend .hint").textContent = data.hint;
  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (item) {
    var li = document.createElement("li");
    var sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = item.color;
    var name = document.createElement("span");
    name.textContent = item.name;
    li.appendChild(sw); li.appendChild(name);
    legend.appendChild(li);
  });

  if (data.paths.length) {
    var panel = document.getElementById("panel");
    panel.hidden = false;
    document.getElementById("panel-title").textContent = data.panelTitle || data.title;
    var list = document.getElementById("paths");
    data.paths.forEach(function (p, i) {
      var li = document.createElement("li");
      var score = document.createElement("span");
      score.className = "score";
      score.textContent = p.badge || p.score.toFixed(3);
      var text = document.createElement("span");
      var shown = p.names[0] || "";
      for (var h = 1; h < p.names.length; h++) {
        shown += (p.inferred && p.inferred[h - 1] ? " ~ " : " \u2192 ") + p.names[h];
      }
      text.textContent = p.rank + ". " + shown;
      li.appendChild(score); li.appendChild(text);
      if (p.cold) {
        var cold = document.createElement("div");
        cold.className = "cold";
        cold.textContent = "cold: no warm path";
        li.appendChild(cold);
      }
      li.addEventListener("click", function () {
        highlightPath(i);
        network.fit({ nodes: p.ids, animation: false });
      });
      list.appendChild(li);
    });
    if (data.paths[0]) list.firstChild.classList.add("active");
  }

  /* filters */
  var filters = { company: "", office: "", tag: "" };
  function fillSelect(id, all, values, key) {
    var select = document.getElementById(id);
    select.appendChild(new Option(all, ""));
    values.forEach(function (v) { select.appendChild(new Option(v, v)); });
    if (!values.length) select.hidden = true;
    select.addEventListener("change", function () { filters[key] = select.value; applyFilters(); });
    return select;
  }
  var selects = [
    fillSelect("filter-company", "All companies", data.filters.companies, "company"),
    fillSelect("filter-office", "All offices", data.filters.offices, "office"),
    fillSelect("filter-tag", "All tags", data.filters.tags, "tag")
  ];
  var hiddenNow = {};
  function applyFilters() {
    var updates = [], shown = 0;
    data.nodes.forEach(function (n) {
      var hide = n.kind !== "user" && (
        (filters.company && n.company !== filters.company) ||
        (filters.office && n.office !== filters.office) ||
        (filters.tag && n.tags.indexOf(filters.tag) < 0));
      if (!hide && n.kind !== "user") shown++;
      if (!!hiddenNow[n.id] !== !!hide) { hiddenNow[n.id] = !!hide; updates.push({ id: n.id, hidden: !!hide }); }
    });
    if (updates.length) nodes.update(updates);
    status.textContent = (filters.company || filters.office || filters.tag) ? shown + " people shown" : "";
  }

  /* search */
  var datalist = document.getElementById("people");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (n.kind === "person" && !seen[n.label]) {
      seen[n.label] = true;
      var option = document.createElement("option");
      option.value = n.label;
      datalist.appendChild(option);
    }
  });
  function findPerson(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var exact = null, prefix = null, part = null;
    for (var i = 0; i < data.nodes.length; i++) {
      var n = data.nodes[i];
      var label = String(n.label).toLowerCase();
      if (label === q || String(n.id).toLowerCase() === q) { exact = n; break; }
      if (!prefix && label.indexOf(q) === 0) prefix = n;
      if (!part && label.indexOf(q) >= 0) part = n;
    }
    return exact || prefix || part;
  }
  function focusPerson(query) {
    var n = findPerson(query);
    if (!n) { status.textContent = "Nobody matches \u201c" + query + "\u201d"; return null; }
    if (hiddenNow[n.id]) {
      filters.company = filters.office = filters.tag = "";
      selects.forEach(function (s) { s.value = ""; });
      applyFilters();
    }
    state.focused = n.id;
    network.selectNodes([n.id]);
    highlightNeighbours(n.id);
    network.focus(n.id, { scale: 1.4, animation: false });
    status.textContent = "Found " + n.label;
    return n.id;
  }
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    focusPerson(document.getElementById("search-input").value);
  });

  /* physics */
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    showPhysics();
  });
  showPhysics();

  document.getElementById("reset").addEventListener("click", function () {
    filters.company = filters.office = filters.tag = "";
    selects.forEach(function (s) { s.value = ""; });
    applyFilters();
    network.unselectAll();
    state.focused = null;
    resetHighlight();
    network.fit({ animation: false });
  });

  if (data.focus !== null && byId[data.focus]) {
    network.selectNodes([data.focus]);
    state.focused = data.focus;
  }

  window.netmap = {
    network: network, nodes: nodes, edges: edges, data: data, state: state, marks: marks,
    focusPerson: focusPerson, highlightPath: highlightPath, highlightNeighbours: highlightNeighbours,
    setFilter: function (key, value) {
      filters[key] = value;
      selects.forEach(function (s) { if (s.id === "filter-" + key) s.value = value; });
      applyFilters();
    }
  };
})();
