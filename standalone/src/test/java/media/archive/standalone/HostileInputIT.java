package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile files and requests sent to one {@code ./archive run}, started as a process of its own
 * with {@code -Xmx512m} that exits on its first {@code OutOfMemoryError}. Each row of
 * {@link #cases()} is one file or request and the outcome the archive owes it: refused with a
 * {@code 4xx} and a JSON error, a {@code failed} record whose reason says why, or {@code ready}
 * where only the metadata is hostile. After every row the process is alive and answers
 * {@code /health/ready}; at the end a normal photograph still becomes ready, no XML entity was
 * resolved (a canary HTTP server and a canary file are never read), and nothing was written
 * outside the archive's data and temporary directories.
 *
 * <p>Real files from fuzzing corpora are in {@code src/test/resources/hostile} (see its
 * README); the rest are made by {@link HostileFiles}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String ESCAPE = "escape-" + UUID.randomUUID();

    private Path root;
    private ArchiveProcess archive;
    private ArchiveClient client;
    private RawUploads raw;
    private String admin;
    private HttpServer canary;
    private final AtomicInteger canaryRequests = new AtomicInteger();
    private Path canaryFile;
    private final String canaryText = "CANARY-" + UUID.randomUUID();

    @BeforeAll
    void start_the_archive_and_the_canaries(@TempDir Path dir) throws Exception {
        root = dir;
        canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            canaryRequests.incrementAndGet();
            byte[] body = canaryText.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        canary.start();
        canaryFile = Files.writeString(root.resolve("canary.txt"), canaryText);
        // A short budget keeps a decoder that runs away from holding the suite for the default minute.
        archive = ArchiveProcess.start(root.resolve("data"), root.resolve("work"), root.resolve("tmp"), 512,
                Map.of("PROCESSOR_IMAGE_BUDGET_SECONDS", "20"));
        client = new ArchiveClient(archive.port());
        admin = Files.readString(root.resolve("data").resolve("admin.key")).strip();
        raw = new RawUploads(archive.port(), admin);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (archive != null) {
            System.out.println("HostileInputIT: peak heap of the archive before a GC: "
                    + archive.peakHeapMb().stream().mapToObj(Long::toString).findFirst().orElse("?") + " MB of 512");
            archive.close();
        }
        if (canary != null) {
            canary.stop(0);
        }
    }

    /** What the archive answered one request: its status, body and Content-Type. */
    record Reply(int status, byte[] body, String contentType) {
        static Reply of(ArchiveClient.Answer answer) {
            return new Reply(answer.status(), answer.body(), answer.header("Content-Type"));
        }

        JsonNode json() {
            return media.archive.contracts.Json.read(body, JsonNode.class);
        }
    }

    /** What the archive owes one case. */
    interface Outcome {
        void check(HostileInputIT it, Reply answer);
    }

    /** One hostile file or request and its outcome. */
    record Case(String name, Supplier<Reply> send, Outcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Case> cases() {
        byte[] photo = HostileFiles.photo(800, 600, 1);
        String canaryUrl = "http://127.0.0.1:" + canary.getAddress().getPort() + "/canary";
        return Stream.of(
                // --- requests
                upload("zero-byte file", "empty.jpg", () -> new byte[0], refused(400, "bad-request")),
                new Case("multipart body without boundary", () -> raw.post("multipart/form-data", "--x\r\n\r\n",
                        -1), refused(400, "bad-request")),
                new Case("a 5 GB Content-Length that never comes", () -> raw.post("multipart/form-data; boundary=x",
                        "--x\r\n", 5L * 1024 * 1024 * 1024), refused(413, "too-large")),
                new Case("a body that is not multipart", () -> raw.post("image/jpeg", "\u00ff\u00d8\u00ff", -1),
                        refused(400, "bad-request")),
                new Case("invalid UTF-8 in the caption field", () -> raw.uploadWithCaption("caption.jpg", HostileFiles.photo(64, 64, 2),
                        new byte[] {'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF}), refused(400, "bad-request")),
                upload("a file name with ../ and control characters",
                        "../../../../../../tmp/" + ESCAPE + "\u0000\u001b[2J\u0007\u007f.jpg", () -> HostileFiles.photo(64, 48, 3),
                        ready(r -> {
                            String name = r.path("fileName").asText();
                            assertThat(name).startsWith(ESCAPE).endsWith(".jpg").doesNotContain("/", "\\", "..");
                            assertThat(name.chars().noneMatch(Character::isISOControl)).as(name).isTrue();
                        })),
                // --- not images, whatever their name says
                upload("SVG renamed .jpg", "logo.jpg", () -> ascii("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'>"
                        + "<script>alert(1)</script></svg>"), refused(415, "unsupported-media-type")),
                upload("HTML renamed .jpg", "page.jpg", () -> ascii("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"),
                        refused(415, "unsupported-media-type")),
                upload("ImageMagick MVG renamed .jpg", "draw.jpg", () -> ascii("push graphic-context\nviewbox 0 0 640 480\n"
                        + "image over 0,0 0,0 'https://127.0.0.1/x.php?x=`id`'\npop graphic-context\n"), refused(415, "unsupported-media-type")),
                upload("PostScript renamed .jpg", "print.jpg", () -> ascii("%!PS-Adobe-3.0\n/Times findfont 12 scalefont setfont\n"
                        + "(%pipe%id) (r) file\nshowpage\n"), refused(415, "unsupported-media-type")),
                upload("Pillow timeout-60d8b7c8 (BLP)", "t.jpg", real("pil-timeout-60d8b7c8469d59fc9ffff6b3a3dc0faeae6ea8ee.blp"),
                        refused(415, "unsupported-media-type")),
                upload("Commons Imaging negative_array_size_exception.bmp", "n.bmp", real("ci-negative_array_size_exception.bmp"),
                        refused(415, "unsupported-media-type")),
                // --- pictures too large, built small
                upload("JPEG header of 65,500 x 65,500", "huge.jpg", () -> HostileFiles.withFrameSize(HostileFiles.photo(64, 64, 4), 65500, 65500),
                        failed("too-large", "4290.3 MP")),
                upload("PNG decompression bomb, 20,000 x 20,000", "bomb.png", () -> HostileFiles.pngBomb(20000, 20000),
                        failed("too-large", "400.0 MP")),
                upload("PNG decompression bomb under the limit, 12,000 x 12,000", "bomb144.png", () -> HostileFiles.pngBomb(12000, 12000),
                        ready(r -> assertThat(r.path("width").asInt()).isEqualTo(12000))),
                upload("GIF frame of 65,535 x 65,535 on a 2 x 2 canvas", "huge.gif", HostileFiles::gifHugeFrame,
                        failed("too-large", "4294.8 MP")),
                upload("Pillow decompression_bomb_extents.gif", "e.gif", real("pil-decompression_bomb_extents.gif"), ready(r -> { })),
                upload("Pillow decompression_bomb.gif", "b.gif", real("pil-decompression_bomb.gif"), failed("undecodable", "gif")),
                upload("Pillow png_decompression_dos.png", "dos.png", real("pil-png_decompression_dos.png"), ready(r -> { })),
                // --- chunks that inflate
                upload("PNG iCCP chunk inflating to 100 MB", "iccp.png", () -> HostileFiles.withChunk(HostileFiles.png(64, 64, 5), "iCCP",
                        HostileFiles.iccpBomb(100L << 20)), ready(r -> assertThat(r.path("warnings").toString()).contains("iCCP chunk left out"))),
                upload("PNG zTXt chunk inflating to 100 MB", "ztxt.png", () -> HostileFiles.withChunk(HostileFiles.png(64, 64, 6), "zTXt",
                        HostileFiles.zTxtBomb(100L << 20)), failed("too-large", "inflate to more than 16 MB")),
                upload("metadata-extractor crash-824dc868 (PNG iCCP claiming 2 GB)", "m.png",
                        real("mee-crash-824dc868159f3eb43c96582729145c1e017a5c60.fuzzed"), failed("undecodable", "png")),
                // --- TIFF structure
                upload("TIFF with 5,000 chained IFDs", "ifds.tif", () -> HostileFiles.tiffWithManyIfds(5000),
                        ready(r -> assertThat(r.path("warnings").toString()).contains("deeper than can be followed"))),
                upload("TIFF IFD claiming 65,535 entries", "tags.tif", () -> HostileFiles.tiffWithHugeTagCount(65535),
                        failed("undecodable", "tiff")),
                upload("Pillow multipage_single_frame_loop.tiff (IFD pointing to itself)", "l1.tiff",
                        real("pil-multipage_single_frame_loop.tiff"), ready(r -> assertThat(r.path("width").asInt()).isEqualTo(10))),
                upload("Pillow multipage_multiple_frame_loop.tiff", "l2.tiff", real("pil-multipage_multiple_frame_loop.tiff"),
                        ready(r -> assertThat(r.path("width").asInt()).isEqualTo(10))),
                upload("Pillow libtiff_segfault.tif", "s.tif", real("pil-libtiff_segfault.tif"), failed("undecodable", "tiff")),
                upload("Pillow oom-225817ca.tif", "o.tif", real("pil-oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif"), failed("undecodable", "tiff")),
                upload("Pillow crash-86214e58.tif", "c.tif", real("pil-crash-86214e58da443d2b80820cff9677a38a33dcbbca.tif"), failed("undecodable", "tiff")),
                upload("Commons Imaging oss-fuzz TIFF 5965016805539840", "f.tiff", real("ci-ImagingTiffFuzzer-5965016805539840.tiff"),
                        failed("undecodable", "tiff")),
                upload("metadata-extractor crash-2b10c204 (TIFF)", "m.tif", real("mee-crash-2b10c2047f37254a2b7928f9af4a7bfac23507ae.fuzzed"),
                        failed("undecodable", "tiff")),
                // --- GIF structure
                upload("GIF with 5,000 frames", "frames.gif", () -> HostileFiles.gifWithFrames(5000),
                        ready(r -> assertThat(r.path("width").asInt()).isEqualTo(16))),
                upload("GIF frame larger than its canvas and outside it", "canvas.gif", () -> HostileFiles.gifFrameLargerThanCanvas(8),
                        ready(r -> { })),
                upload("Pillow zero_width.gif", "z.gif", real("pil-zero_width.gif"), failed("undecodable", "gif")),
                upload("Commons Imaging oss-fuzz GIF 5914278319226880", "f.gif", real("ci-ImagingGifFuzzer-5914278319226880"),
                        failed("undecodable", "gif")),
                // --- JPEG structure
                upload("truncated JPEG, cut in the middle of its scan (a partial picture)", "cut.jpg",
                        () -> HostileFiles.truncatedInScan(HostileFiles.photo(1200, 900, 7)),
                        ready(r -> assertThat(r.path("warnings").toString()).contains("decoder:"))),
                upload("Pillow truncated_jpeg.jpg", "t.jpg", real("pil-truncated_jpeg.jpg"), ready(r -> { })),
                upload("Commons Imaging oss-fuzz JPEG 4548690447564800 (12 bytes)", "f.jpg", real("ci-ImagingJpegFuzzer-4548690447564800"),
                        failed("undecodable", "JPEG")),
                upload("polyglot JPEG/ZIP", "polyglot.jpg", () -> HostileFiles.jpegZipPolyglot(HostileFiles.photo(320, 240, 8)),
                        ready(r -> { })),
                // --- EXIF
                upload("EXIF with looping IFD offsets and zero-denominator rationals", "exif.jpg",
                        () -> HostileFiles.withSegment(HostileFiles.photo(320, 240, 9), 0xE1, HostileMetadata.exifLoopsAndZeroDenominators()),
                        ready(r -> assertThat(r.path("gpsLatitude").isMissingNode() || r.path("gpsLatitude").isNull()).isTrue())),
                upload("Pillow exif-ifd-offset.jpg", "i.jpg", real("pil-exif-ifd-offset.jpg"), ready(r -> { })),
                upload("Pillow exif-dpi-zerodivision.jpg", "d.jpg", real("pil-exif-dpi-zerodivision.jpg"), ready(r -> { })),
                upload("Pillow invalid-exif.jpg", "v.jpg", real("pil-invalid-exif.jpg"), ready(r -> { })),
                // --- XMP
                upload("XMP in JPEG with an external entity (HTTP canary)", "xxe.jpg", () -> HostileFiles.withSegment(
                        HostileFiles.photo(320, 240, 10), 0xE1, HostileMetadata.xmpSegment(HostileMetadata.xmpPacket(
                                HostileMetadata.externalEntity(canaryUrl), "&ext;", ""))), notResolved()),
                upload("XMP in PNG with an external entity (canary file)", "xxe.png", () -> HostileFiles.withChunk(
                        HostileFiles.png(64, 64, 11), "iTXt", HostileMetadata.xmpITxt(HostileMetadata.xmpPacket(
                                HostileMetadata.externalEntity(canaryFile.toUri().toString()), "&ext;", ""))), notResolved()),
                upload("XMP in TIFF with an external entity (HTTP canary)", "xxe.tif", () -> HostileFiles.tiffWithXmp(
                        HostileMetadata.xmpPacket(HostileMetadata.externalEntity(canaryUrl), "&ext;", "")), notResolved()),
                upload("XMP in JPEG with a billion-laughs DOCTYPE", "lol.jpg", () -> HostileFiles.withSegment(
                        HostileFiles.photo(320, 240, 12), 0xE1, HostileMetadata.xmpSegment(HostileMetadata.xmpPacket(
                                HostileMetadata.billionLaughs(), "&lol9;", ""))), notResolved()),
                upload("XMP in PNG with a billion-laughs DOCTYPE", "lol.png", () -> HostileFiles.withChunk(
                        HostileFiles.png(64, 64, 13), "iTXt", HostileMetadata.xmpITxt(HostileMetadata.xmpPacket(
                                HostileMetadata.billionLaughs(), "&lol9;", ""))), notResolved()),
                upload("XMP with 100,000 keywords", "keywords.png", () -> HostileFiles.withChunk(HostileFiles.png(64, 64, 14), "iTXt",
                        HostileMetadata.xmpITxt(HostileMetadata.xmpPacket("", "many keywords", HostileMetadata.keywords(100_000)))),
                        ready(r -> {
                            assertThat(r.path("keywords").size()).isLessThanOrEqualTo(200);
                            assertThat(r.path("warnings").toString()).contains("tags left out");
                        })),
                upload("XMP in TIFF with 100,000 keywords", "keywords.tif", () -> HostileFiles.tiffWithXmp(
                        HostileMetadata.xmpPacket("", "many keywords", HostileMetadata.keywords(100_000))),
                        ready(r -> assertThat(r.path("warnings").toString()).contains("tags left out"))),
                upload("XMP in WebP with 100,000 keywords", "keywords.webp", () -> HostileFiles.webpWithXmp(
                        HostileMetadata.xmpPacket("", "many keywords", HostileMetadata.keywords(100_000))),
                        ready(r -> assertThat(r.path("warnings").toString()).contains("tags left out"))),
                upload("XMP in WebP with an external entity (HTTP canary)", "xxe.webp", () -> HostileFiles.webpWithXmp(
                        HostileMetadata.xmpPacket(HostileMetadata.externalEntity(canaryUrl), "&ext;", "")), notResolved()),
                upload("WebP whose RIFF claims 4 GB and whose VP8X chunk claims 2 GB", "huge.webp", HostileFiles::webpWithHugeChunk,
                        failed("undecodable", "webp")),
                upload("XMP with a 1 MB caption", "caption.png", () -> HostileFiles.withChunk(HostileFiles.png(64, 64, 15), "iTXt",
                        HostileMetadata.xmpITxt(HostileMetadata.xmpPacket("", "A".repeat(1 << 20), ""))),
                        ready(r -> {
                            assertThat(r.path("description").asText()).hasSize(10_000);
                            assertThat(r.path("warnings").toString()).contains("the first 10000 are kept");
                        })),
                // --- IPTC
                upload("IPTC with invalid lengths and a caption that is not UTF-8", "iptc.jpg", () -> HostileFiles.withSegment(
                        HostileFiles.photo(320, 240, 16), 0xED, HostileMetadata.iptcWithInvalidLengths()),
                        ready(r -> assertThat(r.path("description").asText()).doesNotContain("\u0000"))),
                upload("IPTC caption of 60,000 bytes in one dataset", "long.jpg", () -> HostileFiles.withSegment(
                        HostileFiles.photo(320, 240, 17), 0xED, HostileMetadata.photoshopIptc("Byline", "B".repeat(60_000))),
                        ready(r -> { })),
                // --- other real crashers
                upload("Pillow truncated_image.png", "t.png", real("pil-truncated_image.png"), failed("undecodable", "png")),
                upload("Commons Imaging oss-fuzz PNG 6242400830357504", "f.png", real("ci-ImagingPngFuzzer-6242400830357504"),
                        failed("undecodable", "png")),
                upload("Pillow hopper_rle8_row_overflow.bmp", "h.bmp", real("pil-hopper_rle8_row_overflow.bmp"), ready(r -> { })),
                upload("metadata-extractor crash-d8dbe78f (BMP of 1.9 billion pixels square)", "m.bmp",
                        real("mee-crash-d8dbe78fdc7139bb09b506b9d2218196e7a4d2be.fuzzed"), failed("undecodable", "bmp")),
                upload("metadata-extractor crash-be8afd4d (RIFF with a broken WebP chunk name)", "m1.webp",
                        real("mee-crash-be8afd4d4261d77f4d1ee4188aa7cd09722d1168.fuzzed"), refused(415, "unsupported-media-type")),
                upload("metadata-extractor crash-e0ccbf0e (WebP VP8X chunk of 2 GB)", "m2.webp",
                        real("mee-crash-e0ccbf0ef4ce1d0fab652f684cc96d1e0fb62e63.fuzzed"), failed("undecodable", "webp")),
                upload("a normal photograph among them", "ok.jpg", () -> photo, ready(r -> assertThat(r.path("width").asInt()).isEqualTo(800))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void each_hostile_input_gets_its_answer_and_the_archive_stays_up(Case hostile) {
        Reply answer = hostile.send().get();
        hostile.outcome().check(this, answer);
        assertStillUp();
    }

    @Test
    @Order(2)
    void afterwards_a_normal_upload_works_no_entity_was_resolved_and_nothing_was_written_outside() throws Exception {
        ArchiveClient.Answer upload = client.upload(admin, "lincoln.jpg", fixture("photos/agency-photographer-example.jpg"), Map.of());
        assertThat(upload.status()).as(new String(upload.body(), StandardCharsets.UTF_8)).isIn(200, 202);
        JsonNode record = settle(upload.json().get("id").asText());
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
        assertThat(record.path("credit").asText()).isEqualTo("Mugwum Press");

        assertThat(canaryRequests.get()).as("requests to the canary server named by external entities").isZero();

        // Only the archive's own places exist beside the canary: data, its temp and working directories, logs.
        try (Stream<Path> top = Files.list(root)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .allMatch(n -> List.of("data", "tmp", "work", "archive.log", "gc.log", "canary.txt").contains(n));
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.contains(ESCAPE));
        }
        assertThat(Path.of("/tmp").resolve(ESCAPE + ".jpg")).doesNotExist();
        try (Stream<Path> work = Files.list(root.resolve("work"))) {
            assertThat(work).as("files the archive wrote to its working directory").isEmpty();
        }
        assertThat(archive.isAlive()).isTrue();
    }

    // --- outcomes

    private static Outcome refused(int status, String error) {
        return (it, answer) -> {
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(answer.status()).as(body).isEqualTo(status);
            assertThat(answer.contentType()).as(body).startsWith("application/json");
            assertThat(answer.json().path("error").asText()).as(body).isEqualTo(error);
            assertThat(answer.json().path("message").asText()).as(body).isNotBlank();
        };
    }

    private static Outcome failed(String reason, String messagePart) {
        return (it, answer) -> {
            JsonNode record = it.accepted(answer);
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("failed");
            assertThat(record.path("failure").path("reason").asText()).as(record.toString()).isEqualTo(reason);
            assertThat(record.path("failure").path("message").asText()).as(record.toString()).containsIgnoringCase(messagePart);
        };
    }

    private static Outcome ready(Consumer<JsonNode> check) {
        return (it, answer) -> {
            JsonNode record = it.accepted(answer);
            assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            check.accept(record);
            // Renditions are made anew from the pixels: nothing but the picture reaches a page.
            ArchiveClient.Answer thumb = it.client.get("/v1/images/" + record.path("id").asText() + "/renditions/thumb", null);
            assertThat(thumb.status()).isEqualTo(200);
            assertThat(new String(thumb.body(), StandardCharsets.ISO_8859_1)).doesNotContain("PK\u0003\u0004", "<script");
        };
    }

    /** Ready, and no value of the record holds what an entity would have brought in. */
    private static Outcome notResolved() {
        return ready(record -> {
            assertThat(record.toString()).doesNotContain("CANARY-", "lollol");
            assertThat(record.path("warnings").toString()).containsAnyOf("DOCTYPE", "XML parsing failure");
        });
    }

    // --- sending

    private Case upload(String name, String fileName, Supplier<byte[]> file, Outcome outcome) {
        return new Case(name, () -> Reply.of(client.upload(admin, fileName, file.get(), Map.of())), outcome);
    }

    private static Supplier<byte[]> real(String resource) {
        return () -> {
            try {
                return fixture("hostile/" + resource);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // --- waiting and checking

    private JsonNode accepted(Reply answer) {
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return settle(answer.json().get("id").asText());
    }

    private JsonNode settle(String id) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode record = null;
        while (System.nanoTime() < deadline) {
            assertThat(archive.isAlive()).as("the archive process is alive; its log:\n%s", archive.logTail()).isTrue();
            ArchiveClient.Answer answer = client.get("/v1/images/" + id, admin);
            if (answer.status() == 200) {
                record = answer.json();
                String status = record.path("status").asText();
                if (status.equals("ready") || status.equals("failed")) {
                    return record;
                }
            }
            sleep(200);
        }
        throw new AssertionError("image " + id + " not settled within " + SETTLE + ": " + record + "\n" + archive.logTail());
    }

    private void assertStillUp() {
        assertThat(archive.isAlive()).as("the archive process is alive; its log:\n%s", archive.logTail()).isTrue();
        long started = System.nanoTime();
        ArchiveClient.Answer health = client.get("/health/ready", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
