// The one door to lit-html: every view renders through these, so every value bound into a
// template is a text node or an attribute value, never markup. Two directives of the desk's own:
// css() for styles through the CSSOM, ticking() for text that changes with the clock.
import { html, render, nothing, noChange } from './vendor/lit-html/lit-html.js';
import { directive, Directive, PartType } from './vendor/lit-html/directive.js';
import { repeat } from './vendor/lit-html/directives/repeat.js';
import { live } from './vendor/lit-html/directives/live.js';

export { html, render, nothing, repeat, live };

/**
 * Sets CSS properties through the CSSOM (`element.style`), which the Content-Security-Policy
 * allows, where a `style` attribute in markup would be refused (`style-src 'self'`).
 * Usage: `<div ${css({ width: '120px', '--bg': '#ccc' })}>`.
 */
class CssDirective extends Directive {
    constructor(part) {
        super(part);
        if (part.type !== PartType.ELEMENT) {
            throw new Error('css() belongs on an element: <div ${css({...})}>');
        }
        this.previous = new Set();
    }

    render() {
        return noChange;
    }

    update(part, [properties]) {
        const style = part.element.style;
        for (const name of this.previous) {
            if (!(name in properties)) {
                style.removeProperty(name);
            }
        }
        for (const [name, value] of Object.entries(properties)) {
            if (value === null || value === undefined || value === '') {
                style.removeProperty(name);
            } else {
                style.setProperty(name, String(value));
            }
        }
        this.previous = new Set(Object.keys(properties));
        return noChange;
    }
}
export const css = directive(CssDirective);

/**
 * Renders `content(now)` into the element every `ms` milliseconds, and at once on every render
 * of the template around it: a clock or a countdown that keeps itself current without making the
 * whole desk render again. The timer stops once the element has left the page.
 * Usage: `<span ${ticking(1000, (now) => html`${until - now} ms`)}></span>`.
 */
class TickingDirective extends Directive {
    constructor(part) {
        super(part);
        if (part.type !== PartType.ELEMENT) {
            throw new Error('ticking() belongs on an element: <span ${ticking(...)}>');
        }
        this.timer = 0;
        this.seen = false;
        this.missed = 0;
    }

    render() {
        return noChange;
    }

    update(part, [ms, content]) {
        this.element = part.element;
        this.content = content;
        render(content(Date.now()), this.element);
        if (!this.timer) {
            this.timer = setInterval(() => this.tick(), ms);
        }
        return noChange;
    }

    tick() {
        if (!this.element.isConnected) {
            // A new template's element may not be in the page yet: stop once it has been, or never came.
            if (this.seen || ++this.missed > 5) {
                clearInterval(this.timer);
                this.timer = 0;
            }
            return;
        }
        this.seen = true;
        render(this.content(Date.now()), this.element);
    }
}
export const ticking = directive(TickingDirective);

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text an HTML-escaped string stands for: `&lt;b&gt;` becomes `<b>`. Only entities, never tags. */
export function unescapeHtml(text) {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
        if (name[0] === '#') {
            const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/**
 * A search highlight (already-escaped HTML whose only tags are `<mark>` and `</mark>`) as text
 * nodes and `<mark>` elements: split on the marks, unescape the rest into text. Anything else
 * that looks like a tag stays visible text.
 */
export function highlighted(escaped) {
    const parts = [];
    let inMark = false;
    for (const piece of String(escaped).split(/(<mark>|<\/mark>)/)) {
        if (piece === '<mark>') {
            inMark = true;
        } else if (piece === '</mark>') {
            inMark = false;
        } else if (piece) {
            const text = unescapeHtml(piece);
            parts.push(inMark ? html`<mark>${text}</mark>` : text);
        }
    }
    return parts;
}
