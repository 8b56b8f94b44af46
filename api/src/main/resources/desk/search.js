// The search box (query language, completion of field names and facet values, help generated
// from the parser's own tables), the facet sidebar, the sort selector and the result count.
import { html, nothing, live } from './html.js';
import * as api from './api.js';
import { navigate } from './route.js';
import { monthText, queryValue } from './records.js';

const PAGE = 100;
let searching = null;
let suggesting = null;
let suggestTimer = 0;

/** Runs the search the route holds, from its first page. */
export async function runSearch(app) {
    const { q, sort } = app.store.state.route;
    searching?.abort();
    const controller = (searching = new AbortController());
    app.store.update((s) => ({ results: { ...s.results, loading: true, error: null } }));
    try {
        const page = await api.search({ q, sort, limit: PAGE }, controller.signal);
        if (controller.signal.aborted) return;
        app.store.update({
            results: {
                key: `${q}\u0000${sort}`, hits: page.hits, total: page.total, lowerBound: page.totalIsLowerBound,
                facets: page.facets ?? {}, next: page.next ?? null, loading: false, error: null,
            },
            selection: new Set(),
            anchor: -1,
            focus: 0,
        });
        app.announce(`${countText(page.total, page.totalIsLowerBound)}${q ? ` for ${q}` : ''}.`, { quiet: true });
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => ({ results: { ...s.results, hits: [], total: 0, facets: {}, next: null, loading: false, error: error.message } }));
    }
}

/** Fetches the next page with the previous page's cursor, unless one is on its way. */
export async function loadMore(app) {
    const { results, route } = app.store.state;
    if (!results.next || results.loading) return;
    const controller = searching = new AbortController();
    app.store.update({ results: { ...results, loading: true } });
    try {
        const page = await api.search({ q: route.q, sort: route.sort, cursor: results.next, limit: PAGE }, controller.signal);
        if (controller.signal.aborted) return;
        app.store.update((s) => {
            const known = new Set(s.results.hits.map((hit) => hit.id));
            const hits = s.results.hits.concat(page.hits.filter((hit) => !known.has(hit.id)));
            return { results: { ...s.results, hits, next: page.next ?? null, loading: false } };
        });
    } catch (error) {
        if (error.name === 'AbortError') return;
        app.store.update((s) => ({ results: { ...s.results, loading: false, error: error.message } }));
    }
}

export function countText(total, lowerBound) {
    const n = total.toLocaleString();
    return `${n}${lowerBound ? '+' : ''} ${total === 1 ? 'picture' : 'pictures'}`;
}

function submit(app, q) {
    closeCompletion(app);
    navigate({ q: q.trim(), image: null, view: 'search' });
    app.routeChanged();
}

/** Adds the filter `filter:value` to the query, or takes it out when it is there. */
export function toggleFilter(app, filter, value) {
    const clause = `${filter}:${queryValue(value)}`;
    const q = app.store.state.route.q;
    const next = hasClause(q, clause)
        ? q.split(/\s+/).join(' ').replace(clauseAt(clause), ' ').trim()
        : `${q} ${clause}`.trim();
    app.store.update({ draft: next });
    submit(app, next);
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const clauseAt = (clause) => new RegExp(`(^|\\s)${escapeRegExp(clause)}(?=\\s|$)`, 'i');
const hasClause = (q, clause) => clauseAt(clause).test(q);

// -- completion -------------------------------------------------------------------------------

/** The word under the caret: where it starts and what it holds, quotes kept together. */
function wordAt(text, caret) {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < caret; i++) {
        const c = text[i];
        if (c === '"') quoted = !quoted;
        else if (!quoted && /\s/.test(c)) start = i + 1;
    }
    while (start < caret && (text[start] === '-' || text[start] === '(')) start++;
    return { start, word: text.slice(start, caret) };
}

function closeCompletion(app) {
    clearTimeout(suggestTimer);
    suggesting?.abort();
    app.store.update({ completion: null });
}

function complete(app, input) {
    const help = app.store.state.help;
    const caret = input.selectionStart ?? input.value.length;
    const { start, word } = wordAt(input.value, caret);
    clearTimeout(suggestTimer);
    suggesting?.abort();
    if (!help || !word) {
        app.store.update({ completion: null });
        return;
    }
    const colon = word.indexOf(':');
    if (colon < 0) {
        const items = help.filters
            .filter((f) => f.name.toLowerCase().startsWith(word.toLowerCase()) && f.name.toLowerCase() !== word.toLowerCase())
            .map((f) => ({ label: `${f.name}:`, detail: f.description, insert: `${f.name}:` }));
        app.store.update({ completion: items.length ? { items, active: -1, start, end: caret } : null });
        return;
    }
    const field = word.slice(0, colon).toLowerCase();
    if (!help.facets.some((f) => f.filter === field)) {
        app.store.update({ completion: null });
        return;
    }
    const prefix = word.slice(colon + 1).replace(/^"/, '').replace(/"$/, '');
    suggestTimer = setTimeout(async () => {
        const controller = (suggesting = new AbortController());
        try {
            const answer = await api.suggest(field, prefix, controller.signal);
            if (controller.signal.aborted) return;
            const items = answer.values.map((v) => ({
                label: field === 'taken' ? monthText(v.value) : v.value,
                detail: v.count.toLocaleString(),
                insert: `${field}:${queryValue(v.value)} `,
            }));
            app.store.update({ completion: items.length ? { items, active: -1, start, end: caret } : null });
        } catch (error) {
            if (error.name !== 'AbortError') app.store.update({ completion: null });
        }
    }, 120);
}

function accept(app, input, index) {
    const completion = app.store.state.completion;
    const item = completion?.items[index];
    if (!item) return;
    const text = input.value;
    // The word ends where the caret was, or further where the rest of the word runs on.
    let end = completion.end;
    while (end < text.length && !/\s/.test(text[end])) end++;
    const next = text.slice(0, completion.start) + item.insert + text.slice(end);
    const caret = completion.start + item.insert.length;
    app.store.update({ draft: next, completion: null });
    input.value = next;
    input.setSelectionRange(caret, caret);
    if (item.insert.endsWith(':')) complete(app, input);
}

function onKey(app, event) {
    const input = event.currentTarget;
    const completion = app.store.state.completion;
    const open = Boolean(completion?.items.length);
    switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
            if (!open) {
                if (event.key === 'ArrowDown') complete(app, input);
                return;
            }
            event.preventDefault();
            const n = completion.items.length;
            const step = event.key === 'ArrowDown' ? 1 : -1;
            const active = completion.active < 0 && step < 0 ? n - 1 : (completion.active + step + n) % n;
            app.store.update({ completion: { ...completion, active } });
            return;
        }
        case 'Enter':
            event.preventDefault();
            if (open && completion.active >= 0) accept(app, input, completion.active);
            else submit(app, input.value);
            return;
        case 'Tab':
            if (open) {
                event.preventDefault();
                accept(app, input, Math.max(0, completion.active));
            }
            return;
        case 'Escape':
            if (open) {
                // The search field would clear itself on Escape; here Escape only closes the list.
                event.preventDefault();
                closeCompletion(app);
            }
            return;
        default:
    }
}

// -- views ------------------------------------------------------------------------------------

export function searchBar(state, app) {
    const completion = state.completion;
    const open = Boolean(completion?.items.length);
    const activeId = open && completion.active >= 0 ? `completion-${completion.active}` : '';
    return html`
      <form class="search" role="search" @submit=${(e) => e.preventDefault()}>
        <label class="visually-hidden" for="q">Search the archive</label>
        <div class="search-field">
          <input id="q" type="search" name="q" autocomplete="off" spellcheck="false"
                 placeholder="Search captions, or by:, credit:, taken:, keyword: …"
                 role="combobox" aria-autocomplete="list" aria-haspopup="listbox"
                 aria-controls="completion" aria-expanded=${open ? 'true' : 'false'}
                 aria-activedescendant=${activeId || nothing} aria-describedby="q-hint"
                 .value=${live(state.draft)}
                 @input=${(e) => { app.store.update({ draft: e.currentTarget.value }); complete(app, e.currentTarget); }}
                 @keydown=${(e) => onKey(app, e)}
                 @blur=${() => setTimeout(() => closeCompletion(app), 150)}>
          <ul id="completion" role="listbox" aria-label="Completions" class="completion" ?hidden=${!open}>
            ${open ? completion.items.map((item, i) => html`
              <li id="completion-${i}" role="option" aria-selected=${i === completion.active ? 'true' : 'false'}
                  class=${i === completion.active ? 'active' : ''}
                  @mousedown=${(e) => { e.preventDefault(); accept(app, document.getElementById('q'), i); }}>
                <span class="completion-label">${item.label}</span>
                <span class="completion-detail">${item.detail}</span>
              </li>`) : nothing}
          </ul>
        </div>
        <span id="q-hint" class="visually-hidden">Type a field name such as by: for suggestions; arrows choose, Enter or Tab accepts, Escape closes.</span>
        <button type="button" class="button" @click=${() => submit(app, document.getElementById('q').value)}>Search</button>
        <button type="button" class="button quiet" aria-expanded=${state.helpOpen ? 'true' : 'false'} aria-controls="search-help"
                @click=${() => app.store.update({ helpOpen: !state.helpOpen })}>Search help</button>
      </form>`;
}

export function helpPanel(state, app) {
    const help = state.help;
    if (!state.helpOpen || !help) return nothing;
    const example = (text) => html`<button type="button" class="example" title="Run this search"
        @click=${() => { app.store.update({ draft: text, helpOpen: false }); submit(app, text); }}>${text}</button>`;
    return html`
      <section id="search-help" class="help" aria-labelledby="search-help-title">
        <header class="help-header">
          <h2 id="search-help-title">Search help</h2>
          <button type="button" class="button quiet" @click=${() => app.store.update({ helpOpen: false })}>Close help</button>
        </header>
        <div class="help-columns">
          <table class="help-filters">
            <caption>Filters</caption>
            <thead><tr><th scope="col">Filter</th><th scope="col">Finds</th><th scope="col">Example</th></tr></thead>
            <tbody>${help.filters.map((f) => html`<tr><th scope="row"><code>${f.name}:</code></th><td>${f.description}</td><td>${f.example ? example(f.example) : nothing}</td></tr>`)}</tbody>
          </table>
          <div>
            <table>
              <caption>Operators</caption>
              <thead><tr><th scope="col">Write</th><th scope="col">Means</th><th scope="col">Example</th></tr></thead>
              <tbody>${help.operators.map((o) => html`<tr><th scope="row"><code>${o.syntax}</code></th><td>${o.description}</td><td>${o.example ? example(o.example) : nothing}</td></tr>`)}</tbody>
            </table>
            <table>
              <caption>Sort orders</caption>
              <tbody>${help.sorts.map((s) => html`<tr><th scope="row">${s.name}</th><td>${s.description}</td></tr>`)}</tbody>
            </table>
          </div>
        </div>
      </section>`;
}

export function facetSidebar(state, app) {
    const help = state.help;
    const facets = state.results.facets ?? {};
    const q = state.route.q;
    return html`
      <nav id="facets" class=${`facets${state.facetsOpen ? ' open' : ''}`} aria-label="Filters">
        <div class="facets-head">
          <h2 class="facets-title">Filter</h2>
          <button type="button" class="button quiet small facets-close" aria-controls="facets"
                  @click=${() => { app.store.update({ facetsOpen: false }); document.querySelector('.facets-toggle')?.focus(); }}>Close filters</button>
        </div>
        ${(help?.facets ?? []).map((facet) => {
            const values = facets[facet.name] ?? [];
            if (!values.length) return nothing;
            return html`
              <section class="facet" aria-labelledby="facet-${facet.name}">
                <h3 id="facet-${facet.name}">${facet.label}</h3>
                <ul>
                  ${values.map((v) => {
                      const on = hasClause(q, `${facet.filter}:${queryValue(v.value)}`);
                      const label = facet.filter === 'taken' ? monthText(v.value) : v.value;
                      return html`<li><button type="button" class="facet-value" aria-pressed=${on ? 'true' : 'false'}
                          data-facet=${facet.name} data-value=${v.value}
                          title=${on ? `Remove ${facet.filter}:${v.value} from the search` : `Show only ${label}`}
                          @click=${() => toggleFilter(app, facet.filter, v.value)}>
                          <span class="facet-label">${label}</span><span class="facet-count">${v.count.toLocaleString()}</span></button></li>`;
                  })}
                </ul>
              </section>`;
        })}
      </nav>`;
}

export function resultsHeader(state, app) {
    const { results, route, help } = state;
    const sort = route.sort || (route.q ? 'relevance' : 'uploaded');
    return html`
      <div class="results-header">
        <button type="button" class="button quiet facets-toggle" aria-controls="facets"
                aria-expanded=${state.facetsOpen ? 'true' : 'false'}
                @click=${() => app.store.update({ facetsOpen: !state.facetsOpen })}>Filters</button>
        <p class="result-count" id="result-count">
          ${results.error ? html`<span class="error-text">${results.error}</span>`
            : results.key === undefined ? 'Searching…' : countText(results.total, results.lowerBound)}
        </p>
        <label class="sort">Sort by
          <select @change=${(e) => { navigate({ sort: e.currentTarget.value }); app.routeChanged(); }}>
            ${(help?.sorts ?? [{ name: 'relevance' }, { name: 'uploaded' }, { name: 'taken' }]).map((s) =>
                html`<option value=${s.name} ?selected=${s.name === sort}>${sortLabel(s.name)}</option>`)}
          </select>
        </label>
      </div>`;
}

function sortLabel(name) {
    return { relevance: 'Relevance', uploaded: 'Newest upload', taken: 'Date taken' }[name] ?? name;
}
