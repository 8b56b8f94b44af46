package media.archive.api.serving;

import static media.archive.api.index.Events.id;
import static media.archive.api.index.Events.metadata;
import static media.archive.api.index.Events.processed;
import static media.archive.api.index.Events.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexFeeder;
import media.archive.contracts.ImageId;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.config.S3Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rights version in picture URLs, through a real server on port 0 with a real index and an
 * S3 endpoint where nothing listens: redirects, refusals and confirmations need no picture bytes
 * (one that touched S3 would be a 503). Pictures themselves are checked in {@code RenditionRightsIT}.
 */
class RenditionVersionsTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");

    @TempDir
    Path dir;
    private ImageIndex index;
    private IndexFeeder feeder;
    private ObjectStore store;
    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        index = ImageIndex.open(dir);
        feeder = new IndexFeeder(index);
        store = new ObjectStore(new S3Settings("http://127.0.0.1:9", "nobody", "nothing", "no-bucket", "us-east-1"));
        AccessKeys keys = new AccessKeys(store);
        RenditionRoutes renditions = new RenditionRoutes(new PublishedImages(index), store, new AccessGuard(keys), ServingConfig.defaults());
        server = HttpServers.create(List.of(renditions)).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
        index.close();
    }

    @Test
    void an_url_of_older_rights_is_sent_to_the_current_one_for_a_minute_only() throws Exception {
        ImageId id = id("recredited");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Trần Trung").credit("Tuổi Trẻ").build()));
        String before = version(id);
        feeder.feed(processed(id, metadata().creator("Trần Trung").credit("AFP").build()));
        String after = version(id);
        assertThat(after).isNotEqualTo(before);

        HttpResponse<String> named = get("/v1/images/" + id + "/renditions/thumb?v=" + before, null);
        HttpResponse<String> wide = get("/v1/images/" + id + "/renditions/thumb?v=" + before + "&w=320", null);

        assertThat(named.statusCode()).isEqualTo(302);
        assertThat(named.headers().firstValue("Location")).hasValue("thumb?v=" + after);
        assertThat(URI.create("http://x/v1/images/" + id + "/renditions/thumb").resolve(named.headers().firstValue("Location").orElseThrow()))
                .hasToString("http://x" + ServedSizes.path(index.find(id).orElseThrow(), "thumb"));
        assertThat(named.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(named.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(wide.statusCode()).isEqualTo(302);
        assertThat(wide.headers().firstValue("Location")).hasValue("thumb?v=" + after + "&w=320");
    }

    @Test
    void at_its_current_version_a_confirmed_picture_is_cached_for_a_year_and_without_a_version_for_a_minute() throws Exception {
        ImageId id = id("confirmed");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().creator("Trần Trung").build()));
        String version = version(id);
        String tag = "\"" + id + "-thumb-" + version + "\"";

        HttpResponse<String> versioned = get("/v1/images/" + id + "/renditions/thumb?v=" + version, tag);
        HttpResponse<String> plain = get("/v1/images/" + id + "/renditions/thumb", tag);
        HttpResponse<String> webp = send(HttpRequest.newBuilder(uri("/v1/images/" + id + "/renditions/thumb?v=" + version))
                .header("Accept", "image/webp,*/*").header("If-None-Match", "\"" + id + "-thumb.webp-" + version + "\""));

        assertThat(versioned.statusCode()).isEqualTo(304);
        assertThat(versioned.headers().firstValue("ETag")).hasValue(tag);
        assertThat(versioned.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(versioned.headers().firstValue("Timing-Allow-Origin")).hasValue("*");
        assertThat(plain.statusCode()).isEqualTo(304);
        assertThat(plain.headers().firstValue("ETag")).hasValue(tag);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(webp.statusCode()).as("WebP negotiation stays").isIn(304, 503);
    }

    @Test
    void a_tag_of_older_rights_does_not_confirm_the_current_picture() throws Exception {
        ImageId id = id("old tag");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().credit("Reuters").build()));
        String before = version(id);
        feeder.feed(processed(id, metadata().credit("AP").build()));

        HttpResponse<String> response = get("/v1/images/" + id + "/renditions/thumb", "\"" + id + "-thumb-" + before + "\"");

        // Not a 304: the picture must be read again, and S3 is out of reach here.
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void a_version_that_is_no_version_at_all_is_a_400() throws Exception {
        ImageId id = id("hostile");
        feeder.feed(uploaded(id, MORNING), processed(id, metadata().build()));

        assertThat(get("/v1/images/" + id + "/renditions/thumb?v=" + "a".repeat(200), null).statusCode()).isEqualTo(400);
        assertThat(get("/v1/images/" + id + "/renditions/thumb?v=%2F%2Fevil.example", null).statusCode()).isEqualTo(400);
    }

    private String version(ImageId id) {
        return RenditionRights.version(index.find(id).orElseThrow());
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
