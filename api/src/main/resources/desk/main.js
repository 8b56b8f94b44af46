// Wires the desk: the store, the route, the views, sign-in and the keyboard.
import { html, render, nothing } from './html.js';
import * as api from './api.js';
import { createStore } from './store.js';
import { currentRoute, navigate, onRouteChange, routeUrl } from './route.js';
import { runSearch, searchBar, helpPanel, facetSidebar, resultsHeader } from './search.js';
import { createGrid } from './grid.js';
import { detailView, showImage, closeImage } from './detail.js';
import { batchBar, canEdit, startEditing } from './edit.js';
import { uploadView } from './upload.js';
import { keysView, loadKeys } from './keys.js';
import { galleriesView, loadGalleries, openGallery, emptyGalleries } from './galleries.js';

const store = createStore({
    me: null,
    signingIn: false,
    signInError: null,
    help: null,
    route: currentRoute(),
    draft: currentRoute().q,
    results: { hits: [], total: 0, lowerBound: false, facets: {}, next: null, loading: false, error: null },
    selection: new Set(),
    anchor: -1,
    focus: 0,
    completion: null,
    helpOpen: false,
    facetsOpen: false,
    detail: null,
    batch: null,
    message: '',
    spoken: '',
    alert: '',
    uploads: { items: [], fields: { caption: '', creator: '', credit: '', keywords: '' }, dragging: false },
    keys: { list: [], issued: null, error: null, loading: false },
    galleries: emptyGalleries(),
    gallery: null,
});

let messageTimer = 0;
const app = {
    store,
    /** A polite message for screen readers and the status line. */
    announce(message, { quiet = false } = {}) {
        clearTimeout(messageTimer);
        if (quiet) {
            // Read out, not shown: the page shows the same already (the result count).
            store.update({ spoken: message });
            return;
        }
        store.update({ message, alert: '' });
        messageTimer = setTimeout(() => store.update({ message: '' }), 6000);
    },
    /** A message that interrupts: something went wrong. */
    alert(alert) {
        store.update({ alert });
    },
    openImage(id, options = {}) {
        navigate({ image: id, view: 'search' });
        routeChanged(options);
    },
    routeChanged: (options) => routeChanged(options),
};
const grid = createGrid(app);

/** Brings the desk in line with the URL: runs the search and opens or closes the picture it names. */
function routeChanged(options = {}) {
    const before = store.state.route;
    const route = currentRoute();
    store.update({ route, draft: route.q, alert: '' });
    if (!store.state.me) return;
    // Coming back from another desk searches again: uploads or removals may have changed the results.
    const searchChanged = route.q !== before.q || route.sort !== before.sort || before.view !== 'search'
        || store.state.results.key === undefined;
    if (route.view === 'search' && searchChanged) runSearch(app);
    if (route.view === 'keys' && (before.view !== 'keys' || !store.state.keys.list.length)) loadKeys(app);
    if (route.view === 'galleries' && route.gallery) openGallery(app, route.gallery);
    else if (route.view === 'galleries' && (before.view !== 'galleries' || before.gallery || !store.state.galleries.loaded)) loadGalleries(app);
    if (route.image && (route.image !== store.state.detail?.id || options.edit)) {
        showImage(app, route.image, options).then(() => document.querySelector('.detail')?.focus({ preventScroll: true }));
    } else if (!route.image && store.state.detail) {
        closeImage(app);
        requestAnimationFrame(() => grid.focusCurrent());
    }
}

async function signIn(key) {
    store.update({ signingIn: true, signInError: null });
    try {
        const me = await api.whoIs(key);
        api.session.signIn(key);
        store.update({ me, signingIn: false });
        api.searchHelp().then((help) => store.update({ help })).catch(() => {});
        const route = currentRoute();
        if (me.role === 'photographer' && (route.view === 'keys' || route.view === 'galleries')) navigate({ view: 'upload' }, { replace: true });
        store.update({ results: { ...store.state.results, key: undefined } });
        routeChanged();
        if (!currentRoute().image) requestAnimationFrame(() => document.getElementById('q')?.focus());
    } catch (error) {
        api.session.signOut();
        store.update({ signingIn: false, me: null,
            signInError: error.status === 401 ? 'The archive does not know this key. Check it and try again.' : error.message });
        requestAnimationFrame(() => document.getElementById('key')?.focus());
    }
}

function signOut(reason = null) {
    api.session.signOut();
    closeImage(app);
    store.update({
        me: null, signInError: reason, results: { hits: [], total: 0, lowerBound: false, facets: {}, next: null, loading: false, error: null },
        selection: new Set(), keys: { list: [], issued: null, error: null, loading: false }, batch: null, message: '', alert: '',
        galleries: emptyGalleries(), gallery: null,
    });
}

api.onUnauthorized(() => signOut('The archive no longer accepts this key (revoked or expired). Sign in again.'));
onRouteChange(() => routeChanged());

// -- views ------------------------------------------------------------------------------------

function signInView(state) {
    return html`
      <main id="main" class="signin" aria-labelledby="signin-title">
        <form class="signin-form" @submit=${(e) => { e.preventDefault(); signIn(new FormData(e.currentTarget).get('key').trim()); }}>
          <h1 id="signin-title">Picture desk</h1>
          <p class="muted">The newsroom's photo archive. Sign in with the API key you were given.</p>
          <label for="key">API key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required spellcheck="false">
          <button type="submit" class="button primary" ?disabled=${state.signingIn}>${state.signingIn ? 'Signing in…' : 'Sign in'}</button>
          ${state.signInError ? html`<p class="error-text" role="alert">${state.signInError}</p>` : nothing}
          <p class="muted small">The key stays in this tab only and is forgotten when the tab closes.</p>
        </form>
      </main>`;
}

function tabs(state) {
    const role = state.me.role;
    const list = [
        { view: 'search', label: role === 'photographer' ? 'My uploads' : 'Search' },
        ...(role === 'photographer' ? [] : [{ view: 'galleries', label: 'Galleries' }]),
        { view: 'upload', label: 'Upload' },
        ...(role === 'admin' ? [{ view: 'keys', label: 'Keys' }] : []),
    ];
    return html`<nav class="tabs" aria-label="Desk">
      ${list.map((t) => html`<a href=${routeUrl({ view: t.view, q: t.view === 'search' ? state.route.q : '', sort: t.view === 'search' ? state.route.sort : '' })}
          aria-current=${state.route.view === t.view ? 'page' : 'false'}>${t.label}</a>`)}
    </nav>`;
}

function searchDesk(state) {
    const empty = state.results.key !== undefined && !state.results.loading && !state.results.hits.length && !state.results.error;
    return html`
      <div class=${`search-desk${state.detail ? ' has-detail' : ''}`}>
        ${facetSidebar(state, app)}
        <main id="main" class="results" tabindex="-1" aria-label="Results">
          ${helpPanel(state, app)}
          ${resultsHeader(state, app)}
          ${batchBar(state, app)}
          <div class="grid-scroller">
            <div id="grid" class="grid" role="list" aria-labelledby="result-count" aria-busy=${state.results.loading ? 'true' : 'false'}></div>
            ${empty ? html`<p class="no-results">${state.route.q ? 'No picture matches this search.' : state.me.role === 'photographer' ? 'You have not uploaded any picture yet.' : 'The archive is empty.'}</p>` : nothing}
            ${state.results.loading && state.results.hits.length ? html`<p class="loading-more">Loading more…</p>` : nothing}
          </div>
        </main>
        ${detailView(state, app)}
      </div>`;
}

function shell(state) {
    if (!state.me) return signInView(state);
    const view = state.route.view;
    return html`
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href="/" @click=${(e) => { e.preventDefault(); navigate({ q: '', sort: '', image: null, view: 'search' }); routeChanged(); }}>Picture desk</a>
        ${tabs(state)}
        ${view === 'search' ? searchBar(state, app) : html`<span class="spacer"></span>`}
        <div class="user">
          <span class="user-name">${state.me.name}</span> <span class="role">${state.me.role}</span>
          <button type="button" class="button quiet on-dark" @click=${() => signOut()}>Sign out</button>
        </div>
      </header>
      <div class="messages">
        <p class="status-message" role="status" aria-live="polite">${state.message}</p>
        <p class="visually-hidden" aria-live="polite">${state.spoken}</p>
        <p class="alert-message" role="alert">${state.alert ? html`${state.alert} <button type="button" class="button small quiet" @click=${() => store.update({ alert: '' })}>Dismiss</button>` : ''}</p>
      </div>
      ${view === 'upload' ? uploadView(state, app) : view === 'keys' ? keysView(state, app)
          : view === 'galleries' ? galleriesView(state, app) : searchDesk(state)}`;
}

const root = document.getElementById('desk');
let scheduled = false;
function draw() {
    scheduled = false;
    const state = store.state;
    render(shell(state), root);
    grid.attach(state.me && state.route.view === 'search' ? document.getElementById('grid') : null);
    grid.update(state);
}
store.subscribe(() => {
    if (!scheduled) {
        scheduled = true;
        queueMicrotask(draw);
    }
});

// -- keyboard and links ---------------------------------------------------------------------------

const typing = (target) => target.closest?.('input, textarea, select, [contenteditable="true"]');

document.addEventListener('keydown', (event) => {
    const state = store.state;
    if (!state.me || event.defaultPrevented) return;
    if (document.querySelector('dialog[open]')) return;
    if (event.key === '/' && !typing(event.target) && state.route.view === 'search') {
        event.preventDefault();
        document.getElementById('q')?.focus();
    } else if (event.key === 'Escape') {
        if (state.detail && !state.detail.editing) {
            event.preventDefault();
            navigate({ image: null });
            routeChanged();
        } else if (state.helpOpen) {
            store.update({ helpOpen: false });
        } else if (state.facetsOpen) {
            store.update({ facetsOpen: false });
        }
    } else if (event.key === 'e' && !typing(event.target) && state.detail && canEdit(state) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        startEditing(app, 'description');
    } else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey) && !typing(event.target)
        && state.route.view === 'search' && !state.detail && canEdit(state)) {
        event.preventDefault();
        grid.selectAll();
    }
});

// Links to the desk itself change the route without reloading the page.
document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="/?"], a[href="/"]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || link.hasAttribute('download')) return;
    event.preventDefault();
    const target = new URL(link.href);
    history.pushState(null, '', target.pathname + target.search);
    routeChanged();
});

draw();
const saved = api.session.key();
if (saved) signIn(saved);
else requestAnimationFrame(() => document.getElementById('key')?.focus());
