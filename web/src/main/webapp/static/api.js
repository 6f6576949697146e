// The one way the pages talk to Quire: same-origin fetch with the session cookie, the session's CSRF token on
// every write (X-CSRF-Token, from GET /session), and X-Requested-With so that Quire never answers with a Basic
// challenge (which would make the browser prompt for a password).

let session = null;

export class QuireError extends Error {
  constructor(text, status, code) {
    super(text);
    this.status = status;
    this.code = code;
  }
}

/** Who is signed in: {login, admin, csrfToken}. Sends the browser to the login page when nobody is. */
export async function currentSession() {
  if (session) return session;
  const response = await fetch(`${location.origin}/session`, { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'quire' } });
  if (response.status === 401) {
    toLogin();
    throw new QuireError('Not signed in.', 401);
  }
  session = await response.json();
  return session;
}

export function toLogin() {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

export async function headers(method, extra = {}) {
  const h = { Accept: 'application/json', 'X-Requested-With': 'quire', ...extra };
  if (!['GET', 'HEAD'].includes(method)) {
    const s = await currentSession();
    if (s.csrfToken) h['X-CSRF-Token'] = s.csrfToken;
  }
  return h;
}

async function failure(response) {
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (response.status === 401) toLogin();
  const text = data && data.message ? data.message
    : response.status === 404 ? 'This part of Quire is not available here (HTTP 404).' : `Quire answered HTTP ${response.status}.`;
  return new QuireError(text, response.status, data && data.error);
}

/** Calls /api/v1{path}; JSON in and out. A failure becomes a QuireError with Quire's message. */
export async function api(method, path, body) {
  const extra = body === undefined ? {} : { 'Content-Type': 'application/json' };
  const response = await fetch(`${location.origin}/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: await headers(method, extra),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Uploads a File (streamed by the browser from disk, never read into the page) with XHR for its progress
 * events: onProgress(loaded, total). Resolves with the created document.
 */
export async function upload(folderId, file, onProgress) {
  const h = await headers('POST', { 'Content-Type': 'application/octet-stream' });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${location.origin}/api/v1/folders/${encodeURIComponent(folderId)}/documents?name=${encodeURIComponent(file.name)}`);
    Object.entries(h).forEach(([k, v]) => xhr.setRequestHeader(k, v));
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve(data);
      } else {
        reject(new QuireError(data && data.message ? data.message : `Quire answered HTTP ${xhr.status}.`, xhr.status, data && data.error));
      }
    });
    xhr.addEventListener('error', () => reject(new QuireError('The upload was interrupted.', 0)));
    xhr.send(file);
  });
}

export async function logout() {
  await fetch(`${location.origin}/logout`, { method: 'POST', credentials: 'same-origin', headers: await headers('POST') });
  session = null;
  location.assign('/login');
}

/** Formats a byte count for people. */
export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Creates an element: el('button', {type: 'button', onclick: f}, 'text', child …). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
