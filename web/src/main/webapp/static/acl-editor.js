// The ACL editor, shared by the document browser and the console: GET/PUT /api/v1/{documents|folders}/{id}/acl.
// Entries are principal (user:<login>, group:<name>, everyone, owner), role and effect; entries with an explicit
// permission set are kept as they are. The rules themselves are Quire's (docs/ARCHITECTURE.md, "Access rights").
import { api, el } from './api.js';

const ROLES = ['viewer', 'commenter', 'reviewer', 'editor', 'manager'];
let counter = 0;

/** Renders the editor for one item into `container`; `report(text, isError)` shows outcomes. */
export async function aclEditor(container, kind, id, report) {
  const n = ++counter;
  container.replaceChildren(el('p', { class: 'muted' }, 'Loading the access rights…'));
  let acl;
  try {
    acl = await api('GET', `/${kind}/${encodeURIComponent(id)}/acl`);
  } catch (e) {
    container.replaceChildren(el('p', { class: 'message', role: 'alert' }, e.message));
    return;
  }
  const rows = el('tbody', { id: `acl-rows-${n}` });
  const inherit = el('input', { type: 'checkbox', id: `acl-inherit-${n}`, name: 'inherit' });
  inherit.checked = acl.inherit;
  const copy = el('input', { type: 'checkbox', id: `acl-copy-${n}`, name: 'copyInherited' });
  const copyField = el('div', { class: 'inline', hidden: true },
    copy, el('label', { for: copy.id }, 'Keep the inherited entries as this item\'s own'));
  const wasInheriting = acl.inherit;
  inherit.addEventListener('change', () => { copyField.hidden = inherit.checked || !wasInheriting; });

  function addRow(entry) {
    const i = rows.children.length + 1;
    const principal = el('input', { type: 'text', name: 'principal', value: entry.principal || '', placeholder: 'user:login, group:name, everyone, owner',
      'aria-label': `Entry ${i}: who (user:login, group:name, everyone or owner)`, class: 'acl-principal' });
    const fixed = !entry.role && entry.permissions && entry.permissions.length;
    const role = el('select', { name: 'role', 'aria-label': `Entry ${i}: role`, class: 'acl-role' },
      fixed ? el('option', { value: '' }, `permissions: ${entry.permissions.join(', ')}`) : null,
      ...ROLES.map((r) => el('option', { value: r }, r)));
    role.value = fixed ? '' : (entry.role || 'viewer');
    const effect = el('select', { name: 'effect', 'aria-label': `Entry ${i}: effect`, class: 'acl-effect' },
      el('option', { value: 'allow' }, 'allow'), el('option', { value: 'deny' }, 'deny'));
    effect.value = entry.effect || 'allow';
    const row = el('tr', { class: 'acl-entry' },
      el('td', {}, principal), el('td', {}, role), el('td', {}, effect),
      el('td', {}, el('button', { type: 'button', class: 'danger acl-remove', 'aria-label': `Remove entry ${i}`, onclick: () => row.remove() }, 'Remove')));
    row.entryPermissions = fixed ? entry.permissions : null;
    rows.append(row);
    return principal;
  }
  (acl.entries || []).forEach(addRow);

  const inherited = (acl.inherited || []).map((e) => el('li', {}, `${e.effect} ${e.principal}: ${e.role || (e.permissions || []).join(', ')}`));
  const save = el('button', { type: 'submit', class: 'acl-save' }, 'Save access rights');
  const form = el('form', { class: 'stack acl-editor', 'aria-label': 'Access rights' },
    el('div', { class: 'inline' }, inherit, el('label', { for: inherit.id }, 'Inherit the access rights of the folder above')),
    copyField,
    el('div', { class: 'scroll-x' }, el('table', { class: 'acl-entries' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Who'), el('th', { scope: 'col' }, 'Role'), el('th', { scope: 'col' }, 'Effect'), el('th', { scope: 'col' }, ''))),
      rows)),
    el('div', { class: 'inline' },
      el('button', { type: 'button', class: 'secondary acl-add', onclick: () => addRow({ effect: 'allow', role: 'viewer' }).focus() }, 'Add entry'),
      save),
    inherited.length ? el('div', {}, el('h3', {}, 'Inherited'), el('ul', { class: 'acl-inherited' }, inherited)) : null);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entries = [...rows.querySelectorAll('tr.acl-entry')].map((row) => {
      const principal = row.querySelector('[name=principal]').value.trim();
      const role = row.querySelector('[name=role]').value;
      const effect = row.querySelector('[name=effect]').value;
      return role ? { principal, role, effect } : { principal, permissions: row.entryPermissions, effect };
    }).filter((e) => e.principal);
    save.disabled = true;
    try {
      await api('PUT', `/${kind}/${encodeURIComponent(id)}/acl`, { inherit: inherit.checked, entries, copyInherited: !inherit.checked && copy.checked });
      report('Access rights saved.', false);
      await aclEditor(container, kind, id, report);
    } catch (e) {
      report(e.message, true);
    } finally {
      save.disabled = false;
    }
  });
  container.replaceChildren(form);
}
