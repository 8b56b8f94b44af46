package media.archive.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses of the proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers the
 * archive believes: single addresses and CIDR ranges, IPv4 and IPv6 ({@code 10.0.0.0/8},
 * {@code 192.0.2.7}, {@code fd00::/8}). An IPv4 peer seen through an IPv4-mapped IPv6 address
 * is the IPv4 peer. Immutable and thread-safe.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No proxy is trusted: forwarded headers change nothing. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** The ranges of {@code entries}, each an address or {@code address/prefix}; throws on a malformed one. */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(Range.parse(entry.strip())
                    .orElseThrow(() -> new IllegalArgumentException("a trusted proxy is an IP address or a CIDR range, not '" + entry + "'")));
        }
        return new TrustedProxies(ranges);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the peer at {@code address} (as the server reports it, such as {@code 127.0.0.1}) is trusted. */
    public boolean trusts(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        Optional<InetAddress> peer = literal(bare);
        return peer.isPresent() && ranges.stream().anyMatch(r -> r.contains(peer.get()));
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    /** An address literal, never a name: a name here would be a DNS lookup on every request. */
    static Optional<InetAddress> literal(String text) {
        // A zone index (fe80::1%eth0) names an interface, not a peer; ranges are written without it.
        int zone = text.indexOf('%');
        String address = zone >= 0 ? text.substring(0, zone) : text;
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(IPV6.matcher(address).matches() && address.contains(":"))) {
            return Optional.empty();
        }
        try {
            if (v4) {
                // Parsed by hand: Java would look a malformed dotted quad (999.1.1.1) up in DNS.
                String[] parts = address.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // Brackets make Java parse a literal or fail; it never looks a bracketed text up.
            return Optional.of(InetAddress.getByName("[" + address + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A CIDR range: the network's bytes and how many leading bits must match. */
    private record Range(byte[] network, int prefix, String text) {
        static Optional<Range> parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            Optional<InetAddress> parsed = literal(address);
            if (parsed.isEmpty() || address.contains("%")) {
                return Optional.empty();
            }
            byte[] bytes = parsed.get().getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = entry.substring(slash + 1);
                if (!p.matches("[0-9]{1,3}")) {
                    return Optional.empty();
                }
                prefix = Integer.parseInt(p);
                // "::ffff:10.0.0.0/104" is mapped by Java to the IPv4 10.0.0.0: its prefix counts IPv4 bits then.
                if (bytes.length == 4 && address.contains(":")) {
                    prefix -= 96;
                }
                if (prefix < 0 || prefix > bits) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Range(bytes, prefix, entry));
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Range r && r.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
