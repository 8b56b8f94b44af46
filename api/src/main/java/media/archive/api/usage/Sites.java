package media.archive.api.usage;

import java.net.IDN;
import java.util.Locale;

/**
 * The site a request came from, as an origin ({@code https://news.example},
 * {@code http://localhost:8080}; <a href="https://www.rfc-editor.org/rfc/rfc6454">RFC 6454</a>):
 * scheme and host in lower case, the port only when it is not the scheme's default, no trailing
 * dot. Only {@code http} and {@code https} URLs name a site; anything else ({@code null},
 * {@code about:blank}, {@code android-app://...}, credentials in the URL, which browsers never
 * send, a host that is no host name) names none.
 *
 * <p>Runs on the serving path for every request: it reads the header's authority only (at most
 * {@value #MAX_AUTHORITY} characters, so a megabyte of {@code Referer} costs what a short one
 * does) and allocates the resulting string alone, except for non-ASCII hosts, which go through
 * {@link IDN#toASCII} as browsers would have sent them. Thread-safe (stateless).
 */
public final class Sites {
    /** A host name of 253 characters, a colon and a port of five digits, with a little room. */
    static final int MAX_AUTHORITY = 262;
    private static final int MAX_HOST = 253;

    private Sites() {
    }

    /** The site of a request's {@code Referer}, else of its {@code Origin}; null when neither names one. */
    public static String of(String referer, String origin) {
        String site = origin(referer);
        return site != null ? site : origin(origin);
    }

    /** The origin of URL {@code url}, or null when it names no site. */
    public static String origin(String url) {
        if (url == null) {
            return null;
        }
        int length = url.length();
        int schemeEnd;
        boolean secure;
        if (length > 8 && url.regionMatches(true, 0, "https://", 0, 8)) {
            schemeEnd = 8;
            secure = true;
        } else if (length > 7 && url.regionMatches(true, 0, "http://", 0, 7)) {
            schemeEnd = 7;
            secure = false;
        } else {
            return null;
        }
        int limit = Math.min(length, schemeEnd + MAX_AUTHORITY + 1);
        // Already an origin's form (the usual case): the answer is a prefix of the header itself.
        boolean canonical = url.startsWith(secure ? "https://" : "http://");
        boolean ascii = true;
        boolean bracket = url.charAt(schemeEnd) == '[';
        int colon = -1;
        int end = schemeEnd;
        while (end < limit) {
            char c = url.charAt(end);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == '@' || c == '\\' || c <= ' ' || c == 0x7f) {
                // Credentials (browsers never send them), backslashes, controls: no browser's URL.
                return null;
            }
            if (c == ':' && (!bracket || url.charAt(end - 1) == ']')) {
                colon = end;
            } else if (c >= 'A' && c <= 'Z') {
                canonical = false;
            } else if (c >= 0x80) {
                ascii = false;
            }
            end++;
        }
        if (end == limit && end < length) {
            return null;
        }
        int hostEnd = colon < 0 ? end : colon;
        if (hostEnd == schemeEnd) {
            return null;
        }
        int port = -1;
        if (colon >= 0) {
            port = port(url, colon + 1, end);
            if (port == -2) {
                return null;
            }
            if (port == -1 || port == (secure ? 443 : 80)) {
                // No port after the colon, or the default one: an origin leaves it out.
                canonical = false;
                port = -1;
            } else if (url.charAt(colon + 1) == '0') {
                canonical = false;
            }
        }
        if (!bracket && url.charAt(hostEnd - 1) == '.') {
            hostEnd--;
            canonical = false;
        }
        if (canonical && ascii && (bracket ? isIpv6Literal(url, schemeEnd, hostEnd) : isHostName(url, schemeEnd, hostEnd))) {
            return url.substring(0, end);
        }
        String host = url.substring(schemeEnd, hostEnd);
        host = ascii ? host.toLowerCase(Locale.ROOT) : toAscii(host);
        if (host == null || !(bracket ? isIpv6Literal(host, 0, host.length()) : isHostName(host, 0, host.length()))) {
            return null;
        }
        String scheme = secure ? "https://" : "http://";
        return port < 0 ? scheme + host : scheme + host + ':' + port;
    }

    /**
     * Whether {@code site} (an origin) is on host {@code host} or one of its subdomains:
     * {@code https://www.news.example:8443} is on {@code news.example}, not on {@code ews.example}.
     * {@code host} is compared without case; a URL or origin is taken for its host.
     */
    public static boolean isOn(String site, String host) {
        String wanted = host(host);
        return wanted != null && isOnHost(site, wanted);
    }

    /** {@link #isOn} for a host already in the form {@link #host} gives, so that a pass over many sites reads it once. */
    static boolean isOnHost(String site, String wanted) {
        String siteHost = host(site);
        if (siteHost == null) {
            return false;
        }
        return siteHost.equals(wanted)
                || siteHost.length() > wanted.length() && siteHost.endsWith(wanted)
                && siteHost.charAt(siteHost.length() - wanted.length() - 1) == '.';
    }

    /**
     * The host of an origin or URL, or of a bare host name ({@code news.example}), in lower case
     * and in ASCII; null when it names none.
     */
    public static String host(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        String origin = origin(stripped.contains("://") ? stripped : "https://" + stripped);
        if (origin == null) {
            return null;
        }
        int start = origin.indexOf("://") + 3;
        int end = origin.startsWith("[", start) ? origin.indexOf(']', start) + 1 : origin.indexOf(':', start);
        return origin.substring(start, end <= 0 ? origin.length() : end);
    }

    /** The port in {@code url[from, to)}: -1 when empty, -2 when it is no port. */
    private static int port(String url, int from, int to) {
        if (from == to) {
            return -1;
        }
        if (to - from > 5) {
            return -2;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            port = port * 10 + (c - '0');
        }
        return port > 65535 ? -2 : port;
    }

    /** Labels of letters, digits, hyphens and underscores, separated by single dots. */
    private static boolean isHostName(String host, int from, int to) {
        if (from >= to || to - from > MAX_HOST) {
            return false;
        }
        int label = 0;
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }

    /** {@code [} hex digits, colons and dots (an embedded IPv4 address) {@code ]}, with at least one colon. */
    private static boolean isIpv6Literal(String host, int from, int to) {
        if (to - from < 4 || host.charAt(from) != '[' || host.charAt(to - 1) != ']') {
            return false;
        }
        boolean colon = false;
        for (int i = from + 1; i < to - 1; i++) {
            char c = host.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '.')) {
                return false;
            }
        }
        return colon;
    }

    /** A non-ASCII host in the ASCII form browsers send (punycode), or null when it has none. */
    private static String toAscii(String host) {
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
