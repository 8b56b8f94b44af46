// Galleries: the list (newest first), the editor of one gallery (title, intro, language, the
// pictures in order, each with its caption and credit line, reordered by dragging or from the
// keyboard), saving at the version it was read at with conflicts shown, deletion, the public
// page previewed in a frame, the snippet and the link copied; and galleries made of (or grown by)
// the pictures selected in the grid.
import { html, nothing, repeat, live, css } from './html.js';
import * as api from './api.js';
import { navigate, routeUrl } from './route.js';
import { altText, badges, isPublicNow, timestampText } from './records.js';

/** The languages the desk offers; the archive credits each in its own words (`GalleryCredit`). */
export const LANGUAGES = [
    { tag: 'bn', name: 'Bengali (বাংলা)' },
    { tag: 'vi', name: 'Vietnamese (Tiếng Việt)' },
    { tag: 'en', name: 'English' },
    { tag: 'de', name: 'German (Deutsch)' },
    { tag: 'es', name: 'Spanish (Español)' },
];
/** The archive's limit of pictures in one gallery. */
const MAX_ITEMS = 100;
/** Parts of a gallery a save replaces; a conflict is resolved part by part. */
const PARTS = ['title', 'intro', 'language', 'items'];
const PART_NAMES = { title: 'the title', intro: 'the intro', language: 'the language', items: 'the pictures or their captions' };

export const emptyGalleries = () => ({ list: [], next: null, loading: false, error: null, loaded: false });

const canEdit = (state) => state.me && (state.me.role === 'editor' || state.me.role === 'admin');

/** What an editor edits of a saved gallery: every text as a string, so the fields bind to it. */
function draftOf(saved) {
    return {
        title: saved.title ?? '',
        intro: saved.intro ?? '',
        language: saved.language ?? 'en',
        items: (saved.items ?? []).map((item) => ({ image: item.image, caption: item.caption ?? '', creditLine: item.creditLine ?? '' })),
    };
}

/** The body of a save, as the archive stores it (texts stripped, empty ones absent). */
function bodyOf(draft) {
    const text = (value) => (value ?? '').trim() || null;
    return {
        title: draft.title.trim(),
        intro: text(draft.intro),
        language: draft.language,
        items: draft.items.map((item) => ({ image: item.image, caption: text(item.caption), creditLine: text(item.creditLine) })),
    };
}

const samePart = (a, b, part) => JSON.stringify(bodyOf(a)[part]) === JSON.stringify(bodyOf(b)[part]);
const changedParts = (from, to) => PARTS.filter((part) => !samePart(from, to, part));
/** Whether the draft says something the saved gallery does not. */
export const isDirty = (gallery) => Boolean(gallery?.saved && gallery.draft && changedParts(draftOf(gallery.saved), gallery.draft).length);

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// -- loading --------------------------------------------------------------------------------------

/** Loads the first page of galleries, or the next one with `more`. */
export async function loadGalleries(app, { more = false } = {}) {
    const before = app.store.state.galleries;
    if (before.loading || (more && !before.next)) return;
    app.store.update((s) => ({ galleries: { ...s.galleries, loading: true, error: null } }));
    try {
        const page = await api.galleries(more ? before.next : null);
        app.store.update((s) => ({
            galleries: {
                list: more ? s.galleries.list.concat(page.galleries) : page.galleries,
                next: page.next ?? null, loading: false, error: null, loaded: true,
            },
        }));
    } catch (error) {
        app.store.update((s) => ({ galleries: { ...s.galleries, loading: false, error: error.message } }));
    }
}

let opening = null;

/**
 * Shows gallery `gid` in the editor. Coming back to the gallery already open keeps what it shows
 * (and a draft with unsaved changes) and only takes a newer save of someone else's when there
 * is no draft to lose.
 */
export async function openGallery(app, gid) {
    const current = app.store.state.gallery;
    const same = current?.id === gid && Boolean(current.saved);
    if ((same && isDirty(current)) || (current?.id === gid && current.loading)) return;
    opening?.abort();
    const controller = (opening = new AbortController());
    if (!same) app.store.update({ gallery: { id: gid, loading: true, records: {} } });
    try {
        const saved = await api.gallery(gid, controller.signal);
        if (controller.signal.aborted) return;
        const now = app.store.state.gallery;
        if (same && now?.id === gid && now.saved && (isDirty(now) || now.saved.version >= saved.version)) return;
        showSaved(app, saved);
    } catch (error) {
        if (error.name === 'AbortError' || same) return;
        const message = error.status === 404 ? 'The archive has no such gallery.'
            : error.status === 410 ? 'This gallery was deleted.' : error.message;
        app.store.update((s) => ({ gallery: { ...s.gallery, loading: false, error: message } }));
    }
}

/** The editor shows `saved` as it is in the archive, and loads what it needs of its pictures. */
function showSaved(app, saved) {
    app.store.update((s) => ({
        gallery: {
            id: saved.id, saved, draft: draftOf(saved), loading: false, error: null, saving: false, conflict: null,
            records: s.gallery?.id === saved.id ? s.gallery.records ?? {} : {},
            preview: s.gallery?.id === saved.id ? s.gallery.preview : false, copied: null, drag: null,
        },
    }));
    loadRecords(app, saved.items.map((item) => item.image));
}

/** Reads the records of pictures the editor has not seen yet: thumbnails' alt text, captions, embargoes. */
async function loadRecords(app, ids) {
    const known = app.store.state.gallery?.records ?? {};
    const missing = [...new Set(ids)].filter((id) => !known[id]);
    const hits = new Map(app.store.state.results.hits.map((hit) => [hit.id, hit]));
    const found = {};
    const queue = missing.slice();
    const worker = async () => {
        while (queue.length) {
            const id = queue.shift();
            try {
                found[id] = await api.image(id);
            } catch (error) {
                found[id] = hits.get(id) ?? { id, status: error.status === 410 ? 'removed' : 'unknown' };
            }
        }
    };
    // Six at a time, as a browser opens connections to one origin.
    await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
    if (Object.keys(found).length) {
        app.store.update((s) => (s.gallery ? { gallery: { ...s.gallery, records: { ...s.gallery.records, ...found } } } : null));
    }
}

// -- editing ----------------------------------------------------------------------------------------

function changeDraft(app, change) {
    app.store.update((s) => (s.gallery?.draft ? { gallery: { ...s.gallery, draft: { ...s.gallery.draft, ...change(s.gallery.draft) } } } : null));
}

function setItem(app, index, changes) {
    changeDraft(app, (draft) => ({ items: draft.items.map((item, i) => (i === index ? { ...item, ...changes } : item)) }));
}

function itemName(app, image) {
    const record = app.store.state.gallery?.records?.[image];
    const name = record ? altText(record) : 'The picture';
    return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

/** Moves the picture at `from` to position `to`, says so to screen readers, and keeps the focus on what the editor was using. */
function moveItem(app, from, to, focus = document.activeElement?.id) {
    const items = app.store.state.gallery.draft.items;
    if (to < 0 || to >= items.length || to === from) return;
    const image = items[from].image;
    changeDraft(app, (draft) => {
        const next = draft.items.slice();
        const [moved] = next.splice(from, 1);
        next.splice(to, 0, moved);
        return { items: next };
    });
    app.announce(`${itemName(app, image)} moved to position ${to + 1} of ${items.length}.`);
    requestAnimationFrame(() => {
        let target = focus ? document.getElementById(focus) : null;
        // The button pressed may now be disabled (the top's "up"): its neighbour takes the focus.
        if (target?.disabled) target = document.getElementById(focus.startsWith('gi-up-') ? `gi-down-${image}` : `gi-up-${image}`);
        (target && !target.disabled ? target : document.getElementById(`gi-caption-${image}`))?.focus();
    });
}

function removeItem(app, index) {
    const items = app.store.state.gallery.draft.items;
    const image = items[index].image;
    const name = itemName(app, image);
    changeDraft(app, (draft) => ({ items: draft.items.filter((_, i) => i !== index) }));
    app.announce(`${name} taken out of the gallery; ${plural(items.length - 1, 'picture', 'pictures')} left. Save to keep the change.`);
    const next = items[index + 1] ?? items[index - 1];
    requestAnimationFrame(() => (next ? document.getElementById(`gi-remove-${next.image}`) : document.getElementById('gallery-title'))?.focus());
}

/** Alt+Up and Alt+Down move the picture whose field or button has the focus. */
function onItemKey(event, app, index) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    moveItem(app, index, event.key === 'ArrowUp' ? index - 1 : index + 1);
}

/**
 * Dragging by the handle, with pointer events (mouse, pen and touch alike): the row under the
 * pointer shows where the picture would land; letting go moves it there.
 */
function onHandleDown(event, app, from) {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    const list = handle.closest('.gallery-items');
    handle.setPointerCapture(event.pointerId);
    let gap = from;
    const setDrag = (drag) => app.store.update((s) => (s.gallery ? { gallery: { ...s.gallery, drag } } : null));
    setDrag({ from, gap });
    const onMove = (e) => {
        // The gap the pointer is in: before the first row whose middle is below it.
        const rows = [...list.querySelectorAll(':scope > .gallery-item')];
        const below = rows.findIndex((row) => { const box = row.getBoundingClientRect(); return e.clientY < box.top + box.height / 2; });
        const next = below < 0 ? rows.length : below;
        if (next !== gap) {
            gap = next;
            setDrag({ from, gap });
        }
    };
    const finish = (e) => {
        handle.removeEventListener('pointermove', onMove);
        handle.removeEventListener('pointerup', finish);
        handle.removeEventListener('pointercancel', finish);
        setDrag(null);
        if (e.type === 'pointerup') {
            const to = gap > from ? gap - 1 : gap;
            if (to !== from) moveItem(app, from, to, `gi-caption-${app.store.state.gallery.draft.items[from].image}`);
        }
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', finish);
    handle.addEventListener('pointercancel', finish);
}

// -- saving -------------------------------------------------------------------------------------

async function save(app, { version, draft } = {}) {
    const gallery = app.store.state.gallery;
    if (!gallery?.saved || gallery.saving) return;
    const mine = draft ?? gallery.draft;
    if (!mine.title.trim()) {
        app.store.update({ gallery: { ...gallery, fieldError: 'A gallery needs a title.' } });
        requestAnimationFrame(() => document.getElementById('gallery-title')?.focus());
        return;
    }
    app.store.update({ gallery: { ...gallery, draft: mine, saving: true, fieldError: null } });
    try {
        const saved = await api.saveGallery(gallery.id, version ?? gallery.saved.version, bodyOf(mine));
        showSaved(app, saved);
        replaceInList(app, saved);
        app.announce(`Gallery saved (version ${saved.version}).`);
    } catch (error) {
        if (error.status === 409 && error.body?.current) {
            const current = error.body.current;
            app.store.update((s) => ({
                gallery: { ...s.gallery, saving: false, conflict: { current, base: draftOf(s.gallery.saved) } },
            }));
            replaceInList(app, current);
            app.alert(`${current.updatedBy ?? 'Another editor'} saved this gallery while you were editing. Yours was not saved.`);
            requestAnimationFrame(() => document.getElementById('gallery-conflict')?.focus());
        } else {
            app.store.update((s) => ({ gallery: { ...s.gallery, saving: false, fieldError: error.message } }));
            app.alert(`The gallery was not saved: ${error.message}`);
        }
    }
}

/** After a conflict: each part this editor changed, applied to the other editor's gallery, saved at its version. */
function applyMineAgain(app) {
    const { conflict, draft } = app.store.state.gallery;
    const theirs = draftOf(conflict.current);
    const merged = { ...theirs };
    for (const part of changedParts(conflict.base, draft)) merged[part] = draft[part];
    app.store.update((s) => ({ gallery: { ...s.gallery, saved: conflict.current, conflict: null } }));
    save(app, { version: conflict.current.version, draft: merged });
}

function takeTheirs(app) {
    const { conflict } = app.store.state.gallery;
    showSaved(app, conflict.current);
    app.announce('The gallery shows the other editor\'s version now.');
}

function replaceInList(app, saved) {
    app.store.update((s) => ({
        galleries: { ...s.galleries, list: s.galleries.list.map((g) => (g.id === saved.id ? saved : g)) },
    }));
}

async function removeGallery(app) {
    const gallery = app.store.state.gallery;
    try {
        await api.deleteGallery(gallery.id);
        app.store.update((s) => ({
            gallery: null,
            galleries: { ...s.galleries, list: s.galleries.list.filter((g) => g.id !== gallery.id) },
        }));
        navigate({ view: 'galleries', gallery: null }, { replace: true });
        app.routeChanged();
        app.announce(`The gallery “${gallery.saved.title}” was deleted; its page and embed no longer show.`);
        requestAnimationFrame(() => document.getElementById('main')?.focus());
    } catch (error) {
        app.alert(`The gallery was not deleted: ${error.message}`);
    }
}

async function copy(app, what, text) {
    try {
        await navigator.clipboard.writeText(await text());
        app.store.update((s) => (s.gallery ? { gallery: { ...s.gallery, copied: what } } : null));
        app.announce(`${what} copied to the clipboard.`);
        setTimeout(() => app.store.update((s) => (s.gallery?.copied === what ? { gallery: { ...s.gallery, copied: null } } : null)), 2500);
    } catch (error) {
        app.alert(`Could not copy the ${what.toLowerCase()}: ${error.message}`);
    }
}

// -- from the grid's selection -------------------------------------------------------------------------

/** The selected pictures in the order the grid shows them; any chosen in an earlier search after. */
function selectedIds(state) {
    const shown = state.results.hits.map((hit) => hit.id).filter((id) => state.selection.has(id));
    const rest = [...state.selection].filter((id) => !shown.includes(id));
    return shown.concat(rest);
}

function editGallery(app, saved) {
    app.store.update((s) => ({ gallery: null, galleries: { ...s.galleries, loaded: false } }));
    showSaved(app, saved);
    navigate({ view: 'galleries', gallery: saved.id });
    app.routeChanged();
    requestAnimationFrame(() => document.getElementById('gallery-heading')?.focus());
}

async function createFromSelection(app, title, language) {
    const ids = selectedIds(app.store.state);
    try {
        const saved = await api.createGallery({ title, language, items: ids.map((image) => ({ image })) });
        editGallery(app, saved);
        app.announce(`Gallery “${saved.title}” made with ${plural(saved.items.length, 'picture', 'pictures')}.`);
    } catch (error) {
        app.alert(`The gallery was not made: ${error.message}`);
    }
}

/** Adds the selected pictures a gallery does not hold yet at its end, saved at once (again on the newer version if someone saved in between). */
async function addSelection(app, gid) {
    const ids = selectedIds(app.store.state);
    try {
        let gallery = await api.gallery(gid);
        for (let attempt = 0; ; attempt++) {
            const have = new Set(gallery.items.map((item) => item.image));
            const added = ids.filter((id) => !have.has(id));
            if (!added.length) {
                app.announce(`Every selected picture is already in “${gallery.title}”.`);
                editGallery(app, gallery);
                return;
            }
            try {
                const body = bodyOf(draftOf(gallery));
                body.items = body.items.concat(added.map((image) => ({ image, caption: null, creditLine: null })));
                const saved = await api.saveGallery(gid, gallery.version, body);
                editGallery(app, saved);
                app.announce(`${plural(added.length, 'picture', 'pictures')} added to “${saved.title}”.`);
                return;
            } catch (error) {
                if (error.status !== 409 || attempt > 0 || !error.body?.current) throw error;
                gallery = error.body.current;
            }
        }
    } catch (error) {
        app.alert(`The pictures were not added: ${error.message}`);
    }
}

function openDialog(id) {
    const dialog = document.getElementById(id);
    dialog.returnValue = '';
    dialog.showModal();
}

/** The buttons the selection bar gets, and their dialogs: a new gallery of the selection, or the selection added to one. */
export function selectionGalleryActions(state, app) {
    if (!canEdit(state)) return nothing;
    const count = state.selection.size;
    const closeWith = (value) => (event) => event.currentTarget.closest('dialog').close(value);
    const list = state.galleries.list;
    return html`
      <button type="button" class="button" ?disabled=${count > MAX_ITEMS} title=${count > MAX_ITEMS ? `A gallery holds at most ${MAX_ITEMS} pictures` : ''}
              @click=${() => openDialog('new-gallery-dialog')}>New gallery…</button>
      <button type="button" class="button" @click=${() => { if (!state.galleries.loaded) loadGalleries(app); openDialog('add-to-gallery-dialog'); }}>Add to gallery…</button>
      <dialog id="new-gallery-dialog" class="dialog" aria-labelledby="new-gallery-title">
        <form class="dialog-form" @submit=${(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const title = String(data.get('title') ?? '').trim();
            if (!title) return;
            e.currentTarget.closest('dialog').close('create');
            createFromSelection(app, title, String(data.get('language') ?? 'en'));
            e.currentTarget.reset();
        }}>
          <h2 id="new-gallery-title">New gallery of ${plural(count, 'picture', 'pictures')}</h2>
          <p class="muted">In the order the grid shows them; reorder and caption them next.</p>
          <label>Title <input type="text" name="title" id="new-gallery-name" required maxlength="300" autofocus></label>
          <label>Language ${languageSelect('language', 'en')}</label>
          <div class="dialog-actions">
            <button type="button" class="button quiet" @click=${closeWith('cancel')}>Cancel</button>
            <button type="submit" class="button primary" id="create-gallery">Make gallery</button>
          </div>
        </form>
      </dialog>
      <dialog id="add-to-gallery-dialog" class="dialog" aria-labelledby="add-to-gallery-title">
        <form class="dialog-form" @submit=${(e) => {
            e.preventDefault();
            const gid = String(new FormData(e.currentTarget).get('gallery') ?? '');
            if (!gid) return;
            e.currentTarget.closest('dialog').close('add');
            addSelection(app, gid);
        }}>
          <h2 id="add-to-gallery-title">Add ${plural(count, 'picture', 'pictures')} to a gallery</h2>
          ${state.galleries.error ? html`<p class="error-text" role="alert">${state.galleries.error}</p>` : nothing}
          ${list.length ? html`
            <label>Gallery
              <select name="gallery" id="add-to-gallery-choice" required>
                ${list.map((g) => html`<option value=${g.id}>${g.title} (${plural(g.items.length, 'picture', 'pictures')})</option>`)}
              </select>
            </label>
            <p class="muted small">Pictures already in it are left where they are; the others go at its end.</p>`
            : html`<p class="muted" role="status">${state.galleries.loading ? 'Loading galleries…' : 'There is no gallery yet: make a new one.'}</p>`}
          <div class="dialog-actions">
            <button type="button" class="button quiet" @click=${closeWith('cancel')}>Cancel</button>
            <button type="submit" class="button primary" id="add-to-gallery" ?disabled=${!list.length}>Add pictures</button>
          </div>
        </form>
      </dialog>`;
}

function languageSelect(name, selected, attributes = {}) {
    const known = LANGUAGES.some((l) => l.tag === selected);
    const options = known ? LANGUAGES : [...LANGUAGES, { tag: selected, name: selected }];
    return html`
      <select name=${name} id=${attributes.id ?? nothing} @change=${attributes.onChange ?? nothing}>
        ${options.map((l) => html`<option value=${l.tag} ?selected=${l.tag === selected}>${l.name}</option>`)}
      </select>`;
}

// -- views ------------------------------------------------------------------------------------------

export function galleriesView(state, app) {
    if (!canEdit(state)) {
        return html`<main id="main" class="galleries-desk" tabindex="-1"><p class="muted">Galleries are made by editors.</p></main>`;
    }
    return state.route.gallery ? editorView(state, app) : listView(state, app);
}

function listView(state, app) {
    const { list, next, loading, error, loaded } = state.galleries;
    return html`
      <main id="main" class="galleries-desk" tabindex="-1" aria-labelledby="galleries-title">
        <h1 id="galleries-title" class="page-title">Galleries</h1>
        <p class="muted">Newest first. To make one, select pictures in <a href=${routeUrl({ view: 'search' })}>Search</a>
          (click, shift-click or Ctrl+A) and choose <strong>New gallery…</strong>.</p>
        ${error ? html`<p class="error-text" role="alert">${error}</p>` : nothing}
        ${!loaded && loading ? html`<p class="muted" role="status">Loading…</p>` : !list.length && loaded ? html`<p class="no-results">There is no gallery yet.</p>` : html`
          <table class="galleries-table">
            <thead><tr><th scope="col"><span class="visually-hidden">First picture</span></th><th scope="col">Title</th>
              <th scope="col">Pictures</th><th scope="col">Language</th><th scope="col">Last saved</th></tr></thead>
            <tbody>
              ${repeat(list, (g) => g.id, (g) => html`
                <tr data-gallery=${g.id}>
                  <td class="gallery-list-thumb">${g.items.length
                      ? html`<img src=${api.renditionUrl(g.items[0].image, 'thumb')} alt="" width="64" height="48" loading="lazy">` : nothing}</td>
                  <th scope="row"><a href=${routeUrl({ view: 'galleries', gallery: g.id })}>${g.title}</a></th>
                  <td>${g.items.length}</td>
                  <td>${LANGUAGES.find((l) => l.tag === g.language)?.name ?? g.language}</td>
                  <td>${timestampText(g.updatedAt)}${g.updatedBy ? html` <span class="muted">by ${g.updatedBy}</span>` : nothing}</td>
                </tr>`)}
            </tbody>
          </table>
          ${next ? html`<p><button type="button" class="button" ?disabled=${loading} @click=${() => loadGalleries(app, { more: true })}>${loading ? 'Loading…' : 'More galleries'}</button></p>` : nothing}`}
      </main>`;
}

function editorView(state, app) {
    const gallery = state.gallery;
    const back = html`<a class="button quiet" href=${routeUrl({ view: 'galleries' })}>← All galleries</a>`;
    if (!gallery?.draft) {
        return html`
          <main id="main" class="galleries-desk" tabindex="-1" aria-label="Gallery">
            <div class="gallery-bar">${back}</div>
            <p class=${gallery?.error ? 'error-text' : 'muted'} role=${gallery?.error ? 'alert' : 'status'}>${gallery?.error ?? 'Loading…'}</p>
          </main>`;
    }
    const { draft, saved, conflict } = gallery;
    const dirty = isDirty(gallery);
    const onKey = (event) => {
        if (event.key.toLowerCase() === 's' && (event.ctrlKey || event.metaKey) && !event.altKey) {
            event.preventDefault();
            save(app);
        }
    };
    const closeWith = (value) => (event) => event.currentTarget.closest('dialog').close(value);
    return html`
      <main id="main" class="galleries-desk gallery-editor" tabindex="-1" aria-labelledby="gallery-heading" @keydown=${onKey}>
        <div class="gallery-bar">
          ${back}
          <h1 id="gallery-heading" class="gallery-heading" tabindex="-1">${draft.title.trim() || 'Untitled gallery'}</h1>
          <span class="save-state" id="save-state">${gallery.saving ? 'Saving…' : dirty ? 'Unsaved changes'
              : html`Saved <time datetime=${saved.updatedAt}>${timestampText(saved.updatedAt)}</time>${saved.updatedBy ? ` by ${saved.updatedBy}` : ''} · version ${saved.version}`}</span>
          <button type="button" class="button primary" id="save-gallery" aria-keyshortcuts="Control+S" ?disabled=${gallery.saving || !dirty}
                  @click=${() => save(app)}>Save</button>
          <button type="button" class="button danger" @click=${() => openDialog('delete-gallery-dialog')}>Delete…</button>
        </div>
        ${conflict ? conflictNote(app, gallery) : nothing}
        ${gallery.fieldError ? html`<p class="field-error gallery-error" role="alert">${gallery.fieldError}</p>` : nothing}
        <div class="gallery-layout">
          <section class="gallery-edit" aria-label="Gallery text and pictures">
            <div class="gallery-fields">
              <label>Title <input type="text" id="gallery-title" required maxlength="300" .value=${live(draft.title)}
                                  @input=${(e) => changeDraft(app, () => ({ title: e.currentTarget.value }))}></label>
              <label>Intro <span class="hint">optional, shown under the title on the page</span>
                <textarea id="gallery-intro" rows="3" maxlength="5000" .value=${live(draft.intro)}
                          @input=${(e) => changeDraft(app, () => ({ intro: e.currentTarget.value }))}></textarea></label>
              <label>Language <span class="hint">the page's language and the credit's words</span>
                ${languageSelect('language', draft.language, { id: 'gallery-language', onChange: (e) => changeDraft(app, () => ({ language: e.currentTarget.value })) })}</label>
            </div>
            <h2 id="gallery-items-title" class="section-title">Pictures in order (${draft.items.length})</h2>
            <p id="reorder-help" class="hint">Drag a picture by its handle ⠿, or move it with its arrow buttons or Alt+↑ and Alt+↓.
              An empty caption or credit line takes the picture's own.</p>
            ${draft.items.length ? html`
              <ol class="gallery-items" aria-labelledby="gallery-items-title" aria-describedby="reorder-help">
                ${repeat(draft.items, (item) => item.image, (item, i) => itemRow(state, app, item, i))}
              </ol>` : html`<p class="no-results">No picture in this gallery: select some in Search and choose Add to gallery….</p>`}
          </section>
          ${sharePanel(state, app, gallery, dirty)}
        </div>
        <dialog id="delete-gallery-dialog" class="dialog" aria-labelledby="delete-gallery-title"
                @close=${(e) => { if (e.currentTarget.returnValue === 'delete') removeGallery(app); }}>
          <h2 id="delete-gallery-title">Delete this gallery?</h2>
          <p>“${saved.title}” is deleted, and its public page and embed stop showing wherever they were pasted. The pictures stay in the archive.</p>
          <div class="dialog-actions">
            <button type="button" class="button quiet" autofocus @click=${closeWith('cancel')}>Keep it</button>
            <button type="button" class="button danger" id="confirm-delete-gallery" @click=${closeWith('delete')}>Delete gallery</button>
          </div>
        </dialog>
      </main>`;
}

function itemRow(state, app, item, i) {
    const gallery = state.gallery;
    const count = gallery.draft.items.length;
    const record = gallery.records[item.image];
    const drag = gallery.drag;
    const dragging = drag?.from === i;
    // The gap shows only where the picture would move: not just above or below itself.
    const gapHere = drag && drag.gap !== drag.from && drag.gap !== drag.from + 1;
    const before = gapHere && drag.gap === i;
    const after = gapHere && drag.gap === count && i === count - 1;
    const n = i + 1;
    const ownCaption = record?.description || record?.headline || '';
    const notPublic = record ? hiddenReason(record) : null;
    return html`
      <li class=${`gallery-item${dragging ? ' dragging' : ''}${before ? ' drop-before' : ''}${after ? ' drop-after' : ''}`}
          data-image=${item.image} @keydown=${(e) => onItemKey(e, app, i)}>
        <span class="drag-handle" aria-hidden="true" title="Drag to move" @pointerdown=${(e) => onHandleDown(e, app, i)}>⠿</span>
        <span class="gallery-position" aria-hidden="true">${n}</span>
        <span class="gallery-thumb">
          ${record && !isPublicNow(record)
              // Its thumbnail would be refused: the picture's colour stands in, and the note below says why.
              ? html`<span class="gallery-thumb-held" role="img" aria-label=${altText(record)} ${css({ 'background-color': record.appearance?.dominantColor ?? '' })}></span>`
              : html`<img src=${api.renditionUrl(item.image, 'thumb')} alt=${record ? altText(record) : `Picture ${n}`} draggable="false" loading="lazy">`}
        </span>
        <div class="gallery-item-fields">
          <label for=${`gi-caption-${item.image}`}>Caption <span class="visually-hidden">of picture ${n}</span></label>
          <textarea id=${`gi-caption-${item.image}`} rows="2" maxlength="5000" .value=${live(item.caption)}
                    placeholder=${ownCaption ? `The picture's own: ${ownCaption}` : 'The picture has no caption of its own'}
                    @input=${(e) => setItem(app, i, { caption: e.currentTarget.value })}></textarea>
          <label for=${`gi-credit-${item.image}`}>Credit line <span class="visually-hidden">of picture ${n}</span></label>
          <input type="text" id=${`gi-credit-${item.image}`} maxlength="300" .value=${live(item.creditLine)}
                 placeholder="Made from the picture's creator and credit" @input=${(e) => setItem(app, i, { creditLine: e.currentTarget.value })}>
          ${notPublic ? html`<p class="gallery-item-note">${badgeList(record)} ${notPublic}</p>` : nothing}
        </div>
        <div class="gallery-item-actions" role="group" aria-label=${`Picture ${n} of ${count}`}>
          <button type="button" class="button small" id=${`gi-up-${item.image}`} aria-label=${`Move picture ${n} up`} aria-keyshortcuts="Alt+ArrowUp"
                  ?disabled=${i === 0} @click=${() => moveItem(app, i, i - 1)}>↑</button>
          <button type="button" class="button small" id=${`gi-down-${item.image}`} aria-label=${`Move picture ${n} down`} aria-keyshortcuts="Alt+ArrowDown"
                  ?disabled=${i === count - 1} @click=${() => moveItem(app, i, i + 1)}>↓</button>
          <button type="button" class="button small danger" id=${`gi-remove-${item.image}`} aria-label=${`Take picture ${n} out of the gallery`}
                  @click=${() => removeItem(app, i)}>Remove</button>
        </div>
      </li>`;
}

/** Why the public gallery leaves the picture out for now, or null when it shows it. */
function hiddenReason(record) {
    if (record.status === 'removed') return 'Removed from the archive: the gallery leaves it out.';
    if (record.status === 'unknown') return 'The archive did not say whether this picture is public.';
    if (record.withheld) return 'Withheld: the gallery leaves it out until it is released.';
    if (record.embargoUntil && Date.parse(record.embargoUntil) > Date.now()) {
        return `Embargoed until ${timestampText(record.embargoUntil)}: the gallery shows it from then on.`;
    }
    if (record.status && record.status !== 'ready') return 'Not ready: the gallery shows it once it is.';
    return null;
}

function badgeList(record) {
    return badges(record).filter((b) => b.kind !== 'ai' && b.kind !== 'restricted')
        .map((b) => html`<span class=${`badge badge-${b.kind}`} title=${b.title}>${b.label}</span> `);
}

function conflictNote(app, gallery) {
    const { current, base } = gallery.conflict;
    const theirs = changedParts(base, draftOf(current));
    const mine = changedParts(base, gallery.draft);
    const both = mine.filter((part) => theirs.includes(part));
    const list = (parts) => parts.map((p) => PART_NAMES[p]).join(', ') || 'nothing';
    return html`
      <div class="conflict gallery-conflict" id="gallery-conflict" role="group" aria-labelledby="gallery-conflict-title" tabindex="-1">
        <p id="gallery-conflict-title"><strong>${current.updatedBy ?? 'Another editor'}</strong> saved this gallery
          (version ${current.version}, <time datetime=${current.updatedAt}>${timestampText(current.updatedAt)}</time>) while you were editing. Yours is not saved.</p>
        <dl>
          <dt>They changed</dt><dd class="theirs">${list(theirs)}</dd>
          <dt>You changed</dt><dd class="mine">${list(mine)}</dd>
        </dl>
        ${both.length ? html`<p>Applying yours again replaces their ${list(both)}.</p>` : html`<p>Applying yours again keeps their changes.</p>`}
        <button type="button" class="button primary" id="gallery-apply-mine" @click=${() => applyMineAgain(app)}>Apply mine again</button>
        <button type="button" class="button quiet" @click=${() => takeTheirs(app)}>Load theirs, drop mine</button>
      </div>`;
}

function sharePanel(state, app, gallery, dirty) {
    const { saved } = gallery;
    const copied = (what) => (gallery.copied === what ? html`<span class="copied" aria-hidden="true">Copied ✓</span>` : nothing);
    return html`
      <aside class="gallery-share" aria-labelledby="gallery-share-title">
        <h2 id="gallery-share-title" class="section-title">On websites</h2>
        <p class="gallery-link"><a href=${saved.page} target="_blank" rel="noopener">${saved.page}</a></p>
        <div class="actions" role="group" aria-label="Copy">
          <button type="button" class="button" id="copy-gallery-embed" @click=${() => copy(app, 'Embed snippet', () => api.galleryEmbed(gallery.id))}>Copy embed snippet</button>${copied('Embed snippet')}
          <button type="button" class="button" id="copy-gallery-link" @click=${() => copy(app, 'Public link', async () => saved.page)}>Copy public link</button>${copied('Public link')}
        </div>
        ${dirty ? html`<p class="hint">The page, the snippet and the preview show the gallery as last saved.</p>` : nothing}
        <button type="button" class="button" id="toggle-gallery-preview" aria-expanded=${gallery.preview ? 'true' : 'false'} aria-controls="gallery-preview"
                @click=${() => app.store.update((s) => ({ gallery: { ...s.gallery, preview: !s.gallery.preview } }))}>${gallery.preview ? 'Hide preview' : 'Preview'}</button>
        ${gallery.preview ? html`
          <div class="gallery-preview" id="gallery-preview">
            <p class="hint">The public page of version ${saved.version}, as a reader sees it: pictures under embargo, withheld or removed are left out.</p>
            <iframe class="gallery-preview-frame" src=${api.galleryPreviewUrl(gallery.id, saved.version)} sandbox="" referrerpolicy="no-referrer"
                    title=${`Preview of the gallery “${saved.title}”`}></iframe>
          </div>` : nothing}
      </aside>`;
}
