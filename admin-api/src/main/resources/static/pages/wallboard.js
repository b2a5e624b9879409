import { api, live, el, header, requireLogin, notAllowed, clock, percent, has, secondsSince }
  from '/pages/common.js';
import { hourChart } from '/pages/chart.js';

requireLogin();
header('wallboard');
const status = document.getElementById('live-status');
live('/api/wallboard/live', draw,
  state => { status.textContent = state; },
  (code, problem) => notAllowed(document.getElementById('content'), problem,
    'The wallboard needs the supervisor role (server answered ' + code + ').'));

// waits and times in state count on between snapshots; only those cells change, so a button being clicked stays put
setInterval(() => {
  for (const cell of document.querySelectorAll('[data-since]')) cell.textContent = clock(secondsSince(cell.dataset.since));
}, 1000);

function draw(s) {
  document.getElementById('queues').replaceChildren(...s.queues.map(q => el('tr', { 'data-queue': q.queue },
    el('td', {}, q.queue),
    el('td', { class: 'number waiting-count' }, q.waitingCount),
    el('td', { class: 'number', 'data-since': q.longestWaitingSince }, clock(secondsSince(q.longestWaitingSince))),
    el('td', { class: 'number' }, percent(q.serviceLevelToday) + ' in ' + q.serviceLevelSeconds + ' s'),
    el('td', { class: 'number' }, q.answeredToday),
    el('td', { class: 'number' }, q.abandonedToday + ' (' + percent(q.abandonRateToday) + ')'),
    el('td', {}, Object.entries(q.agents).filter(([, n]) => n > 0).map(([st, n]) => st + ' ' + n).join(', ') || '–'),
    el('td', { class: 'number' }, q.callbacksPending))));
  document.getElementById('waiting').replaceChildren(...s.queues.flatMap(q => q.waiting.map(w =>
    el('tr', { 'data-call-id': w.callId, 'data-caller': w.caller },
      el('td', {}, q.queue), el('td', {}, w.position), el('td', {}, w.caller || 'withheld'),
      el('td', { class: 'number', 'data-since': w.waitingSince }, clock(secondsSince(w.waitingSince)))))));
  document.getElementById('agents').replaceChildren(...s.agents.map(a => el('tr', { 'data-agent': a.id },
    el('td', {}, a.id), el('td', {}, a.name),
    el('td', { class: 'state state-' + a.state }, a.state + (a.reason ? ' (' + a.reason + ')' : '')),
    el('td', { class: 'number', 'data-since': a.since }, clock(secondsSince(a.since))),
    el('td', {}, a.queue || ''), el('td', {}, a.phoneRegistered ? 'registered' : '–'),
    el('td', {},
      el('button', { 'data-action': 'not-ready', disabled: a.state === 'not-ready' || a.state === 'logged-out',
        onclick: () => setAgent(a.id, { state: 'not-ready', reason: 'supervisor' }) }, 'Not ready'), ' ',
      el('button', { class: 'danger', 'data-action': 'logged-out', disabled: a.state === 'logged-out',
        onclick: () => setAgent(a.id, { state: 'logged-out' }) }, 'Log out')))));
}

async function setAgent(id, change) {
  const { status: code, data } = await api('PUT', '/api/agents/' + encodeURIComponent(id) + '/state', change);
  document.getElementById('agent-error').textContent = code === 200 ? '' : (data && data.detail) || 'refused';
}

async function calendars() {
  const { status: code, data } = await api('GET', '/api/calendars');
  const body = document.getElementById('calendars');
  if (code !== 200) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, (data && data.detail) || 'unavailable')));
    return;
  }
  body.replaceChildren(...data.map(c => el('tr', { 'data-calendar': c.name },
    el('td', {}, c.name), el('td', { class: 'calendar-now' }, c.now + (c.switched ? ' (switched)' : '')),
    el('td', {}, c.hours),
    el('td', {}, ['closed-now', 'open-now', 'none'].map(state => el('button', { 'data-switch': state,
      disabled: (c.switched || 'none') === state, onclick: () => switchCalendar(c.name, state) },
    state === 'none' ? 'By hours' : state === 'open-now' ? 'Open now' : 'Closed now'))))));
}

async function switchCalendar(name, state) {
  const { status: code, data } = await api('PUT', '/api/calendars/' + encodeURIComponent(name), { state });
  document.getElementById('calendar-error').textContent = code === 200 ? '' : (data && data.detail) || 'refused';
  calendars();
}

async function charts() {
  const today = new Date();
  const day = d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
    + String(d.getDate()).padStart(2, '0');
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const { status: code, data } = await api('GET', '/api/reports/queues?from=' + day(today) + '&to='
    + day(tomorrow) + '&interval=hour');
  const wait = document.getElementById('chart-wait');
  const abandoned = document.getElementById('chart-abandoned');
  if (code !== 200 || !data || !Array.isArray(data.rows) || data.rows.length === 0) {
    const text = code === 200 || code === 404 ? 'no report data' : 'report unavailable (' + code + ')';
    wait.replaceChildren(el('p', { class: 'status no-report' }, text));
    abandoned.replaceChildren(el('p', { class: 'status no-report' }, text));
    return;
  }
  const series = field => {
    const out = {};
    for (const row of data.rows) {
      const hour = Number(row.intervalStart.slice(11, 13));
      (out[row.queue] ||= []).push([hour, row[field]]);
    }
    return out;
  };
  hourChart(wait, series('averageWaitSeconds'), 's');
  hourChart(abandoned, series('abandoned'), 'calls');
}

if (has('supervisor')) {
  calendars();
  charts();
  setInterval(charts, 60000);
}
