/* netmap map page: first view, search, filters, legend, path highlighting, click panel.
 * Contact text is only ever assigned with textContent / new Option / vis-network's
 * plain-text tooltips: never innerHTML. */
(function () {
  "use strict";
  var marks = { script: performance.now() };
  var data = JSON.parse(document.getElementById("netmap-data").textContent);
  marks.parsed = performance.now();
  var FADED_EDGE = "rgba(203,210,217,0.35)";
  var FADED_FONT = "rgba(82,96,109,0.35)";
  var INK = "#1F2933";
  var state = {
    start: performance.now(), firstDraw: null, stable: null, focused: null,
    path: -1, highlighted: [], contextShown: false
  };

  var byId = {};
  /* selecting or hovering a person never paints them in another colour (blue means a status) */
  function looks(background, border) {
    return { background: background, border: border,
             highlight: { background: background, border: INK }, hover: { background: background, border: border } };
  }
  /* a faded person keeps their hue: 15% of their colour over white */
  function fadeColor(hex) {
    var out = "#";
    for (var i = 1; i < 7; i += 2) {
      var c = Math.round(255 - (255 - parseInt(hex.substr(i, 2), 16)) * 0.15);
      out += (c < 16 ? "0" : "") + c.toString(16);
    }
    return out;
  }
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    if (n.kind === "label") return;
    n.fadedColor = fadeColor(n.baseColor);
    n.color = looks(n.color.background, n.color.border);
  });
  /* ties arrive lean: colour and tooltip are derived here (plain-text tooltip) */
  data.edges.forEach(function (e) {
    if (e.style) e.dashes = data.dashes[e.style];
    if (e.style || e.keepColor) e.color = { color: e.baseColor, inherit: false };
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
  var isContext = {};
  (data.context || []).forEach(function (id) { isContext[id] = true; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  marks.datasets = performance.now();

  /* Emphasise `keepNodes` (ids -> true) and `keepEdges` (ids -> "path" or true); fade the rest
   * to a pale tint of their own colour. null restores everything. Only changed items are sent. */
  var nodeLook = {};
  var edgeLook = {};
  function emphasise(keepNodes, keepEdges) {
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      if (n.kind === "label") return;
      var look = !keepNodes || keepNodes[n.id] ? "on" : "off";
      if (nodeLook[n.id] === look || (nodeLook[n.id] === undefined && look === "on")) { nodeLook[n.id] = look; return; }
      nodeLook[n.id] = look;
      var border = n.color && n.color.border ? n.color.border : n.baseColor;
      nodeUpdates.push(look === "on"
        ? { id: n.id, color: looks(n.baseColor, border), font: { color: "#1f2933" } }
        : { id: n.id, color: looks(n.fadedColor, n.fadedColor), font: { color: FADED_FONT } });
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var keep = !keepEdges ? true : keepEdges[e.id];
      var look = keep === true ? "on" : keep ? "path" : "off";
      if (edgeLook[e.id] === look || (edgeLook[e.id] === undefined && look === "on")) { edgeLook[e.id] = look; return; }
      edgeLook[e.id] = look;
      var label = e.hop ? { label: look === "path" ? e.hop : " " } : {};
      if (look === "on") edgeUpdates.push(Object.assign({ id: e.id, color: { color: e.baseColor, inherit: false }, width: e.width }, label));
      else if (look === "path") edgeUpdates.push(Object.assign({ id: e.id, color: { color: e.keepColor ? e.baseColor : INK, inherit: false }, width: Math.max(4, e.width + 3) }, label));
      else edgeUpdates.push(Object.assign({ id: e.id, color: { color: FADED_EDGE, inherit: false }, width: e.width }, label));
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  function pathEdges(p, into) {
    for (var k = 0; k + 1 < p.ids.length; k++) {
      var e = pairEdge[pairKey(p.ids[k], p.ids[k + 1])];
      if (e) into[e.id] = "path";
    }
    return into;
  }

  function highlightPath(i) {
    var p = data.paths[i];
    if (!p) return;
    state.path = i;
    state.highlighted = p.ids.slice();
    var keepNodes = {};
    p.ids.forEach(function (id) { keepNodes[id] = true; });
    emphasise(keepNodes, pathEdges(p, {}));
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
      var onPath = pathEdges(data.paths[state.path], {});
      Object.keys(onPath).forEach(function (eid) { if (keepEdges[eid]) keepEdges[eid] = "path"; });
    }
    emphasise(keepNodes, keepEdges);
  }

  function resetHighlight() {
    if (data.paths.length) highlightPath(state.path >= 0 ? state.path : 0);
    else emphasise(null, null);
  }

  if (data.paths.length) highlightPath(0);

  var physicsOn = false;
  var physicsButton = document.getElementById("physics");
  function showPhysics() { physicsButton.textContent = "Physics: " + (physicsOn ? "on" : "off"); }

  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  marks.network = performance.now();

  /* the first view: the answer (data.fit), else everything shown */
  function firstView() {
    var view = { animation: false, maxZoomLevel: 1.2 };
    if (data.fit && data.fit.length) view.nodes = data.fit;
    network.fit(view);
  }
  firstView();
  network.once("afterDrawing", function () {
    state.firstDraw = performance.now();
    if (state.stable === null) state.stable = state.firstDraw;
  });

  var status = document.getElementById("status");

  /* the click panel: who, what the explanation says, what to do next (textContent only) */
  var personPanel = document.getElementById("person");
  function showPerson(id) {
    var n = byId[id];
    if (!n || n.kind !== "person") { personPanel.hidden = true; return; }
    personPanel.hidden = false;
    document.getElementById("person-name").textContent = n.label;
    var about = String(n.title || "").split("\n").slice(1);
    document.getElementById("person-about").textContent = about.join("\n");
    var lines = data.explain[id];
    if (!lines) {
      lines = ["Ties on this map: " + (adjacency[id] || []).length + "."];
      if (!data.redacted) lines.push("Why and how to reach them:", "  netmap explain \"" + n.label + "\"" + (data.explainFlags || ""));
    }
    document.getElementById("person-explain").textContent = lines.join("\n");
  }

  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : null;
    if (id !== null && byId[id] && byId[id].kind !== "label") {
      state.focused = id;
      highlightNeighbours(id);
      showPerson(id);
      status.textContent = byId[id].label + ": " + (adjacency[id] || []).length + " ties";
    } else {
      state.focused = null;
      network.unselectAll();
      personPanel.hidden = true;
      resetHighlight();
      status.textContent = "";
    }
  });

  /* title, legend, panel: textContent only */
  document.getElementById("title").textContent = data.title;
  document.querySelector("#legend .hint").textContent = data.hint || "";
  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (item) {
    var li = document.createElement("li");
    var mark = document.createElement("span");
    mark.className = "mark " + item.mark;
    mark.style.setProperty("--c", item.color);
    var name = document.createElement("span");
    name.textContent = item.name;
    li.appendChild(mark); li.appendChild(name);
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
        network.fit({ nodes: p.ids, animation: false, maxZoomLevel: 1.2 });
      });
      list.appendChild(li);
    });
    if (data.paths[0]) list.firstChild.classList.add("active");
  }

  /* filters; context people stay hidden until the context button shows them */
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
  data.nodes.forEach(function (n) { if (n.hidden) hiddenNow[n.id] = true; });
  function applyFilters() {
    var updates = [], shown = 0;
    data.nodes.forEach(function (n) {
      var hide = n.kind === "person" && (
        (isContext[n.id] && !state.contextShown) ||
        (filters.company && n.company !== filters.company) ||
        (filters.office && n.office !== filters.office) ||
        (filters.tag && n.tags.indexOf(filters.tag) < 0));
      if (!hide && n.kind === "person") shown++;
      if (!!hiddenNow[n.id] !== !!hide) { hiddenNow[n.id] = !!hide; updates.push({ id: n.id, hidden: !!hide }); }
    });
    if (updates.length) nodes.update(updates);
    status.textContent = (filters.company || filters.office || filters.tag) ? shown + " people shown" : "";
  }

  var contextButton = document.getElementById("context");
  function showContextLabel() {
    contextButton.textContent = state.contextShown
      ? "Hide the rest"
      : "Show the rest (" + data.context.length + ")";
  }
  if (data.context && data.context.length) {
    contextButton.hidden = false;
    showContextLabel();
    contextButton.addEventListener("click", function () { setContext(!state.contextShown); });
  }
  function setContext(on) {
    state.contextShown = on;
    applyFilters();
    if (data.context.length) showContextLabel();
    if (on) network.fit({ animation: false });
    else firstView();
  }

  /* search: the keys are the person resolver's (netmap.people.search_key), computed in
   * Python; the query is folded the same way (case, accents, spaces) and looked up */
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
  function fold(text) {
    return String(text).toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD")
      .replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .split(/\s+/).filter(Boolean).join(" ");
  }
  var searchKeys = Object.keys(data.search || {});
  function findPerson(query) {
    var q = fold(query);
    if (!q) return null;
    var ids = data.search[q];
    if (!ids) {
      for (var i = 0; i < searchKeys.length && !ids; i++) {
        if (searchKeys[i].indexOf(q) === 0) ids = data.search[searchKeys[i]];
      }
    }
    return ids && ids.length ? byId[ids[0]] : null;
  }
  function focusPerson(query) {
    var n = findPerson(query);
    if (!n) { status.textContent = "Nobody matches \u201c" + query + "\u201d"; return null; }
    if (isContext[n.id] && !state.contextShown) setContext(true);
    if (hiddenNow[n.id]) {
      filters.company = filters.office = filters.tag = "";
      selects.forEach(function (s) { s.value = ""; });
      applyFilters();
    }
    state.focused = n.id;
    network.selectNodes([n.id]);
    highlightNeighbours(n.id);
    showPerson(n.id);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    status.textContent = "Found " + n.label;
    return n.id;
  }
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    focusPerson(document.getElementById("search-input").value);
  });

  /* physics: off at load (the layout is computed in Python); the button lets it move */
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    showPhysics();
  });
  showPhysics();

  document.getElementById("reset").addEventListener("click", function () {
    filters.company = filters.office = filters.tag = "";
    selects.forEach(function (s) { s.value = ""; });
    state.contextShown = false;
    if (data.context && data.context.length) showContextLabel();
    applyFilters();
    network.unselectAll();
    state.focused = null;
    personPanel.hidden = true;
    resetHighlight();
    firstView();
  });

  if (data.focus !== null && byId[data.focus]) {
    network.selectNodes([data.focus]);
    state.focused = data.focus;
    showPerson(data.focus);
  }

  window.netmap = {
    network: network, nodes: nodes, edges: edges, data: data, state: state, marks: marks,
    focusPerson: focusPerson, findPerson: findPerson, fold: fold, highlightPath: highlightPath,
    highlightNeighbours: highlightNeighbours, showPerson: showPerson, setContext: setContext,
    setFilter: function (key, value) {
      filters[key] = value;
      selects.forEach(function (s) { if (s.id === "filter-" + key) s.value = value; });
      applyFilters();
    }
  };
})();
