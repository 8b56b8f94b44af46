package media.archive.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every picture's public page and embed are valid HTML, for every picture of a real corpus, as the
 * <a href="https://validator.github.io/validator/">Nu HTML Checker</a> judges them: the whole
 * archive started as {@code ./archive run} starts it, every file of the corpus uploaded over HTTP;
 * each one that becomes ready has its page {@code /i/<id>} and its embed snippet (in the smallest
 * valid document a site could paste it into) checked. Files the archive refuses or cannot process
 * (a broken file, HEIC) have no page: they are counted and named, not checked.
 *
 * <p>The corpus is the folder of the system property {@value #CORPUS} when set, else the shared
 * corpus ({@code ../shared/corpus/images} beside the repository) when present, else the committed
 * conformance fixtures of the processor. The documents checked stay in
 * {@code target/valid-pages/} for a look with other tools.
 */
class ValidPagesIT {
    static final String CORPUS = "archive.corpus.images";
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final Path DOCUMENTS = Path.of("target", "valid-pages");

    @Test
    void the_nu_html_checker_finds_no_error_in_the_page_and_the_embed_of_any_ready_picture(@TempDir Path data) throws Exception {
        Path corpus = corpus();
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        NuHtmlChecker checker = NuHtmlChecker.fromBuild();
        // Why a file has no page (the upload's or the processing's answer), and which files.
        Map<String, List<String>> notReady = new TreeMap<>();
        List<Path> documents = new ArrayList<>();
        Map<Path, String> sourceOf = new LinkedHashMap<>();
        int ready = 0;
        try (StandaloneArchive archive = TestArchives.start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            String key = archive.generatedAdminKey().orElseThrow();

            // given: every file of the corpus uploaded, each once
            Map<String, String> idOf = new LinkedHashMap<>();
            for (Path file : files) {
                ArchiveClient.Answer upload = client.upload(key, file.getFileName().toString(), Files.readAllBytes(file), Map.of());
                if (upload.status() == 202 || upload.status() == 200) {
                    idOf.put(file.getFileName().toString(), upload.json().path("id").asText());
                } else {
                    notReady.computeIfAbsent("upload answered " + upload.status() + " " + upload.json().path("error").asText(),
                            reason -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }

            // when: each one is processed, and a site fetches the page and the embed of each ready one
            clear(DOCUMENTS);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int n = 0;
            for (Map.Entry<String, String> upload : idOf.entrySet()) {
                JsonNode record = processed(client, key, upload.getValue(), deadline);
                String status = record.path("status").asText();
                if (!status.equals("ready")) {
                    notReady.computeIfAbsent(status + " " + record.path("failure").path("reason").asText(),
                            reason -> new ArrayList<>()).add(upload.getKey());
                    continue;
                }
                ready++;
                n++;
                ArchiveClient.Answer page = client.get("/i/" + upload.getValue(), null);
                ArchiveClient.Answer embed = client.get("/v1/images/" + upload.getValue() + "/embed", null);
                assertThat(page.status()).as("page of " + upload.getKey()).isEqualTo(200);
                assertThat(embed.status()).as("embed of " + upload.getKey()).isEqualTo(200);
                String name = String.format("%03d-%s", n, upload.getKey().replaceAll("[^A-Za-z0-9._-]", "_"));
                Path pageFile = write(name + ".page.html", new String(page.body(), StandardCharsets.UTF_8));
                Path embedFile = write(name + ".embed.html", wrapped(new String(embed.body(), StandardCharsets.UTF_8)));
                sourceOf.put(pageFile, upload.getKey() + " (page /i/" + upload.getValue() + ")");
                sourceOf.put(embedFile, upload.getKey() + " (embed, wrapped)");
                documents.add(pageFile);
                documents.add(embedFile);
            }
        }

        // then: the checker finds no error in any of them
        Map<Path, List<NuHtmlChecker.Message>> messages = checker.check(documents);
        StringBuilder report = new StringBuilder();
        int errors = 0;
        for (Map.Entry<Path, List<NuHtmlChecker.Message>> file : messages.entrySet()) {
            List<NuHtmlChecker.Message> found = file.getValue().stream().filter(NuHtmlChecker.Message::isError).toList();
            errors += found.size();
            report.append(found.isEmpty() ? "  ok     " : String.format("  %2d err ", found.size()))
                    .append(sourceOf.getOrDefault(file.getKey(), file.getKey().toString())).append('\n');
            found.forEach(message -> report.append("      ").append(message).append('\n'));
        }
        notReady.forEach((reason, names) -> report.append("  not ready, ").append(reason).append(": ").append(names.size())
                .append(names.size() == 1 ? " file: " : " files: ").append(String.join(", ", names)).append('\n'));
        String summary = String.format("Nu HTML Checker over %s: %d files, %d ready, %d documents checked, %d errors%n%s",
                corpus, files.size(), ready, documents.size(), errors, report);
        System.out.println(summary);

        assertThat(ready).as("pictures of the corpus that became ready\n" + summary).isPositive();
        assertThat(errors).as(summary).isZero();
    }

    /** The smallest valid document a site could paste an embed into. */
    private static String wrapped(String snippet) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>An article</title></head><body>\n"
                + snippet + "\n</body></html>\n";
    }

    private static JsonNode processed(ArchiveClient client, String key, String id, long deadline) throws InterruptedException {
        JsonNode record = client.get("/v1/images/" + id, key).json();
        while (!record.path("status").asText().matches("ready|failed") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            record = client.get("/v1/images/" + id, key).json();
        }
        return record;
    }

    private static void clear(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> old = Files.list(folder)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(DOCUMENTS.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The property's folder, else the shared corpus beside the repository, else the committed fixtures. */
    private static Path corpus() {
        String configured = System.getProperty(CORPUS);
        if (configured != null && !configured.isBlank()) {
            Path folder = Path.of(configured);
            assertThat(folder).as(CORPUS + " names a folder").isDirectory();
            return folder;
        }
        // Tests run in the module's folder: the repository is its parent, the shared folder beside that.
        Path shared = Path.of("..", "..", "shared", "corpus", "images");
        return Files.isDirectory(shared) ? shared : Path.of("..", "processor", "src", "test", "resources", "conformance");
    }
}
