package media.archive.api;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.fixture;
import static media.archive.api.ApiTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rights in every served picture, read back by ExifTool (which {@code .ci/run} installs; the test
 * fails, never skips, without it), against a real Kafka broker and a real S3 server through a real
 * HTTP server: the named rendition, a {@code ?w=} variant and the WebP version of an IPTC-credited
 * photograph carry creator and copyright, and an editor's change of the credits gives the picture
 * a new URL whose bytes carry the new values.
 */
@ExtendWith(RealInfrastructure.class)
class RenditionRightsIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final String COPYRIGHT = "©2009 Julie Doe / Mugwum Press, all rights reserved";

    @TempDir
    Path dir;
    private ApiTestBed bed;
    private String editorKey;
    private ImageId id;

    @BeforeAll
    static void exifToolIsInstalled() throws Exception {
        try {
            Process version = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
            assertThat(version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0)
                    .as("exiftool -ver answers").isTrue();
        } catch (IOException missing) {
            throw new AssertionError("ExifTool is needed by this test and is not installed: "
                    + "apt-get install libimage-exiftool-perl (.ci/run installs it)", missing);
        }
    }

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "rendition-rights-it", dir.resolve("index"));
        editorKey = bed.issue("picture desk " + ApiTestBed.token(), Role.EDITOR);
        bed.startApi();
        await(bed.api()::isReady);

        id = Events.id("rights " + UUID.randomUUID());
        byte[] jpeg = fixture("/images/exr_iptc-agency-photographer-example.jpg");
        bed.store().putBytes(ObjectKeys.rendition(id, "medium", "jpg"), jpeg, "image/jpeg");
        bed.store().putBytes(ObjectKeys.original(id), jpeg, "image/jpeg");
        bed.publish(Topics.UPLOADED, new ImageUploaded(id, MORNING, "staff photographer", "julie-doe.jpg", "image/jpeg",
                jpeg.length, SuppliedMetadata.NONE));
        // What the processor reads from this file's IPTC, XMP and EXIF.
        bed.publish(Topics.PROCESSED, new ImageProcessed(id, MORNING.plusSeconds(2),
                ImageMetadata.builder().width(527).height(350).orientation(1)
                        .creator(List.of("Julie Doe")).credit("Mugwum Press").copyright(COPYRIGHT).build(),
                List.of(new Rendition("medium", 527, 350, jpeg.length, "image/jpeg", ObjectKeys.rendition(id, "medium", "jpg")))));
        await(() -> bed.get("/v1/images/" + id + "/embed?format=json", null).statusCode() == 200);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void the_named_the_narrower_and_the_webp_picture_carry_creator_and_copyright_and_an_edit_changes_url_and_rights() throws Exception {
        JsonNode embed = json(bed.get("/v1/images/" + id + "/embed?format=json", null));
        String named = path(embed.path("src").asText());
        String narrower = path(embed.path("srcset").path(0).path("url").asText());
        assertThat(named).contains("/renditions/medium?v=");
        assertThat(narrower).contains("/renditions/medium?v=").endsWith("&w=320");

        for (JsonNode tags : List.of(exifTool(jpeg(named)), exifTool(jpeg(narrower)))) {
            assertThat(tags.path("Creator").asText()).isEqualTo("Julie Doe");
            assertThat(tags.path("Credit").asText()).isEqualTo("Mugwum Press");
            assertThat(tags.path("Rights").asText()).isEqualTo(COPYRIGHT);
            assertThat(tags.path("Artist").asText()).isEqualTo("Julie Doe");
            assertThat(tags.path("Copyright").asText()).isEqualTo(COPYRIGHT);
            // Nothing else of the file's own metadata travels: its IPTC caption and place stay home.
            assertThat(tags.has("City")).isFalse();
            assertThat(tags.has("Description")).isFalse();
        }
        // ExifTool's validation finds the stamped files complete (a packet wrapper it misses is minor).
        assertThat(validationWarnings(jpeg(named))).isEmpty();
        assertThat(validationWarnings(webp(named))).isEmpty();
        JsonNode webp = exifTool(webp(named));
        assertThat(webp.path("Creator").asText()).isEqualTo("Julie Doe");
        assertThat(webp.path("Rights").asText()).isEqualTo(COPYRIGHT);

        HttpResponse<String> edited = bed.patch("/v1/images/" + id,
                "{\"creator\":[\"Trần Trung\"],\"credit\":\"Tuổi Trẻ\",\"copyright\":\"© 2025 Tuổi Trẻ\"}", "\"0\"", editorKey);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(202);
        await(() -> !path(json(bed.get("/v1/images/" + id + "/embed?format=json", null)).path("src").asText()).equals(named));

        JsonNode after = json(bed.get("/v1/images/" + id + "/embed?format=json", null));
        String newNamed = path(after.path("src").asText());
        String newNarrower = path(after.path("srcset").path(0).path("url").asText());
        for (JsonNode tags : List.of(exifTool(jpeg(newNamed)), exifTool(jpeg(newNarrower)), exifTool(webp(newNamed)))) {
            assertThat(tags.path("Creator").asText()).isEqualTo("Trần Trung");
            assertThat(tags.path("Credit").asText()).isEqualTo("Tuổi Trẻ");
            assertThat(tags.path("Rights").asText()).isEqualTo("© 2025 Tuổi Trẻ");
        }
        assertThat(exifTool(jpeg(newNamed)).path("Copyright").asText()).isEqualTo("© 2025 Tuổi Trẻ");
        HttpResponse<byte[]> old = bed.getBytes(named, null);
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(URI.create("http://archive" + named).resolve(old.headers().firstValue("Location").orElseThrow()))
                .hasToString("http://archive" + newNamed);
    }

    @Test
    void a_picture_at_its_rights_version_is_immutable_and_without_a_version_is_cached_a_minute() throws Exception {
        String named = path(json(bed.get("/v1/images/" + id + "/embed?format=json", null)).path("src").asText());
        String plain = named.substring(0, named.indexOf('?'));

        HttpResponse<byte[]> versioned = bed.getBytes(named, null);
        HttpResponse<byte[]> unversioned = bed.getBytes(plain, null);
        HttpResponse<byte[]> confirmed = bed.send(bed.request(named, null)
                .header("If-None-Match", versioned.headers().firstValue("ETag").orElseThrow()), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(versioned.headers().firstValue("ETag").orElseThrow()).contains(named.substring(named.indexOf("v=") + 2));
        assertThat(versioned.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(versioned.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(versioned.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(unversioned.statusCode()).isEqualTo(200);
        assertThat(unversioned.body()).isEqualTo(versioned.body());
        assertThat(unversioned.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(unversioned.headers().firstValue("ETag")).isEqualTo(versioned.headers().firstValue("ETag"));
        assertThat(confirmed.statusCode()).isEqualTo(304);
        assertThat(versioned.body().length).isLessThan(fixture("/images/exr_iptc-agency-photographer-example.jpg").length);
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private byte[] jpeg(String path) {
        HttpResponse<byte[]> answer = bed.getBytes(path, null);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        return answer.body();
    }

    private byte[] webp(String path) {
        HttpResponse<byte[]> answer = bed.send(bed.request(path, null).header("Accept", "image/avif,image/webp,*/*"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/webp");
        return answer.body();
    }

    /** The warnings of {@code exiftool -validate} on {@code picture}, minor ones left out. */
    private List<String> validationWarnings(byte[] picture) throws Exception {
        Path file = Files.createTempFile(dir, "validated", ".bin");
        Files.write(file, picture);
        // Plain lines ("Warning : ..."), one per warning: JSON would fold the repeated tag into one.
        Process exiftool = new ProcessBuilder("exiftool", "-validate", "-warning", "-a", file.toString())
                .redirectErrorStream(true).start();
        byte[] out = exiftool.getInputStream().readAllBytes();
        assertThat(exiftool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("Warning"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .filter(warning -> !warning.startsWith("[minor]"))
                .toList();
    }

    /** What {@code exiftool -j -XMP:all -EXIF:Artist -EXIF:Copyright} reads from {@code picture}. */
    private JsonNode exifTool(byte[] picture) throws Exception {
        Path file = Files.createTempFile(dir, "served", ".bin");
        Files.write(file, picture);
        List<String> command = new ArrayList<>(List.of("exiftool", "-j", "-XMP:all", "-EXIF:Artist", "-EXIF:Copyright",
                "-IPTC:all", "-charset", "UTF8", file.toString()));
        Process exiftool = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = exiftool.getInputStream().readAllBytes();
        assertThat(exiftool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(exiftool.exitValue()).as(text).isZero();
        JsonNode answer = Json.mapper().readTree(text);
        return answer.path(0);
    }
}
