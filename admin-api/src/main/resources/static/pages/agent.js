import { api, live, el, header, requireLogin, notAllowed, clock, secondsSince } from '/pages/common.js';

const me = requireLogin();
header('agent');
// an agent's page is their own; supervisors may open anyone's with ?id=
const id = new URLSearchParams(location.search).get('id') || me.user;
document.getElementById('agent-id').textContent = id;
const status = document.getElementById('live-status');
let last = null;

live('/api/agents/' + encodeURIComponent(id) + '/desk/live', desk => { last = desk; draw(desk); },
  state => { status.textContent = state; },
  (code, problem) => notAllowed(document.getElementById('content'), problem,
    'This page is for agent ' + id + ' and their supervisors (server answered ' + code + ').'));

setInterval(() => { if (last) document.getElementById('in-state').textContent = 'for ' + clock(secondsSince(last.since)); },
  1000);

for (const button of document.querySelectorAll('button[data-state]')) {
  button.addEventListener('click', async () => {
    const state = button.dataset.state;
    const { status: code, data } = await api('PUT', '/api/agents/' + encodeURIComponent(id) + '/state',
      state === 'not-ready' ? { state, reason: 'break' } : { state });
    document.getElementById('state-error').textContent = code === 200 ? '' : (data && data.detail) || 'refused';
  });
}

function draw(desk) {
  document.getElementById('state').textContent = desk.state + (desk.reason ? ' (' + desk.reason + ')' : '');
  document.getElementById('state').className = 'state-' + desk.state;
  const section = document.getElementById('call');
  const call = desk.call;
  if (!call) {
    section.replaceChildren(el('h2', {}, 'Current call'),
      el('p', { id: 'no-call', class: 'status' }, 'No call ringing or connected.'));
    return;
  }
  const context = Object.entries(call.context).filter(([k]) => !['Call-Id', 'Caller', 'Queue', 'Wait'].includes(k));
  section.replaceChildren(
    el('h2', {}, call.answered ? 'Connected call' : 'Ringing call'),
    el('table', { id: 'call-context' },
      el('tr', {}, el('th', {}, 'Caller'), el('td', { id: 'call-caller' }, call.caller || 'withheld')),
      el('tr', {}, el('th', {}, 'Queue'), el('td', { id: 'call-queue' }, call.queue)),
      el('tr', {}, el('th', {}, 'Waited'), el('td', { id: 'call-wait' }, clock(call.waitSeconds))),
      context.map(([k, v]) => el('tr', { 'data-context': k }, el('th', {}, k), el('td', {}, v))),
      el('tr', {}, el('th', {}, 'Menu path'), el('td', { id: 'call-path' }, call.menuPath.join(' → ') || '–'))),
    el('h3', {}, 'Earlier calls from this number'),
    call.earlierCalls.length === 0 ? el('p', { id: 'earlier-none', class: 'status' }, 'none')
      : el('ul', { id: 'earlier' }, call.earlierCalls.map(c => el('li', {}, new Date(c.startedAt).toLocaleString()
        + ' · ' + c.flow + (c.answered ? ' · answered' : ' · not answered')))));
}
