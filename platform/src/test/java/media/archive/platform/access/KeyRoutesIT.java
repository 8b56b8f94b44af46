package media.archive.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import media.archive.contracts.Json;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The routes of keys through a real server on port 0, keys kept in a real S3 bucket. */
@ExtendWith(RealInfrastructure.class)
class KeyRoutesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ObjectStore store;
    private static AccessKeys keys;
    private static Javalin server;
    private static String adminKey;

    @BeforeAll
    static void start(Infrastructure infra) {
        store = new ObjectStore(S3Settings.from(Settings.of(infra.environment())));
        store.ensureBucket();
        keys = new AccessKeys(store);
        server = HttpServers.create(List.of(new KeyRoutes(keys, new AccessGuard(keys)))).start(0);
        adminKey = keys.issue("chief " + token(), Role.ADMIN).key();
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    @Test
    void me_answers_the_name_and_role_of_the_callers_key() throws Exception {
        String name = "Trần Trung " + token();
        String key = keys.issue(name, Role.PHOTOGRAPHER).key();

        HttpResponse<String> me = send("GET", "/v1/me", key);

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(me.body());
        assertThat(body.get("name").asText()).isEqualTo(name);
        assertThat(body.get("role").asText()).isEqualTo("photographer");
        assertThat(send("GET", "/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/me", "ak_" + "x".repeat(43)).statusCode()).isEqualTo(401);
    }

    @Test
    void admins_list_the_keys_by_name_without_their_secrets() throws Exception {
        String run = token();
        String zulu = keys.issue("zulu " + run, Role.EDITOR).key();
        String alpha = keys.issue("alpha " + run, Role.PHOTOGRAPHER).key();

        HttpResponse<String> list = send("GET", "/v1/keys", adminKey);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(zulu).doesNotContain(alpha).doesNotContain(adminKey).doesNotContain("ak_");
        List<String> names = new ArrayList<>();
        for (JsonNode key : Json.mapper().readTree(list.body()).get("keys")) {
            names.add(key.get("name").asText());
            assertThat(key.get("role").asText()).isIn("photographer", "editor", "admin");
            assertThat(key.get("createdAt").asText()).isNotBlank();
        }
        assertThat(names).isSorted().contains("alpha " + run, "zulu " + run);
        assertThat(names.indexOf("alpha " + run)).isLessThan(names.indexOf("zulu " + run));
    }

    @Test
    void only_admins_see_or_revoke_keys() throws Exception {
        String editor = keys.issue("editor " + token(), Role.EDITOR).key();
        String target = "target " + token();
        keys.issue(target, Role.PHOTOGRAPHER);

        assertThat(send("GET", "/v1/keys", editor).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/v1/keys/" + encode(target), editor).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/keys", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_revoked_key_is_refused_on_the_next_request_and_after_a_restart() throws Exception {
        String name = "Tran Trung " + token();
        String key = keys.issue(name, Role.PHOTOGRAPHER).key();
        assertThat(send("GET", "/v1/me", key).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = send("DELETE", "/v1/keys/" + encode(name), adminKey);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/v1/me", key).statusCode()).isEqualTo(401);
        // A service started afresh reads the same bucket with an empty cache.
        assertThat(new AccessKeys(store).authenticate(key)).isEmpty();
        assertThat(Json.mapper().readTree(send("GET", "/v1/keys", adminKey).body()).findValuesAsText("name")).doesNotContain(name);
        assertThat(send("DELETE", "/v1/keys/" + encode(name), adminKey).statusCode()).isEqualTo(404);
    }

    @Test
    void an_unknown_name_is_not_found_and_an_admin_cannot_revoke_their_own_key() throws Exception {
        String name = "chief two " + token();
        String own = keys.issue(name, Role.ADMIN).key();

        HttpResponse<String> unknown = send("DELETE", "/v1/keys/" + encode("nobody " + token()), adminKey);
        HttpResponse<String> self = send("DELETE", "/v1/keys/" + encode(name), own);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not-found\"");
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("\"error\":\"bad-request\"");
        assertThat(send("GET", "/v1/me", own).statusCode()).isEqualTo(200);
    }

    @Test
    void a_revoked_generated_admin_key_is_not_registered_again_but_replaced(@TempDir Path data) throws Exception {
        Optional<String> first = AdminBootstrap.ensureAdminKey(keys, Optional.empty(), data);
        String generated = first.orElseThrow();
        // A generated admin key is named "admin"; another admin revokes it.
        keys.revoke("admin");

        Optional<String> restarted = AdminBootstrap.ensureAdminKey(new AccessKeys(store), Optional.empty(), data);

        assertThat(new AccessKeys(store).authenticate(generated)).isEmpty();
        assertThat(restarted).isPresent().isNotEqualTo(first);
        assertThat(Files.readString(data.resolve("admin.key")).strip()).isEqualTo(restarted.get());
        assertThat(new AccessKeys(store).authenticate(restarted.get())).map(Principal::role).contains(Role.ADMIN);
    }

    private static HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
