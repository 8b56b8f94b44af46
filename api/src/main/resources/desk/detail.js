// One picture: the large rendition, and beside it everything an editor must know before using it,
// restrictions first; copy buttons, downloads, similar pictures, the edit history, removal.
import { html, nothing, css } from './html.js';
import * as api from './api.js';
import { navigate } from './route.js';
import { altText, badges, bytesText, creatorOf, takenText, timestampText } from './records.js';
import { field, canEdit, labelOf, startEditing } from './edit.js';

let loading = null;

/** Shows picture `id`: at once from the grid's copy, then the full record for editors. */
export async function showImage(app, id, { edit } = {}) {
    const state = app.store.state;
    // What the desk already knows of the picture: a search hit, the open record, or the record an
    // upload's live status brought (photographers cannot read records, only their search).
    const known = state.results.hits.find((hit) => hit.id === id) ?? (state.detail?.id === id ? state.detail.record : null)
        ?? state.uploads.items.find((item) => item.id === id && item.record)?.record ?? null;
    app.store.update({ detail: { id, record: known, loading: true, error: null, editing: null, conflict: null, copied: null } });
    loading?.abort();
    if (!canEdit(state)) {
        app.store.update((s) => ({ detail: { ...s.detail, loading: false, error: known ? null : 'This picture is not among your uploads.' } }));
        return;
    }
    const controller = (loading = new AbortController());
    try {
        const record = await api.image(id, controller.signal);
        if (controller.signal.aborted) return;
        app.store.update((s) => ({ detail: { ...s.detail, record, loading: false } }));
        if (edit) startEditing(app, edit);
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => ({ detail: { ...s.detail, loading: false, error: error.message } }));
    }
}

export function closeImage(app) {
    loading?.abort();
    app.store.update({ detail: null });
}

async function copy(app, what, text) {
    try {
        await navigator.clipboard.writeText(await text());
        app.store.update((s) => ({ detail: s.detail && { ...s.detail, copied: what } }));
        app.announce(`${what} copied to the clipboard.`);
        setTimeout(() => app.store.update((s) => ({ detail: s.detail?.copied === what ? { ...s.detail, copied: null } : s.detail })), 2500);
    } catch (error) {
        app.alert(`Could not copy the ${what.toLowerCase()}: ${error.message}`);
    }
}

async function downloadOriginal(app, id) {
    try {
        const { blob, fileName } = await api.downloadOriginal(id);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
        app.alert(`The original could not be downloaded: ${error.message}`);
    }
}

async function removeImage(app, id, reason) {
    try {
        await api.remove(id, reason);
        app.store.update((s) => ({
            detail: null,
            selection: new Set([...s.selection].filter((x) => x !== id)),
            results: { ...s.results, hits: s.results.hits.filter((hit) => hit.id !== id), total: Math.max(0, s.results.total - 1) },
        }));
        navigate({ image: null }, { replace: true });
        app.routeChanged();
        app.announce('The picture was removed from the archive.');
    } catch (error) {
        app.alert(`The picture was not removed: ${error.message}`);
    }
}

const exposure = (r) => [
    r.exposureTime ? `${r.exposureTime} s` : null,
    r.fNumber ? `f/${r.fNumber}` : null,
    r.iso ? `ISO ${r.iso}` : null,
    r.focalLength ? `${r.focalLength} mm` : null,
].filter(Boolean).join(' · ');

const place = (r) => [r.location, r.city, r.state, r.country ? `${r.country}${r.countryCode ? ` (${r.countryCode})` : ''}` : null]
    .filter(Boolean).join(', ');

function fact(label, value, provenanceName, record) {
    if (value === undefined || value === null || value === '') return nothing;
    const provenance = provenanceName ? record.provenance?.[provenanceName] : null;
    return html`<div class="field"><dt>${label}</dt><dd>${value}${provenance ? html`<span class="provenance" title="Where this value came from">${provenance}</span>` : nothing}</dd></div>`;
}

export function detailView(state, app) {
    const detail = state.detail;
    if (!detail) return nothing;
    const record = detail.record;
    const close = () => { navigate({ image: null }); app.routeChanged(); };
    if (!record) {
        return html`
          <section class="detail" aria-label="Picture" tabindex="-1">
            <div class="detail-bar"><button type="button" class="button quiet" @click=${close}>← Back to results</button></div>
            <p class=${detail.error ? 'error-text detail-message' : 'detail-message'} role=${detail.error ? 'alert' : 'status'}>${detail.error ?? 'Loading…'}</p>
          </section>`;
    }
    const large = record.renditions?.find((r) => r.name === 'large');
    const editor = canEdit(state);
    const restricted = Boolean(record.usageTerms || record.instructions);
    const copied = (what) => (detail.copied === what ? html`<span class="copied" aria-hidden="true">Copied ✓</span>` : nothing);
    const gps = Number.isFinite(record.gpsLatitude) && Number.isFinite(record.gpsLongitude);
    return html`
      <section class="detail" aria-labelledby="detail-title" tabindex="-1">
        <div class="detail-bar">
          <button type="button" class="button quiet" @click=${close} aria-keyshortcuts="Escape">← Back to results</button>
          <h2 id="detail-title" class="detail-title">${record.headline || record.title || record.fileName || 'Picture'}</h2>
          ${badges(record).length ? html`<ul class="badges inline">${badges(record).map((b) => html`<li class=${`badge badge-${b.kind}`} title=${b.title}>${b.label}</li>`)}</ul>` : nothing}
        </div>
        <div class="detail-body">
          <figure class="detail-figure">
            ${large
                ? html`<img class="detail-image" src=${api.renditionUrl(record.id, 'large')} width=${large.width} height=${large.height}
                           alt=${altText(record)} @load=${(e) => e.currentTarget.classList.add('loaded')}
                           ${css({ 'max-width': `${large.width}px`, 'max-height': `${large.height}px`, 'background-color': record.appearance?.dominantColor ?? '' })}>`
                : html`<div class="detail-missing">${record.status === 'failed' ? 'No renditions: processing failed.' : 'Renditions are being made…'}</div>`}
          </figure>
          <aside class="detail-info" aria-label="About this picture">
            ${record.status !== 'ready' ? html`
              <p class=${`status-line status-${record.status}`}>Status: <strong>${record.status}</strong>${record.failure
                  ? html` — ${record.failure.message ?? ''} <code>${record.failure.reason ?? ''}</code>` : nothing}</p>` : nothing}
            ${restricted ? html`
              <section class="restriction" role="note" aria-labelledby="restriction-title">
                <h3 id="restriction-title">⚠ Restrictions apply</h3>
                ${record.usageTerms ? html`<p><span class="restriction-label">Usage terms:</span> <span class="restriction-text">${record.usageTerms}</span></p>` : nothing}
                ${record.instructions ? html`<p><span class="restriction-label">Special instructions:</span> <span class="restriction-text">${record.instructions}</span></p>` : nothing}
              </section>` : nothing}
            <dl class="fields primary-fields">
              ${field(state, app, 'description', { multiline: true })}
              ${field(state, app, 'headline')}
              ${field(state, app, 'creditLine')}
              ${field(state, app, 'creator')}
              ${field(state, app, 'credit')}
              ${field(state, app, 'source')}
              ${field(state, app, 'copyright')}
              ${field(state, app, 'usageTerms', { multiline: true })}
              ${field(state, app, 'instructions', { multiline: true })}
            </dl>
            <div class="actions" role="group" aria-labelledby="copy-label"><span id="copy-label" class="actions-label">Copy</span>
              <button type="button" class="button" ?disabled=${!record.creditLine}
                      @click=${() => copy(app, 'Credit line', async () => record.creditLine)}>Credit line</button>${copied('Credit line')}
              <button type="button" class="button" @click=${() => copy(app, 'Embed snippet', () => api.embedSnippet(record.id))}>Embed snippet</button>${copied('Embed snippet')}
              <button type="button" class="button" @click=${() => copy(app, 'Page link', async () => api.publicPageUrl(record.id))}>Page link</button>${copied('Page link')}
            </div>
            <div class="actions" role="group" aria-labelledby="download-label"><span id="download-label" class="actions-label">Download</span>
              ${(record.renditions ?? []).slice().sort((a, b) => a.width - b.width).map((r) => html`
                <a class="button" href=${api.downloadUrl(record.id, r.name)} download>${r.name} <span class="muted">${r.width}×${r.height}</span></a>`)}
              ${editor ? html`<button type="button" class="button" @click=${() => downloadOriginal(app, record.id)}>Original <span class="muted">${bytesText(record.bytes)}</span></button>` : nothing}
            </div>
            <div class="actions"><span class="actions-label"></span>
              <button type="button" class="button" @click=${() => { navigate({ q: `similar:${record.id}`, image: null }); app.routeChanged(); }}>Similar pictures</button>
              ${state.me?.role === 'admin' ? html`<button type="button" class="button danger" @click=${openRemoveDialog}>Remove…</button>` : nothing}
            </div>
            <h3 class="section-title">Details</h3>
            <dl class="fields">
              ${fact('Date taken', record.dateTaken ? takenText(record.dateTaken) : null, 'dateTaken', record)}
              ${fact('Place', place(record), record.city ? 'city' : 'country', record)}
              ${gps ? html`<div class="field"><dt>GPS</dt><dd>${record.gpsLatitude.toFixed(5)}, ${record.gpsLongitude.toFixed(5)}
                  <a href=${`https://www.openstreetmap.org/?mlat=${record.gpsLatitude}&mlon=${record.gpsLongitude}#map=15/${record.gpsLatitude}/${record.gpsLongitude}`}
                     target="_blank" rel="noopener noreferrer">Open in OpenStreetMap</a></dd></div>` : nothing}
              ${fact('Camera', [record.make, record.model].filter(Boolean).join(' ') + (record.lens ? ` · ${record.lens}` : ''), 'model', record)}
              ${fact('Exposure', exposure(record), 'exposureTime', record)}
              ${field(state, app, 'keywords')}
              ${fact('Dimensions', record.width ? `${record.width} × ${record.height} px · ${bytesText(record.bytes)} · ${record.contentType ?? ''}` : null, 'width', record)}
              ${fact('File', record.fileName, null, record)}
              ${fact('Uploaded', `${timestampText(record.uploadedAt)}${record.uploader ? ` by ${record.uploader}` : ''}`, null, record)}
              ${fact('Colour profile', record.iccProfile, 'iccProfile', record)}
              ${field(state, app, 'title')}
              ${field(state, app, 'altText')}
              ${field(state, app, 'city')}
              ${field(state, app, 'country')}
              ${field(state, app, 'digitalSourceType')}
            </dl>
            ${record.warnings?.length ? html`
              <h3 class="section-title">Warnings about the file</h3>
              <ul class="warnings">${record.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
            ${history(record)}
            ${record.raw && Object.keys(record.raw).length ? html`
              <details class="raw">
                <summary>Values as read from the file</summary>
                <dl class="fields">${Object.entries(record.raw).map(([k, v]) => html`<div class="field"><dt>${labelOf(k)}</dt><dd>${Array.isArray(v) ? v.join(', ') : String(v)}</dd></div>`)}</dl>
              </details>` : nothing}
            <p class="muted small">Image id <code>${record.id}</code>${detail.loading ? ' · refreshing…' : ''}</p>
          </aside>
        </div>
        ${state.me?.role === 'admin' ? removeDialog(app, record) : nothing}
      </section>`;
}

function history(record) {
    const edits = record.edits ?? [];
    if (!edits.length) return nothing;
    return html`
      <h3 class="section-title">Edit history</h3>
      <ol class="history">
        ${edits.slice().reverse().map((e) => html`
          <li>
            <p><strong>${e.editor}</strong> <time datetime=${e.at}>${timestampText(e.at)}</time></p>
            <ul>${Object.entries(e.changes ?? {}).map(([name, change]) => html`
              <li><span class="history-field">${labelOf(name)}</span>:
                <del>${format(change.old) || 'none'}</del> → <ins>${format(change.new) || 'none'}</ins></li>`)}</ul>
          </li>`)}
      </ol>`;
}

const format = (value) => (Array.isArray(value) ? value.join(', ') : value ?? '');

function openRemoveDialog() {
    const dialog = document.getElementById('remove-dialog');
    dialog.returnValue = '';
    dialog.showModal();
}

function removeDialog(app, record) {
    // Buttons close the dialog themselves: no form submission, which `form-action 'none'` forbids.
    const closeWith = (value) => (event) => event.currentTarget.closest('dialog').close(value);
    return html`
      <dialog id="remove-dialog" class="dialog" aria-labelledby="remove-title"
              @close=${(e) => { if (e.currentTarget.returnValue === 'remove') removeImage(app, record.id, e.currentTarget.querySelector('input').value.trim()); }}>
        <h2 id="remove-title">Remove this picture?</h2>
        <p>The original and every rendition are deleted, and every public link to the picture stops working. This cannot be undone.</p>
        <p class="muted">${record.headline || record.description || record.fileName} — ${creatorOf(record) ?? 'unknown photographer'}</p>
        <label>Reason (kept with the removal) <input type="text" name="reason" placeholder="e.g. rights withdrawn"></label>
        <div class="dialog-actions">
          <button type="button" class="button quiet" autofocus @click=${closeWith('cancel')}>Keep it</button>
          <button type="button" class="button danger" id="confirm-remove" @click=${closeWith('remove')}>Remove picture</button>
        </div>
      </dialog>`;
}
