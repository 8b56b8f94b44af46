package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./archive run} on a data directory of its own small disk (a tmpfs, mounted by the test;
 * the build runs as root), filled up by another program: uploads are refused with {@code 507}
 * before Kafka or S3 run out of room, everything acknowledged before stays served, and uploads
 * are taken again as soon as there is room, without a restart.
 */
class DiskFullIT {
    private static final long RESERVE = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_nearly_full_disk_refuses_uploads_with_507_keeps_what_it_has_and_takes_uploads_again_once_there_is_room()
            throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=600m", "tmpfs", disk.toString());
        try {
            Path data = disk.resolve("data");
            try (StandaloneArchive archive = start(data, Map.of("INGEST_MIN_FREE_BYTES", Long.toString(RESERVE)))) {
                ArchiveClient client = new ArchiveClient(archive.port());
                String admin = archive.generatedAdminKey().orElseThrow();
                byte[] photo = fixture("photos/skater.jpg");
                String before = upload(client, admin, Variants.of(photo, 1));
                awaitReady(client, admin, before);

                // when: another program fills the disk until less than the reserve is free
                Path filler = disk.resolve("filler");
                fill(filler, Files.getFileStore(disk).getUsableSpace() - RESERVE / 2);
                ArchiveClient.Answer refused = client.upload(admin, "on-a-full-disk.jpg", Variants.of(photo, 2), Map.of());

                // then: a clear refusal, and what the archive holds is still served
                assertThat(refused.status()).as(new String(refused.body())).isEqualTo(507);
                assertThat(refused.json().path("error").asText()).isEqualTo("insufficient-storage");
                assertThat(refused.header("Retry-After")).isNotNull();
                assertThat(client.get("/health/ready", null).status()).isEqualTo(200);
                assertThat(client.get("/v1/images/" + before, admin).json().path("status").asText()).isEqualTo("ready");
                assertThat(client.get("/v1/images/" + before + "/renditions/thumb", null).status()).isEqualTo(200);

                // when: the operator makes room; then: the same upload is taken and processed, without a restart
                Files.delete(filler);
                String after = upload(client, admin, Variants.of(photo, 2));
                awaitReady(client, admin, after);
                assertThat(client.get("/v1/search", admin).json().path("total").asInt()).isEqualTo(2);
            }
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    private static String upload(ArchiveClient client, String key, byte[] photo) {
        ArchiveClient.Answer answer = client.upload(key, "photo.jpg", photo, Map.of());
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(202);
        return answer.json().get("id").asText();
    }

    private static void awaitReady(ArchiveClient client, String key, String id) throws InterruptedException {
        JsonNode record = waitFor(() -> client.get("/v1/images/" + id, key).json(), r -> "ready".equals(r.path("status").asText()));
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
