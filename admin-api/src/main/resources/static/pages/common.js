// Shared by every page: the login kept in sessionStorage (never a cookie), API calls with it as a bearer header,
// the live feed (server-sent events read through fetch, so the header goes along), and the page header.

const KEY = 'switchboard.session';
let serverOffset = 0; // the server's clock minus this browser's, from the live feed's Date header

/** Seconds from `instant` (ISO-8601, the server's clock) until now; null for none. */
export function secondsSince(instant) {
  if (!instant) return null;
  return Math.max(0, Math.floor((Date.now() + serverOffset - Date.parse(instant)) / 1000));
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

export function saveSession(opened) {
  sessionStorage.setItem(KEY, JSON.stringify({ user: opened.user, roles: opened.roles, token: opened.token }));
}

/** Whether the logged-in user has `role` (admin has every role). */
export function has(role) {
  const s = session();
  return !!s && (s.roles.includes(role) || s.roles.includes('admin'));
}

/** Sends the browser to the login page (and back here afterwards) unless someone is logged in. */
export function requireLogin() {
  const s = session();
  if (!s) {
    location.replace('/pages/login.html?next=' + encodeURIComponent(location.pathname + location.search));
    throw new Error('not logged in');
  }
  return s;
}

/** Calls the API; answers {status, data} where data is the JSON body (a problem on errors) or null. */
export async function api(method, path, body, contentType) {
  const s = session();
  const headers = { Accept: 'application/json' };
  if (s) headers.Authorization = 'Bearer ' + s.token;
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  const sent = body === undefined ? undefined : contentType ? body : JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, { method, headers, body: sent });
  } catch (e) {
    return { status: 0, data: { title: 'Server unreachable', detail: String(e) } };
  }
  if (response.status === 401 && s) {
    sessionStorage.removeItem(KEY);
    location.replace('/pages/login.html?expired=1&next=' + encodeURIComponent(location.pathname + location.search));
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { title: 'Unreadable answer', detail: text.slice(0, 200) };
  }
  return { status: response.status, data };
}

/**
 * Follows a server-sent events stream: `onSnapshot(json)` for each snapshot, `onState(text)` for the connection's
 * state. Reconnects 2 s after the stream ends; stops for good on 401/403/404/429 (`onRefused(status, problem)`).
 */
export function live(path, onSnapshot, onState, onRefused) {
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      const s = session();
      let response;
      try {
        response = await fetch(path, { headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + s.token } });
      } catch {
        onState('disconnected, retrying');
        await pause(2000);
        continue;
      }
      if (!response.ok) {
        let problem = null;
        try { problem = await response.json(); } catch { problem = null; }
        if ([401, 403, 404, 429].includes(response.status)) {
          if (response.status === 401) {
            sessionStorage.removeItem(KEY);
            location.replace('/pages/login.html?expired=1');
          }
          onRefused(response.status, problem);
          return;
        }
        onState('server answered ' + response.status + ', retrying');
        await pause(2000);
        continue;
      }
      const date = response.headers.get('Date');
      if (date) serverOffset = Date.parse(date) - Date.now();
      onState('live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5)).join('\n');
            if (data) onSnapshot(JSON.parse(data));
          }
        }
      } catch {
        // the connection broke: reconnect below
      }
      onState('reconnecting');
      await pause(2000);
    }
  };
  run();
  return () => { stopped = true; };
}

function pause(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Builds an element: el('td', {class: 'x', 'data-id': 1}, 'text', child…). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The page header: the pages this user's roles may open, who is logged in, and a logout button. */
export function header(current) {
  const s = session();
  const links = [
    ['wallboard', 'Wallboard', has('supervisor')],
    ['agent', 'Agent', has('agent') || has('supervisor')],
    ['flows', 'Flows', has('designer') || has('supervisor')],
  ].filter(([, , allowed]) => allowed)
    .map(([page, label]) => el('a', { href: '/pages/' + page + '.html', class: page === current ? 'current' : null,
      id: 'nav-' + page }, label));
  const logout = el('button', { id: 'logout', onclick: async () => {
    await api('DELETE', '/api/session');
    sessionStorage.removeItem(KEY);
    location.replace('/pages/login.html');
  } }, 'Log out');
  document.querySelector('header').replaceChildren(el('strong', {}, 'Switchboard'), el('nav', {}, links),
    el('span', { id: 'who' }, s.user + ' (' + s.roles.join(', ') + ')'), logout);
}

/** Replaces `container`'s content with a refusal: what the server said and why. */
export function notAllowed(container, problem, fallback) {
  container.replaceChildren(el('div', { class: 'refused', id: 'refused' },
    el('h2', {}, 'Not allowed'),
    el('p', {}, (problem && problem.detail) || fallback)));
}

/** 75 → "1:15". */
export function clock(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + r : m + ':' + r;
}

/** 0.8 → "80 %"; null → "–". */
export function percent(ratio) {
  return ratio === null || ratio === undefined ? '–' : Math.round(ratio * 100) + ' %';
}
