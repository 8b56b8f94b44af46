// What a record says, in the words the desk shows: alt text, badges, dates, names. Shared by the
// grid, the detail view and the upload list.

/** The first creator, or null. */
export function creatorOf(record) {
    return Array.isArray(record.creator) && record.creator.length ? record.creator.join(', ') : null;
}

/** Alt text for the picture: the record's own, else its headline or caption, else who took it. */
export function altText(record) {
    return record.altText || record.headline || record.description
        || `Photograph by ${creatorOf(record) ?? 'an unknown photographer'}`;
}

const AI_SOURCES = ['trainedAlgorithmicMedia', 'compositeSynthetic'];

export function isAiGenerated(record) {
    const source = record.digitalSourceType ?? '';
    return AI_SOURCES.some((kind) => source.includes(kind));
}

/** Usage terms or special instructions: the picture may not be used everywhere. */
export function isRestricted(record) {
    return Boolean((record.usageTerms ?? '').trim() || (record.instructions ?? '').trim());
}

/**
 * Whether the public routes serve the picture now: not withheld, no embargo still to pass. They
 * refuse its renditions to everyone, editors too (an `<img>` carries no key), so the desk shows
 * such a picture otherwise.
 */
export function isPublicNow(record) {
    return !record.withheld && !(record.embargoUntil && Date.parse(record.embargoUntil) > Date.now());
}

/** The badges a picture wears: `[{kind, label, title}]`. */
export function badges(record) {
    const list = [];
    if (record.status === 'processing') list.push({ kind: 'processing', label: 'Processing', title: 'Renditions are being made' });
    if (record.status === 'failed') {
        list.push({ kind: 'failed', label: 'Failed', title: record.failure?.message ?? record.failure?.reason ?? 'Processing failed' });
    }
    if (record.withheld) list.push({ kind: 'withheld', label: 'Withheld', title: `Withheld: ${record.withheld}` });
    if (record.embargoUntil && Date.parse(record.embargoUntil) > Date.now()) {
        list.push({ kind: 'embargoed', label: 'Embargoed', title: `Embargoed until ${new Date(record.embargoUntil).toLocaleString()}` });
    }
    if (isAiGenerated(record)) list.push({ kind: 'ai', label: 'AI', title: `AI-generated (${record.digitalSourceType})` });
    if (isRestricted(record)) {
        list.push({ kind: 'restricted', label: 'Restricted', title: [record.usageTerms, record.instructions].filter(Boolean).join(' — ') });
    }
    return list;
}

const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const monthOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', timeZone: 'UTC' });

/**
 * A date as the camera wrote it: local wall time, and its offset from UTC when the file said
 * (`2016-02-17T11:24:46+02:00`). Never converted to the reader's zone: 11:24 in Helsinki stays 11:24.
 */
export function takenText(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value ?? '');
    if (!match) {
        return value ?? '';
    }
    const [, y, mo, d, h, mi, s, zone] = match;
    const day = dateOnly.format(new Date(Number(y), Number(mo) - 1, Number(d)));
    if (h === undefined) {
        return day;
    }
    const time = `${h}:${mi}${s ? `:${s}` : ''}`;
    const offset = zone === undefined ? 'time zone not recorded' : zone === 'Z' ? 'UTC' : `UTC${zone}`;
    return `${day}, ${time} (${offset})`;
}

/** The short date under a thumbnail: when it was taken, else when it was uploaded. */
export function shortDate(record) {
    const value = record.dateTaken ?? record.uploadedAt;
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
    return match ? dateOnly.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : '';
}

/** `2016-02` as "February 2016". */
export function monthText(value) {
    const match = /^(\d{4})-(\d{2})$/.exec(value);
    return match ? monthOnly.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : value;
}

export function bytesText(bytes) {
    if (!Number.isFinite(bytes)) return '';
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function timestampText(value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}

/** A filter's value as the query language reads it: quoted when it has spaces or punctuation. */
export function queryValue(value) {
    const text = String(value).replace(/"/g, '');
    return /^[^\s():"]+$/.test(text) ? text : `"${text}"`;
}
