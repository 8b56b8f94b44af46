// The only module that talks to the archive. The key lives in sessionStorage (never in a URL:
// URLs end up in logs, histories and Referer headers); every request carries it as a bearer
// token; every JSON error becomes an ApiError whose message can be shown as it is.

const KEY = 'archive.desk.key';

/** An answer the archive refused: `status`, its `code` (`conflict`, `bad-request`, ...), a sentence to show. */
export class ApiError extends Error {
    constructor(status, code, message, body = null) {
        super(message);
        this.status = status;
        this.code = code;
        this.body = body;
    }
}

export const session = {
    key: () => sessionStorage.getItem(KEY),
    signIn: (key) => sessionStorage.setItem(KEY, key),
    signOut: () => sessionStorage.removeItem(KEY),
};

let unauthorized = () => {};

/** `listener()` runs when the archive refuses the key (revoked, or wrong): the desk signs out. */
export function onUnauthorized(listener) {
    unauthorized = listener;
}

function authorization(key = session.key()) {
    return key ? { Authorization: `Bearer ${key}` } : {};
}

async function failure(response) {
    let body = null;
    try {
        body = await response.json();
    } catch {
        // Not JSON (a proxy's page, an empty body): the status says enough.
    }
    const message = body?.message
        ?? (response.status === 0 ? 'The archive cannot be reached.' : `The archive answered ${response.status} ${response.statusText}.`);
    return new ApiError(response.status, body?.error ?? `http-${response.status}`, message, body);
}

async function request(method, path, { json, headers = {}, signal, key, text = false } = {}) {
    let response;
    try {
        response = await fetch(path, {
            method,
            headers: {
                Accept: text ? 'text/html' : 'application/json',
                ...authorization(key),
                ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
                ...headers,
            },
            body: json === undefined ? undefined : JSON.stringify(json),
            signal,
            cache: 'no-store',
        });
    } catch (error) {
        if (error.name === 'AbortError') {
            throw error;
        }
        throw new ApiError(0, 'network', 'The archive cannot be reached; check the connection and try again.');
    }
    if (!response.ok) {
        const error = await failure(response);
        if (response.status === 401 && key === undefined) {
            unauthorized(error);
        }
        throw error;
    }
    if (response.status === 204) {
        return null;
    }
    return text ? response.text() : response.json();
}

const encode = encodeURIComponent;

/** Who the key belongs to: `{name, role}`; an ApiError (401) when the archive does not know it. */
export function whoIs(key) {
    return request('GET', '/v1/me', { key });
}

export function searchHelp() {
    return request('GET', '/v1/search/help');
}

/** Facet values of filter `field` (`by`, `credit`, ...) starting with `prefix`. */
export function suggest(field, prefix, signal) {
    return request('GET', `/v1/search/suggest?field=${encode(field)}&prefix=${encode(prefix)}&limit=8`, { signal });
}

/** One page of a search; `cursor` from the previous page's `next`. */
export function search({ q, sort, cursor, limit = 100 }, signal) {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (sort) params.set('sort', sort);
    if (cursor) params.set('cursor', cursor);
    params.set('limit', String(limit));
    return request('GET', `/v1/search?${params}`, { signal });
}

export function image(id, signal) {
    return request('GET', `/v1/images/${encode(id)}`, { signal });
}

/**
 * Changes fields of an image, only if nobody changed it since `version`; the edited record.
 * A 409 ApiError carries the other editor's record in `body.current`.
 */
export function edit(id, version, changes) {
    return request('PATCH', `/v1/images/${encode(id)}`, { json: changes, headers: { 'If-Match': `"${version}"` } });
}

export function remove(id, reason) {
    return request('DELETE', `/v1/images/${encode(id)}${reason ? `?reason=${encode(reason)}` : ''}`);
}

/** The HTML snippet a website pastes to embed the picture. */
export function embedSnippet(id) {
    return request('GET', `/v1/images/${encode(id)}/embed`, { text: true });
}

/** Where picture `id` was shown: `{usages: [{site, firstSeen, lastSeen, count}]}`, most recent first. */
export function imageUsages(id, signal) {
    return request('GET', `/v1/images/${encode(id)}/usages`, { signal });
}

/** One page of galleries, newest first: `{galleries, next}`; `cursor` from the previous page's `next`. */
export function galleries(cursor, limit = 50) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    return request('GET', `/v1/galleries?${params}`);
}

export function gallery(gid, signal) {
    return request('GET', `/v1/galleries/${encode(gid)}`, { signal });
}

/** Makes a gallery of `{title, intro, language, items: [{image, caption, creditLine}]}`; the saved gallery. */
export function createGallery(body) {
    return request('POST', '/v1/galleries', { json: body });
}

/**
 * Replaces gallery `gid` with `body`, only if nobody saved it since `version`; the saved gallery.
 * A 409 ApiError carries the gallery as the other editor saved it in `body.current`.
 */
export function saveGallery(gid, version, body) {
    return request('PUT', `/v1/galleries/${encode(gid)}`, { json: { ...body, version }, headers: { 'If-Match': `"${version}"` } });
}

export function deleteGallery(gid) {
    return request('DELETE', `/v1/galleries/${encode(gid)}`);
}

/** The HTML snippet a website pastes to embed the gallery. */
export function galleryEmbed(gid) {
    return request('GET', `/v1/galleries/${encode(gid)}/embed`, { text: true });
}

/**
 * The gallery's public page as saved at `version`. The page may be cached for minutes; the
 * version in the address makes each save a new address, so a preview never shows an older save.
 */
export const galleryPreviewUrl = (gid, version) => `/g/${encode(gid)}?v=${encode(String(version))}`;

export const renditionUrl = (id, name) => `/v1/images/${encode(id)}/renditions/${encode(name)}`;
export const downloadUrl = (id, name) => `${renditionUrl(id, name)}?download=1`;
export const publicPageUrl = (id) => new URL(`/i/${encode(id)}`, location.origin).href;

/**
 * The original with the archive's metadata written in, as a Blob and the file name the archive
 * gives it. Originals need the key, so a plain link cannot fetch them.
 */
export async function downloadOriginal(id) {
    let response;
    try {
        response = await fetch(`/v1/images/${encode(id)}/original?download=1`, { headers: authorization(), cache: 'no-store' });
    } catch {
        throw new ApiError(0, 'network', 'The archive cannot be reached; check the connection and try again.');
    }
    if (!response.ok) {
        throw await failure(response);
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    return { blob: await response.blob(), fileName: name ? decodeURIComponent(name) : `${id}.jpg` };
}

/**
 * The uploaded file itself, as a Blob, for editors: what the desk shows of a picture whose
 * renditions the public routes refuse (under embargo, withheld).
 */
export async function originalBlob(id, signal) {
    let response;
    try {
        response = await fetch(`/v1/images/${encode(id)}/original`, { headers: authorization(), cache: 'no-store', signal });
    } catch (error) {
        if (error.name === 'AbortError') throw error;
        throw new ApiError(0, 'network', 'The archive cannot be reached; check the connection and try again.');
    }
    if (!response.ok) {
        throw await failure(response);
    }
    return response.blob();
}

export function keys() {
    return request('GET', '/v1/keys');
}

export function issueKey(name, role) {
    return request('POST', '/v1/keys', { json: { name, role } });
}

export function revokeKey(name) {
    return request('DELETE', `/v1/keys/${encode(name)}`);
}

/**
 * Uploads one file with `fields` (caption, creator, credit, keywords) applied to it.
 * XMLHttpRequest, because fetch cannot report upload progress: `onProgress(sent, total)`.
 * Resolves with the archive's answer (`{id, status, duplicate}`); rejects with an ApiError.
 * `signal` aborts the upload.
 */
export function upload(file, fields, onProgress, signal) {
    return new Promise((resolve, reject) => {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) {
            if (value) form.append(name, value);
        }
        form.append('file', file, file.name);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/v1/uploads');
        const key = session.key();
        if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
        xhr.onload = () => {
            let body = null;
            try {
                body = JSON.parse(xhr.responseText);
            } catch {
                // Not JSON: the status says enough.
            }
            if (xhr.status >= 200 && xhr.status < 300 && body) {
                resolve(body);
            } else {
                const error = new ApiError(xhr.status, body?.error ?? `http-${xhr.status}`,
                    body?.message ?? `The archive answered ${xhr.status}.`, body);
                // Seconds the archive asks us to wait before sending again (busy, or Kafka or S3 away).
                error.retryAfter = Number.parseInt(xhr.getResponseHeader('Retry-After') ?? '', 10) || null;
                reject(error);
            }
        };
        xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload broke off; the archive cannot be reached.'));
        xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(form);
    });
}

/**
 * Follows the state of images `ids` as server-sent events, read with fetch streams because
 * EventSource cannot send the key. `onImage({id, status, failure, record})` runs for each event;
 * a broken connection is opened again after a pause until `signal` aborts.
 */
export async function followImages(ids, onImage, signal) {
    let pause = 500;
    while (!signal.aborted) {
        try {
            const response = await fetch(`/v1/events?ids=${ids.map(encode).join(',')}`, {
                headers: { Accept: 'text/event-stream', ...authorization() },
                cache: 'no-store',
                signal,
            });
            if (!response.ok) {
                const error = await failure(response);
                if (response.status >= 400 && response.status < 500) {
                    throw error;
                }
            } else {
                pause = 500;
                await readEvents(response.body, (type, data) => {
                    if (type === 'image') {
                        onImage(JSON.parse(data));
                    }
                });
            }
        } catch (error) {
            if (signal.aborted || error.name === 'AbortError') {
                return;
            }
            if (error instanceof ApiError) {
                throw error;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 10_000);
    }
}

/** Reads a `text/event-stream` body (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let type = 'message';
    let data = [];
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        let end;
        while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
            const line = buffer.slice(0, end);
            buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
            if (line === '') {
                if (data.length) {
                    onEvent(type, data.join('\n'));
                }
                type = 'message';
                data = [];
            } else if (!line.startsWith(':')) {
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'event') type = fieldValue;
                else if (field === 'data') data.push(fieldValue);
            }
        }
    }
}
