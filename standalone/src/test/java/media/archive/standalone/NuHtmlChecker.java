package media.archive.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.Json;

/**
 * The <a href="https://validator.github.io/validator/">Nu HTML Checker</a> (the checker behind
 * validator.w3.org/nu), run as its command line runs it, in a child JVM on the classpath the
 * {@code html-checker} module copies (its Jetty, ICU and log4j stay out of the archive's JVM).
 * The folder is the system property {@value #LIBRARIES}, which the build sets.
 */
final class NuHtmlChecker {
    static final String LIBRARIES = "archive.htmlChecker.lib";
    private static final long PATIENCE_SECONDS = 300;

    /** One message of the checker about a file: {@code error}, {@code info} or {@code non-document-error}. */
    record Message(String type, String subType, long line, long column, String text, String extract) {
        /** Whether it makes the document invalid: an error, or a file the checker could not read. */
        boolean isError() {
            return type.equals("error") || type.equals("non-document-error");
        }

        @Override
        public String toString() {
            return type + (subType == null ? "" : "/" + subType) + " at " + line + ":" + column + ": " + text
                    + (extract == null ? "" : "\n      in: " + extract.replace('\n', ' '));
        }
    }

    private final Path libraries;

    private NuHtmlChecker(Path libraries) {
        this.libraries = libraries;
    }

    /** The checker the build prepared; fails with what to do when there is none. */
    static NuHtmlChecker fromBuild() {
        String folder = System.getProperty(LIBRARIES);
        if (folder == null || !Files.isDirectory(Path.of(folder))) {
            throw new IllegalStateException("no Nu HTML Checker in " + folder + ": run the tests through Maven"
                    + " (the html-checker module copies it into html-checker/target/lib)");
        }
        return new NuHtmlChecker(Path.of(folder));
    }

    /** Every message about each of {@code files}, by file, in one run of the checker; files without messages map to none. */
    Map<Path, List<Message>> check(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", libraries.toAbsolutePath() + "/*",
                "nu.validator.client.SimpleCommandLineValidator",
                // Language detection only adds advice about lang; JSON goes to standard output.
                "--format", "json", "--stdout", "--no-langdetect"));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] output = readAll(process.getInputStream());
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Nu HTML Checker did not finish within " + PATIENCE_SECONDS + " s");
        }
        JsonNode answer;
        try {
            answer = Json.read(output, JsonNode.class);
        } catch (Json.MalformedJsonException e) {
            throw new IllegalStateException("the Nu HTML Checker answered no JSON (exit " + process.exitValue() + "): "
                    + new String(output) + new String(errors.join()), e);
        }
        Map<Path, List<Message>> byFile = new LinkedHashMap<>();
        files.forEach(file -> byFile.put(file, new ArrayList<>()));
        for (JsonNode message : answer.path("messages")) {
            Path file = fileOf(message.path("url").asText(), files);
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(new Message(
                    message.path("type").asText(), message.hasNonNull("subType") ? message.path("subType").asText() : null,
                    message.path("lastLine").asLong(), message.path("lastColumn").asLong(), message.path("message").asText(),
                    message.hasNonNull("extract") ? message.path("extract").asText() : null));
        }
        return byFile;
    }

    private static Path fileOf(String url, List<Path> files) {
        for (Path file : files) {
            if (url.endsWith("/" + file.getFileName())) {
                return file;
            }
        }
        return Path.of(url.isEmpty() ? "(no file)" : url);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("cannot read the checker's output: " + e.getMessage()).getBytes();
        }
    }
}
