package media.archive.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import media.archive.contracts.Json;
import media.archive.processor.metadata.MetadataReader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectCommandTest {
    @Test
    void prints_one_json_line_per_file_with_cleaned_raw_provenance_and_warnings() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path photo = photo("agency-photographer-example.jpg");
        Path broken = photo("no-frame-header.jpg");

        int status = InspectCommand.inspect(List.of(photo, broken, Path.of("no-such-file.jpg")), new MetadataReader(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = Json.mapper().readTree(lines.get(0));
        assertThat(first.path("file").asText()).isEqualTo(photo.toString());
        assertThat(first.path("credit").asText()).isEqualTo("Mugwum Press");
        assertThat(first.path("creditLine").asText()).isEqualTo("Photo: Julie Doe / Mugwum Press");
        assertThat(first.path("raw").path("credit").asText()).isEqualTo("Mugwum Press");
        assertThat(first.path("provenance").path("credit").asText()).isEqualTo("XMP:photoshop:Credit");
        assertThat(first.has("warnings")).isTrue();
        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.path("warnings").toString()).contains("no image size");
        JsonNode third = Json.mapper().readTree(lines.get(2));
        assertThat(third.path("error").asText()).isEqualTo("no such file");
        assertThat(status).isEqualTo(1);
    }

    @Test
    void is_a_subcommand_of_archive() {
        CommandLine archive = new CommandLine(new ArchiveCommand());

        assertThat(archive.getSubcommands()).containsKey("inspect");
    }

    private static Path photo(String name) throws URISyntaxException {
        return Path.of(InspectCommandTest.class.getResource("/photos/" + name).toURI());
    }
}
