// The desk's state outside the URL: one object, replaced (never mutated) on every change, with
// subscribers told after each change. What the URL holds (query, sort, open image) is read from
// the URL by route.js and copied here so that views read one place.

/** A store holding `initial`; `update(patch)` merges an object or the result of `patch(state)`. */
export function createStore(initial) {
    let state = Object.freeze({ ...initial });
    const subscribers = new Set();
    return {
        get state() {
            return state;
        },
        update(patch) {
            const changes = typeof patch === 'function' ? patch(state) : patch;
            if (!changes) {
                return;
            }
            state = Object.freeze({ ...state, ...changes });
            for (const subscriber of subscribers) {
                subscriber(state);
            }
        },
        subscribe(subscriber) {
            subscribers.add(subscriber);
            return () => subscribers.delete(subscriber);
        },
    };
}
