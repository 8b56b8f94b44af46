package media.archive.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.SuppliedMetadata;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.storage.ObjectStore;
import media.archive.processor.TestImages;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionSpec;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One image through the pipeline against a real S3 server. */
@ExtendWith(RealInfrastructure.class)
class ImageProcessingIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    private ObjectStore store;
    private ImageProcessing processing;

    @BeforeEach
    void setUp(Infrastructure infra) {
        store = new ObjectStore(S3Settings.from(Settings.of(infra.environment())));
        store.ensureBucket();
        RenditionMaker renditions = new RenditionMaker(
                media.archive.processor.ProcessorConfig.DEFAULT_RENDITIONS, 150_000_000L, 0.82f);
        processing = new ImageProcessing(store, new MetadataReader(), renditions, tempDir, CLOCK);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        try (var leftovers = Files.list(tempDir)) {
            assertThat(leftovers).as("temporary originals are deleted").isEmpty();
        }
    }

    @Test
    void the_same_upload_gives_the_same_keys_and_bytes_every_time() throws Exception {
        ImageUploaded uploaded = stage("grid_pa.jpg");

        ImageProcessed first = (ImageProcessed) processing.process(uploaded);
        String firstEtag = store.stat(ObjectKeys.rendition(uploaded.id(), "medium", "jpg")).orElseThrow().etag();
        ImageProcessed second = (ImageProcessed) processing.process(uploaded);

        assertThat(second).isEqualTo(first);
        assertThat(store.stat(ObjectKeys.rendition(uploaded.id(), "medium", "jpg")).orElseThrow().etag()).isEqualTo(firstEtag);
    }

    @Test
    void broken_metadata_blocks_cost_warnings_not_the_renditions() throws Exception {
        ImageUploaded uploaded = stage("exr_broken1.jpg");

        ImageEvent answer = processing.process(uploaded);

        assertThat(answer).isInstanceOfSatisfying(ImageProcessed.class, processed -> {
            assertThat(processed.renditions()).extracting(r -> r.name()).containsExactlyInAnyOrder("thumb", "small", "medium", "large");
            assertThat(processed.metadata().warnings()).anyMatch(w -> w.startsWith("GPS:"))
                    .anyMatch(w -> w.startsWith("Photoshop:"));
            assertThat(processed.metadata().credit()).isEqualTo("Eric");
        });
        assertThat(store.stat(ObjectKeys.rendition(uploaded.id(), "thumb", "jpg"))).isPresent();
    }

    @Test
    void stores_the_four_renditions_and_publishes_them_with_the_appearance() throws Exception {
        ImageUploaded uploaded = stage("exr_iptc-agency-photographer-example.jpg");

        ImageProcessed processed = (ImageProcessed) processing.process(uploaded);

        assertThat(processed.renditions()).extracting(r -> r.name()).containsExactly("large", "medium", "small", "thumb");
        for (var rendition : processed.renditions()) {
            assertThat(Math.max(rendition.width(), rendition.height())).isLessThanOrEqualTo(2048);
            var stored = store.stat(rendition.key()).orElseThrow();
            assertThat(stored.size()).isEqualTo(rendition.bytes());
        }
        assertThat(processed.appearance().placeholder()).isNotBlank();
        assertThat(processed.appearance().dominantColor()).matches("#[0-9a-f]{6}");
        assertThat(processed.appearance().perceptualHash()).matches("[0-9a-f]{16}");
        // The credit travels with the rendition: the creator the record names is in its EXIF.
        byte[] thumb;
        try (var in = store.open(ObjectKeys.rendition(uploaded.id(), "thumb", "jpg")).orElseThrow()) {
            thumb = in.readAllBytes();
        }
        var exif = com.drew.imaging.ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(thumb))
                .getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class);
        assertThat(processed.metadata().creator()).isNotEmpty();
        assertThat(exif.getString(com.drew.metadata.exif.ExifIFD0Directory.TAG_ARTIST))
                .startsWith(processed.metadata().creator().get(0));
    }

    /** Every fixture image: the archive makes four renditions of each, or says why it cannot. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("fixtureImages")
    void every_fixture_image_gets_its_renditions_or_a_clear_reason(String image) throws Exception {
        java.util.Map<String, String> expectedFailures = java.util.Map.of(
                "grid_thisisnotanimage.jpg", ImageFailed.UNDECODABLE,
                "kim_photo_45.jpg", ImageFailed.UNDECODABLE,
                "mei_IMG_2927.HEIC", ImageFailed.UNSUPPORTED_FORMAT);
        ImageUploaded uploaded = stage(image);

        ImageEvent answer = processing.process(uploaded);

        if (expectedFailures.containsKey(image)) {
            assertThat(answer).isInstanceOfSatisfying(ImageFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo(expectedFailures.get(image));
                assertThat(failed.message()).isNotBlank();
            });
        } else {
            assertThat(answer).isInstanceOfSatisfying(ImageProcessed.class, processed -> {
                assertThat(processed.renditions()).extracting(r -> r.name())
                        .containsExactly("large", "medium", "small", "thumb");
                assertThat(processed.renditions()).allSatisfy(r -> assertThat(store.stat(r.key())).isPresent());
                assertThat(processed.appearance()).isNotNull();
            });
        }
    }

    static java.util.stream.Stream<String> fixtureImages() throws Exception {
        Path dir = TestImages.path("README.md").getParent();
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> !name.endsWith(".md") && !name.endsWith(".json"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void a_missing_original_is_answered_original_missing() throws Exception {
        ImageUploaded uploaded = upload("never stored".getBytes(), "ghost.jpg");

        ImageEvent answer = processing.process(uploaded);

        assertThat(answer).isInstanceOfSatisfying(ImageFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo(ImageFailed.ORIGINAL_MISSING));
    }

    @Test
    void a_heic_fails_as_unsupported_format_with_its_metadata_attached() throws Exception {
        ImageUploaded uploaded = stage("mei_IMG_2927.HEIC");

        ImageEvent answer = processing.process(uploaded);

        assertThat(answer).isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.UNSUPPORTED_FORMAT);
            assertThat(failed.metadata().model()).isEqualTo("iPhone 11 Pro");
            assertThat(failed.metadata().iccProfile()).isEqualTo("Display P3");
        });
        assertThat(store.stat(ObjectKeys.rendition(uploaded.id(), "thumb", "jpg"))).isEmpty();
    }

    @Test
    void an_empty_original_is_undecodable() throws Exception {
        ImageUploaded uploaded = stage("grid_thisisnotanimage.jpg");

        ImageEvent answer = processing.process(uploaded);

        assertThat(answer).isInstanceOfSatisfying(ImageFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(ImageFailed.UNDECODABLE);
            assertThat(failed.metadata().warnings()).contains("the file is empty");
        });
    }

    private ImageUploaded stage(String image) throws Exception {
        byte[] bytes = Files.readAllBytes(TestImages.path(image));
        ImageUploaded uploaded = upload(bytes, image);
        store.putBytes(ObjectKeys.original(uploaded.id()), bytes, "application/octet-stream");
        return uploaded;
    }

    private static ImageUploaded upload(byte[] bytes, String fileName) throws Exception {
        ImageId id = ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
        // An upload always has at least one byte; the empty test file stands for a file that lost its bytes.
        return new ImageUploaded(id, CLOCK.instant(), "pipeline-it", fileName, "image/jpeg",
                Math.max(1, bytes.length), SuppliedMetadata.NONE);
    }
}
