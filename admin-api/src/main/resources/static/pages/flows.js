import { api, el, header, requireLogin, notAllowed, has } from '/pages/common.js';
import { svg } from '/pages/chart.js';

requireLogin();
header('flows');
const designer = has('designer');
let selected = null;

async function flows(reopen = true) {
  const { status, data } = await api('GET', '/api/flows');
  if (status !== 200) {
    notAllowed(document.getElementById('content'), data, 'The flows page needs the designer or supervisor role.');
    return;
  }
  document.getElementById('flows').replaceChildren(...data.map(f => el('tr', { 'data-flow': f.id },
    el('td', {}, el('a', { href: '#' + f.id, onclick: () => open(f.id) }, f.id)),
    el('td', { class: 'live-version' }, f.liveVersion), el('td', {}, f.start), el('td', {}, f.steps))));
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (reopen && wanted && data.some(f => f.id === wanted)) open(wanted);
}

async function open(id) {
  selected = id;
  document.getElementById('flow-name').textContent = id;
  document.getElementById('versions-section').hidden = false;
  document.getElementById('read-only').hidden = designer;
  document.getElementById('publish-section').hidden = !designer;
  document.getElementById('publish-result').replaceChildren();
  document.getElementById('diff').replaceChildren();
  await versions();
  await graph();
  if (designer) await loadLive();
}

async function versions() {
  const { status, data } = await api('GET', '/api/flows/' + encodeURIComponent(selected) + '/versions');
  const error = document.getElementById('flow-error');
  if (status !== 200) {
    error.textContent = (data && data.detail) || 'refused';
    return;
  }
  const newest = data.length;
  document.getElementById('versions').replaceChildren(...data.map(v => el('tr', { 'data-version': v.version,
    class: v.live ? 'live' : null },
  el('td', {}, 'v' + v.version + (v.live ? ' (live)' : '')),
  el('td', {}, new Date(v.publishedAt).toLocaleString()), el('td', {}, v.source), el('td', {}, v.note),
  el('td', {}, el('input', { type: 'radio', name: 'from', value: v.version, checked: v.version === newest - 1 })),
  el('td', {}, el('input', { type: 'radio', name: 'to', value: v.version, checked: v.version === newest })),
  el('td', {}, designer && !v.live ? el('button', { 'data-make-live': v.version, onclick: () => makeLive(v.version) },
    v.version < newest ? 'Roll back to v' + v.version : 'Make live') : ''))));
}

async function makeLive(version) {
  const { status, data } = await api('PUT', '/api/flows/' + encodeURIComponent(selected) + '/live?version='
    + version);
  document.getElementById('flow-error').textContent = status === 200 ? '' : (data && data.detail) || 'refused';
  await refresh();
}

/** After a change: the flows' live versions, the selected flow's versions and its graph. */
async function refresh() {
  await flows(false);
  await versions();
  await graph();
}

/** The live version's YAML, to edit into the next one: the diff of the live version with itself has every line. */
async function loadLive() {
  const live = document.querySelector('#versions tr.live');
  if (!live) return;
  const v = live.dataset.version;
  const { status, data } = await api('GET', '/api/flows/' + encodeURIComponent(selected) + '/diff?from=' + v
    + '&to=' + v);
  if (status === 200) document.getElementById('publish-yaml').value = data.lines.map(l => l.text).join('\n') + '\n';
}

document.getElementById('publish').addEventListener('click', async () => {
  const note = document.getElementById('publish-note').value;
  const { status, data } = await api('POST', '/api/flows/' + encodeURIComponent(selected) + '/versions?note='
    + encodeURIComponent(note), document.getElementById('publish-yaml').value, 'application/yaml');
  const result = document.getElementById('publish-result');
  if (status === 201 || status === 200) {
    result.replaceChildren(status === 201 ? 'Published v' + data.version + ': live now' : 'Unchanged: v'
      + data.version + ' is this text');
    await refresh();
    return;
  }
  const lines = [(data && data.detail) || 'refused'];
  for (const d of (data && data.diagnostics) || []) {
    lines.push(d.file + ':' + d.line + ':' + d.column + ': ' + d.severity + ': ' + d.message
      + (d.hint ? ' (hint: ' + d.hint + ')' : ''));
  }
  result.replaceChildren(...lines.map(t => el('div', { class: 'error' }, t)));
});
document.getElementById('load-live').addEventListener('click', loadLive);

document.getElementById('show-diff').addEventListener('click', async () => {
  const from = document.querySelector('input[name=from]:checked');
  const to = document.querySelector('input[name=to]:checked');
  if (!from || !to) return;
  const { status, data } = await api('GET', '/api/flows/' + encodeURIComponent(selected) + '/diff?from='
    + from.value + '&to=' + to.value);
  const pre = document.getElementById('diff');
  if (status !== 200) {
    pre.replaceChildren((data && data.detail) || 'refused');
    return;
  }
  pre.replaceChildren(...data.lines.map(l => el('span', { class: l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'same' },
    l.op + ' ' + l.text)));
});

/** Lays the steps out in columns by their distance from the start step, and draws the outcomes as arrows. */
async function graph() {
  const { status, data } = await api('GET', '/api/flows/' + encodeURIComponent(selected) + '/graph');
  const box = document.getElementById('graph');
  document.getElementById('graph-section').hidden = false;
  if (status !== 200) {
    box.replaceChildren((data && data.detail) || 'refused');
    return;
  }
  const depth = new Map();
  const start = data.nodes.find(n => n.start);
  const queue = start ? [start.id] : [];
  if (start) depth.set(start.id, 0);
  while (queue.length) {
    const at = queue.shift();
    for (const e of data.edges.filter(edge => edge.from === at)) {
      if (!depth.has(e.to)) { depth.set(e.to, depth.get(at) + 1); queue.push(e.to); }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  for (const n of data.nodes) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  const columns = new Map();
  const place = new Map();
  for (const n of data.nodes) {
    const d = depth.get(n.id);
    const row = columns.get(d) || 0;
    columns.set(d, row + 1);
    place.set(n.id, { x: 20 + d * 190, y: 20 + row * 60 });
  }
  const width = 20 + (Math.max(...columns.keys()) + 1) * 190;
  const height = 40 + Math.max(...columns.values()) * 60;
  const root = svg('svg', { id: 'flow-graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6,
    markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#5b6576' }));
  defs.append(marker);
  root.append(defs);
  for (const e of data.edges) {
    const a = place.get(e.from), b = place.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + 150, y1 = a.y + 18, x2 = b.x, y2 = b.y + 18;
    root.append(svg('line', { x1, y1, x2: x2 === x1 ? x2 + 1 : x2, y2, stroke: '#5b6576', 'marker-end': 'url(#arrow)',
      'data-edge': e.from + '->' + e.to }));
    if (e.label) root.append(svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, fill: '#5b6576' }, e.label));
  }
  for (const n of data.nodes) {
    const p = place.get(n.id);
    const g = svg('g', { 'data-step': n.id });
    g.append(svg('rect', { x: p.x, y: p.y, width: 150, height: 36, rx: 6, fill: n.start ? '#e3efff' : '#fff',
      stroke: '#0b63ce' }));
    g.append(svg('text', { x: p.x + 8, y: p.y + 15 }, n.id));
    g.append(svg('text', { x: p.x + 8, y: p.y + 30, fill: '#5b6576' }, n.kind));
    root.append(g);
  }
  box.replaceChildren(root);
}

window.addEventListener('hashchange', () => {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && wanted !== selected) open(wanted);
});
flows();
