package media.archive.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host names the archive answers to, matched as Django's {@code ALLOWED_HOSTS} is: a name
 * matches itself (case-insensitive, a trailing dot ignored), {@code .example.com} matches
 * {@code example.com} and every subdomain of it, {@code *} matches any host. Ports are not part
 * of a pattern: a listed host is allowed on every port. IPv6 literals are written in brackets
 * ({@code [::1]}) and compared as addresses, so {@code [0:0:0:0:0:0:0:1]} is {@code [::1]}.
 * Immutable and thread-safe.
 */
public final class HostPolicy {
    /**
     * What a {@code Host} header may look like: Django's own pattern, a registered name of
     * letters, digits, dots and hyphens or a bracketed IPv6 literal, then an optional port.
     * Anything else (user info, spaces, control characters, non-ASCII) is refused before matching.
     */
    private static final Pattern HOST = Pattern.compile("([a-z0-9.\\-]+|\\[[a-f0-9]*:[a-f0-9.:]+\\])(?::([0-9]{1,5}))?");
    private static final int MAX_HOST = 255;

    private final List<String> patterns;
    private final List<InetAddress> addresses;
    private final boolean any;

    private HostPolicy(List<String> patterns) {
        List<String> normal = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            Matcher shape = HOST.matcher(p.startsWith(".") ? p.substring(1) : p);
            if (!p.equals("*") && !(shape.matches() && shape.group(2) == null)) {
                throw new IllegalArgumentException("an allowed host is a name, .domain, [IPv6] or *, without a port, not '"
                        + pattern + "'");
            }
            normal.add(withoutTrailingDot(p));
        }
        this.patterns = List.copyOf(normal);
        this.addresses = normal.stream().filter(p -> p.startsWith("[")).map(HostPolicy::ipv6)
                .flatMap(Optional::stream).toList();
        this.any = this.patterns.contains("*");
    }

    /** A policy allowing exactly {@code patterns}. */
    public static HostPolicy of(List<String> patterns) {
        return new HostPolicy(patterns);
    }

    /** Every host: for an archive whose public address is configured, so that no request's host is ever used. */
    public static HostPolicy anyHost() {
        return new HostPolicy(List.of("*"));
    }

    /**
     * The loopback names and the machine's own: {@code localhost}, {@code 127.0.0.1}, {@code [::1]},
     * its host name and its canonical name, as far as the machine knows them.
     */
    public static HostPolicy localDefaults() {
        return new HostPolicy(localNames());
    }

    /** The names {@link #localDefaults()} allows. */
    public static List<String> localNames() {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        try {
            InetAddress self = InetAddress.getLocalHost();
            addIfName(names, self.getHostName());
            addIfName(names, self.getCanonicalHostName());
        } catch (UnknownHostException | SecurityException e) {
            // A machine that cannot name itself is still reached as localhost.
        }
        return List.copyOf(names);
    }

    /** Whether every host is allowed ({@code *}). */
    public boolean allowsAny() {
        return any;
    }

    /** The patterns, normalised, as given. */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * The host of a {@code Host} header value (or a forwarded host) when it is well formed and
     * allowed, lowercased and with its port; empty otherwise.
     */
    public Optional<HostAndPort> check(String hostHeader) {
        Optional<HostAndPort> parsed = parse(hostHeader);
        return parsed.filter(h -> allows(h.host()));
    }

    /** Whether the bare host (no port) is allowed. */
    boolean allows(String host) {
        if (any) {
            return true;
        }
        String h = withoutTrailingDot(host.toLowerCase(Locale.ROOT));
        if (h.startsWith("[")) {
            // Compared as addresses, parsed once per side: [0:0:0:0:0:0:0:1] is [::1].
            Optional<InetAddress> address = ipv6(h);
            return address.isPresent() && addresses.contains(address.get());
        }
        for (String pattern : patterns) {
            if (matches(pattern, h)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code Host} value split into host and port, if it has the shape of one; nothing is resolved. */
    public static Optional<HostAndPort> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_HOST + 6) {
            return Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Matcher m = HOST.matcher(lower);
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(1);
        if (host.length() > MAX_HOST || host.startsWith(".") || host.contains("..")) {
            return Optional.empty();
        }
        if (host.startsWith("[") && ipv6(host).isEmpty()) {
            return Optional.empty();
        }
        int port = -1;
        if (m.group(2) != null) {
            port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        return Optional.of(new HostAndPort(withoutTrailingDot(host), port));
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern) || host.equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    /** The address of a bracketed IPv6 literal; only literals reach the parser, so nothing is looked up. */
    private static Optional<InetAddress> ipv6(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (inner.isEmpty() || inner.length() > 45 || !inner.matches("[0-9a-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName("[" + inner + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static void addIfName(Set<String> names, String name) {
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains(":")) {
                lower = "[" + lower + "]";
            }
            if (parse(lower).isPresent()) {
                names.add(lower);
            }
        }
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }

    /**
     * A checked host and its port ({@code -1} when none was given), lowercased.
     *
     * @param host a name, an IPv4 address or a bracketed IPv6 literal
     * @param port the port, or {@code -1}
     */
    public record HostAndPort(String host, int port) {
        /** {@code host[:port]}, as it goes into a URL. */
        public String authority() {
            return port < 0 ? host : host + ":" + port;
        }
    }
}
