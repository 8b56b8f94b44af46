// Key management for admins: issue a key (shown once), list the keys, revoke one.
import { html, nothing } from './html.js';
import * as api from './api.js';
import { timestampText } from './records.js';

export async function loadKeys(app) {
    app.store.update((s) => ({ keys: { ...s.keys, loading: true, error: null } }));
    try {
        const answer = await api.keys();
        app.store.update((s) => ({ keys: { ...s.keys, list: answer.keys, loading: false } }));
    } catch (error) {
        app.store.update((s) => ({ keys: { ...s.keys, loading: false, error: error.message } }));
    }
}

async function issue(app, form) {
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const role = String(data.get('role') ?? 'photographer');
    try {
        const issued = await api.issueKey(name, role);
        app.store.update((s) => ({ keys: { ...s.keys, issued, error: null } }));
        form.reset();
        app.announce(`A ${issued.role} key for ${issued.name} was issued. Copy it now: it is shown only once.`);
        loadKeys(app);
    } catch (error) {
        app.store.update((s) => ({ keys: { ...s.keys, error: error.message } }));
    }
}

async function revoke(app, name) {
    try {
        await api.revokeKey(name);
        app.announce(`The key of ${name} was revoked.`);
        loadKeys(app);
    } catch (error) {
        app.alert(`The key of ${name} was not revoked: ${error.message}`);
    }
}

function confirmRevoke(name) {
    const dialog = document.getElementById('revoke-dialog');
    dialog.dataset.name = name;
    dialog.querySelector('.revoke-name').textContent = name;
    dialog.returnValue = '';
    dialog.showModal();
}

export function keysView(state, app) {
    const { list, issued, error, loading } = state.keys;
    const closeWith = (value) => (event) => event.currentTarget.closest('dialog').close(value);
    return html`
      <main id="main" class="keys-desk" tabindex="-1" aria-labelledby="keys-title">
        <h1 id="keys-title" class="page-title">API keys</h1>
        <section class="key-issue" aria-labelledby="issue-title">
          <h2 id="issue-title">Issue a key</h2>
          <form class="inline-form" @submit=${(e) => { e.preventDefault(); issue(app, e.currentTarget); }}>
            <label>Name <input name="name" type="text" required maxlength="100" placeholder="e.g. Tran Trung"></label>
            <label>Role
              <select name="role">
                <option value="photographer">Photographer: uploads, sees own uploads</option>
                <option value="editor">Editor: searches, edits</option>
                <option value="admin">Admin: also keys and removal</option>
              </select>
            </label>
            <button type="submit" class="button primary">Issue key</button>
          </form>
          ${error ? html`<p class="error-text" role="alert">${error}</p>` : nothing}
          ${issued ? html`
            <div class="issued" role="group" aria-labelledby="issued-title">
              <h3 id="issued-title">Key for ${issued.name} (${issued.role})</h3>
              <p>Copy it now and hand it over safely: the archive keeps only a hash and will not show it again.</p>
              <p><output class="new-key" id="new-key">${issued.key}</output>
                <button type="button" class="button" @click=${async () => { await navigator.clipboard.writeText(issued.key); app.announce('Key copied.'); }}>Copy key</button>
                <button type="button" class="button quiet" @click=${() => app.store.update((s) => ({ keys: { ...s.keys, issued: null } }))}>Done</button></p>
            </div>` : nothing}
        </section>
        <section aria-labelledby="list-title">
          <h2 id="list-title">Keys in use</h2>
          ${loading && !list.length ? html`<p class="muted">Loading…</p>` : html`
            <table class="keys-table">
              <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Issued</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                ${list.map((k) => html`<tr data-key=${k.name}>
                  <th scope="row">${k.name}${k.name === state.me?.name ? html` <span class="muted">(you)</span>` : nothing}</th>
                  <td>${k.role}</td><td>${k.createdAt ? timestampText(k.createdAt) : ''}</td>
                  <td>${k.name === state.me?.name ? nothing
                      : html`<button type="button" class="button danger small" aria-label=${`Revoke the key of ${k.name}`} @click=${() => confirmRevoke(k.name)}>Revoke…</button>`}</td>
                </tr>`)}
              </tbody>
            </table>`}
        </section>
        <dialog id="revoke-dialog" class="dialog" aria-labelledby="revoke-title"
                @close=${(e) => { if (e.currentTarget.returnValue === 'revoke') revoke(app, e.currentTarget.dataset.name); }}>
          <h2 id="revoke-title">Revoke the key of <span class="revoke-name"></span>?</h2>
          <p>Every request with this key is refused from now on. Whoever holds it needs a new one.</p>
          <div class="dialog-actions">
            <button type="button" class="button quiet" autofocus @click=${closeWith('cancel')}>Keep it</button>
            <button type="button" class="button danger" @click=${closeWith('revoke')}>Revoke key</button>
          </div>
        </dialog>
      </main>`;
}
