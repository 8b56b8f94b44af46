// Uploading: files or whole folders dropped or chosen, the same caption, creator, credit and
// keywords applied to all, at most three on the wire at once, each followed live from uploading
// through processing to ready or failed by server-sent events.
import { html, nothing, css } from './html.js';
import * as api from './api.js';
import { routeUrl } from './route.js';
import { bytesText } from './records.js';

const IN_FLIGHT = 3;
/** Answers after which a file is sent again by itself (too many at once, archive busy or briefly down, network). */
const RETRIED = new Set([0, 408, 429, 503]);
const MAX_ATTEMPTS = 8;
/** The events route follows at most this many images at once. */
const FOLLOWED = 100;
const IMAGE_NAME = /\.(jpe?g|png|tiff?|webp|gif|heic|heif|avif|dng|cr2|nef|arw)$/i;

let nextKey = 1;
let following = null;
let followedIds = '';
let followTimer = 0;

const items = (app) => app.store.state.uploads.items;
const setItem = (app, key, changes) => app.store.update((s) => ({
    uploads: { ...s.uploads, items: s.uploads.items.map((item) => (item.key === key ? { ...item, ...changes } : item)) },
}));

/** Queues `files` for upload and starts as many as may run. */
export function addFiles(app, files) {
    const accepted = [...files].filter((f) => !f.name.startsWith('.') && (f.type.startsWith('image/') || IMAGE_NAME.test(f.name)));
    const skipped = files.length - accepted.length;
    if (!accepted.length) {
        app.alert(skipped ? `None of the ${skipped} files is a picture.` : 'No files chosen.');
        return;
    }
    const added = accepted.map((file) => ({ key: nextKey++, file, name: file.webkitRelativePath || file.name, size: file.size, sent: 0, state: 'queued' }));
    app.store.update((s) => ({ uploads: { ...s.uploads, items: s.uploads.items.concat(added) } }));
    app.announce(`${added.length} ${added.length === 1 ? 'file' : 'files'} queued${skipped ? `; ${skipped} skipped (not pictures)` : ''}.`);
    pump(app);
}

function pump(app) {
    const list = items(app);
    let running = list.filter((i) => i.state === 'uploading').length;
    for (const item of list) {
        if (running >= IN_FLIGHT) break;
        if (item.state === 'queued') {
            running++;
            send(app, item);
        }
    }
}

async function send(app, item) {
    setItem(app, item.key, { state: 'uploading', sent: 0, error: null });
    const fields = app.store.state.uploads.fields;
    try {
        const answer = await api.upload(item.file, fields, (sent, total) => setItem(app, item.key, { sent: Math.min(sent, total) }));
        setItem(app, item.key, { sent: item.size, id: answer.id, state: answer.duplicate ? 'duplicate' : 'processing', duplicate: answer.duplicate });
        if (answer.duplicate) app.announce(`${item.name} is already in the archive.`);
    } catch (error) {
        const attempts = (item.attempts ?? 0) + 1;
        if (RETRIED.has(error.status) && attempts <= MAX_ATTEMPTS) {
            // Busy or briefly without Kafka or S3: nothing was kept, so the same file is simply sent again.
            const seconds = Math.min(60, error.retryAfter ?? 2 ** attempts);
            setItem(app, item.key, { state: 'waiting', attempts, sent: 0, error: `${error.message} Sending again in ${seconds} s.` });
            setTimeout(() => {
                if (items(app).find((i) => i.key === item.key)?.state === 'waiting') {
                    setItem(app, item.key, { state: 'queued' });
                    pump(app);
                }
            }, seconds * 1000);
        } else {
            setItem(app, item.key, { state: 'failed', error: error.message });
            app.alert(`${item.name} was not uploaded: ${error.message}`);
        }
    }
    pump(app);
    follow(app);
}

/** Follows every image still processing over one stream; a new stream when that set changes. */
function follow(app) {
    clearTimeout(followTimer);
    followTimer = setTimeout(() => {
        const ids = [...new Set(items(app).filter((i) => i.id && (i.state === 'processing' || i.state === 'duplicate') && !i.settled).map((i) => i.id))].slice(0, FOLLOWED);
        const key = ids.join(',');
        if (key === followedIds) return;
        following?.abort();
        followedIds = key;
        if (!ids.length) {
            following = null;
            return;
        }
        const controller = (following = new AbortController());
        api.followImages(ids, (event) => onImage(app, event), controller.signal).catch((error) => {
            app.alert(`Live status stopped: ${error.message}`);
        });
    }, 150);
}

function onImage(app, event) {
    let changed = false;
    app.store.update((s) => ({
        uploads: {
            ...s.uploads,
            items: s.uploads.items.map((item) => {
                if (item.id !== event.id) return item;
                const settled = event.status === 'ready' || event.status === 'failed' || event.status === 'removed';
                changed ||= settled;
                const state = item.state === 'duplicate' ? 'duplicate' : event.status === 'removed' ? 'failed' : event.status;
                return { ...item, state, settled, record: event.record ?? item.record, failure: event.failure ?? null,
                    error: event.status === 'removed' ? 'The picture was removed from the archive.' : item.error };
            }),
        },
    }));
    if (event.status === 'ready' || event.status === 'failed') {
        const item = items(app).find((i) => i.id === event.id);
        app.announce(`${item?.name ?? 'A picture'} is ${event.status === 'ready' ? 'ready' : `failed: ${event.failure?.message ?? event.failure?.reason ?? ''}`}.`);
    }
    if (changed) follow(app);
}

function retry(app, item) {
    setItem(app, item.key, { state: 'queued', sent: 0, error: null, failure: null, settled: false, id: null, attempts: 0 });
    pump(app);
}

/** Every file under the dropped entries, folders walked (https://wicg.github.io/entries-api/). */
async function droppedFiles(dataTransfer) {
    const entries = [...dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
    if (!entries.length) return [...dataTransfer.files];
    const files = [];
    const walk = async (entry, path) => {
        if (entry.isFile) {
            const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
            files.push(path ? new File([file], file.name, { type: file.type, lastModified: file.lastModified }) : file);
        } else if (entry.isDirectory) {
            const reader = entry.createReader();
            for (;;) {
                // readEntries answers in batches (100 in Chromium) until it answers none.
                const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
                if (!batch.length) break;
                for (const child of batch) await walk(child, `${path}${entry.name}/`);
            }
        }
    };
    for (const entry of entries) await walk(entry, '');
    return files;
}

const STATES = {
    queued: 'Waiting', waiting: 'Waiting to send again', uploading: 'Uploading', processing: 'Processing', ready: 'Ready', failed: 'Failed', duplicate: 'Already in the archive',
};

export function uploadView(state, app) {
    const { items: list, fields, dragging } = state.uploads;
    const total = list.reduce((n, i) => n + i.size, 0);
    const sent = list.reduce((n, i) => n + (i.state === 'queued' ? 0 : i.sent), 0);
    const counts = Object.fromEntries(Object.keys(STATES).map((k) => [k, list.filter((i) => i.state === k).length]));
    const setField = (name) => (e) => app.store.update((s) => ({ uploads: { ...s.uploads, fields: { ...s.uploads.fields, [name]: e.currentTarget.value } } }));
    const drop = async (event) => {
        event.preventDefault();
        app.store.update((s) => ({ uploads: { ...s.uploads, dragging: false } }));
        addFiles(app, await droppedFiles(event.dataTransfer));
    };
    return html`
      <main id="main" class="upload-desk" tabindex="-1" aria-labelledby="upload-title">
        <h1 id="upload-title" class="page-title">Upload pictures</h1>
        <div class="upload-layout">
          <section class="upload-form" aria-label="What to upload">
            <div class=${`dropzone${dragging ? ' dragging' : ''}`}
                 @dragover=${(e) => { e.preventDefault(); if (!dragging) app.store.update((s) => ({ uploads: { ...s.uploads, dragging: true } })); }}
                 @dragleave=${() => app.store.update((s) => ({ uploads: { ...s.uploads, dragging: false } }))}
                 @drop=${drop}>
              <p class="dropzone-title">Drop pictures or folders here</p>
              <p class="muted">JPEG, PNG, TIFF, WebP, HEIC; up to ${IN_FLIGHT} upload at once.</p>
              <div class="dropzone-buttons">
                <label class="button primary file-button">Choose pictures
                  <input id="upload-files" class="visually-hidden" type="file" multiple accept="image/*"
                         @change=${(e) => { addFiles(app, e.currentTarget.files); e.currentTarget.value = ''; }}></label>
                <label class="button file-button">Choose a folder
                  <input id="upload-folder" class="visually-hidden" type="file" webkitdirectory
                         @change=${(e) => { addFiles(app, e.currentTarget.files); e.currentTarget.value = ''; }}></label>
              </div>
            </div>
            <fieldset class="upload-fields">
              <legend>Applied to every picture of this upload (optional; the file's own values are kept otherwise)</legend>
              <label>Caption <textarea id="upload-caption" rows="3" .value=${fields.caption} @input=${setField('caption')}></textarea></label>
              <label>Creator <input id="upload-creator" type="text" .value=${fields.creator} @input=${setField('creator')}></label>
              <label>Credit <input id="upload-credit" type="text" .value=${fields.credit} @input=${setField('credit')}></label>
              <label>Keywords <input id="upload-keywords" type="text" placeholder="comma, separated" .value=${fields.keywords} @input=${setField('keywords')}></label>
            </fieldset>
          </section>
          <section class="upload-list" aria-labelledby="upload-list-title">
            <h2 id="upload-list-title">This session's uploads</h2>
            ${list.length ? html`
              <div class="overall">
                <label for="overall-progress">${counts.ready + counts.duplicate} of ${list.length} done${counts.failed ? html`, <span class="error-text">${counts.failed} failed</span>` : ''}
                  · ${bytesText(sent)} of ${bytesText(total)} sent</label>
                <progress id="overall-progress" max=${total || 1} .value=${sent}></progress>
              </div>
              <ul class="uploads">
                ${list.map((item) => uploadRow(app, item))}
              </ul>` : html`<p class="muted">Nothing uploaded yet in this session.</p>`}
          </section>
        </div>
      </main>`;
}

function uploadRow(app, item) {
    const thumb = item.state === 'ready' || item.state === 'duplicate' ? item.id && api.renditionUrl(item.id, 'thumb') : null;
    const failure = item.failure ? `${item.failure.message ?? ''} (${item.failure.reason ?? 'failed'})` : item.error;
    return html`
      <li class=${`upload upload-${item.state}`} data-name=${item.file?.name ?? item.name} data-state=${item.state}>
        <span class="upload-thumb" ${css({ 'background-color': item.record?.appearance?.dominantColor ?? '' })}>
          ${thumb && (item.record?.renditions?.length || item.state === 'duplicate')
              ? html`<img src=${thumb} alt="" width="48" height="48">` : nothing}
        </span>
        <span class="upload-name">${item.name}<span class="muted"> · ${bytesText(item.size)}</span></span>
        <span class="upload-state" data-state=${item.state}>${STATES[item.state]}${item.state === 'uploading' ? ` ${Math.round((100 * item.sent) / (item.size || 1))}%` : ''}</span>
        <progress class="upload-progress" max=${item.size || 1} .value=${item.state === 'queued' ? 0 : item.sent}
                  aria-label=${`Upload of ${item.name}`}></progress>
        <span class="upload-extra">
          ${item.state === 'waiting' ? html`<span class="muted upload-reason">${item.error}</span>` : nothing}
          ${item.state === 'failed' ? html`<span class="error-text upload-reason">${failure}</span>
              <button type="button" class="button small" @click=${() => retry(app, item)}>Retry</button>` : nothing}
          ${item.state === 'duplicate' ? html`<a href=${routeUrl({ view: 'search', image: item.id })}>See the picture already in the archive</a>` : nothing}
          ${item.state === 'ready' ? html`<a href=${routeUrl({ view: 'search', image: item.id })}>Open</a>` : nothing}
        </span>
      </li>`;
}
