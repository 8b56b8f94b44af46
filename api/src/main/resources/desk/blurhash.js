// Placeholders drawn from a record's BlurHash (appearance.placeholder) while its thumbnail
// loads: a few cosine components decoded into a tiny PNG, shown as the picture's background.
// The algorithm: https://github.com/woltapp/blurhash/blob/master/Algorithm.md

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';
const WIDTH = 16;
const HEIGHT = 12;
const cache = new Map();

function decode83(text) {
    let value = 0;
    for (const c of text) {
        const digit = DIGITS.indexOf(c);
        if (digit < 0) throw new Error('not a BlurHash');
        value = value * 83 + digit;
    }
    return value;
}

const toLinear = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
const toSrgb = (v) => {
    const c = Math.max(0, Math.min(1, v));
    return Math.round((c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055) * 255);
};
const signedSquare = (v) => Math.sign(v) * v * v;

/** The pixels of `hash` as RGBA, `WIDTH` × `HEIGHT`; throws on a malformed hash. */
function decode(hash) {
    const size = decode83(hash[0]);
    const nx = (size % 9) + 1;
    const ny = Math.floor(size / 9) + 1;
    if (hash.length !== 4 + 2 * nx * ny) throw new Error('not a BlurHash');
    const maximum = (decode83(hash[1]) + 1) / 166;
    const colours = [];
    const dc = decode83(hash.slice(2, 6));
    colours.push([toLinear(dc >> 16), toLinear((dc >> 8) & 255), toLinear(dc & 255)]);
    for (let i = 1; i < nx * ny; i++) {
        const ac = decode83(hash.slice(4 + i * 2, 6 + i * 2));
        colours.push([Math.floor(ac / 361), Math.floor(ac / 19) % 19, ac % 19].map((q) => signedSquare((q - 9) / 9) * maximum));
    }
    const pixels = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
    for (let y = 0; y < HEIGHT; y++) {
        for (let x = 0; x < WIDTH; x++) {
            let r = 0, g = 0, b = 0;
            for (let j = 0; j < ny; j++) {
                for (let i = 0; i < nx; i++) {
                    const basis = Math.cos((Math.PI * x * i) / WIDTH) * Math.cos((Math.PI * y * j) / HEIGHT);
                    const [cr, cg, cb] = colours[i + j * nx];
                    r += cr * basis; g += cg * basis; b += cb * basis;
                }
            }
            const at = 4 * (x + y * WIDTH);
            pixels[at] = toSrgb(r); pixels[at + 1] = toSrgb(g); pixels[at + 2] = toSrgb(b); pixels[at + 3] = 255;
        }
    }
    return pixels;
}

/** A `data:` URL of the placeholder for `hash`, or null when there is none or it is malformed. */
export function placeholderUrl(hash) {
    if (!hash || typeof hash !== 'string' || hash.length < 6) return null;
    if (cache.has(hash)) return cache.get(hash);
    let url = null;
    try {
        const canvas = document.createElement('canvas');
        canvas.width = WIDTH;
        canvas.height = HEIGHT;
        canvas.getContext('2d').putImageData(new ImageData(decode(hash), WIDTH, HEIGHT), 0, 0);
        url = canvas.toDataURL('image/png');
    } catch {
        url = null;
    }
    if (cache.size > 1000) cache.delete(cache.keys().next().value);
    cache.set(hash, url);
    return url;
}
