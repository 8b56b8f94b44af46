package media.archive.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import media.archive.contracts.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsFileTest {
    private static final Endpoints ENDPOINTS = new Endpoints(
            new Endpoints.S3("http://127.0.0.1:39001", "archive", "s3cr3t-0123456789abcdef", "media-archive"),
            new Endpoints.Kafka("127.0.0.1:39002"));

    @Test
    void writes_the_fields_an_operator_reads_with_jq(@TempDir Path data) throws Exception {
        new EndpointsFile(data).write(ENDPOINTS);

        JsonNode json = Json.read(Files.readAllBytes(data.resolve("endpoints.json")), JsonNode.class);
        assertThat(json.path("s3").path("endpoint").asText()).isEqualTo("http://127.0.0.1:39001");
        assertThat(json.path("s3").path("accessKey").asText()).isEqualTo("archive");
        assertThat(json.path("s3").path("secretKey").asText()).isEqualTo("s3cr3t-0123456789abcdef");
        assertThat(json.path("s3").path("bucket").asText()).isEqualTo("media-archive");
        assertThat(json.path("kafka").path("bootstrapServers").asText()).isEqualTo("127.0.0.1:39002");
        assertThat(json.path("s3").has("port")).as("derived values stay out of the file").isFalse();
    }

    @Test
    void the_file_is_readable_by_its_owner_only(@TempDir Path data) throws Exception {
        new EndpointsFile(data).write(ENDPOINTS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("endpoints.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_world_readable_file_from_a_restored_backup_is_replaced_by_an_owner_only_one(@TempDir Path data) throws Exception {
        Path file = data.resolve("endpoints.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new EndpointsFile(data).write(ENDPOINTS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new EndpointsFile(data).read()).contains(ENDPOINTS);
    }

    @Test
    void writing_leaves_no_temporary_file_behind(@TempDir Path data) throws Exception {
        new EndpointsFile(data).write(ENDPOINTS);
        new EndpointsFile(data).write(ENDPOINTS);

        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("endpoints.json");
        }
    }

    @Test
    void what_was_written_is_read_back_with_its_ports(@TempDir Path data) {
        new EndpointsFile(data).write(ENDPOINTS);

        Endpoints read = new EndpointsFile(data).read().orElseThrow();
        assertThat(read).isEqualTo(ENDPOINTS);
        assertThat(read.s3().port()).hasValue(39001);
        assertThat(read.kafka().port()).hasValue(39002);
    }

    @Test
    void no_file_and_a_broken_file_both_read_as_nothing(@TempDir Path data) throws Exception {
        assertThat(new EndpointsFile(data).read()).isEmpty();

        Files.writeString(data.resolve("endpoints.json"), "{\"s3\": {\"endpoint\": \"http://127.0.0.1:1\"}");
        assertThat(new EndpointsFile(data).read()).isEmpty();

        Files.writeString(data.resolve("endpoints.json"), "{\"s3\": {\"endpoint\": \"http://x\", \"accessKey\": \"a\","
                + " \"secretKey\": \" \", \"bucket\": \"b\"}, \"kafka\": {\"bootstrapServers\": \"x:1\"}}");
        assertThat(new EndpointsFile(data).read()).as("a blank secret is no secret").isEmpty();
    }

    @Test
    void a_port_is_read_only_where_the_address_names_one() {
        assertThat(new Endpoints.Kafka("localhost").port()).isEmpty();
        assertThat(new Endpoints.Kafka("127.0.0.1:notaport").port()).isEmpty();
        assertThat(new Endpoints.S3("http://127.0.0.1", "a", "s", "b").port()).isEmpty();
    }

    @Test
    void the_secret_never_shows_in_a_log_line_or_an_assertion_message() {
        assertThat(ENDPOINTS.toString()).doesNotContain("s3cr3t").contains("http://127.0.0.1:39001", "127.0.0.1:39002");
    }
}
