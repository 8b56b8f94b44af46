// One picture: the large rendition, and beside it everything an editor must know before using it,
// restrictions first (an embargo with its countdown, withholding, usage terms); setting and
// lifting the embargo and the withholding; copy buttons, downloads, similar pictures, where the
// picture is used, the edit history, removal.
import { html, nothing, css, ticking } from './html.js';
import * as api from './api.js';
import { navigate } from './route.js';
import { altText, badges, bytesText, creatorOf, isPublicNow, takenText, timestampText } from './records.js';
import { field, canEdit, labelOf, replaceRecord, startEditing } from './edit.js';

let loading = null;
/** The object URL of the original shown in place of refused renditions, revoked when another replaces it. */
let heldUrl = null;
let heldLoading = null;

/** Shows picture `id`: at once from the grid's copy, then the full record for editors. */
export async function showImage(app, id, { edit } = {}) {
    const state = app.store.state;
    // What the desk already knows of the picture: a search hit, the open record, or the record an
    // upload's live status brought (photographers cannot read records, only their search).
    const known = state.results.hits.find((hit) => hit.id === id) ?? (state.detail?.id === id ? state.detail.record : null)
        ?? state.uploads.items.find((item) => item.id === id && item.record)?.record ?? null;
    app.store.update({ detail: { id, record: known, loading: true, error: null, editing: null, conflict: null, copied: null, usages: undefined, publishing: null } });
    loading?.abort();
    heldLoading?.abort();
    releaseHeld();
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
        if (!Array.isArray(record.usages)) loadUsages(app, id, controller.signal);
        showHeldPicture(app, record);
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => ({ detail: { ...s.detail, loading: false, error: error.message } }));
    }
}

/** Where the picture is used, from its own route, for records that do not carry their `usages`. */
async function loadUsages(app, id, signal) {
    try {
        const answer = await api.imageUsages(id, signal);
        app.store.update((s) => (s.detail?.id === id ? { detail: { ...s.detail, usages: answer.usages, usagesError: null } } : null));
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => (s.detail?.id === id ? { detail: { ...s.detail, usages: null, usagesError: error.message } } : null));
    }
}

/**
 * A picture under embargo or withheld has its renditions refused to every `<img>`: the detail
 * shows its original instead, read with the editor's key.
 */
async function showHeldPicture(app, record) {
    if (isPublicNow(record) || record.status !== 'ready' || app.store.state.detail?.held?.id === record.id) return;
    heldLoading?.abort();
    const controller = (heldLoading = new AbortController());
    try {
        const blob = await api.originalBlob(record.id, controller.signal);
        if (controller.signal.aborted || app.store.state.detail?.id !== record.id) return;
        releaseHeld();
        heldUrl = URL.createObjectURL(blob);
        app.store.update((s) => ({ detail: { ...s.detail, held: { id: record.id, url: heldUrl } } }));
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => (s.detail?.id === record.id ? { detail: { ...s.detail, held: { id: record.id, error: error.message } } } : null));
    }
}

function releaseHeld() {
    if (heldUrl) URL.revokeObjectURL(heldUrl);
    heldUrl = null;
}

export function closeImage(app) {
    heldLoading?.abort();
    releaseHeld();
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
    const restricted = Boolean(record.usageTerms || record.instructions || record.withheld);
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
            ${large && !isPublicNow(record)
                ? heldFigure(record, large, detail.held?.id === record.id ? detail.held : null)
                : large
                ? html`<img class="detail-image" src=${api.renditionUrl(record.id, 'large')} width=${large.width} height=${large.height}
                           alt=${altText(record)} @load=${(e) => e.currentTarget.classList.add('loaded')}
                           ${css({ 'max-width': `${large.width}px`, 'max-height': `${large.height}px`, 'background-color': record.appearance?.dominantColor ?? '' })}>`
                : html`<div class="detail-missing">${record.status === 'failed' ? 'No renditions: processing failed.' : 'Renditions are being made…'}</div>`}
          </figure>
          <aside class="detail-info" aria-label="About this picture">
            ${record.status !== 'ready' ? html`
              <p class=${`status-line status-${record.status}`}>Status: <strong>${record.status}</strong>${record.failure
                  ? html` — ${record.failure.message ?? ''} <code>${record.failure.reason ?? ''}</code>` : nothing}</p>` : nothing}
            ${embargoWarning(record)}
            ${restricted ? html`
              <section class="restriction" role="note" aria-labelledby="restriction-title">
                <h3 id="restriction-title">⚠ Restrictions apply</h3>
                ${record.withheld ? html`<p class="withheld-line"><span class="restriction-label">Withheld:</span> <span class="restriction-text">${record.withheld}</span>
                  <span class="restriction-note">No public route serves it (451) until it is released.</span></p>` : nothing}
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
            ${editor && record.status !== 'removed' ? publishing(state, app, record) : nothing}
            <div class="actions" role="group" aria-labelledby="copy-label"><span id="copy-label" class="actions-label">Copy</span>
              <button type="button" class="button" ?disabled=${!record.creditLine}
                      @click=${() => copy(app, 'Credit line', async () => record.creditLine)}>Credit line</button>${copied('Credit line')}
              <button type="button" class="button" @click=${() => copy(app, 'Embed snippet', () => api.embedSnippet(record.id))}>Embed snippet</button>${copied('Embed snippet')}
              <button type="button" class="button" @click=${() => copy(app, 'Page link', async () => api.publicPageUrl(record.id))}>Page link</button>${copied('Page link')}
            </div>
            <div class="actions" role="group" aria-labelledby="download-label"><span id="download-label" class="actions-label">Download</span>
              ${isPublicNow(record) ? (record.renditions ?? []).slice().sort((a, b) => a.width - b.width).map((r) => html`
                <a class="button" href=${api.downloadUrl(record.id, r.name)} download>${r.name} <span class="muted">${r.width}×${r.height}</span></a>`)
                : html`<span class="muted small">Renditions download once the picture is public.</span>`}
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
            ${editor ? usageTable(Array.isArray(record.usages) ? record.usages : detail.usages, detail.usagesError) : nothing}
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

/** The original in place of the refused large rendition, at the rendition's size; its placeholder until then. */
function heldFigure(record, large, held) {
    const box = css({ 'max-width': `${large.width}px`, 'max-height': `${large.height}px`, 'background-color': record.appearance?.dominantColor ?? '' });
    return html`
      ${held?.url
          ? html`<img class="detail-image" src=${held.url} width=${large.width} height=${large.height} alt=${altText(record)}
                      @load=${(e) => e.currentTarget.classList.add('loaded')} ${box}>`
          : html`<span class="detail-image detail-held" role="img" aria-label=${altText(record)} ${box}></span>`}
      <figcaption class="detail-held-note">${held?.error
          ? `The original could not be shown: ${held.error}`
          : `Shown from the original: the public renditions are refused while the picture is ${record.withheld ? 'withheld' : 'under embargo'}.`}</figcaption>`;
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

// -- embargo and withholding --------------------------------------------------------------------

const untilFormat = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});

/** Time left, as the countdown shows it: seconds only in the last hour. */
function leftText(ms) {
    const total = Math.ceil(ms / 1000);
    const days = Math.floor(total / 86_400);
    const hours = Math.floor((total % 86_400) / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (days) return `${days} d ${hours} h left`;
    if (hours) return `${hours} h ${minutes} min left`;
    return minutes ? `${minutes} min ${String(seconds).padStart(2, '0')} s left` : `${seconds} s left`;
}

/** Time left in words, to the minute: what a screen reader hears, at most once a minute. */
function leftSpoken(ms) {
    // Whole minutes, as the countdown shows them: "2 h 14 min left" is heard as 2 hours 14 minutes.
    const total = Math.floor(Math.ceil(ms / 1000) / 60);
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const minutes = total % 60;
    const part = (n, unit) => (n ? `${n} ${unit}${n === 1 ? '' : 's'}` : '');
    const words = [part(days, 'day'), part(hours, 'hour'), days ? '' : part(minutes, 'minute')].filter(Boolean).join(' ');
    return `${words || 'Less than a minute'} left until the embargo ends.`;
}

/**
 * The warning an embargo still to pass puts above everything else, with a countdown that ticks
 * each second. The countdown itself is a timer (not read out as it changes); a polite live
 * region says the time left once a minute, and that the embargo ended when it does.
 */
function embargoWarning(record) {
    const until = Date.parse(record.embargoUntil ?? '');
    if (!Number.isFinite(until) || until <= Date.now()) return nothing;
    const at = html`<time datetime=${record.embargoUntil}>${untilFormat.format(new Date(until))}</time>`;
    const provenance = record.provenance?.embargoUntil;
    return html`
      <section class="embargo" role="note" aria-labelledby="embargo-title">
        <h3 id="embargo-title">⚠ Under embargo</h3>
        <div class="embargo-clock" ${ticking(1000, (now) => {
            const left = until - now;
            return html`
              <p class="embargo-line">${left > 0
                  ? html`<strong>Embargoed until ${at}</strong> — <span class="countdown" role="timer">${leftText(left)}</span>`
                  : html`<strong>The embargo ended at ${at}.</strong> Public routes serve the picture now.`}</p>
              <p class="visually-hidden" aria-live="polite">${left > 0 ? leftSpoken(left) : 'The embargo has ended: the picture is public now.'}</p>`;
        })}></div>
        <p class="embargo-note">No public route serves it before then; galleries leave it out until it ends.
          ${provenance ? html`<span class="provenance" title="Where this value came from">${provenance}</span>` : nothing}</p>
      </section>`;
}

/** `iso` as a `datetime-local` value, in the reader's own time zone. */
function localInputValue(time) {
    const date = new Date(time);
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function zoneText() {
    const minutes = -new Date().getTimezoneOffset();
    const sign = minutes < 0 ? '−' : '+';
    const abs = Math.abs(minutes);
    return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function setPublishing(app, publishing) {
    app.store.update((s) => (s.detail ? { detail: { ...s.detail, publishing } } : null));
}

function openPublishing(app, what) {
    setPublishing(app, { what, saving: false, error: null });
    requestAnimationFrame(() => document.querySelector('.publishing-form input, .publishing-form .button.primary')?.focus());
}

function closePublishing(app) {
    const what = app.store.state.detail?.publishing?.what;
    setPublishing(app, null);
    requestAnimationFrame(() => document.getElementById(`publishing-${what}`)?.focus());
}

/** Sends `changes` (embargo or withholding) at the version shown; on a conflict, shows the newer record and keeps the form open. */
async function publish(app, changes, done) {
    const { record, publishing } = app.store.state.detail;
    setPublishing(app, { ...publishing, saving: true, error: null });
    try {
        const edited = await api.edit(record.id, record.version ?? 0, changes);
        replaceRecord(app, edited);
        showHeldPicture(app, edited);
        setPublishing(app, null);
        app.announce(done);
        requestAnimationFrame(() => document.getElementById('publishing-label')?.closest('[role=group]')?.querySelector('button')?.focus());
    } catch (error) {
        if (error.status === 409 && error.body?.current) {
            const current = error.body.current;
            const editor = current.edits?.at(-1)?.editor ?? 'Another editor';
            replaceRecord(app, current);
            const message = `${editor} changed this picture meanwhile; it now shows their version. Check it and save again.`;
            setPublishing(app, { ...publishing, saving: false, error: message });
            app.alert(message);
        } else {
            setPublishing(app, { ...publishing, saving: false, error: error.message });
        }
    }
}

/** The editors' controls for an embargo and for withholding, and the form the chosen one opens. */
function publishing(state, app, record) {
    const mode = state.detail.publishing;
    const embargoed = record.embargoUntil && Date.parse(record.embargoUntil) > Date.now();
    const button = (what, label) => html`
      <button type="button" class="button" id=${`publishing-${what}`} aria-expanded=${mode?.what === what ? 'true' : 'false'}
              aria-controls="publishing-form" @click=${() => (mode?.what === what ? closePublishing(app) : openPublishing(app, what))}>${label}</button>`;
    return html`
      <div class="actions" role="group" aria-labelledby="publishing-label"><span id="publishing-label" class="actions-label">Publishing</span>
        ${button('embargo', embargoed ? 'Change embargo…' : 'Set embargo…')}
        ${record.embargoUntil ? button('lift', embargoed ? 'Lift embargo…' : 'Clear past embargo…') : nothing}
        ${record.withheld ? button('release', 'Release…') : button('withhold', 'Withhold…')}
      </div>
      ${mode ? publishingForm(app, record, mode, embargoed) : nothing}`;
}

function publishingForm(app, record, mode, embargoed) {
    const onKey = (event) => {
        if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            closePublishing(app);
        }
    };
    const submit = (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        if (mode.what === 'embargo') {
            const value = form.querySelector('#embargo-until').value;
            const until = new Date(value);
            if (!value || Number.isNaN(until.getTime())) {
                setPublishing(app, { ...mode, error: 'Choose the date and time the embargo ends.' });
                return;
            }
            publish(app, { embargoUntil: until.toISOString() }, `Embargoed until ${untilFormat.format(until)}.`);
        } else if (mode.what === 'lift') {
            publish(app, { embargoUntil: null }, 'The embargo was lifted.');
        } else if (mode.what === 'withhold') {
            const reason = form.querySelector('#withheld-reason').value.trim();
            if (!reason) {
                setPublishing(app, { ...mode, error: 'Say why the picture is withheld: editors see the reason.' });
                return;
            }
            publish(app, { withheld: reason }, 'The picture is withheld: no public route serves it.');
        } else {
            publish(app, { withheld: null }, embargoed ? 'The picture was released; it is public once the embargo ends.' : 'The picture was released: it is public now.');
        }
    };
    const next = new Date(Math.ceil((Date.now() + 60_000) / 3_600_000) * 3_600_000);
    const body = {
        embargo: html`
          <label for="embargo-until">Embargoed until <span class="hint">your time, ${zoneText()}</span></label>
          <input type="datetime-local" id="embargo-until" required step="60"
                 .value=${localInputValue(embargoed ? record.embargoUntil : next)}>
          <p class="hint">Before then no public route serves the picture, and galleries leave it out.</p>`,
        lift: html`<p>Lift the embargo? ${record.withheld ? 'The picture stays withheld.' : 'Public routes serve the picture at once.'}</p>`,
        withhold: html`
          <label for="withheld-reason">Reason <span class="hint">for editors only, never shown publicly</span></label>
          <input type="text" id="withheld-reason" required maxlength="500" placeholder="e.g. court order of 3 December">`,
        release: html`<p>Release the picture? ${embargoed ? 'It becomes public when the embargo ends.' : 'Public routes serve it at once.'}</p>
          <p class="muted">Withheld: ${record.withheld}</p>`,
    }[mode.what];
    const action = { embargo: 'Save embargo', lift: 'Lift embargo', withhold: 'Withhold picture', release: 'Release picture' }[mode.what];
    const cancel = { embargo: 'Cancel', lift: 'Keep the embargo', withhold: 'Cancel', release: 'Keep it withheld' }[mode.what];
    return html`
      <form class="publishing-form" id="publishing-form" aria-label=${action} @submit=${submit} @keydown=${onKey}>
        ${body}
        <div class="editor-actions">
          <button type="submit" class=${`button ${mode.what === 'withhold' || mode.what === 'embargo' ? 'primary' : 'danger'}`} ?disabled=${mode.saving}>${mode.saving ? 'Saving…' : action}</button>
          <button type="button" class="button quiet" @click=${() => closePublishing(app)}>${cancel}</button>
        </div>
        ${mode.error ? html`<p class="field-error" role="alert">${mode.error}</p>` : nothing}
      </form>`;
}

// -- where it is used ---------------------------------------------------------------------------

/** The sites that showed the picture (`usages`, most recent first): undefined while loading, null when it could not be read. */
function usageTable(usages, error) {
    return html`
      <section class="usage" aria-labelledby="usage-title">
        <h3 class="section-title" id="usage-title">Where it is used</h3>
        ${error ? html`<p class="error-text">Not known now: ${error}</p>`
            : usages === undefined ? html`<p class="muted">Loading…</p>`
            : !usages?.length ? html`<p class="muted usage-none">No website has shown this picture yet.</p>`
            : html`
              <table class="usage-table" aria-labelledby="usage-title">
                <thead><tr><th scope="col">Site</th><th scope="col" class="number">Count</th><th scope="col">Last seen</th></tr></thead>
                <tbody>${usages.map((u) => html`
                  <tr>
                    <th scope="row">${/^https?:\/\//.test(u.site) ? html`<a href=${u.site} target="_blank" rel="noopener noreferrer">${u.site.replace(/^https?:\/\//, '')}</a>` : u.site}</th>
                    <td class="number">${Number(u.count).toLocaleString()}</td>
                    <td><time datetime=${u.lastSeen} title=${`First seen ${timestampText(u.firstSeen)}`}>${timestampText(u.lastSeen)}</time></td>
                  </tr>`)}</tbody>
              </table>`}
      </section>`;
}
