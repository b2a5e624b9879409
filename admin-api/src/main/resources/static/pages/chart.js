// Small SVG line charts drawn by hand: one line per series over the hours of a day.
const NS = 'http://www.w3.org/2000/svg';
const COLOURS = ['#0b63ce', '#b3261e', '#1b7f3b', '#8e44ad', '#d35400', '#16a085'];

/** An SVG element with `attrs`, holding `text` if given. */
export function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Draws `series` ({name: [[hour, value], …]}) into `container` as lines over hours 0–24, with the y axis from 0 to
 * the largest value; `unit` labels the axis.
 */
export function hourChart(container, series, unit) {
  const width = 480, height = 200, left = 40, bottom = 24, top = 10, right = 90;
  const values = Object.values(series).flat().map(([, v]) => v).filter(v => v !== null && v !== undefined);
  const max = Math.max(1, ...values);
  const x = hour => left + (hour / 24) * (width - left - right);
  const y = value => top + (1 - value / max) * (height - top - bottom);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img' });
  root.append(svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), stroke: '#999' }));
  root.append(svg('line', { x1: left, y1: top, x2: left, y2: y(0), stroke: '#999' }));
  for (const h of [0, 6, 12, 18, 24]) {
    root.append(svg('text', { x: x(h), y: height - 6, 'text-anchor': 'middle' }, h + 'h'));
  }
  root.append(svg('text', { x: left - 4, y: top + 10, 'text-anchor': 'end' }, Math.round(max)));
  root.append(svg('text', { x: left - 4, y: y(0), 'text-anchor': 'end' }, '0'));
  root.append(svg('text', { x: 2, y: top + 24 }, unit));
  Object.entries(series).forEach(([name, points], i) => {
    const colour = COLOURS[i % COLOURS.length];
    const shown = points.filter(([, v]) => v !== null && v !== undefined).sort((a, b) => a[0] - b[0]);
    if (shown.length === 0) return;
    root.append(svg('polyline', { fill: 'none', stroke: colour, 'stroke-width': 2,
      points: shown.map(([h, v]) => x(h + 0.5) + ',' + y(v)).join(' ') }));
    for (const [h, v] of shown) root.append(svg('circle', { cx: x(h + 0.5), cy: y(v), r: 2.5, fill: colour }));
    root.append(svg('text', { x: width - right + 6, y: top + 14 + i * 16, fill: colour }, name));
  });
  container.replaceChildren(root);
}
