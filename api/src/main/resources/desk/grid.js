// The results as a grid of thumbnails, virtualised: only the cells near the viewport exist in
// the DOM, however far the editor scrolls. Every cell has the same fixed box and every picture
// a box sized from its own width and height before it loads, so nothing jumps.
import { html, render, repeat, nothing, css, highlighted } from './html.js';
import { Virtualizer } from './vendor/lit-labs-virtualizer/Virtualizer.js';
import { GridLayout } from './vendor/lit-labs-virtualizer/layouts/grid.js';
import { renditionUrl } from './api.js';
import { routeUrl } from './route.js';
import { altText, badges, creatorOf, isPublicNow, shortDate } from './records.js';
import { loadMore } from './search.js';
import { placeholderUrl } from './blurhash.js';

/** The picture's box inside a cell, in CSS pixels; the cell adds the text below. */
const BOX = { width: 200, height: 150 };
const CELL = { width: 216, height: 244 };
/** Fetch the next page when the rendered range comes this close to the end of what is loaded. */
const AHEAD = 60;

/** The size a picture of `record`'s proportions takes inside the box. */
export function fitted(record) {
    const thumb = record.renditions?.find((r) => r.name === 'thumb');
    const width = thumb?.width ?? record.width ?? 4;
    const height = thumb?.height ?? record.height ?? 3;
    const scale = Math.min(BOX.width / width, BOX.height / height, 1.5);
    return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function createGrid(app) {
    let host = null;
    let virtualizer = null;
    let range = { first: 0, last: -1 };
    let shownHits = null;
    let shownKey;
    let pendingFocus = -1;
    let firstScreenMarked = false;

    function attach(element) {
        if (element === host) return;
        virtualizer?.disconnected();
        host = element;
        virtualizer = null;
        if (!host) return;
        virtualizer = new Virtualizer({
            hostElement: host,
            layout: { type: GridLayout, itemSize: { width: `${CELL.width}px`, height: `${CELL.height}px` }, gap: '8px', padding: '12px', flex: { preserve: 'height' } },
        });
        host.addEventListener('rangeChanged', (event) => {
            range = { first: event.first, last: event.last };
            draw();
            const { results } = app.store.state;
            if (event.last >= results.hits.length - AHEAD) loadMore(app);
        });
        host.addEventListener('keydown', onKey);
        virtualizer.items = app.store.state.results.hits;
        shownHits = app.store.state.results.hits;
        shownKey = app.store.state.results.key;
        virtualizer.connected();
    }

    function update(state) {
        if (!virtualizer) return;
        if (state.results.hits !== shownHits) {
            if (state.results.key !== shownKey) {
                // Another search: its results start at the top.
                host.closest('.grid-scroller')?.scrollTo({ top: 0 });
                range = { first: 0, last: -1 };
            }
            shownHits = state.results.hits;
            shownKey = state.results.key;
            virtualizer.items = shownHits;
        }
        draw();
    }

    function draw() {
        if (!host) return;
        const state = app.store.state;
        const hits = state.results.hits;
        const last = Math.min(range.last, hits.length - 1);
        const visible = range.first >= 0 && last >= range.first ? hits.slice(range.first, last + 1) : [];
        render(repeat(visible, (hit) => hit.id, (hit, i) => cell(state, hit, range.first + i)), host);
        if (pendingFocus >= 0) {
            const target = host.querySelector(`[data-index="${pendingFocus}"] .cell-open`);
            if (target) {
                pendingFocus = -1;
                target.focus({ preventScroll: true });
            }
        }
        if (!firstScreenMarked && visible.length) {
            firstScreenMarked = true;
            requestAnimationFrame(() => markFirstScreen(host));
        }
    }

    function cell(state, hit, index) {
        const selected = state.selection.has(hit.id);
        const size = fitted(hit);
        const hasThumb = hit.renditions?.some((r) => r.name === 'thumb');
        // Under embargo or withheld, the thumbnail would be refused: its blurred placeholder stands in.
        const held = hasThumb && !isPublicNow(hit);
        const alt = altText(hit);
        return html`
          <div class=${`cell${selected ? ' selected' : ''}${hit.status !== 'ready' ? ` ${hit.status}` : ''}`} role="listitem"
               data-index=${index} data-id=${hit.id} aria-posinset=${index + 1} aria-setsize=${state.results.total}>
            <a class="cell-open" href=${routeUrl({ ...state.route, image: hit.id })} tabindex=${index === state.focus ? '0' : '-1'}
               @click=${(e) => onClick(e, index)} @focus=${() => { if (app.store.state.focus !== index) app.store.update({ focus: index }); }}>
              <span class="thumb-box">
                ${held
                    ? html`<span class="thumb-held" role="img" aria-label=${alt}
                             ${css({ width: `${size.width}px`, height: `${size.height}px`, ...placeholderStyle(hit) })}></span>`
                    : hasThumb
                    ? html`<img src=${renditionUrl(hit.id, 'thumb')} width=${size.width} height=${size.height} alt=${alt}
                               decoding="async" ${css(placeholderStyle(hit))}>`
                    : html`<span class="thumb-missing" role="img" aria-label=${alt} ${css({ width: `${size.width}px`, height: `${size.height}px` })}>
                             ${hit.status === 'failed' ? 'Failed' : 'Processing…'}</span>`}
              </span>
              <span class="cell-text">
                <span class="cell-caption">${caption(hit)}</span>
                <span class="cell-creator">${creatorOf(hit) ?? 'Unknown photographer'}</span>
                <span class="cell-credit">${hit.creditLine ?? hit.credit ?? ''}</span>
                <span class="cell-date">${shortDate(hit)}</span>
              </span>
            </a>
            <input type="checkbox" class="cell-select" tabindex="-1" .checked=${selected}
                   aria-label=${`Select ${alt}`} @click=${(e) => { e.stopPropagation(); select(index, e.shiftKey ? 'range' : 'toggle'); }}>
            ${badgeList(hit)}
          </div>`;
    }

    function onClick(event, index) {
        if (event.shiftKey) {
            event.preventDefault();
            select(index, 'range');
        } else if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            select(index, 'toggle');
        } else if (event.button === 0) {
            event.preventDefault();
            app.store.update({ focus: index });
            app.openImage(app.store.state.results.hits[index].id);
        }
    }

    /** Selects the picture at `index`: `toggle` it, a `range` from the last one chosen, or `only` it. */
    function select(index, how) {
        app.store.update((s) => {
            const hits = s.results.hits;
            const selection = new Set(how === 'only' ? [] : s.selection);
            if (how === 'range' && s.anchor >= 0) {
                const [from, to] = s.anchor < index ? [s.anchor, index] : [index, s.anchor];
                for (let i = from; i <= to; i++) selection.add(hits[i].id);
            } else if (selection.has(hits[index].id)) {
                selection.delete(hits[index].id);
            } else {
                selection.add(hits[index].id);
            }
            return { selection, anchor: how === 'range' && s.anchor >= 0 ? s.anchor : index, focus: index };
        });
        app.announce(`${app.store.state.selection.size} selected.`, { quiet: true });
    }

    function columns() {
        const cells = [...host.querySelectorAll('.cell')];
        if (cells.length < 2) return 1;
        const top = cells[0].getBoundingClientRect().top;
        const n = cells.findIndex((c) => Math.abs(c.getBoundingClientRect().top - top) > 1);
        return n < 0 ? cells.length : n;
    }

    /** Moves the keyboard focus to the picture at `index`, scrolling it into view. */
    function focusIndex(index) {
        const hits = app.store.state.results.hits;
        if (!hits.length) return;
        const target = Math.max(0, Math.min(hits.length - 1, index));
        pendingFocus = target;
        app.store.update({ focus: target });
        const element = host.querySelector(`[data-index="${target}"]`);
        if (element) {
            element.scrollIntoView({ block: 'nearest' });
            element.querySelector('.cell-open')?.focus({ preventScroll: true });
            pendingFocus = -1;
        } else {
            virtualizer.element(target)?.scrollIntoView({ block: 'nearest' });
        }
    }

    function onKey(event) {
        if (event.target.closest?.('input:not(.cell-select), textarea, select')) return;
        const focus = app.store.state.focus;
        const hits = app.store.state.results.hits;
        switch (event.key) {
            case 'ArrowRight': focusIndex(focus + 1); break;
            case 'ArrowLeft': focusIndex(focus - 1); break;
            case 'ArrowDown': focusIndex(focus + columns()); break;
            case 'ArrowUp': focusIndex(focus - columns()); break;
            case 'Home': focusIndex(0); break;
            case 'End': focusIndex(hits.length - 1); break;
            case 'PageDown': focusIndex(focus + columns() * 3); break;
            case 'PageUp': focusIndex(focus - columns() * 3); break;
            case ' ': if (hits[focus]) select(focus, event.shiftKey ? 'range' : 'toggle'); break;
            case 'e': if (hits[focus] && !event.ctrlKey && !event.metaKey) app.openImage(hits[focus].id, { edit: 'description' }); break;
            default: return;
        }
        event.preventDefault();
    }

    /** Selects every picture loaded so far (Ctrl/Cmd-A). */
    function selectAll() {
        app.store.update((s) => ({ selection: new Set(s.results.hits.map((h) => h.id)) }));
        app.announce(`${app.store.state.selection.size} selected.`, { quiet: true });
    }

    return { attach, update, focusIndex, selectAll, focusCurrent: () => focusIndex(app.store.state.focus) };
}

/** The picture's dominant colour and blurred placeholder, behind it until it has loaded. */
function placeholderStyle(hit) {
    const url = placeholderUrl(hit.appearance?.placeholder);
    return {
        'background-color': hit.appearance?.dominantColor ?? '',
        'background-image': url ? `url("${url}")` : '',
        'background-size': url ? '100% 100%' : '',
    };
}

/** The headline or caption, with the search's words marked when the search found them there. */
function caption(hit) {
    const marked = hit.highlights?.headline || hit.highlights?.description;
    if (marked) return highlighted(marked);
    return hit.headline || hit.description || hit.fileName || '';
}

export function badgeList(record) {
    const list = badges(record);
    return list.length
        ? html`<ul class="badges" aria-label="Status">${list.map((b) => html`<li class=${`badge badge-${b.kind}`} title=${b.title}>${b.label}</li>`)}</ul>`
        : nothing;
}

/**
 * Marks `desk:first-screen` (a PerformanceMark, its time from navigation start) once the
 * thumbnails of the first screen of results have loaded: the figure the desk is judged by.
 */
function markFirstScreen(host) {
    const viewport = host.closest('.results')?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    const images = [...host.querySelectorAll('img')].filter((img) => {
        const box = img.getBoundingClientRect();
        return box.bottom > viewport.top && box.top < viewport.bottom;
    });
    const pending = images.filter((img) => !img.complete);
    const done = () => performance.mark('desk:first-screen', { detail: { images: images.length } });
    if (!pending.length) {
        done();
        return;
    }
    let left = pending.length;
    for (const img of pending) {
        const settle = () => { if (--left === 0) done(); };
        img.addEventListener('load', settle, { once: true });
        img.addEventListener('error', settle, { once: true });
    }
}
