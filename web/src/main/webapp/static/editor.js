// The ONLYOFFICE editor page /edit/{id} (served by org.quire.web.onlyoffice.EditorPage).
// It asks Quire's REST API for the signed editor config and opens the Document Server's editor with it, and it
// answers the editor's events through the same API. No rule lives here: who may do what is decided by Quire.
// Protocol: shared/protocols/ONLYOFFICE-API.md §1.5 (events) and §1.6 (methods).

import { headers as writeHeaders } from './api.js';

const page = document.getElementById('quire-editor').dataset;
const documentUrl = `${location.origin}${page.api}/documents/${encodeURIComponent(page.document)}`;
const notice = document.getElementById('notice');
const message = document.getElementById('message');
const title = document.getElementById('title');

class QuireError extends Error {
  constructor(text, status) {
    super(text);
    this.status = status;
  }
}

/** Shows an error to the user (the alert area is read out by screen readers). */
function showError(text) {
  notice.hidden = true;
  message.textContent = text;
  message.hidden = false;
}

function showNotice(text) {
  message.hidden = true;
  notice.textContent = text;
  notice.hidden = false;
}

/** Calls Quire's API for this document; a failure becomes a QuireError carrying Quire's message. */
async function quire(method, path, body) {
  // an absolute URL from location.origin: a page opened as http://user:pass@host/… must not pass credentials to fetch
  const response = await fetch(documentUrl + path, {
    method,
    credentials: 'same-origin',
    // a write from a signed-in browser session carries the session's CSRF token (api.js)
    headers: await writeHeaders(method, body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    throw new QuireError(data && data.message ? data.message : `Quire answered HTTP ${response.status}.`, response.status);
  }
  return data;
}

/** An ACL principal as a person reads it. */
function principalLabel(principal) {
  if (principal === 'everyone') return 'Everyone';
  if (principal === 'owner') return 'The owner';
  if (principal.startsWith('user:')) return principal.slice(5);
  if (principal.startsWith('group:')) return `Group ${principal.slice(6)}`;
  return principal;
}

/** Quire's ACL ({entries, inherited}) as the editor's read-only sharingSettings list. */
function sharingSettings(acl) {
  const describe = (entry, inherited) => ({
    user: principalLabel(entry.principal),
    permissions: `${entry.effect === 'deny' ? 'Denied: ' : ''}${entry.role ? entry.role : (entry.permissions || []).join(', ')}`
      + (inherited ? ' (inherited)' : ''),
  });
  return [...(acl.entries || []).map((e) => describe(e, false)), ...(acl.inherited || []).map((e) => describe(e, true))];
}

function editorType() {
  return window.matchMedia('(max-width: 640px)').matches ? 'mobile' : 'desktop';
}

function language() {
  const lang = navigator.language || '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(lang) ? lang : null;
}

function events(config, editor) {
  const fileType = config.document.fileType;
  const handlers = {
    onError: (event) => showError(`The editor reported an error (${event.data.errorCode}): ${event.data.errorDescription}`),
    onDocumentStateChange: (event) => {
      document.title = `${event.data ? '• ' : ''}${title.textContent} – Quire`;
    },
    onRequestHistory: async () => {
      try {
        editor().refreshHistory(await quire('GET', '/onlyoffice/history'));
      } catch (e) {
        editor().refreshHistory({ error: e.message });
        showError(`The version history could not be loaded: ${e.message}`);
      }
    },
    onRequestHistoryData: async (event) => {
      const version = event.data;
      try {
        editor().setHistoryData(await quire('GET', `/onlyoffice/history/${encodeURIComponent(version)}`));
      } catch (e) {
        editor().setHistoryData({ error: e.message, version });
        showError(`Version ${version} could not be opened: ${e.message}`);
      }
    },
    onRequestHistoryClose: () => location.reload(),
    onRequestRestore: async (event) => {
      try {
        editor().refreshHistory(await quire('POST', '/onlyoffice/restore', { version: event.data.version }));
        showNotice(`Version ${event.data.version} was restored as a new version.`);
      } catch (e) {
        showError(`Version ${event.data.version} could not be restored: ${e.message}`);
      }
    },
    onRequestRename: async (event) => {
      // the editor sends the new title without the extension
      const wanted = String(event.data);
      const name = wanted.toLowerCase().endsWith(`.${fileType}`) ? wanted : `${wanted}.${fileType}`;
      try {
        const renamed = await quire('POST', '/onlyoffice/rename', { name });
        title.textContent = renamed.name;
        document.title = `${renamed.name} – Quire`;
        showNotice(`Renamed to “${renamed.name}”.`);
      } catch (e) {
        showError(`The document could not be renamed: ${e.message}`);
      }
    },
    onRequestSaveAs: async (event) => {
      const { url, title: copyTitle, fileType: copyType } = event.data;
      try {
        const copy = await quire('POST', '/onlyoffice/save-as', { url, title: copyTitle, fileType: copyType });
        showNotice(`A copy was saved as “${copy.name}” in the same folder.`);
      } catch (e) {
        showError(`The copy could not be saved: ${e.message}`);
      }
    },
    onRequestUsers: async (event) => {
      const c = (event.data && event.data.c) || 'mention';
      const query = new URLSearchParams({ c });
      ((event.data && event.data.id) || []).forEach((id) => query.append('user', id));
      try {
        const answer = await quire('GET', `/onlyoffice/users?${query}`);
        editor().setUsers({ c: answer.c, users: answer.users });
      } catch (e) {
        editor().setUsers({ c, users: [] });
        showError(`The list of people could not be loaded: ${e.message}`);
      }
    },
    onRequestSharingSettings: async () => {
      try {
        editor().setSharingSettings({ sharingSettings: sharingSettings(await quire('GET', '/acl')) });
      } catch (e) {
        showError(e.status === 403
          ? 'Only the managers of this document can see who it is shared with.'
          : `The sharing settings could not be loaded: ${e.message}`);
      }
    },
    onRequestClose: () => location.assign(page.back),
  };
  if (config.editorConfig.mode === 'view' && config.document.permissions.edit) {
    handlers.onRequestEditRights = () => {
      const url = new URL(location.href);
      url.searchParams.set('mode', 'edit');
      location.assign(url.toString());
    };
  }
  return handlers;
}

/** How long the Document Server's api.js may take to load before the page says what to check. */
const API_JS_TIMEOUT_MS = 15000;

/**
 * Loads the Document Server's api.js: 'loaded' once DocsAPI is there; 'failed' when the request failed (or the
 * script defined no DocsAPI); 'timeout' when it did not load within API_JS_TIMEOUT_MS (a Document Server the
 * browser cannot reach often makes the request hang, not fail).
 */
function loadApiJs() {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    const timer = setTimeout(() => resolve('timeout'), API_JS_TIMEOUT_MS);
    const done = (loaded) => {
      clearTimeout(timer);
      resolve(loaded && typeof window.DocsAPI !== 'undefined' && typeof window.DocsAPI.DocEditor === 'function' ? 'loaded' : 'failed');
    };
    script.onload = () => done(true);
    script.onerror = () => done(false);
    script.src = page.apiJs;
    document.head.appendChild(script);
  });
}

async function open() {
  const apiJs = await loadApiJs();
  if (apiJs !== 'loaded') {
    document.querySelector('#editor .loading')?.remove();
    const what = apiJs === 'timeout' ? `did not load from ${page.apiJs} within ${API_JS_TIMEOUT_MS / 1000} s`
      : `could not be loaded from ${page.apiJs}`;
    showError(`The ONLYOFFICE Document Server's api.js ${what}.`
      + ' Check that the Document Server is running, that this browser can reach it at that address'
      + ' (quire.onlyoffice.url is the address as browsers reach it, not an internal one), that its https certificate is'
      + ' trusted, and that no proxy or firewall blocks it. The administration console\'s "Check connection" shows'
      + ' what Quire\'s server sees.');
    return;
  }
  const query = new URLSearchParams({ mode: page.mode, type: editorType() });
  const lang = language();
  if (lang) query.set('lang', lang);
  let config;
  try {
    config = await quire('GET', `/onlyoffice?${query}`);
  } catch (e) {
    showError(`The editor could not be opened: ${e.message}`);
    return;
  }
  let docEditor = null;
  config.width = '100%';
  config.height = '100%';
  config.events = events(config, () => docEditor);
  docEditor = new window.DocsAPI.DocEditor('editor', config);
  // api.js gives its frame no accessible name
  const frame = document.querySelector('main > iframe');
  if (frame && !frame.title) frame.title = `ONLYOFFICE editor: ${title.textContent}`;
}

open();
