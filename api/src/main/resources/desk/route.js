// The address bar owns what makes a view shareable: `/?q=<query>&sort=<sort>&image=<id>` (and
// `view=upload|keys|galleries` for the other desks, `gallery=<gid>` for the gallery being edited).
// Every change the user makes is a new history entry, so back and forward step through searches,
// opened pictures and galleries.

const KEYS = ['q', 'sort', 'image', 'view', 'gallery'];
const VIEWS = ['upload', 'keys', 'galleries'];

/** The route the current URL holds: `{q, sort, image, view, gallery}`, absent parts as '' or null. */
export function currentRoute() {
    const params = new URLSearchParams(location.search);
    const gallery = /^[a-z2-7]{20}$/.test(params.get('gallery') ?? '') ? params.get('gallery') : null;
    return {
        q: params.get('q') ?? '',
        sort: params.get('sort') ?? '',
        image: /^[0-9a-f]{64}$/.test(params.get('image') ?? '') ? params.get('image') : null,
        view: VIEWS.includes(params.get('view')) ? params.get('view') : gallery ? 'galleries' : 'search',
        gallery,
    };
}

/** The URL of `route`, as a link's `href` would hold it. */
export function routeUrl(route) {
    const params = new URLSearchParams();
    for (const key of KEYS) {
        const value = route[key];
        // A gallery belongs to the galleries desk only: going elsewhere leaves it behind.
        if (value && !(key === 'view' && value === 'search') && !(key === 'gallery' && route.view !== 'galleries')) {
            params.set(key, value);
        }
    }
    const query = params.toString();
    return query ? `/?${query}` : '/';
}

/** Goes to `changes` applied to the current route: a new history entry, or a replaced one. */
export function navigate(changes, { replace = false } = {}) {
    const next = { ...currentRoute(), ...changes };
    const url = routeUrl(next);
    if (url === location.pathname + location.search) {
        return false;
    }
    if (replace) {
        history.replaceState(null, '', url);
    } else {
        history.pushState(null, '', url);
    }
    return true;
}

/** Calls `listener(route)` whenever back or forward changes the route. */
export function onRouteChange(listener) {
    addEventListener('popstate', () => listener(currentRoute()));
}
