package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.Json;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the reader with what {@code exiftool -use MWG} reports for the same files
 * ({@code images/expected-exiftool-mwg.json}), field by field.
 */
class ExifToolAgreementTest {
    /** Where the archive deliberately answers otherwise, and why. */
    private static final Map<String, Set<String>> DELIBERATE = Map.of(
            // GPS 0,0 is what an unset GPS module writes; the archive leaves the position out.
            "mei_Samsung_GT-I9000_(Galaxy_S).jpg", Set.of("gpsLatitude", "gpsLongitude"),
            // The HEIC's size comes from EXIF, without the container's rotation (see PictureFacts).
            "mei_IMG_2927.HEIC", Set.of("imageSize"));

    private final MetadataReader reader = new MetadataReader();

    @TestFactory
    Stream<DynamicTest> agrees_with_exiftool_mwg_on_credits_camera_size_and_place() throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/images/expected-exiftool-mwg.json")) {
            expected = Json.mapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : expected) {
            String file = entry.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                ImageMetadata m = reader.read(TestImages.path(file));
                Set<String> skip = DELIBERATE.getOrDefault(file, Set.of());
                entry.properties().forEach(field -> {
                    String name = field.getKey();
                    if (name.equals("file") || name.equals("fileType") || skip.contains(name)) {
                        return;
                    }
                    JsonNode value = field.getValue();
                    switch (name) {
                        case "gpsLatitude" -> assertThat(m.gpsLatitude()).as(name).isCloseTo(value.asDouble(),
                                within(1e-6));
                        case "gpsLongitude" -> assertThat(m.gpsLongitude()).as(name).isCloseTo(value.asDouble(),
                                within(1e-6));
                        case "imageSize" -> assertThat(storedSize(m)).as(name).isEqualTo(value.asText());
                        default -> assertThat(String.valueOf(valueOf(m, name))).as(name).isEqualTo(value.asText().strip());
                    }
                });
            }));
        }
        return tests.stream();
    }

    /** ExifTool's ImageSize is the stored size: the record's displayed size turned back. */
    private static String storedSize(ImageMetadata m) {
        boolean turned = m.orientation() != null && m.orientation() >= 5;
        return turned ? m.height() + " " + m.width() : m.width() + " " + m.height();
    }

    private static Object valueOf(ImageMetadata m, String name) {
        return switch (name) {
            case "credit" -> m.credit();
            case "headline" -> m.headline();
            case "source" -> m.source();
            case "title" -> m.title();
            case "orientation" -> m.orientation();
            case "make" -> m.make();
            case "model" -> m.model();
            case "iccProfile" -> m.iccProfile();
            default -> throw new IllegalArgumentException("no such field in the expectations: " + name);
        };
    }
}
