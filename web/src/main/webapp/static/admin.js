// The administration console /admin (dms-admin only; PageFilter refuses everyone else). Screens over the admin
// API /api/v1/admin/* (issue 6): settings, check connection, live sessions, locks, users and groups, access
// rights, versions, trash, audit search, storage and the content scrub. A screen whose endpoint is missing or
// fails says so in the alert area; nothing here decides anything.
import { QuireError, api, bytes, currentSession, el, logout, when } from './api.js';
import { aclEditor } from './acl-editor.js';

const $ = (id) => document.getElementById(id);
const SECTIONS = ['settings', 'connection', 'sessions', 'locks', 'sign-in', 'users', 'access', 'versions', 'trash', 'audit', 'storage'];
const AUDIT_PAGE_SIZE = 20;
let auditPage = 0;
let scrubTimer = null;
let settingsLoaded = [];

function showNotice(text) {
  $('message').hidden = true;
  $('notice').textContent = text;
  $('notice').hidden = false;
}

function showError(text) {
  $('notice').hidden = true;
  $('message').textContent = text;
  $('message').hidden = false;
}

function clearMessages() {
  $('notice').hidden = true;
  $('message').hidden = true;
}

/** Runs a call; a failure (including a 404 of an endpoint this server does not have) is shown, never thrown. */
async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    showError(e instanceof QuireError && e.status === 404 && !e.code
      ? `This screen's API is not available on this server (HTTP 404): ${e.message}` : e.message);
    return undefined;
  }
}

const items = (data) => (data && Array.isArray(data.items) ? data.items : []);

// --- navigation ---------------------------------------------------------------------------------------------

function route() {
  const name = SECTIONS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'settings';
  clearMessages();
  SECTIONS.forEach((s) => { $(`section-${s}`).hidden = s !== name; });
  document.querySelectorAll('#tabs a').forEach((a) => {
    if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.title = `${$(`h-${name}`).textContent} – Quire administration`;
  LOADERS[name]();
}

// --- settings -----------------------------------------------------------------------------------------------

/**
 * The settings page in people's words (labels after ONLYOFFICE's own connector settings pages): each group lists
 * its keys with a label and help; the server's description of a key comes under it, the key itself beside the
 * label in small type. The check-connection results are shown in the group of the fields they concern. A key the
 * server returns that no group names goes to "Other settings", labelled by its key.
 */
const SETTING_GROUPS = [
  {
    id: 'document-server', title: 'Document Server (ONLYOFFICE Docs)',
    checks: ['onlyoffice-configuration', 'document-server-healthcheck', 'document-server-command', 'quire-reachable'],
    fields: {
      'quire.onlyoffice.url': ['Document Editing Service address', 'The address browsers load the editors from (api.js), e.g. https://docs.example.com/.'],
      'quire.onlyoffice.secret': ['Secret key', 'The JWT secret set on the Document Server (services.CoAuthoring.secret); it signs editor configs and callbacks.'],
      'quire.onlyoffice.jwt': ['JWT', 'on: every request between Quire and the Document Server is signed with the secret key; off only when the Document Server has JWT switched off too.'],
      'quire.onlyoffice.jwt-header': ['Authorization header', 'The HTTP header the Document Server sends its token in; Authorization unless changed there.'],
      'quire.onlyoffice.internal-url': ['Document Editing Service address for internal requests from the server', 'How Quire reaches the Document Server directly (commands, conversions, downloads). Empty: the address above.'],
      'quire.public-url': ['Server address for internal requests from the Document Editing Service', 'How the Document Server reaches Quire (callbacks, file downloads), e.g. https://quire.example.com.'],
      'quire.collaboration.mode': ['Co-editing mode', 'fast: everyone sees changes as they are typed; strict: changes appear when saved.'],
      'quire.collaboration.change': ['Editors may switch the co-editing mode', ''],
      'quire.onlyoffice.forcesave': ['Keep intermediate versions (force save)', ''],
      'quire.editable-formats': ['Formats that open for editing', ''],
    },
  },
  {
    id: 'wopi', title: 'WOPI',
    checks: ['wopi-discovery'],
    fields: {
      'quire.wopi.discovery-url': ['WOPI discovery address', 'The Document Server\'s /hosting/discovery, e.g. https://docs.example.com/hosting/discovery. Empty: the WOPI route is off.'],
      'quire.wopi.proof-keys': ['Check WOPI proof keys', 'required: every WOPI request must be signed by the WOPI client.'],
    },
  },
  {
    id: 'security', title: 'Security',
    fields: {
      'quire.trusted-networks': ['Networks the Document Server calls from', 'Addresses (CIDR) allowed on the WOPI and Document Server routes. Empty: any address.'],
      'quire.trusted-proxies': ['Trusted reverse proxies', 'Addresses (CIDR) whose X-Forwarded-For is believed.'],
    },
  },
  {
    id: 'sign-in', title: 'Sign-in protection',
    fields: {
      'quire.sign-in.delay-after': ['Failures before each try must wait', 'Wrong passwords of one login, or from one address, after which each further try waits 1 s, doubling up to 30 s.'],
      'quire.sign-in.lock-after': ['Failures that lock', 'Wrong passwords of one login, or from one address, that lock it. A locked login still signs in from addresses that have not failed.'],
      'quire.sign-in.lock-for': ['Lock duration', 'ISO-8601, e.g. PT15M for 15 minutes.'],
      'quire.sign-in.forget-after': ['Failures forgotten after', 'Without another failure for this long (ISO-8601, e.g. PT12H).'],
    },
  },
  {
    id: 'limits', title: 'Limits',
    fields: {
      'quire.limits.conversions-per-minute': ['Conversions per person and minute', 'Convert and edit, download as; more are refused with "try again in …" (per node).'],
      'quire.limits.conversions-concurrent': ['Conversions at once', 'Per node; as many again wait up to 30 s, more are refused with "try again in a few seconds".'],
      'quire.limits.scrubs-per-hour': ['Content scrubs per administrator and hour', 'Each reads every stored file; more are refused with "try again in …" (per node).'],
      'quire.limits.requests-per-client': ['Requests at once per person', 'Per node; a person (or an anonymous address) with this many requests running waits a second and is told to try again, so one client cannot slow everyone else down.'],
    },
  },
  {
    id: 'storage', title: 'Storage',
    fields: {
      'quire.upload.max-bytes': ['Largest upload', 'In bytes; larger uploads and saves are refused (413).'],
    },
  },
];

function settingInput(s, id) {
  if (s.secret) {
    return el('input', { id, type: 'password', autocomplete: 'new-password', 'data-key': s.key, 'data-kind': 'secret', placeholder: s.set ? 'set — type to replace' : 'not set' });
  }
  if (typeof s.value === 'boolean' || s.type === 'boolean') {
    const input = el('input', { id, type: 'checkbox', 'data-key': s.key, 'data-kind': 'boolean' });
    input.checked = s.value === true || s.value === 'true';
    return input;
  }
  if (typeof s.value === 'number') return el('input', { id, type: 'number', 'data-key': s.key, 'data-kind': 'number', value: String(s.value) });
  if (Array.isArray(s.value)) return el('input', { id, type: 'text', 'data-key': s.key, 'data-kind': 'list', value: s.value.join(', ') });
  return el('input', { id, type: 'text', 'data-key': s.key, 'data-kind': 'text', value: s.value === null || s.value === undefined ? '' : String(s.value) });
}

function settingField(s, label, help) {
  const id = `setting-${s.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const input = settingInput(s, id);
  // the people's help when the group gives one, the server's description otherwise (never both: they say the same)
  const helpText = [help || s.description, s.type ? `(${s.type})` : null].filter(Boolean).join(' ');
  if (helpText) input.setAttribute('aria-describedby', `${id}-help`);
  const badge = s.secret
    ? el('span', { class: `badge ${s.set ? 'ok' : 'bad'}`, id: `${id}-state` }, s.set ? 'set' : 'not set')
    : el('span', { class: 'badge', title: 'where the value comes from' }, s.source || '');
  return el('div', { class: 'setting', 'data-setting': s.key },
    el('label', { for: id }, el('span', { class: 'setting-label' }, label), ' ', el('code', { class: 'setting-key' }, s.key)),
    el('div', { class: 'inline' }, input, badge),
    helpText ? el('p', { class: 'help', id: `${id}-help` }, helpText) : null);
}

async function loadSettings() {
  const data = await attempt(() => api('GET', '/admin/settings'));
  const fields = $('settings-fields');
  if (!data) {
    fields.replaceChildren();
    return;
  }
  settingsLoaded = data.settings || [];
  const warnings = data.warnings || [];
  $('settings-warnings').replaceChildren(...warnings.map((w) => el('li', {}, el('span', { class: 'badge warn' }, 'Warning'), ' ', w)));
  $('settings-warnings').hidden = warnings.length === 0;
  const grouped = new Set(SETTING_GROUPS.flatMap((g) => Object.keys(g.fields)));
  const others = settingsLoaded.filter((s) => !grouped.has(s.key));
  const groups = [...SETTING_GROUPS, ...(others.length ? [{ id: 'other', title: 'Other settings', fields: {} }] : [])];
  fields.replaceChildren(...groups.map((g) => {
    const members = g.id === 'other'
      ? others.map((s) => settingField(s, s.key, ''))
      : Object.entries(g.fields).map(([key, [label, help]]) => settingsLoaded.find((s) => s.key === key) && settingField(settingsLoaded.find((s) => s.key === key), label, help)).filter(Boolean);
    return el('fieldset', { class: 'settings-group', id: `group-${g.id}` },
      el('legend', {}, g.title),
      ...members,
      g.checks ? el('ul', { class: 'checks', 'data-checks': g.id }) : null);
  }));
}

async function saveSettings(event) {
  event.preventDefault();
  const changes = {};
  document.querySelectorAll('#settings-fields [data-key]').forEach((input) => {
    const key = input.dataset.key;
    const before = settingsLoaded.find((s) => s.key === key) || {};
    switch (input.dataset.kind) {
      case 'secret':
        if (input.value) changes[key] = input.value;
        break;
      case 'boolean':
        if (input.checked !== (before.value === true || before.value === 'true')) {
          changes[key] = typeof before.value === 'string' ? String(input.checked) : input.checked;
        }
        break;
      case 'number':
        if (input.value !== String(before.value ?? '')) changes[key] = input.value === '' ? null : Number(input.value);
        break;
      case 'list': {
        const list = input.value.split(',').map((v) => v.trim()).filter(Boolean);
        if (JSON.stringify(list) !== JSON.stringify(before.value || [])) changes[key] = list;
        break;
      }
      default:
        if (input.value !== (before.value === null || before.value === undefined ? '' : String(before.value))) changes[key] = input.value === '' ? null : input.value;
    }
  });
  if (Object.keys(changes).length === 0) {
    showNotice('Nothing changed.');
    return;
  }
  const saved = await attempt(() => api('PUT', '/admin/settings', changes));
  if (saved) {
    await loadSettings();
    showNotice(`Saved: ${Object.keys(changes).join(', ')}.`);
  }
}

// --- connection ---------------------------------------------------------------------------------------------

/** What each check of POST /admin/check-connection tries, in people's words; its name beside in small type. */
const CHECK_LABELS = {
  'onlyoffice-configuration': 'ONLYOFFICE settings complete',
  'document-server-healthcheck': 'Document Server reachable (health check)',
  'document-server-command': 'Document Server accepts Quire\'s signed requests (command service)',
  'quire-reachable': 'Document Server can reach Quire',
  'wopi-discovery': 'WOPI discovery readable',
};

function checkItem(c) {
  return el('li', { class: 'check', 'data-ok': String(!!c.ok), 'data-check': c.name },
    el('span', { class: `badge ${!c.ok ? 'bad' : c.warning ? 'warn' : 'ok'}` }, !c.ok ? 'Failed' : c.warning ? 'Warning' : 'OK'), ' ',
    el('strong', {}, CHECK_LABELS[c.name] || c.name), ' ', CHECK_LABELS[c.name] ? el('code', { class: 'setting-key' }, c.name) : null, ': ', c.message || '');
}

/** Runs the connection check; the results go to the Connection tab and, in the settings, under the group each concerns. */
async function checkConnection() {
  const lists = [$('checks'), ...document.querySelectorAll('#settings-fields [data-checks]')];
  lists.forEach((list) => list.replaceChildren(el('li', {}, 'Checking…')));
  document.querySelectorAll('.check-connection').forEach((b) => { b.disabled = true; });
  try {
    const data = await attempt(async () => {
      try {
        return await api('POST', '/admin/check-connection');
      } catch (e) {
        // DESIGN.md's older name of the same check
        if (e.status === 404 && !e.code) return api('POST', '/admin/settings/check');
        throw e;
      }
    });
    const checks = data ? data.checks || [] : [];
    $('checks').replaceChildren(...checks.map(checkItem));
    document.querySelectorAll('#settings-fields [data-checks]').forEach((list) => {
      const group = SETTING_GROUPS.find((g) => g.id === list.dataset.checks);
      list.replaceChildren(...checks.filter((c) => group.checks.includes(c.name)).map(checkItem));
    });
    if (data) {
      const label = (c) => CHECK_LABELS[c.name] || c.name;
      if (checks.every((c) => c.ok && !c.warning)) showNotice('Every check passed.');
      else if (checks.every((c) => c.ok)) showNotice(`Every check passed, with warnings: ${checks.filter((c) => c.warning).map(label).join(', ')}.`);
      else showError(`Some checks failed: ${checks.filter((c) => !c.ok).map(label).join(', ')}. See their messages below.`);
    }
  } finally {
    document.querySelectorAll('.check-connection').forEach((b) => { b.disabled = false; });
  }
}

// --- sessions and locks -------------------------------------------------------------------------------------

async function loadSessions() {
  const data = await attempt(() => api('GET', '/admin/sessions'));
  const list = items(data);
  $('sessions-empty').hidden = !data || list.length > 0;
  $('sessions-body').replaceChildren(...list.map((s) => {
    const id = encodeURIComponent(s.documentId);
    const users = (s.users || []).map((u) => (typeof u === 'string' ? u : u.id || u.login || JSON.stringify(u)));
    return el('tr', { 'data-document': s.documentId },
      el('td', {}, s.name || s.documentId, s.message ? el('div', { class: 'muted' }, s.message) : null),
      el('td', {}, s.key || ''),
      el('td', {}, el('ul', {}, users.map((u) => el('li', {}, u, ' ', el('button', {
        type: 'button', class: 'secondary', 'aria-label': `Drop ${u} from ${s.name || s.documentId}`,
        onclick: () => sessionCommand(id, 'drop', { users: [u] }, `${u} dropped.`),
      }, 'Drop'))))),
      el('td', {}, el('div', { class: 'row-actions' },
        el('button', { type: 'button', 'aria-label': `Force-save ${s.name || s.documentId}`, onclick: () => sessionCommand(id, 'forcesave', undefined, 'Force-save requested.') }, 'Force-save'),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Drop everyone from ${s.name || s.documentId}`, onclick: () => sessionCommand(id, 'drop', { users }, 'Everyone dropped.') }, 'Drop everyone'))));
  }));
}

async function sessionCommand(id, command, body, done) {
  const answer = await attempt(() => api('POST', `/admin/sessions/${id}/${command}`, body));
  if (answer !== undefined) {
    showNotice(done);
    loadSessions();
  }
}

async function loadLocks() {
  const data = await attempt(() => api('GET', '/admin/locks'));
  const list = items(data);
  $('locks-empty').hidden = !data || list.length > 0;
  $('locks-body').replaceChildren(...list.map((l) => el('tr', { 'data-document': l.documentId },
    el('td', {}, l.path || l.name || l.documentId),
    el('td', {}, l.kind || ''),
    el('td', {}, l.holder || ''),
    el('td', {}, when(l.acquired)),
    el('td', {}, l.expires ? when(l.expires) : 'never'),
    el('td', {}, el('button', {
      type: 'button', class: 'danger force-unlock', 'aria-label': `Force unlock ${l.name || l.documentId}`,
      onclick: async () => {
        const done = await attempt(() => api('DELETE', `/admin/locks/${encodeURIComponent(l.documentId)}`));
        if (done !== undefined) {
          await loadLocks();
          showNotice(`${l.name || l.documentId} unlocked.`);
        }
      },
    }, 'Force unlock')))));
}

// --- failed sign-ins ---------------------------------------------------------------------------------------

/** The console's notice of a guessing run: shown on every tab while a login or address is locked. */
function signInAlert(list) {
  const locked = list.filter((f) => f.lockedUntil);
  $('sign-in-alert').hidden = locked.length === 0;
  $('sign-in-alert').replaceChildren(`Password guessing: ${locked.length} ${locked.length === 1 ? 'login or address is' : 'logins or addresses are'} locked `
    + `(${locked.map((f) => f.subject).slice(0, 3).join(', ')}${locked.length > 3 ? ', …' : ''}). `, el('a', { href: '#sign-in' }, 'See failed sign-ins'), '.');
}

async function loadSignIn() {
  const data = await attempt(() => api('GET', '/admin/sign-in-failures'));
  const list = items(data);
  signInAlert(list);
  $('sign-in-empty').hidden = !data || list.length > 0;
  $('sign-in-body').replaceChildren(...list.map((f) => el('tr', { 'data-kind': f.kind, 'data-subject': f.subject },
    el('td', {}, `${f.kind === 'login' ? 'Login' : 'Address'} ${f.subject}`),
    el('td', {}, String(f.failures)),
    el('td', {}, when(f.firstFailure)),
    el('td', {}, when(f.lastFailure)),
    el('td', {}, f.lockedUntil ? `locked until ${when(f.lockedUntil)}` : f.retryAfter ? `waits ${f.retryAfter} s` : 'delayed on the next failure'),
    el('td', {}, el('button', {
      type: 'button', class: 'danger', 'aria-label': `Clear the failed sign-ins of ${f.kind} ${f.subject}`,
      onclick: async () => {
        const done = await attempt(() => api('DELETE', `/admin/sign-in-failures/${f.kind}/${encodeURIComponent(f.subject)}`));
        if (done !== undefined) {
          await loadSignIn();
          showNotice(`The failed sign-ins of ${f.kind} ${f.subject} were cleared.`);
        }
      },
    }, 'Clear')))));
}

// --- users and groups ---------------------------------------------------------------------------------------

async function loadUsers() {
  const [users, groups] = await Promise.all([attempt(() => api('GET', '/admin/users?size=500')), attempt(() => api('GET', '/admin/groups?size=500'))]);
  $('users-body').replaceChildren(...items(users).map(userRow));
  $('groups-body').replaceChildren(...items(groups).map(groupRow));
}

function userRow(u) {
  const key = u.login.replace(/[^A-Za-z0-9_-]/g, '-');
  const name = el('input', { value: u.displayName || '', 'aria-label': `Display name of ${u.login}`, id: `user-${key}-name` });
  const email = el('input', { value: u.email || '', type: 'email', 'aria-label': `E-mail of ${u.login}`, id: `user-${key}-email` });
  const groups = el('input', { value: (u.groups || []).join(', '), 'aria-label': `Groups of ${u.login} (comma separated)`, id: `user-${key}-groups` });
  const admin = el('input', { type: 'checkbox', 'aria-label': `${u.login} is an administrator`, id: `user-${key}-admin` });
  admin.checked = !!u.admin;
  const disabled = el('input', { type: 'checkbox', 'aria-label': `${u.login} is disabled`, id: `user-${key}-disabled` });
  disabled.checked = !!u.disabled;
  const directory = u.origin && !['BUILTIN', 'BUILT_IN', 'builtin'].includes(u.origin);
  const save = el('button', {
    type: 'button', 'aria-label': `Save ${u.login}`,
    onclick: async () => {
      const body = { displayName: name.value, email: email.value || null, admin: admin.checked, disabled: disabled.checked,
        groups: groups.value.split(',').map((g) => g.trim()).filter(Boolean) };
      const done = await attempt(() => api('PATCH', `/admin/users/${encodeURIComponent(u.login)}`, body));
      if (done !== undefined) {
        showNotice(`${u.login} saved.`);
        loadUsers();
      }
    },
  }, 'Save');
  return el('tr', { 'data-login': u.login },
    el('td', {}, u.login), el('td', {}, name), el('td', {}, email), el('td', {}, groups),
    el('td', {}, admin), el('td', {}, disabled), el('td', {}, directory ? `${u.origin} (directory)` : (u.origin || '')), el('td', {}, save));
}

function groupRow(g) {
  const members = Array.isArray(g.logins) ? g.logins : Array.isArray(g.members) ? g.members : null;
  const input = el('input', { value: members ? members.join(', ') : '', placeholder: members ? '' : `${g.members ?? 0} members`, 'aria-label': `Members of ${g.name} (comma separated logins)` });
  return el('tr', { 'data-group': g.name },
    el('td', {}, g.name, g.origin ? el('span', { class: 'muted' }, ` (${g.origin})`) : null),
    el('td', {}, input),
    el('td', {}, el('button', {
      type: 'button', 'aria-label': `Save the members of ${g.name}`,
      onclick: async () => {
        const logins = input.value.split(',').map((m) => m.trim()).filter(Boolean);
        const done = await attempt(() => api('PUT', `/admin/groups/${encodeURIComponent(g.name)}/members`, logins));
        if (done !== undefined) {
          showNotice(`Members of ${g.name} saved.`);
          loadUsers();
        }
      },
    }, 'Save members')));
}

async function createUser(event) {
  event.preventDefault();
  const body = { login: $('new-user-login').value.trim(), displayName: $('new-user-name').value.trim() || null, email: $('new-user-email').value.trim() || null,
    password: $('new-user-password').value, groups: $('new-user-groups').value.split(',').map((g) => g.trim()).filter(Boolean) };
  const made = await attempt(() => api('POST', '/users', body));
  if (made) {
    event.target.reset();
    showNotice(`User ${made.login} created.`);
    loadUsers();
  }
}

async function createGroup(event) {
  event.preventDefault();
  const made = await attempt(() => api('POST', '/groups', { name: $('new-group-name').value.trim() }));
  if (made) {
    event.target.reset();
    showNotice(`Group ${made.name} created.`);
    loadUsers();
  }
}

// --- access rights, versions, trash -------------------------------------------------------------------------

function showAccess(event) {
  event.preventDefault();
  aclEditor($('access-editor'), $('access-kind').value, $('access-id').value.trim(), (text, isError) => (isError ? showError(text) : showNotice(text)));
}

async function showVersions(event) {
  if (event) event.preventDefault();
  const id = encodeURIComponent($('versions-id').value.trim());
  const data = await attempt(() => api('GET', `/documents/${id}/versions`));
  const list = items(data);
  $('versions-list').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, ...['No.', 'Saved', 'Author', 'Size', 'Source', 'Comment', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, list.slice().reverse().map((v) => el('tr', {},
      el('td', {}, String(v.number)), el('td', {}, when(v.created)), el('td', {}, v.author), el('td', {}, bytes(v.size)),
      el('td', {}, v.source), el('td', {}, v.comment || ''),
      el('td', {}, el('div', { class: 'row-actions' },
        el('a', { href: `/api/v1/documents/${id}/versions/${v.number}/content`, 'aria-label': `Download version ${v.number}` }, 'Download'),
        v.number === list.length ? null : el('button', {
          type: 'button', class: 'secondary', 'aria-label': `Restore version ${v.number}`,
          onclick: async () => {
            const done = await attempt(() => api('POST', `/documents/${id}/versions/${v.number}/restore`));
            if (done) {
              showNotice(`Version ${v.number} restored as version ${done.version}.`);
              showVersions();
            }
          },
        }, 'Restore'))))))));
}

async function loadTrash() {
  const data = await attempt(() => api('GET', '/admin/trash?size=500'));
  const list = items(data);
  $('admin-trash-empty').hidden = !data || list.length > 0;
  $('admin-trash-body').replaceChildren(...list.map((t) => {
    const kind = (t.type || t.kind || 'document').toLowerCase().startsWith('folder') ? 'folders' : 'documents';
    const label = t.path || t.name || t.id;
    const call = (method, path, done) => async () => {
      const answer = await attempt(() => api(method, path));
      if (answer !== undefined) {
        showNotice(done);
        loadTrash();
      }
    };
    return el('tr', { 'data-id': t.id },
      el('td', {}, label), el('td', {}, kind === 'folders' ? 'Folder' : 'Document'), el('td', {}, when(t.trashed || t.trashedAt || t.modified)),
      el('td', {}, el('div', { class: 'row-actions' },
        el('button', { type: 'button', class: 'secondary', 'aria-label': `Restore ${label}`, onclick: call('POST', `/admin/trash/${kind}/${encodeURIComponent(t.id)}/restore`, `${label} restored.`) }, 'Restore'),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Purge ${label}`, onclick: call('DELETE', `/admin/trash/${kind}/${encodeURIComponent(t.id)}`, `${label} purged.`) }, 'Purge'))));
  }));
}

// --- audit --------------------------------------------------------------------------------------------------

function utc(value) {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : '';
}

async function searchAudit(event) {
  if (event) {
    event.preventDefault();
    auditPage = 0;
  }
  const query = new URLSearchParams();
  const add = (name, value) => { if (value) query.set(name, value); };
  add('user', $('audit-user').value.trim());
  add('type', $('audit-type').value.trim());
  add('documentId', $('audit-document').value.trim());
  add('from', utc($('audit-from').value));
  add('to', utc($('audit-to').value));
  query.set('page', String(auditPage));
  query.set('size', String(AUDIT_PAGE_SIZE));
  const data = await attempt(() => api('GET', `/audit?${query}`));
  const list = items(data);
  $('audit-body').replaceChildren(...list.map((e) => el('tr', { 'data-type': e.type },
    el('td', {}, when(e.at)), el('td', {}, e.user || ''), el('td', {}, e.address || ''), el('td', {}, e.type),
    el('td', {}, e.documentId || ''), el('td', {}, e.target || ''), el('td', {}, e.detail || ''))));
  const total = data ? data.total : 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  $('audit-page').textContent = `Page ${auditPage + 1} of ${pages} (${total} entries)`;
  $('audit-prev').disabled = auditPage === 0;
  $('audit-next').disabled = auditPage + 1 >= pages;
}

// --- storage and scrub --------------------------------------------------------------------------------------

async function loadStorage() {
  const data = await attempt(() => api('GET', '/admin/storage'));
  if (data) {
    const figure = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
    $('storage-figures').replaceChildren(
      figure('Blobs', String(data.blobs)), figure('Stored', bytes(data.bytes)), figure('Versions', String(data.versions)),
      figure('Referenced by versions', bytes(data.referencedBytes)),
      figure('Deduplication ratio', typeof data.dedupRatio === 'number' ? data.dedupRatio.toFixed(2) : String(data.dedupRatio)),
      figure('Free disk space', bytes(data.usableBytes) + (data.usableBytes < data.minFreeBytes ? ' — below the floor: uploads are refused' : '')),
      figure('Kept free (uploads refused below)', bytes(data.minFreeBytes)));
  }
  const scrub = await attempt(() => api('GET', '/admin/scrub'));
  if (scrub) showScrub(scrub);
  await loadBackups();
}

async function loadBackups() {
  const b = await attempt(() => api('GET', '/admin/backups'));
  if (!b) return;
  const figure = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
  const when = (t) => (t ? new Date(t).toLocaleString() : '—');
  $('backup-figures').replaceChildren(
    figure('Last backup', b.last ? `${when(b.last.created)} (${bytes(b.last.bytes)})` : 'none yet'),
    figure('Schedule', b.every ? `every ${b.every.replace(/^PT/, '').toLowerCase()}, next ${when(b.next)}` : (b.scheduleProblem || 'off (quire.backup.every)')),
    figure('Kept', `the newest ${b.keep} in ${b.directory}`),
    ...(b.lastFailure ? [figure('Last failure', `${when(b.lastFailureAt)}: ${b.lastFailure}`)] : []));
  $('backup-now').disabled = b.running;
  $('backup-body').replaceChildren(...b.backups.map((x) => el('tr', {},
    el('td', {}, x.name), el('td', {}, when(x.created)), el('td', {}, String(x.rows)), el('td', {}, `${x.blobs} (${bytes(x.blobBytes)})`),
    el('td', {}, bytes(x.bytes)))));
}

async function backUpNow() {
  $('backup-now').disabled = true;
  $('backup-status').textContent = 'Backing up…';
  const done = await attempt(() => api('POST', '/admin/backups'));
  $('backup-status').textContent = done ? `Backed up: ${done.name} (${done.rows} rows, ${bytes(done.bytes)})` : '';
  await loadBackups();
}

function showScrub(s) {
  const progress = $('scrub-progress');
  progress.hidden = false;
  progress.value = s.total ? Math.floor((s.checked * 100) / s.total) : (s.state === 'done' ? 100 : 0);
  $('scrub-status').textContent = s.state === 'running' ? `Checking: ${s.checked} of ${s.total}`
    : s.state === 'done' ? `Done: ${s.checked} checked, ${(s.corrupt || []).length} corrupt, ${(s.missing || []).length} missing` : 'Not run since the start.';
  $('scrub-start').disabled = s.state === 'running';
  const finding = (title, list) => (list && list.length ? [el('h3', {}, title), el('ul', {}, list.map((x) => el('li', {}, typeof x === 'string' ? x : JSON.stringify(x))))] : []);
  $('scrub-findings').replaceChildren(...finding('Corrupt', s.corrupt), ...finding('Missing', s.missing));
  clearTimeout(scrubTimer);
  if (s.state === 'running') {
    scrubTimer = setTimeout(async () => {
      const next = await attempt(() => api('GET', '/admin/scrub'));
      if (next) showScrub(next);
    }, 1000);
  }
}

async function startScrub() {
  const s = await attempt(() => api('POST', '/admin/scrub'));
  if (s) showScrub(s.state ? s : { state: 'running', checked: 0, total: 0 });
}

// --- start --------------------------------------------------------------------------------------------------

const LOADERS = {
  settings: loadSettings,
  connection: () => $('checks').replaceChildren(),
  sessions: loadSessions,
  locks: loadLocks,
  'sign-in': loadSignIn,
  users: loadUsers,
  access: () => {},
  versions: () => {},
  trash: loadTrash,
  audit: () => searchAudit(),
  storage: loadStorage,
};

async function start() {
  const session = await currentSession();
  $('who').textContent = session.login;
  $('logout').addEventListener('click', () => logout());
  $('settings-form').addEventListener('submit', saveSettings);
  document.querySelectorAll('.check-connection').forEach((b) => b.addEventListener('click', checkConnection));
  $('sessions-refresh').addEventListener('click', loadSessions);
  $('locks-refresh').addEventListener('click', loadLocks);
  $('sign-in-refresh').addEventListener('click', loadSignIn);
  $('new-user-form').addEventListener('submit', createUser);
  $('new-group-form').addEventListener('submit', createGroup);
  $('access-form').addEventListener('submit', showAccess);
  $('versions-form').addEventListener('submit', showVersions);
  $('trash-refresh').addEventListener('click', loadTrash);
  $('audit-form').addEventListener('submit', searchAudit);
  $('audit-prev').addEventListener('click', () => { auditPage -= 1; searchAudit(); });
  $('audit-next').addEventListener('click', () => { auditPage += 1; searchAudit(); });
  $('scrub-start').addEventListener('click', startScrub);
  $('backup-now').addEventListener('click', backUpNow);
  $('audit-types').replaceChildren(...['LOGIN_FAILED', 'LOGIN_SUCCEEDED', 'SIGN_IN_LOCKED', 'SIGN_IN_CLEARED', 'CSRF_REJECTED', 'ACCESS_DENIED', 'TOKEN_REJECTED', 'INPUT_REJECTED', 'ACL_CHANGED', 'LOCK_FORCE_RELEASED',
    'DOCUMENT_CREATED', 'DOCUMENT_TRASHED', 'VERSION_RESTORED', 'EDITOR_SAVED'].map((t) => el('option', { value: t })));
  window.addEventListener('hashchange', route);
  route();
  const failures = await attempt(() => api('GET', '/admin/sign-in-failures'));
  if (failures) signInAlert(items(failures));
}

start().catch((e) => showError(e.message));
