import { api, saveSession } from '/pages/common.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
if (new URLSearchParams(location.search).has('expired')) {
  error.textContent = 'Your session ended; log in again.';
}

/** Where a user goes after logging in: where they came from (on this server), else their role's page. */
function destination(roles) {
  const next = new URLSearchParams(location.search).get('next');
  if (next && next.startsWith('/pages/') && !next.startsWith('//')) return next;
  if (roles.includes('admin') || roles.includes('supervisor')) return '/pages/wallboard.html';
  if (roles.includes('designer')) return '/pages/flows.html';
  return '/pages/agent.html';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.textContent = '';
  const { status, data } = await api('POST', '/api/session', {
    name: document.getElementById('name').value,
    password: document.getElementById('password').value,
  });
  if (status !== 201) {
    error.textContent = (data && data.detail) || 'Login failed (' + status + ')';
    return;
  }
  saveSession(data);
  location.replace(destination(data.roles));
});
