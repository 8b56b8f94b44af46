package media.archive.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;

class PublicOriginTest {
    private static final PublicOrigin LOCAL = new PublicOrigin(Optional.empty(),
            HostPolicy.of(List.of("localhost", "127.0.0.1", "photos.example.com")), TrustedProxies.none());
    private static final PublicOrigin BEHIND_PROXY = new PublicOrigin(Optional.empty(),
            HostPolicy.of(List.of("localhost", "photos.example.com")), TrustedProxies.of(List.of("10.0.0.0/8")));

    private static PublicOrigin.Request request(String peer, String host, List<String> forwarded, List<String> xHost, List<String> xProto) {
        return new PublicOrigin.Request(peer, "http", host, forwarded, xHost, xProto);
    }

    @Test
    void an_allowed_host_is_the_origin_with_its_port() {
        assertThat(LOCAL.resolve(request("127.0.0.1", "localhost:8080", List.of(), List.of(), List.of()))).contains("http://localhost:8080");
    }

    @Test
    void a_host_not_allowed_is_refused() {
        assertThat(LOCAL.resolve(request("127.0.0.1", "evil.example", List.of(), List.of(), List.of()))).isEmpty();
        assertThat(LOCAL.resolve(request("127.0.0.1", null, List.of(), List.of(), List.of()))).isEmpty();
    }

    @Test
    void forwarded_headers_from_a_peer_not_trusted_change_nothing() {
        PublicOrigin.Request spoofed = request("192.0.2.1", "localhost:8080",
                List.of("host=photos.example.com;proto=https"), List.of("photos.example.com"), List.of("https"));

        assertThat(LOCAL.resolve(spoofed)).contains("http://localhost:8080");
        assertThat(BEHIND_PROXY.resolve(spoofed)).contains("http://localhost:8080");
    }

    @Test
    void a_trusted_proxys_forwarded_host_and_scheme_are_the_origin() {
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "archive:8080",
                List.of("for=198.51.100.17;host=photos.example.com;proto=https"), List.of(), List.of())))
                .contains("https://photos.example.com");
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "archive:8080", List.of(), List.of("photos.example.com"), List.of("https"))))
                .contains("https://photos.example.com");
    }

    @Test
    void a_trusted_proxys_forwarded_host_must_still_be_allowed() {
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "localhost",
                List.of("host=evil.example;proto=https"), List.of(), List.of()))).isEmpty();
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "localhost", List.of(), List.of("evil.example"), List.of()))).isEmpty();
    }

    @Test
    void when_a_proxy_sends_forwarded_the_older_headers_are_not_mixed_in() {
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "localhost",
                List.of("for=1.2.3.4;proto=https"), List.of("evil.example"), List.of("http"))))
                .contains("https://localhost");
    }

    @Test
    void a_forwarded_scheme_other_than_http_or_https_is_ignored() {
        assertThat(BEHIND_PROXY.resolve(request("10.1.2.3", "localhost", List.of(), List.of(), List.of("javascript"))))
                .contains("http://localhost");
    }

    @Test
    void a_configured_public_url_is_the_origin_whatever_the_request_names() {
        PublicOrigin configured = PublicOrigin.from(Settings.of(Map.of("ARCHIVE_PUBLIC_URL", "https://photos.example.com/archive/")));

        assertThat(configured.resolve(request("192.0.2.1", "evil.example", List.of("host=evil.example"), List.of(), List.of())))
                .contains("https://photos.example.com/archive");
    }

    @Test
    void a_configured_public_url_with_an_explicit_host_list_still_refuses_other_hosts() {
        PublicOrigin configured = PublicOrigin.from(Settings.of(Map.of(
                "ARCHIVE_PUBLIC_URL", "https://photos.example.com", "ARCHIVE_ALLOWED_HOSTS", "photos.example.com, localhost")));

        assertThat(configured.resolve(request("127.0.0.1", "localhost:8080", List.of(), List.of(), List.of()))).contains("https://photos.example.com");
        assertThat(configured.resolve(request("127.0.0.1", "evil.example", List.of(), List.of(), List.of()))).isEmpty();
    }

    @Test
    void the_settings_are_typed_documented_and_checked() {
        Settings settings = Settings.of(Map.of("ARCHIVE_ALLOWED_HOSTS", ".example.com,localhost", "ARCHIVE_TRUSTED_PROXIES", "10.0.0.0/8, ::1"));
        PublicOrigin origin = PublicOrigin.from(settings);

        assertThat(origin.hosts().patterns()).containsExactly(".example.com", "localhost");
        assertThat(origin.proxies().trusts("::1")).isTrue();
        assertThat(settings.known()).containsKeys("ARCHIVE_PUBLIC_URL", "ARCHIVE_ALLOWED_HOSTS", "ARCHIVE_TRUSTED_PROXIES");
        assertThat(settings.known().values()).allSatisfy(doc -> assertThat(doc).isNotBlank());
        assertThatThrownBy(() -> PublicOrigin.from(Settings.of(Map.of("ARCHIVE_TRUSTED_PROXIES", "proxy.internal"))))
                .isInstanceOf(Settings.InvalidSettingException.class).hasMessageContaining("ARCHIVE_TRUSTED_PROXIES");
        assertThatThrownBy(() -> PublicOrigin.from(Settings.of(Map.of("ARCHIVE_ALLOWED_HOSTS", "a b"))))
                .isInstanceOf(Settings.InvalidSettingException.class).hasMessageContaining("ARCHIVE_ALLOWED_HOSTS");
        assertThatThrownBy(() -> PublicOrigin.from(Settings.of(Map.of("ARCHIVE_PUBLIC_URL", "ftp://x"))))
                .isInstanceOf(Settings.InvalidSettingException.class).hasMessageContaining("ARCHIVE_PUBLIC_URL");
    }

    @Test
    void by_default_the_machines_own_names_are_allowed_and_no_proxy_is_trusted() {
        PublicOrigin defaults = PublicOrigin.from(Settings.of(Map.of()));

        assertThat(defaults.publicUrl()).isEmpty();
        assertThat(defaults.hosts().patterns()).contains("localhost", "127.0.0.1", "[::1]");
        assertThat(defaults.proxies().isEmpty()).isTrue();
    }

    @Test
    void a_server_refuses_a_foreign_host_in_json_without_repeating_it_and_still_answers_health() throws Exception {
        Javalin server = HttpServers.create(List.of(app -> {
            app.get("/origin", ctx -> ctx.result(PublicOrigin.of(ctx)));
            app.get("/health/live", ctx -> ctx.result("live"));
        }), List.of(), LOCAL).start("127.0.0.1", 0);
        try {
            String refused = raw(server.port(), "GET /origin HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            String missing = raw(server.port(), "GET /nowhere HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            String allowed = raw(server.port(), "GET /origin HTTP/1.1\r\nHost: localhost:1234\r\nConnection: close\r\n\r\n");
            String health = raw(server.port(), "GET /health/live HTTP/1.1\r\nHost: 10.9.8.7:8080\r\nConnection: close\r\n\r\n");
            String spoofed = raw(server.port(), "GET /origin HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: photos.example.com\r\n"
                    + "X-Forwarded-Proto: https\r\nForwarded: host=photos.example.com\r\nConnection: close\r\n\r\n");

            assertThat(refused).startsWith("HTTP/1.1 400").contains("\"error\":\"bad-request\"").doesNotContain("evil");
            assertThat(missing).startsWith("HTTP/1.1 400").doesNotContain("evil");
            assertThat(allowed).startsWith("HTTP/1.1 200").endsWith("http://localhost:1234");
            assertThat(health).startsWith("HTTP/1.1 200").endsWith("live");
            assertThat(spoofed).endsWith("http://localhost");
        } finally {
            server.stop();
        }
    }

    @Test
    void a_server_behind_a_trusted_proxy_takes_its_forwarded_scheme_and_host() throws Exception {
        PublicOrigin origin = new PublicOrigin(Optional.empty(), HostPolicy.of(List.of("localhost", "photos.example.com")),
                TrustedProxies.of(List.of("127.0.0.1", "::1")));
        Javalin server = HttpServers.create(List.of(app -> app.get("/origin", ctx -> ctx.result(PublicOrigin.of(ctx)))), List.of(), origin)
                .start("127.0.0.1", 0);
        try {
            String answer = raw(server.port(), "GET /origin HTTP/1.1\r\nHost: localhost\r\nForwarded: for=192.0.2.1;host=evil.example\r\n"
                    + "Forwarded: for=192.0.2.1;proto=https;host=\"photos.example.com\"\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("https://photos.example.com");
        } finally {
            server.stop();
        }
    }

    @Test
    void a_route_asking_outside_a_server_built_here_gets_the_defaults() {
        assertThat(PublicOrigin.defaults().resolve(request("127.0.0.1", "127.0.0.1:9", List.of(), List.of(), List.of())))
                .contains("http://127.0.0.1:9");
        assertThat(URI.create(PublicOrigin.defaults().resolve(request("::1", "[::1]:9", List.of(), List.of(), List.of())).orElseThrow()).getPort())
                .isEqualTo(9);
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
