package media.archive.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RealInfrastructure.class)
class ObjectStoreIT {
    private static ObjectStore store;

    @BeforeAll
    static void connect(Infrastructure infra) {
        store = new ObjectStore(S3Settings.from(Settings.of(infra.environment())));
        store.ensureBucket();
        store.ensureBucket(); // a second call finds the bucket and leaves it alone
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void stores_bytes_and_reads_them_back_with_their_size_and_type() throws Exception {
        byte[] content = "Photo: Trần Trung".getBytes(StandardCharsets.UTF_8);
        store.putBytes("tests/credit.txt", content, "text/plain; charset=utf-8");

        assertThat(store.readAll("tests/credit.txt")).contains(content);
        StoredObject stat = store.stat("tests/credit.txt").orElseThrow();
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.contentType()).startsWith("text/plain");
        assertThat(stat.etag()).isNotBlank();
    }

    @Test
    void streams_a_file_and_an_unknown_length_stream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("original");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(content);
        Files.write(file, content);

        store.putFile("tests/file", file, "application/octet-stream");
        store.putStream("tests/stream", new ByteArrayInputStream(content), "application/octet-stream");

        try (InputStream in = store.open("tests/file").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.readAll("tests/stream")).contains(content);
    }

    @Test
    void answers_empty_for_objects_that_do_not_exist() {
        assertThat(store.open("tests/nothing-here")).isEmpty();
        assertThat(store.stat("tests/nothing-here")).isEmpty();
        assertThat(store.readAll("tests/nothing-here")).isEmpty();
    }

    @Test
    void lists_and_deletes_the_objects_under_a_prefix_and_nothing_beside_it() {
        byte[] bytes = {1, 2, 3};
        store.putBytes("tests/prefix/a/one.jpg", bytes, "image/jpeg");
        store.putBytes("tests/prefix/a/deeper/two.webp", bytes, "image/webp");
        store.putBytes("tests/prefix/ab", bytes, "image/jpeg");

        assertThat(store.list("tests/prefix/a/")).containsExactly("tests/prefix/a/deeper/two.webp", "tests/prefix/a/one.jpg");
        assertThat(store.deleteAll("tests/prefix/a/")).isEqualTo(2);

        assertThat(store.list("tests/prefix/a/")).isEmpty();
        assertThat(store.stat("tests/prefix/a/one.jpg")).isEmpty();
        assertThat(store.stat("tests/prefix/ab")).isPresent();
        store.delete("tests/prefix/ab");
        store.delete("tests/prefix/ab"); // gone already: no error
        assertThat(store.stat("tests/prefix/ab")).isEmpty();
    }
}
