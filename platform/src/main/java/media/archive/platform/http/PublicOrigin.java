package media.archive.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import media.archive.platform.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the archive says it lives, the scheme and authority every absolute URL it hands out
 * starts with. {@code ARCHIVE_PUBLIC_URL} when set; otherwise the request's {@code Host} when it
 * is one of {@code ARCHIVE_ALLOWED_HOSTS}, and {@code Forwarded} or {@code X-Forwarded-Host}/
 * {@code -Proto} only when the request comes straight from one of {@code ARCHIVE_TRUSTED_PROXIES}
 * (the forwarded host is then checked the same way). A request naming any other host is refused
 * with {@code 400} before a route sees it, so no client can put its own name into a page that a
 * cache then hands to everyone. Health checks are exempt: load balancers probe them by address
 * or by an internal name, and they answer no URL. Immutable and thread-safe.
 *
 * @param publicUrl the configured address, without a trailing slash; empty to take the request's host
 * @param hosts     the hosts a request may name
 * @param proxies   the peers whose forwarded headers are believed
 */
public record PublicOrigin(Optional<URI> publicUrl, HostPolicy hosts, TrustedProxies proxies) {
    private static final Logger LOG = LoggerFactory.getLogger(PublicOrigin.class);
    private static final String ATTRIBUTE = PublicOrigin.class.getName();
    private static final String REFUSAL = "this archive does not answer to the host this request names;"
            + " its operator lists the names it answers to in ARCHIVE_ALLOWED_HOSTS";

    public PublicOrigin {
        publicUrl.ifPresent(url -> {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null
                    || url.getRawPath().endsWith("/")) {
                throw new IllegalArgumentException("the public URL is http(s)://host[:port][/path] without a trailing slash, not " + url);
            }
        });
    }

    /** No configured address, the machine's own names, no trusted proxy: what a server gets unless told otherwise. */
    public static PublicOrigin defaults() {
        return Defaults.VALUE;
    }

    /** Reads {@code ARCHIVE_PUBLIC_URL}, the archive's address as websites reach it, without a trailing slash. */
    public static Optional<URI> publicUrl(Settings settings) {
        try {
            return settings.optionalText("ARCHIVE_PUBLIC_URL",
                            "the archive's address as websites reach it (https://photos.example.com); derived from each request when unset")
                    .map(text -> URI.create(text.strip().replaceAll("/+$", "")));
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("ARCHIVE_PUBLIC_URL", "not a URL");
        }
    }

    /** Reads {@code ARCHIVE_PUBLIC_URL}, {@code ARCHIVE_ALLOWED_HOSTS} and {@code ARCHIVE_TRUSTED_PROXIES}. */
    public static PublicOrigin from(Settings settings) {
        Optional<URI> url = publicUrl(settings);
        List<String> hostList = settings.list("ARCHIVE_ALLOWED_HOSTS", null,
                "host names requests may name, comma-separated (.example.com for subdomains, * for any); default"
                        + " localhost, 127.0.0.1, [::1] and this machine's names, or any host when ARCHIVE_PUBLIC_URL is set");
        List<String> proxyList = settings.list("ARCHIVE_TRUSTED_PROXIES", List.of(),
                "addresses and CIDR ranges of the proxies whose Forwarded and X-Forwarded-* headers are believed; none by default");
        HostPolicy hosts;
        try {
            hosts = hostList != null ? HostPolicy.of(hostList)
                    // With a configured address no request's host goes into a URL, so none needs refusing.
                    : url.isPresent() ? HostPolicy.anyHost() : HostPolicy.localDefaults();
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("ARCHIVE_ALLOWED_HOSTS", e.getMessage());
        }
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.of(proxyList);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("ARCHIVE_TRUSTED_PROXIES", e.getMessage());
        }
        if (hostList != null && hosts.allowsAny()) {
            LOG.warn("ARCHIVE_ALLOWED_HOSTS allows any host: without ARCHIVE_PUBLIC_URL a client's Host header"
                    + " goes into the URLs of pages that caches keep");
        }
        try {
            return new PublicOrigin(url, hosts, proxies);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("ARCHIVE_PUBLIC_URL", e.getMessage());
        }
    }

    /**
     * What the origin is decided from.
     *
     * @param peer      the address of the direct peer
     * @param scheme    the scheme of the connection, {@code http} or {@code https}
     * @param host      the {@code Host} header, or null
     * @param forwarded the {@code Forwarded} lines, in order
     * @param forwardedHost  the {@code X-Forwarded-Host} lines
     * @param forwardedProto the {@code X-Forwarded-Proto} lines
     */
    public record Request(String peer, String scheme, String host, List<String> forwarded,
                          List<String> forwardedHost, List<String> forwardedProto) {
    }

    /** The origin of {@code request}, {@code https://photos.example.com}, or empty when it must be refused. */
    public Optional<String> resolve(Request request) {
        String scheme = request.scheme();
        String host = request.host();
        if (proxies.trusts(request.peer())) {
            // The nearest proxy speaks last; when it sent Forwarded, X-Forwarded-* (older, and
            // perhaps the client's own) are not mixed in.
            Optional<ForwardedHeaders.Hop> hop = request.forwarded().isEmpty()
                    ? ForwardedHeaders.lastXForwarded(request.forwardedHost(), request.forwardedProto())
                    : ForwardedHeaders.lastForwarded(request.forwarded());
            if (hop.isPresent()) {
                host = hop.get().host().orElse(host);
                scheme = hop.get().proto().filter(p -> p.equals("http") || p.equals("https")).orElse(scheme);
            }
        }
        Optional<HostPolicy.HostAndPort> checked = hosts.check(host);
        if (publicUrl.isPresent()) {
            return hosts.allowsAny() || checked.isPresent() ? Optional.of(publicUrl.get().toString()) : Optional.empty();
        }
        String prefix = "https".equals(scheme) ? "https://" : "http://";
        return checked.map(h -> prefix + h.authority());
    }

    /** Refuses, before any route or static file answers, every request that names a host not allowed; remembers the origin of the others. */
    void install(Javalin app) {
        app.before(ctx -> {
            if (ctx.path().startsWith("/health/")) {
                return;
            }
            ctx.attribute(ATTRIBUTE, resolve(requestOf(ctx)).orElseThrow(PublicOrigin::refusal));
        });
    }

    /**
     * The origin of the request {@code ctx} carries, {@code https://photos.example.com} without a
     * trailing slash: the one the server's check decided, or, on a server not built by
     * {@link HttpServers}, what {@link #defaults()} decides.
     *
     * @throws ApiException {@code 400} when the request names a host that is not allowed
     */
    public static String of(Context ctx) {
        String decided = ctx.attribute(ATTRIBUTE);
        if (decided != null) {
            return decided;
        }
        return defaults().resolve(requestOf(ctx)).orElseThrow(PublicOrigin::refusal);
    }

    /** Never stored by a cache: the same path is fine under the archive's own name. */
    private static ApiException refusal() {
        return new ApiException(400, "bad-request", REFUSAL, java.util.Map.of("Cache-Control", "no-store"));
    }

    private static Request requestOf(Context ctx) {
        return new Request(ctx.req().getRemoteAddr(), ctx.scheme(), ctx.header("Host"),
                lines(ctx, "Forwarded"), lines(ctx, "X-Forwarded-Host"), lines(ctx, "X-Forwarded-Proto"));
    }

    private static List<String> lines(Context ctx, String name) {
        var values = ctx.req().getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /** Computed once: the machine's names come from a lookup that can take a moment on a badly named host. */
    private static final class Defaults {
        static final PublicOrigin VALUE = new PublicOrigin(Optional.empty(), HostPolicy.localDefaults(), TrustedProxies.none());
    }
}
