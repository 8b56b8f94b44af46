// Editing: one field in place (Enter saves, Escape cancels; in the caption Ctrl/Cmd-Enter saves),
// sent as PATCH with the version the editor saw; a 409 shows what the other editor saved and
// lets this one apply theirs again. And the batch edit of the selected pictures, in the bar that
// also puts them in a gallery (galleries.js).
import { html, nothing } from './html.js';
import * as api from './api.js';
import { selectionGalleryActions } from './galleries.js';

/** Fields whose value is a list, edited as comma-separated text. */
const LISTS = new Set(['creator', 'keywords']);

const asText = (value) => (Array.isArray(value) ? value.join(', ') : value ?? '');
const asValue = (name, text) => (LISTS.has(name) ? text.split(',').map((s) => s.trim()).filter(Boolean) : text.trim());
const same = (a, b) => JSON.stringify(a ?? (Array.isArray(b) ? [] : '')) === JSON.stringify(b ?? (Array.isArray(a) ? [] : ''));

export const canEdit = (state) => state.me && (state.me.role === 'editor' || state.me.role === 'admin');

/** Starts editing field `name` of the open picture. */
export function startEditing(app, name) {
    const detail = app.store.state.detail;
    if (!detail?.record || !canEdit(app.store.state)) return;
    app.store.update({ detail: { ...detail, editing: name, draft: asText(detail.record[name]), fieldError: null, conflict: null } });
    requestAnimationFrame(() => {
        const editor = document.getElementById(`edit-${name}`);
        editor?.focus();
        editor?.select?.();
    });
}

function stopEditing(app) {
    const detail = app.store.state.detail;
    app.store.update({ detail: { ...detail, editing: null, draft: '', fieldError: null } });
    requestAnimationFrame(() => document.getElementById(`edit-button-${detail.editing}`)?.focus());
}

/** The record changed (saved here, or by someone else): the detail and the grid show it. */
export function replaceRecord(app, record) {
    app.store.update((s) => ({
        // An answer that does not say where the picture is used keeps what the detail knew of it.
        detail: s.detail?.id === record.id
            ? { ...s.detail, record: record.usages === undefined && s.detail.record?.usages ? { ...record, usages: s.detail.record.usages } : record }
            : s.detail,
        results: { ...s.results, hits: s.results.hits.map((hit) => (hit.id === record.id ? { ...hit, ...record, highlights: hit.highlights } : hit)) },
    }));
}

async function save(app, name, text, version) {
    const detail = app.store.state.detail;
    const record = detail.record;
    const value = asValue(name, text);
    if (version === undefined && same(record[name], value)) {
        stopEditing(app);
        return;
    }
    app.store.update({ detail: { ...detail, saving: true, fieldError: null } });
    try {
        const edited = await api.edit(record.id, version ?? record.version ?? 0, { [name]: value });
        app.store.update((s) => ({ detail: { ...s.detail, saving: false, editing: null, draft: '', conflict: null } }));
        replaceRecord(app, edited);
        app.announce(`${labelOf(name)} saved.`);
        requestAnimationFrame(() => document.getElementById(`edit-button-${name}`)?.focus());
    } catch (error) {
        if (error.status === 409 && error.body?.current) {
            const current = error.body.current;
            const last = current.edits?.at(-1);
            app.store.update((s) => ({
                detail: {
                    ...s.detail, saving: false, record: current,
                    conflict: { field: name, mine: value, theirs: current[name], editor: last?.editor ?? 'another editor', at: last?.at, version: current.version },
                },
            }));
            replaceRecord(app, current);
            app.alert(`${last?.editor ?? 'Another editor'} changed this picture while you were editing. Your ${labelOf(name).toLowerCase()} was not saved.`);
        } else {
            app.store.update((s) => ({ detail: { ...s.detail, saving: false, fieldError: error.message } }));
        }
    }
}

const LABELS = {
    description: 'Caption', headline: 'Headline', title: 'Title', creditLine: 'Credit line', creator: 'Creator', creatorJobTitle: 'Job title',
    credit: 'Credit', source: 'Source', copyright: 'Copyright', usageTerms: 'Usage terms', instructions: 'Special instructions',
    keywords: 'Keywords', city: 'City', state: 'State', country: 'Country', countryCode: 'Country code', location: 'Location',
    altText: 'Alt text', digitalSourceType: 'Digital source type', dateTaken: 'Date taken', embargoUntil: 'Embargoed until', withheld: 'Withheld',
};
export const labelOf = (name) => LABELS[name] ?? name;

/**
 * One field of the record: its value, where the value came from, and (for editors) an edit
 * button that turns it into an editor in place.
 */
export function field(state, app, name, { multiline = false, display } = {}) {
    const detail = state.detail;
    const record = detail.record;
    const value = record[name];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
    const editable = canEdit(state) && record.status !== 'removed';
    if (!editable && empty) return nothing;
    const label = labelOf(name);
    const editing = detail.editing === name;
    const conflict = detail.conflict?.field === name ? detail.conflict : null;
    const provenance = record.provenance?.[name];
    return html`
      <div class=${`field field-${name}${editing ? ' editing' : ''}`} data-field=${name}>
        <dt id="label-${name}">${label}</dt>
        <dd>
          ${editing ? editor(state, app, name, label, multiline) : html`
            <span class=${`value${empty ? ' empty' : ''}`}>${empty ? 'None' : display ? display(value) : asText(value)}</span>
            ${editable ? html`<button type="button" class="edit-button" id="edit-button-${name}" aria-label=${`Edit ${label.toLowerCase()}`}
                @click=${() => startEditing(app, name)}>Edit</button>` : nothing}
            ${provenance && !empty ? html`<span class="provenance" title="Where this value came from">${provenance}</span>` : nothing}`}
          ${conflict ? conflictNote(app, name, label, conflict) : nothing}
        </dd>
      </div>`;
}

function editor(state, app, name, label, multiline) {
    const detail = state.detail;
    const onKey = (event) => {
        if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            stopEditing(app);
        } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save(app, name, event.currentTarget.value);
        }
    };
    const keep = (event) => app.store.update((s) => ({ detail: { ...s.detail, draft: event.currentTarget.value } }));
    const hint = multiline ? 'Ctrl+Enter or ⌘+Enter saves, Escape cancels' : LISTS.has(name) ? 'Separate with commas. Enter saves, Escape cancels' : 'Enter saves, Escape cancels';
    return html`
      <div class="editor">
        ${multiline
            ? html`<textarea id="edit-${name}" rows="5" aria-labelledby="label-${name}" aria-describedby="hint-${name}"
                      .value=${detail.draft} ?disabled=${detail.saving} @keydown=${onKey} @input=${keep}></textarea>`
            : html`<input id="edit-${name}" type="text" aria-labelledby="label-${name}" aria-describedby="hint-${name}"
                      .value=${detail.draft} ?disabled=${detail.saving} @keydown=${onKey} @input=${keep}>`}
        <div class="editor-actions">
          <button type="button" class="button primary" ?disabled=${detail.saving}
                  @click=${() => save(app, name, document.getElementById(`edit-${name}`).value)}>${detail.saving ? 'Saving…' : 'Save'}</button>
          <button type="button" class="button quiet" @click=${() => stopEditing(app)}>Cancel</button>
          <span id="hint-${name}" class="hint">${hint}</span>
        </div>
        ${detail.fieldError ? html`<p class="field-error" role="alert">${detail.fieldError}</p>` : nothing}
      </div>`;
}

function conflictNote(app, name, label, conflict) {
    return html`
      <div class="conflict" role="group" aria-label="Edit conflict">
        <p><strong>${conflict.editor}</strong> saved a change to this picture while you were editing.</p>
        <dl>
          <dt>Their ${label.toLowerCase()}</dt><dd class="theirs">${asText(conflict.theirs) || 'None'}</dd>
          <dt>Yours, not saved</dt><dd class="mine">${asText(conflict.mine) || 'None'}</dd>
        </dl>
        <button type="button" class="button primary" @click=${() => save(app, name, asText(conflict.mine), conflict.version)}>Apply mine again</button>
        <button type="button" class="button quiet" @click=${() => app.store.update((s) => ({ detail: { ...s.detail, conflict: null } }))}>Keep theirs</button>
      </div>`;
}

// -- batch edit -------------------------------------------------------------------------------

const splitList = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** The changes the batch form asks of `record`, or null when it changes nothing. */
function batchChanges(record, form) {
    const changes = {};
    if (form.credit.trim()) changes.credit = form.credit.trim();
    if (form.usageTerms.trim()) changes.usageTerms = form.usageTerms.trim();
    const add = splitList(form.addKeywords);
    const drop = new Set(splitList(form.removeKeywords).map((k) => k.toLowerCase()));
    if (add.length || drop.size) {
        const keywords = (record.keywords ?? []).filter((k) => !drop.has(k.toLowerCase()));
        for (const k of add) if (!keywords.some((have) => have.toLowerCase() === k.toLowerCase())) keywords.push(k);
        if (!same(keywords, record.keywords ?? [])) changes.keywords = keywords;
    }
    return Object.keys(changes).length ? changes : null;
}

/** Applies the batch form to every selected picture: one PATCH each, with its own version. */
async function applyBatch(app, form) {
    const ids = [...app.store.state.selection];
    const progress = (done, failed) => app.store.update((s) => ({ batch: { ...s.batch, running: true, done, failed, total: ids.length } }));
    let done = 0;
    const failed = [];
    progress(0, []);
    for (const id of ids) {
        try {
            let record = await api.image(id);
            for (let attempt = 0; ; attempt++) {
                const changes = batchChanges(record, form);
                if (!changes) break;
                try {
                    replaceRecord(app, await api.edit(id, record.version ?? 0, changes));
                    break;
                } catch (error) {
                    // Someone saved this picture in between: apply the same change to theirs, once.
                    if (error.status !== 409 || attempt > 0 || !error.body?.current) throw error;
                    record = error.body.current;
                }
            }
            done++;
        } catch (error) {
            failed.push({ id, message: error.message });
        }
        progress(done, failed);
    }
    app.store.update((s) => ({ batch: { ...s.batch, running: false, finished: true } }));
    const message = `Saved ${done} of ${ids.length} pictures${failed.length ? `; ${failed.length} failed: ${failed[0].message}` : ''}.`;
    if (failed.length) app.alert(message); else app.announce(message);
}

/** The bar above the grid when pictures are selected, and the batch form it opens. */
export function batchBar(state, app) {
    const count = state.selection.size;
    if (!count || !canEdit(state)) return nothing;
    const batch = state.batch;
    const open = batch?.open;
    return html`
      <section class="batch" aria-label="Selected pictures">
        <p class="batch-count"><strong>${count}</strong> selected</p>
        <button type="button" class="button primary" aria-expanded=${open ? 'true' : 'false'} aria-controls="batch-form"
                @click=${() => app.store.update({ batch: { open: !open } })}>Edit ${count} ${count === 1 ? 'picture' : 'pictures'}</button>
        ${selectionGalleryActions(state, app)}
        <button type="button" class="button quiet" @click=${() => app.store.update({ selection: new Set(), batch: null })}>Clear selection</button>
        ${open ? html`
          <form id="batch-form" class="batch-form" @submit=${(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              applyBatch(app, Object.fromEntries(['credit', 'addKeywords', 'removeKeywords', 'usageTerms'].map((k) => [k, String(data.get(k) ?? '')])));
          }}>
            <label>Credit <input name="credit" type="text" placeholder="Leave empty to keep each picture's"></label>
            <label>Add keywords <input name="addKeywords" type="text" placeholder="comma, separated"></label>
            <label>Remove keywords <input name="removeKeywords" type="text" placeholder="comma, separated"></label>
            <label>Usage terms <input name="usageTerms" type="text" placeholder="e.g. Newsmagazines Out"></label>
            <div class="batch-actions">
              <button type="submit" class="button primary" ?disabled=${batch.running}>Apply to ${count}</button>
              <span class="batch-progress" role="status">${batch.running ? `Saving ${batch.done + batch.failed.length + 1} of ${batch.total}…`
                  : batch.finished ? `Saved ${batch.done} of ${batch.total}.` : ''}</span>
            </div>
          </form>` : nothing}
      </section>`;
}
