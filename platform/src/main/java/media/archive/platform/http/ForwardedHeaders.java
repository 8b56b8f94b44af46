package media.archive.platform.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a proxy says about the request it passed on: the {@code Forwarded} header of
 * RFC 7239 ({@code for=192.0.2.60;proto=https;host=photos.example.com, for=...}) and the older
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Proto}. Each proxy appends its hop at the end,
 * so the last element is the one the nearest proxy wrote; earlier ones are the client's to
 * invent. Whether to believe any of it is the caller's decision ({@link TrustedProxies}).
 */
public final class ForwardedHeaders {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private ForwardedHeaders() {
    }

    /**
     * What one hop of a proxy says.
     *
     * @param host the host the client asked for, as sent (still to be checked)
     * @param proto the scheme the client used, lowercased
     */
    public record Hop(Optional<String> host, Optional<String> proto) {
    }

    /**
     * The last element of the {@code Forwarded} header lines (joined in order, as RFC 9110 joins
     * repeated fields); empty when there is none or when the header does not parse, since a
     * header that does not parse cannot say which hop is whose.
     */
    public static Optional<Hop> lastForwarded(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<Map<String, String>>> elements = parse(String.join(",", lines));
        if (elements.isEmpty() || elements.get().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> last = elements.get().get(elements.get().size() - 1);
        return Optional.of(new Hop(Optional.ofNullable(last.get("host")),
                Optional.ofNullable(last.get("proto")).map(p -> p.toLowerCase(Locale.ROOT))));
    }

    /** The last value of {@code X-Forwarded-Host} and {@code X-Forwarded-Proto}, each a comma-separated list. */
    public static Optional<Hop> lastXForwarded(List<String> hostLines, List<String> protoLines) {
        Optional<String> host = lastOfList(hostLines);
        Optional<String> proto = lastOfList(protoLines).map(p -> p.toLowerCase(Locale.ROOT));
        return host.isEmpty() && proto.isEmpty() ? Optional.empty() : Optional.of(new Hop(host, proto));
    }

    /**
     * The elements of a {@code Forwarded} value, each a map of lowercased parameter names to
     * values (quotes and escapes removed); empty when the value breaks the grammar: a character
     * outside tokens and quoted strings, an unterminated quote, a parameter twice in one element.
     */
    static Optional<List<Map<String, String>>> parse(String value) {
        List<Map<String, String>> elements = new ArrayList<>();
        Map<String, String> element = new HashMap<>();
        int i = 0;
        int n = value.length();
        while (true) {
            i = skipSpace(value, i);
            if (i < n && value.charAt(i) != ',' && value.charAt(i) != ';') {
                int nameStart = i;
                while (i < n && isToken(value.charAt(i))) {
                    i++;
                }
                if (i == nameStart || i >= n || value.charAt(i) != '=') {
                    return Optional.empty();
                }
                String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
                i++;
                StringBuilder parsed = new StringBuilder();
                if (i < n && value.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = value.charAt(i);
                        if (c == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        if (c == '\\') {
                            i++;
                            if (i >= n || !isQuotable(value.charAt(i))) {
                                return Optional.empty();
                            }
                            c = value.charAt(i);
                        } else if (!isQuotable(c)) {
                            return Optional.empty();
                        }
                        parsed.append(c);
                        i++;
                    }
                    if (!closed) {
                        return Optional.empty();
                    }
                } else {
                    int valueStart = i;
                    while (i < n && isToken(value.charAt(i))) {
                        i++;
                    }
                    if (i == valueStart) {
                        return Optional.empty();
                    }
                    parsed.append(value, valueStart, i);
                }
                if (element.put(name, parsed.toString()) != null) {
                    return Optional.empty();
                }
                i = skipSpace(value, i);
            }
            if (i >= n) {
                break;
            }
            char separator = value.charAt(i);
            if (separator == ',') {
                if (!element.isEmpty()) {
                    elements.add(Map.copyOf(element));
                }
                element = new HashMap<>();
            } else if (separator != ';') {
                return Optional.empty();
            }
            i++;
        }
        if (!element.isEmpty()) {
            elements.add(Map.copyOf(element));
        }
        return Optional.of(List.copyOf(elements));
    }

    private static Optional<String> lastOfList(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", lines);
        String[] parts = joined.split(",", -1);
        String last = parts[parts.length - 1].strip();
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }

    private static int skipSpace(String value, int i) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isToken(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /** What a quoted string may hold: tab, space and visible ASCII; no control characters, no non-ASCII. */
    private static boolean isQuotable(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E);
    }
}
