// The Pillarlink graph webview: draws the nodes and edges the server placed (the same layout as the
// HTML report) as SVG, follows the VS Code theme through CSS variables, and posts clicks back.
// Plain browser JavaScript: no dependencies, nothing loaded from the network.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const stage = document.getElementById('stage');
  const tip = document.getElementById('tip');
  const titleEl = document.getElementById('title');
  const factsEl = document.getElementById('facts');
  const select = document.getElementById('cluster');
  const legendEl = document.getElementById('legend');
  const ROLES = ['target', 'support', 'tutorial', 'explainer', 'comparison', 'faq', 'case-study'];
  let graph = null;
  let svg = null;
  let view = null;

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  function plural(n, w) { return n + ' ' + w + (n === 1 ? '' : 's'); }

  function message(text) {
    stage.replaceChildren();
    const p = document.createElement('p');
    p.className = 'message';
    p.textContent = text;
    stage.appendChild(p);
  }

  function roleClass(n) {
    if (n.kind === 'cluster') return 'n-cluster';
    if (n.kind === 'group') return n.orphan ? 'n-orphans' : 'n-other';
    return 'r-' + (n.isTarget ? 'target' : (n.role || 'none'));
  }

  function tipLines(n) {
    // The server words the details (the HTML report uses the same); only the click hint is the webview's.
    return n.kind === 'cluster' ? [...n.details, 'Click to open this cluster'] : n.details;
  }

  function showTip(n, evt) {
    tip.replaceChildren();
    const h = document.createElement('strong');
    h.textContent = n.label;
    tip.appendChild(h);
    for (const line of tipLines(n)) {
      const d = document.createElement('div');
      d.textContent = line;
      tip.appendChild(d);
    }
    tip.hidden = false;
    const x = Math.min(evt.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = Math.min(evt.clientY + 14, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  }

  function activate(n) {
    if (n.kind === 'page' && n.uri) vscode.postMessage({ type: 'open', uri: n.uri });
    else if (n.kind === 'cluster' && n.clusterId) vscode.postMessage({ type: 'show', folderUri: graph.folderUri, clusterId: n.clusterId });
  }

  function setViewBox() {
    svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h);
  }

  function fit() {
    if (!graph || !svg) return;
    view = { x: 0, y: 0, w: Math.max(graph.width, 10), h: Math.max(graph.height, 10) };
    setViewBox();
  }

  function legend() {
    legendEl.replaceChildren();
    const add = (cls, text, line) => {
      const li = document.createElement('li');
      const sw = document.createElement('span');
      sw.className = (line ? 'ln ' : 'sw ') + cls;
      li.append(sw, document.createTextNode(text));
      legendEl.appendChild(li);
    };
    if (graph.scope === 'cluster') {
      const roles = new Set(graph.nodes.map((n) => (n.isTarget ? 'target' : n.role || 'support')));
      for (const r of ROLES) if (roles.has(r)) add('r-' + r, r, false);
      add('up-none', 'no link up', false);
      // The orange ring (linkUp 'boilerplate') needs its own entry, or it reads as a role colour.
      if (graph.nodes.some((n) => n.linkUp === 'boilerplate')) add('up-boiler', 'link up only in a list', false);
    } else {
      add('n-cluster', 'cluster (pages inside)', false);
      add('n-other', 'other pages', false);
      add('n-orphans', 'orphans', false);
    }
    add('e-content', 'body-text link', true);
    add('e-boilerplate', 'related list / navigation', true);
    if (graph.scope === 'cluster') add('e-missing', 'missing link up', true);
  }

  function render() {
    stage.replaceChildren();
    tip.hidden = true;
    titleEl.textContent = graph.scope === 'site' ? 'Site: ' + graph.folderName : graph.title + (graph.inferred ? ' (suggested)' : '');
    const links = graph.edges.filter((e) => e.kind !== 'missing').length;
    const missing = graph.edges.filter((e) => e.kind === 'missing').length;
    factsEl.textContent = graph.scope === 'site'
      ? plural(graph.clusters.length, 'cluster') + ', ' + plural(graph.nodes.reduce((s, n) => s + (n.pages || 0), 0), 'page')
      : plural(graph.nodes.length, 'page') + ', ' + plural(links, 'link') + (missing ? ', ' + missing + ' missing up' : '');
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = graph.scope === 'site' ? '(choose a cluster)' : '(whole site)';
    select.appendChild(none);
    for (const c of graph.clusters) {
      const o = document.createElement('option');
      o.value = c.id;
      o.textContent = c.name;
      if (c.id === graph.clusterId) o.selected = true;
      select.appendChild(o);
    }
    legend();
    if (graph.nodes.length === 0) {
      message(graph.scope === 'site' ? 'No pages indexed yet.' : 'This cluster has no pages.');
      return;
    }
    svg = el('svg', { class: 'graph ' + graph.scope, role: 'img', 'aria-label': titleEl.textContent + ': ' + factsEl.textContent, preserveAspectRatio: 'xMidYMid meet' }, stage);
    const defs = el('defs', {}, svg);
    for (const kind of ['content', 'boilerplate', 'missing']) {
      const m = el('marker', { id: 'm-' + kind, class: 'm-' + kind, viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto' }, defs);
      el('path', { d: 'M0,0 L10,5 L0,10 z' }, m);
    }
    const pos = new Map(graph.nodes.map((n) => [n.id, n]));
    const pairs = new Set(graph.edges.map((e) => e.from + '\n' + e.to));
    const rank = { missing: 0, boilerplate: 1, content: 2 };
    const edgeLayer = el('g', { class: 'edges' }, svg);
    const edgesOf = new Map();
    for (const e of [...graph.edges].sort((a, b) => rank[a.kind] - rank[b.kind])) {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.hypot(dx, dy) || 1;
      const shift = pairs.has(e.to + '\n' + e.from) ? 3.5 : 0;
      const ox = (-dy / d) * shift;
      const oy = (dx / d) * shift;
      const w = graph.scope === 'site' ? Math.min(6, 1 + Math.log2(e.weight)) : 1.4;
      const line = el('line', {
        class: 'edge e-' + e.kind,
        x1: (a.x + (dx / d) * a.r + ox).toFixed(1), y1: (a.y + (dy / d) * a.r + oy).toFixed(1),
        x2: (b.x - (dx / d) * (b.r + 2) + ox).toFixed(1), y2: (b.y - (dy / d) * (b.r + 2) + oy).toFixed(1),
        'stroke-width': w.toFixed(1), 'marker-end': 'url(#m-' + e.kind + ')',
      }, edgeLayer);
      for (const id of [e.from, e.to]) {
        if (!edgesOf.has(id)) edgesOf.set(id, []);
        edgesOf.get(id).push(line);
      }
    }
    const nodeLayer = el('g', { class: 'nodes' }, svg);
    for (const n of graph.nodes) {
      const cls = ['node', roleClass(n), n.linkUp === 'none' ? 'up-none' : n.linkUp === 'boilerplate' ? 'up-boiler' : '', n.kind === 'page' && n.orphan ? 'orphan' : '', n.kind !== 'group' ? 'clickable' : ''].filter(Boolean).join(' ');
      const g = el('g', { class: cls, tabindex: n.kind === 'group' ? -1 : 0, role: n.kind === 'group' ? 'img' : 'button', 'aria-label': n.label + '. ' + tipLines(n).join('. ') }, nodeLayer);
      el('circle', { cx: n.x, cy: n.y, r: n.r }, g);
      if (n.kind !== 'page') {
        const c = el('text', { class: 'count', x: n.x, y: n.y + 4, 'text-anchor': 'middle' }, g);
        c.textContent = String(n.pages || 0);
      }
      const t = el('text', { class: 'label', x: n.labelX, y: n.labelY, 'text-anchor': n.anchor }, g);
      t.textContent = n.shortLabel;
      const hi = (on) => { for (const l of edgesOf.get(n.id) || []) l.classList.toggle('hi', on); };
      g.addEventListener('mouseenter', (evt) => { hi(true); showTip(n, evt); });
      g.addEventListener('mousemove', (evt) => showTip(n, evt));
      g.addEventListener('mouseleave', () => { hi(false); tip.hidden = true; });
      g.addEventListener('focus', () => hi(true));
      g.addEventListener('blur', () => hi(false));
      g.addEventListener('click', () => activate(n));
      g.addEventListener('keydown', (evt) => { if (evt.key === 'Enter' || evt.key === ' ') { evt.preventDefault(); activate(n); } });
    }
    fit();
  }

  // Wheel zooms around the pointer; dragging the background pans.
  stage.addEventListener('wheel', (evt) => {
    if (!svg || !view) return;
    evt.preventDefault();
    const rect = svg.getBoundingClientRect();
    const scale = Math.min(view.w / rect.width, view.h / rect.height);
    const px = view.x + (evt.clientX - rect.left - (rect.width - view.w / scale) / 2) * scale;
    const py = view.y + (evt.clientY - rect.top - (rect.height - view.h / scale) / 2) * scale;
    const f = evt.deltaY > 0 ? 1.15 : 1 / 1.15;
    view = { x: px - (px - view.x) * f, y: py - (py - view.y) * f, w: view.w * f, h: view.h * f };
    setViewBox();
  }, { passive: false });
  let drag = null;
  stage.addEventListener('pointerdown', (evt) => {
    if (!svg || !view || evt.target.closest('.node')) return;
    const rect = svg.getBoundingClientRect();
    drag = { x: evt.clientX, y: evt.clientY, view: { ...view }, scale: Math.max(view.w / rect.width, view.h / rect.height) };
    stage.setPointerCapture(evt.pointerId);
  });
  stage.addEventListener('pointermove', (evt) => {
    if (!drag) return;
    view = { ...drag.view, x: drag.view.x - (evt.clientX - drag.x) * drag.scale, y: drag.view.y - (evt.clientY - drag.y) * drag.scale };
    setViewBox();
  });
  stage.addEventListener('pointerup', () => { drag = null; });

  document.getElementById('fit').addEventListener('click', fit);
  document.getElementById('site').addEventListener('click', () => { if (graph) vscode.postMessage({ type: 'show', folderUri: graph.folderUri }); });
  select.addEventListener('change', () => {
    if (!graph) return;
    vscode.postMessage(select.value ? { type: 'show', folderUri: graph.folderUri, clusterId: select.value } : { type: 'show', folderUri: graph.folderUri });
  });

  window.addEventListener('message', (evt) => {
    const m = evt.data;
    if (m.type === 'graph') { graph = m.graph; render(); }
    else if (m.type === 'loading') { tip.hidden = true; stage.classList.add('loading'); }
    else if (m.type === 'error') { message(m.message); }
    if (m.type !== 'loading') stage.classList.remove('loading');
  });
  vscode.postMessage({ type: 'ready' });
})();
