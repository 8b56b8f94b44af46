package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import media.archive.contracts.GalleryId;
import media.archive.contracts.Json;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the whole archive against every role and no key, from one table: a route
 * open to a role must not refuse it, a route closed to it must answer {@code 401} (no key) or
 * {@code 403} (a lesser key) with a JSON error and nothing else. A route added without a row
 * fails the test, so that no route goes out without someone deciding who may call it.
 */
class AccessMatrixIT {
    /** Who may call a route: anyone, or a key of this role or above. */
    enum Access { PUBLIC, PHOTOGRAPHER, EDITOR, ADMIN }

    /** The callers, from no key up. */
    enum Caller { NOBODY, PHOTOGRAPHER, EDITOR, ADMIN }

    /** One row: who may call the route, and the request that calls it (ids filled in, a body where it takes one). */
    record Row(Access access, String method, String path, String body) {
    }

    @TempDir
    static Path data;
    private static StandaloneArchive archive;
    private static ArchiveClient client;
    private static final Map<Caller, String> KEYS = new LinkedHashMap<>();
    private static String image;
    private static String gallery;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void archiveWithOnePictureAndOneGallery() throws Exception {
        archive = start(data);
        client = new ArchiveClient(archive.port());
        String admin = archive.generatedAdminKey().orElseThrow();
        KEYS.put(Caller.NOBODY, null);
        KEYS.put(Caller.PHOTOGRAPHER, issueKey(admin, "Tran Trung", "photographer"));
        KEYS.put(Caller.EDITOR, issueKey(admin, "picture desk", "editor"));
        KEYS.put(Caller.ADMIN, admin);
        ArchiveClient.Answer upload = client.upload(KEYS.get(Caller.PHOTOGRAPHER), "skater.jpg", fixture("photos/skater.jpg"), Map.of());
        assertThat(upload.status()).as(new String(upload.body())).isEqualTo(202);
        image = upload.json().get("id").asText();
        JsonNode record = waitFor(() -> client.get("/v1/images/" + image, admin).json(),
                r -> "ready".equals(r.path("status").asText()));
        assertThat(record.path("status").asText()).isEqualTo("ready");
        ArchiveClient.Answer saved = client.postJson("/v1/galleries", admin,
                Map.of("title", "Matrix", "items", List.of(Map.of("image", image))));
        assertThat(saved.status()).as(new String(saved.body())).isEqualTo(201);
        gallery = saved.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
    }

    /**
     * The table. Requests that would change something when allowed are aimed at nothing
     * (an unknown gallery, a key holder who does not exist, an empty body), so every role can
     * try each of them on the same archive.
     */
    private static Map<String, Row> table() {
        String unknownImage = "0".repeat(64);
        String unknownGallery = GalleryId.random().value();
        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("GET /health/live", new Row(Access.PUBLIC, "GET", "/health/live", null));
        rows.put("GET /health/ready", new Row(Access.PUBLIC, "GET", "/health/ready", null));
        rows.put("GET /i/{id}", new Row(Access.PUBLIC, "GET", "/i/" + image, null));
        rows.put("GET /oembed", new Row(Access.PUBLIC, "GET", "/oembed?url=" + ArchiveClient.query(client.base() + "/i/" + image), null));
        rows.put("GET /v1/images/{id}/embed", new Row(Access.PUBLIC, "GET", "/v1/images/" + image + "/embed", null));
        rows.put("GET /v1/images/{id}/renditions/{name}", new Row(Access.PUBLIC, "GET", "/v1/images/" + image + "/renditions/thumb", null));
        rows.put("HEAD /v1/images/{id}/renditions/{name}", new Row(Access.PUBLIC, "HEAD", "/v1/images/" + image + "/renditions/thumb", null));
        rows.put("GET /g/{gid}", new Row(Access.PUBLIC, "GET", "/g/" + gallery, null));
        rows.put("GET /v1/galleries/{gid}/embed", new Row(Access.PUBLIC, "GET", "/v1/galleries/" + gallery + "/embed", null));

        rows.put("POST /v1/uploads", new Row(Access.PHOTOGRAPHER, "POST", "/v1/uploads", ""));
        rows.put("GET /v1/search", new Row(Access.PHOTOGRAPHER, "GET", "/v1/search?q=skater", null));
        rows.put("GET /v1/search/help", new Row(Access.PHOTOGRAPHER, "GET", "/v1/search/help", null));
        rows.put("GET /v1/search/suggest", new Row(Access.PHOTOGRAPHER, "GET", "/v1/search/suggest?field=keyword&prefix=s", null));
        rows.put("GET /v1/events", new Row(Access.PHOTOGRAPHER, "GET", "/v1/events", null));
        rows.put("GET /v1/me", new Row(Access.PHOTOGRAPHER, "GET", "/v1/me", null));

        rows.put("GET /v1/images/{id}", new Row(Access.EDITOR, "GET", "/v1/images/" + image, null));
        rows.put("GET /v1/images/{id}/original", new Row(Access.EDITOR, "GET", "/v1/images/" + image + "/original", null));
        rows.put("PATCH /v1/images/{id}", new Row(Access.EDITOR, "PATCH", "/v1/images/" + unknownImage, "{}"));
        rows.put("GET /v1/images/{id}/usages", new Row(Access.EDITOR, "GET", "/v1/images/" + image + "/usages", null));
        rows.put("GET /v1/usages", new Row(Access.EDITOR, "GET", "/v1/usages", null));
        rows.put("GET /v1/galleries", new Row(Access.EDITOR, "GET", "/v1/galleries", null));
        rows.put("POST /v1/galleries", new Row(Access.EDITOR, "POST", "/v1/galleries", "{}"));
        rows.put("GET /v1/galleries/{gid}", new Row(Access.EDITOR, "GET", "/v1/galleries/" + gallery, null));
        rows.put("PUT /v1/galleries/{gid}", new Row(Access.EDITOR, "PUT", "/v1/galleries/" + unknownGallery, "{}"));
        rows.put("DELETE /v1/galleries/{gid}", new Row(Access.EDITOR, "DELETE", "/v1/galleries/" + unknownGallery, null));

        rows.put("DELETE /v1/images/{id}", new Row(Access.ADMIN, "DELETE", "/v1/images/" + unknownImage, null));
        rows.put("GET /v1/keys", new Row(Access.ADMIN, "GET", "/v1/keys", null));
        rows.put("POST /v1/keys", new Row(Access.ADMIN, "POST", "/v1/keys", "{}"));
        rows.put("DELETE /v1/keys/{name}", new Row(Access.ADMIN, "DELETE", "/v1/keys/nobody%20at%20all", null));
        return rows;
    }

    @Test
    void every_route_has_a_row() {
        assertThat(new TreeSet<>(table().keySet()))
                .as("a row in AccessMatrixIT.table() for each route: who may call it")
                .isEqualTo(new TreeSet<>(archive.routes()));
    }

    @Test
    void every_route_lets_in_exactly_the_roles_its_row_names() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Row> entry : table().entrySet()) {
            Row row = entry.getValue();
            for (Caller caller : Caller.values()) {
                Reply reply = send(row, KEYS.get(caller));
                String what = entry.getKey() + " as " + caller + ": " + reply.status + " " + reply.body;
                if (mayCall(caller, row.access)) {
                    softly.assertThat(reply.status).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    int expected = caller == Caller.NOBODY ? 401 : 403;
                    softly.assertThat(reply.status).as(what).isEqualTo(expected);
                    softly.assertThat(errorOf(reply.body)).as(what).isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void a_photographer_finds_only_their_own_uploads_and_no_one_grants_a_role_they_do_not_hold() throws Exception {
        String admin = KEYS.get(Caller.ADMIN);
        String colleague = issueKey(admin, "another photographer", "photographer");

        JsonNode own = client.get("/v1/search", KEYS.get(Caller.PHOTOGRAPHER)).json();
        JsonNode others = client.get("/v1/search", colleague).json();

        assertThat(own.path("total").asInt()).isEqualTo(1);
        assertThat(others.path("total").asInt()).isZero();
        for (Caller caller : List.of(Caller.PHOTOGRAPHER, Caller.EDITOR)) {
            ArchiveClient.Answer escalation = client.postJson("/v1/keys", KEYS.get(caller), Map.of("name", "me again", "role", "admin"));
            assertThat(escalation.status()).as(caller.toString()).isEqualTo(403);
        }
    }

    @Test
    void public_answers_name_no_uploader_and_no_place() throws Exception {
        List<String> publicAnswers = new ArrayList<>();
        for (Row row : table().values()) {
            if (row.access == Access.PUBLIC && row.method.equals("GET") && !row.path.contains("/renditions/")) {
                publicAnswers.add(send(row, null).body);
            }
        }

        assertThat(publicAnswers).hasSizeGreaterThan(5).allSatisfy(body -> assertThat(body)
                .doesNotContain("Tran Trung")
                .doesNotContainIgnoringCase("uploader")
                .doesNotContainIgnoringCase("latitude")
                .doesNotContainIgnoringCase("\"gps"));
    }

    private static boolean mayCall(Caller caller, Access access) {
        return switch (access) {
            case PUBLIC -> true;
            case PHOTOGRAPHER -> caller != Caller.NOBODY;
            case EDITOR -> caller == Caller.EDITOR || caller == Caller.ADMIN;
            case ADMIN -> caller == Caller.ADMIN;
        };
    }

    private record Reply(int status, String body) {
    }

    /** Sends the row's request; reads at most 64 KB of the answer, so that the event stream ends too. */
    private static Reply send(Row row, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + row.path))
                .timeout(Duration.ofSeconds(30))
                .method(row.method, row.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(row.body));
        if (row.body != null) {
            request.header("Content-Type", row.path.equals("/v1/uploads") ? "multipart/form-data; boundary=x" : "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] start = row.path.equals("/v1/events") && response.statusCode() == 200 ? new byte[0] : body.readNBytes(65_536);
            return new Reply(response.statusCode(), new String(start, StandardCharsets.UTF_8));
        }
    }

    /** The {@code error} of a JSON error body that holds nothing but {@code error} and {@code message}; else a description. */
    private static String errorOf(String body) {
        try {
            JsonNode json = Json.read(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            return names.stream().allMatch(n -> n.equals("error") || n.equals("message")) ? json.path("error").asText()
                    : "a body with more than error and message: " + names;
        } catch (RuntimeException e) {
            return "not JSON: " + body;
        }
    }

    private static String issueKey(String adminKey, String name, String role) {
        ArchiveClient.Answer answer = client.postJson("/v1/keys", adminKey, Map.of("name", name, "role", role));
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(201);
        return answer.json().get("key").asText();
    }
}
