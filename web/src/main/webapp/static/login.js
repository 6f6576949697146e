// The login page /login: signs in through POST /login (JSON) and goes on to the page that sent the browser here.
// Without scripts the form posts j_username/j_password itself and the server answers with a redirect.
const params = new URLSearchParams(location.search);
const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const next = params.get('next') || '/';
document.getElementById('next').value = next;

function show(text) {
  message.textContent = text;
  message.hidden = false;
}

function tooMany(seconds) {
  return `Too many failed sign-ins. Wait ${seconds} seconds, then try again.`;
}

if (params.has('failed')) show('Wrong user name or password.');
if (/^[0-9]+$/.test(params.get('throttled') || '')) show(tooMany(params.get('throttled')));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.hidden = true;
  const button = document.getElementById('sign-in');
  button.disabled = true;
  try {
    const response = await fetch(`${location.origin}/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'quire' },
      body: JSON.stringify({ username: form.j_username.value, password: form.j_password.value, next }),
    });
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      location.assign(data.next || '/');
      return;
    }
    if (response.status === 429) show(tooMany(response.headers.get('Retry-After') || '?'));
    else show(data.message || `Quire answered HTTP ${response.status}.`);
    form.j_password.value = '';
    form.j_password.focus();
  } catch (e) {
    show('Quire cannot be reached. Try again.');
  } finally {
    button.disabled = false;
  }
});
