// The document browser / (?folder={id}, ?view=trash): folders, upload with progress, new blank Office files,
// opening in ONLYOFFICE (/edit/{id}) or through WOPI (/wopi-host/{id}), versions, sharing, rename, trash.
// Everything goes through the REST API (api.js); every rule is Quire's.
import { api, bytes, currentSession, el, logout, upload, when } from './api.js';
import { aclEditor } from './acl-editor.js';

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const notice = $('notice');
const message = $('message');
const PAGE_SIZE = 100;
let folder = null;
let page = 0;

function showNotice(text) {
  message.hidden = true;
  notice.textContent = text;
  notice.hidden = false;
}

function showError(text) {
  message.textContent = text;
  message.hidden = false;
}

async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    showError(e.message);
    return undefined;
  }
}

const EDITABLE = /\.(docx|docm|dotx|doc|odt|rtf|txt|xlsx|xlsm|xls|ods|csv|pptx|ppt|odp|pdf)$/i;

async function start() {
  const [session, me] = await Promise.all([currentSession(), api('GET', '/me')]);
  $('who').textContent = me.displayName || session.login;
  if (session.admin) $('nav-admin').hidden = false;
  if (me.homeFolderId) {
    $('nav-home').href = `/?folder=${encodeURIComponent(me.homeFolderId)}`;
    $('nav-home').hidden = false;
  }
  $('logout').addEventListener('click', () => logout());
  if (params.get('view') === 'trash') {
    $('nav-trash').setAttribute('aria-current', 'page');
    await showTrash();
    return;
  }
  const inHome = params.get('folder') && params.get('folder') === me.homeFolderId;
  (inHome ? $('nav-home') : $('nav-documents')).setAttribute('aria-current', 'page');
  wireToolbar();
  await openFolder(params.get('folder'));
}

async function openFolder(id) {
  folder = await attempt(() => api('GET', id ? `/folders/${encodeURIComponent(id)}` : '/folders/root'));
  if (!folder) return;
  document.title = `${folder.root ? 'Documents' : folder.name} – Quire`;
  $('heading').textContent = folder.root ? 'Documents' : folder.name;
  $('folder-view').hidden = false;
  await Promise.all([breadcrumbs(folder), listing()]);
}

async function breadcrumbs(current) {
  const chain = [current];
  let f = current;
  while (f.parentId && chain.length < 50) {
    // a parent the caller may not read ends the trail
    f = await api('GET', `/folders/${encodeURIComponent(f.parentId)}`).catch(() => null);
    if (!f) break;
    chain.unshift(f);
  }
  const items = chain.map((c, i) => el('li', {}, i === chain.length - 1
    ? el('span', { 'aria-current': 'location' }, c.root ? 'Documents' : c.name)
    : el('a', { href: `/?folder=${encodeURIComponent(c.id)}` }, c.root ? 'Documents' : c.name)));
  $('breadcrumbs').replaceChildren(...items);
}

async function listing() {
  const data = await attempt(() => api('GET', `/folders/${encodeURIComponent(folder.id)}/children?page=${page}&size=${PAGE_SIZE}`));
  if (!data) return;
  const body = $('listing-body');
  body.replaceChildren(...data.items.map(row));
  $('empty').hidden = data.items.length > 0;
  $('pager').hidden = data.total <= PAGE_SIZE;
  $('page-info').textContent = `Page ${page + 1} of ${Math.max(1, Math.ceil(data.total / PAGE_SIZE))}`;
  $('prev-page').disabled = page === 0;
  $('next-page').disabled = (page + 1) * PAGE_SIZE >= data.total;
  // lock state of each document, filled in as the answers come
  data.items.filter((i) => i.type === 'document').forEach(async (item) => {
    const cell = body.querySelector(`tr[data-id="${item.id}"] .lock`);
    try {
      const lock = await api('GET', `/documents/${encodeURIComponent(item.id)}/lock`);
      cell.textContent = lock.locked ? `${lockKind(lock.kind)} by ${lock.holder}` : 'Not locked';
    } catch (e) {
      cell.textContent = '';
    }
  });
}

function lockKind(kind) {
  return { CHECKOUT: 'Checked out', WOPI: 'Being edited (WOPI)', EDITOR_SESSION: 'Being edited' }[kind] || 'Locked';
}

function row(item) {
  const isFolder = item.type === 'folder';
  const name = isFolder
    ? el('span', {}, el('a', { href: `/?folder=${encodeURIComponent(item.id)}`, class: 'item-name folder' }, item.name), ' ', el('span', { class: 'badge' }, 'folder'))
    : el('a', { href: `/api/v1/documents/${encodeURIComponent(item.id)}/content`, class: 'item-name', download: item.name }, item.name);
  const actions = el('div', { class: 'row-actions' },
    !isFolder && EDITABLE.test(item.name)
      ? el('a', { class: 'button open-editor', href: `/edit/${encodeURIComponent(item.id)}`, 'aria-label': `Open ${item.name} in the editor` }, 'Open') : null,
    el('button', { type: 'button', class: 'secondary details-button', 'aria-label': `Details of ${item.name}`, onclick: () => details(item) }, 'Details'));
  return el('tr', { 'data-id': item.id, 'data-type': item.type, 'data-name': item.name },
    el('td', { 'data-label': 'Name' }, name),
    el('td', { 'data-label': 'Size', class: 'num' }, isFolder ? '—' : bytes(item.size)),
    el('td', { 'data-label': 'Modified', class: 'num' }, when(item.modified)),
    el('td', { 'data-label': 'Lock', class: 'lock' }, isFolder ? '' : '…'),
    el('td', {}, actions));
}

function wireToolbar() {
  $('new-folder-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('new-folder-name').value.trim();
    const made = await attempt(() => api('POST', '/folders', { parentId: folder.id, name }));
    if (made) {
      $('new-folder-name').value = '';
      showNotice(`Folder "${made.name}" created.`);
      await listing();
    }
  });
  $('new-document-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const type = $('new-document-type').value;
    const name = $('new-document-name').value.trim();
    const made = await attempt(() => api('POST', `/folders/${encodeURIComponent(folder.id)}/documents/blank`, { type, name: name || null }));
    if (made) {
      $('new-document-name').value = '';
      showNotice(`"${made.name}" created.`);
      await listing();
      const link = document.querySelector(`tr[data-id="${made.id}"] .open-editor`);
      if (link) link.focus();
    }
  });
  $('upload-input').addEventListener('change', async () => {
    const files = [...$('upload-input').files];
    const progress = $('upload-progress');
    const status = $('upload-status');
    for (const file of files) {
      progress.hidden = false;
      progress.value = 0;
      status.textContent = `Uploading ${file.name}: 0%`;
      try {
        await upload(folder.id, file, (loaded, total) => {
          const percent = total ? Math.floor((loaded * 100) / total) : 100;
          progress.value = percent;
          status.textContent = `Uploading ${file.name}: ${percent}%`;
        });
        progress.value = 100;
        status.textContent = `Uploaded ${file.name} (100%)`;
      } catch (e) {
        status.textContent = `${file.name} was not uploaded.`;
        showError(`${file.name}: ${e.message}`);
      }
    }
    $('upload-input').value = '';
    await listing();
  });
  $('prev-page').addEventListener('click', () => { page -= 1; listing(); });
  $('next-page').addEventListener('click', () => { page += 1; listing(); });
}

/** The details panel of one document or folder: open, download, rename, versions, sharing, trash. */
async function details(item) {
  const panel = $('details');
  const isFolder = item.type === 'folder';
  const kind = isFolder ? 'folders' : 'documents';
  const id = encodeURIComponent(item.id);
  panel.hidden = false;
  const rename = el('input', { id: 'rename-input', type: 'text', value: item.name, required: true, maxlength: '255' });
  const renameForm = el('form', { class: 'inline', id: 'rename-form' },
    el('label', { for: 'rename-input' }, 'Name'), rename, el('button', { type: 'submit', id: 'rename-save' }, 'Rename'));
  renameForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const done = await attempt(() => api('PATCH', `/${kind}/${id}`, { name: rename.value.trim() }));
    if (done) {
      showNotice(`Renamed to "${done.name}".`);
      await listing();
      details({ ...item, name: done.name });
    }
  });
  const trash = el('button', { type: 'button', class: 'danger', id: 'trash-button' }, 'Move to trash');
  trash.addEventListener('click', async () => {
    const done = await attempt(() => api('DELETE', `/${kind}/${id}`));
    if (done !== undefined) {
      panel.hidden = true;
      await listing();
      const undo = el('button', { type: 'button', class: 'secondary', id: 'undo-trash' }, 'Undo');
      undo.addEventListener('click', async () => {
        const back = await attempt(() => api('POST', `/${kind}/${id}/restore`));
        if (back) {
          showNotice(`"${item.name}" restored.`);
          await listing();
        }
      });
      message.hidden = true;
      notice.replaceChildren(`"${item.name}" moved to the trash. `, undo);
      notice.hidden = false;
      undo.focus();
    }
  });
  const sharing = el('div', { id: 'acl-area' });
  const versions = el('div', { id: 'versions-area' });
  const opens = isFolder ? null : el('div', { class: 'inline' },
    el('a', { class: 'button', id: 'open-onlyoffice', href: `/edit/${id}` }, 'Open in ONLYOFFICE'),
    el('a', { class: 'button secondary', id: 'open-wopi', href: `/wopi-host/${id}?action=edit` }, 'Open with WOPI'),
    el('a', { class: 'button secondary', id: 'download', href: `/api/v1/documents/${id}/content`, download: item.name }, 'Download'));
  panel.replaceChildren(...[
    el('h2', { id: 'details-title' }, item.name),
    opens,
    el('section', {}, renameForm),
    isFolder ? null : el('section', { 'aria-labelledby': 'versions-title' }, el('h3', { id: 'versions-title' }, 'Versions'), versions),
    el('section', { 'aria-labelledby': 'share-title' }, el('h3', { id: 'share-title' }, 'Sharing'), sharing),
    el('section', {}, trash),
    el('p', {}, el('button', { type: 'button', class: 'secondary', id: 'close-details', onclick: () => { panel.hidden = true; } }, 'Close')),
  ].filter(Boolean));
  panel.focus();
  if (!isFolder) loadVersions(versions, item);
  aclEditor(sharing, kind, item.id, (text, isError) => (isError ? showError(text) : showNotice(text)));
}

async function loadVersions(container, item) {
  const id = encodeURIComponent(item.id);
  let data;
  try {
    data = await api('GET', `/documents/${id}/versions`);
  } catch (e) {
    container.replaceChildren(el('p', { class: 'message', role: 'alert' }, e.message));
    return;
  }
  const rows = data.items.slice().reverse().map((v) => el('tr', {},
    el('td', {}, String(v.number)),
    el('td', {}, `${when(v.created)} · ${v.author} · ${bytes(v.size)}${v.comment ? ` · ${v.comment}` : ''}`),
    el('td', {}, el('div', { class: 'row-actions' },
      el('a', { href: `/api/v1/documents/${id}/versions/${v.number}/content`, download: item.name, 'aria-label': `Download version ${v.number}` }, 'Download'),
      v.number === data.items.length ? null : el('button', {
        type: 'button', class: 'secondary', 'aria-label': `Restore version ${v.number}`,
        onclick: async () => {
          const done = await attempt(() => api('POST', `/documents/${id}/versions/${v.number}/restore`));
          if (done) {
            showNotice(`Version ${v.number} restored as version ${done.version}.`);
            loadVersions(container, item);
            listing();
          }
        },
      }, 'Restore')))));
  container.replaceChildren(el('table', { class: 'versions' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'No.'), el('th', { scope: 'col' }, 'Saved'), el('th', { scope: 'col' }, 'Actions'))),
    el('tbody', {}, rows)));
}

async function showTrash() {
  $('heading').textContent = 'Trash';
  document.title = 'Trash – Quire';
  $('breadcrumbs').replaceChildren(el('li', {}, el('a', { href: '/' }, 'Documents')), el('li', {}, el('span', { 'aria-current': 'location' }, 'Trash')));
  $('trash-view').hidden = false;
  const data = await attempt(() => api('GET', '/trash?size=200'));
  if (!data) return;
  $('trash-empty').hidden = data.items.length > 0;
  $('trash-body').replaceChildren(...data.items.map((d) => el('tr', { 'data-id': d.id, 'data-name': d.name },
    el('td', { 'data-label': 'Name' }, d.name),
    el('td', { 'data-label': 'Size' }, bytes(d.size)),
    el('td', { 'data-label': 'Modified' }, when(d.modified)),
    el('td', {}, el('button', {
      type: 'button', class: 'secondary restore-button', 'aria-label': `Restore ${d.name}`,
      onclick: async () => {
        const back = await attempt(() => api('POST', `/documents/${encodeURIComponent(d.id)}/restore`));
        if (back) {
          showNotice(`"${d.name}" restored to its folder.`);
          showTrash();
        }
      },
    }, 'Restore')))));
}

start().catch((e) => showError(e.message));
