package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Topics;
import media.archive.ingest.Ingest;
import media.archive.ingest.IngestConfig;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.AccessKeys;
import media.archive.platform.access.Role;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.http.HttpServers;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.kafka.TopicSetup;
import media.archive.platform.storage.ObjectStore;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/uploads} through a real server on a free port, against real Kafka and S3. */
@ExtendWith(RealInfrastructure.class)
@Timeout(120)
class UploadRoutesIT {
    private static final long LIMIT = 1024 * 1024;
    private static final Random RANDOM = new Random();

    /** Where the shared server spools; every test leaves it empty. */
    @TempDir
    static Path spool;
    /** Spool directories of the servers single tests start for themselves. */
    @TempDir
    static Path otherSpools;

    private static KafkaSettings kafka;
    private static ObjectStore store;
    private static KafkaProducer<String, byte[]> producer;
    private static AccessGuard guard;
    private static Ingest ingest;
    private static Javalin server;
    private static HttpClient http;
    private static String photographerKey;
    private static String editorKey;
    private static String adminKey;
    private static byte[] getty;

    @BeforeAll
    static void start(Infrastructure infra) throws IOException {
        Settings settings = Settings.of(infra.environment());
        kafka = KafkaSettings.from(settings, "ingest-it");
        TopicSetup.ensureTopics(kafka, 3, (short) 1);
        store = new ObjectStore(S3Settings.from(settings));
        store.ensureBucket();
        AccessKeys keys = new AccessKeys(store);
        photographerKey = keys.issue("Tran Trung", Role.PHOTOGRAPHER).key();
        editorKey = keys.issue("Desk Editor", Role.EDITOR).key();
        adminKey = keys.issue("Operator", Role.ADMIN).key();
        guard = new AccessGuard(keys);
        producer = KafkaClients.producer(kafka);
        ingest = new Ingest(new IngestConfig(0, LIMIT, spool, Duration.ofSeconds(20)), store, producer, kafka, guard);
        server = HttpServers.create(List.of(ingest.routes())).start(0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (InputStream in = UploadRoutesIT.class.getResourceAsStream("/images/getty.jpg")) {
            getty = in.readAllBytes();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            ingest.close();
            server.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (store != null) {
            store.close();
        }
    }

    @AfterEach
    void no_upload_is_left_on_disk() throws IOException {
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("spooled files left behind").isEmpty();
        }
    }

    @Test
    void stores_the_original_and_publishes_ImageUploaded_before_answering_202() {
        byte[] jpeg = uniqueJpeg();
        String id = sha256(jpeg);
        MultipartBody form = new MultipartBody()
                .text("caption", "Ngày hội trên phố cổ Hà Nội.\nSecond paragraph.")
                .text("credit", "ছবি: ট্রান ট্রুং")
                .text("keywords", "Hanoi, festival , old quarter")
                // The declared type is wrong on purpose: the archive believes the bytes, not the client.
                .file("file", "C:\\fakepath\\ảnh-hà-nội\u0007.jpg", "application/octet-stream", jpeg);

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        assertThat(answer.json().get("status").asText()).isEqualTo("processing");
        assertThat(answer.json().get("href").asText()).isEqualTo("/v1/images/" + id);
        assertThat(answer.json().get("duplicate").asBoolean()).isFalse();
        assertThat(answer.headers().firstValue("Location")).contains("/v1/images/" + id);

        List<ImageUploaded> events = uploadedEvents(id);
        assertThat(events).hasSize(1);
        ImageUploaded event = events.get(0);
        assertThat(event.id()).isEqualTo(ImageId.parse(id));
        assertThat(event.uploader()).isEqualTo("Tran Trung");
        assertThat(event.fileName()).isEqualTo("ảnh-hà-nội.jpg");
        assertThat(event.contentType()).isEqualTo("image/jpeg");
        assertThat(event.bytes()).isEqualTo(jpeg.length);
        assertThat(event.supplied().caption()).isEqualTo("Ngày hội trên phố cổ Hà Nội.\nSecond paragraph.");
        assertThat(event.supplied().credit()).isEqualTo("ছবি: ট্রান ট্রুং");
        assertThat(event.supplied().creator()).isNull();
        assertThat(event.supplied().keywords()).containsExactly("Hanoi", "festival", "old quarter");

        assertThat(store.readAll(ObjectKeys.original(ImageId.parse(id)))).hasValueSatisfying(
                stored -> assertThat(stored).isEqualTo(jpeg));
        assertThat(store.stat(ObjectKeys.original(ImageId.parse(id))).orElseThrow().contentType()).isEqualTo("image/jpeg");
        assertThat(store.stat(ObjectKeys.uploadMarker(ImageId.parse(id)))).isPresent();
    }

    @Test
    void answers_200_with_the_same_id_and_publishes_nothing_when_the_same_bytes_come_again() {
        byte[] jpeg = uniqueJpeg();
        String id = sha256(jpeg);

        Answer first = upload(photographerKey, "first.jpg", jpeg);
        Answer second = upload(photographerKey, "renamed-copy.jpg", jpeg);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(id);
        assertThat(second.json().get("href").asText()).isEqualTo("/v1/images/" + id);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        // Each answer comes after Kafka's acknowledgement, so a second event would already be in the log.
        assertThat(uploadedEvents(id)).hasSize(1).allSatisfy(e -> assertThat(e.fileName()).isEqualTo("first.jpg"));
    }

    @Test
    void takes_real_png_and_webp_files_with_their_sniffed_types() throws IOException {
        for (String fixture : List.of("xmp-swedish.png", "xmp-only.webp")) {
            byte[] bytes;
            try (InputStream in = UploadRoutesIT.class.getResourceAsStream("/images/" + fixture)) {
                bytes = in.readAllBytes();
            }
            Answer answer = upload(adminKey, fixture, bytes);
            assertThat(answer.status()).as(fixture).isIn(200, 202);
            String id = answer.json().get("id").asText();
            assertThat(uploadedEvents(id)).singleElement().satisfies(e -> assertThat(e.contentType())
                    .isEqualTo(fixture.endsWith(".png") ? "image/png" : "image/webp"));
        }
    }

    @Test
    void rejects_upload_without_file_part() {
        MultipartBody form = new MultipartBody().text("caption", "a caption and no photo");

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        assertThat(answer.json().get("message").asText()).contains("file");
    }

    @Test
    void rejects_an_empty_file() {
        Answer answer = upload(photographerKey, "empty.jpg", new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("empty");
    }

    @Test
    void rejects_a_body_that_is_not_multipart() {
        Answer answer = post(server, photographerKey, "image/jpeg", BodyPublishers.ofByteArray(uniqueJpeg()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("multipart/form-data");
    }

    @Test
    void rejects_an_empty_body() {
        Answer answer = post(server, photographerKey, new MultipartBody().contentType(), BodyPublishers.noBody());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
    }

    @Test
    void rejects_a_body_that_is_cut_off_in_the_middle() {
        MultipartBody form = new MultipartBody().file("file", "cut.jpg", "image/jpeg", uniqueJpeg());
        byte[] truncated = form.soFar();

        Answer answer = post(server, photographerKey, form.contentType(),
                BodyPublishers.ofByteArray(truncated, 0, truncated.length - 100));

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void rejects_bytes_that_are_not_an_image_whatever_they_are_called() {
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n".repeat(50).getBytes(StandardCharsets.ISO_8859_1);

        Answer answer = upload(photographerKey, "photo.jpg", pdf);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").asText()).isEqualTo("unsupported-media-type");
        assertThat(uploadedEvents(sha256(pdf))).isEmpty();
        assertThat(store.stat(ObjectKeys.original(ImageId.parse(sha256(pdf))))).isEmpty();
    }

    @Test
    void rejects_a_file_over_the_limit_as_it_streams_and_keeps_nothing() {
        byte[] big = jpegOfSize((int) LIMIT * 3);
        MultipartBody form = new MultipartBody().fileHeader("file", "huge.jpg", "image/jpeg");
        // No Content-Length: the server cannot know the size up front and must stop at the limit.
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(form.soFar()),
                new ByteArrayInputStream(big),
                new ByteArrayInputStream(form.closing()))));

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofInputStream(() -> body));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).isEqualTo("too-large");
        assertThat(uploadedEvents(sha256(big))).isEmpty();
        assertThat(store.stat(ObjectKeys.original(ImageId.parse(sha256(big))))).isEmpty();
    }

    @Test
    void refuses_a_declared_length_over_the_limit_before_the_body_is_sent() throws IOException {
        MultipartBody form = new MultipartBody().fileHeader("file", "huge.jpg", "image/jpeg");
        // Only the request head and the first bytes go out (Jetty dispatches once some content is
        // in); the answer must come without the rest of the promised body.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/uploads HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Authorization: Bearer " + photographerKey + "\r\n"
                    + "Content-Type: " + form.contentType() + "\r\n"
                    + "Content-Length: " + (LIMIT * 3) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(form.soFar());
            socket.getOutputStream().write(getty);
            socket.getOutputStream().flush();

            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void rejects_a_caption_over_ten_thousand_characters() {
        MultipartBody form = new MultipartBody()
                .text("caption", "x".repeat(10_001))
                .file("file", "a.jpg", "image/jpeg", uniqueJpeg());

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("caption");
    }

    @Test
    void rejects_a_text_part_over_64_kilobytes() {
        MultipartBody form = new MultipartBody()
                .text("credit", "y".repeat(64 * 1024 + 1))
                .file("file", "a.jpg", "image/jpeg", uniqueJpeg());

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("credit");
    }

    @Test
    void rejects_two_files_in_one_upload() {
        MultipartBody form = new MultipartBody()
                .file("file", "a.jpg", "image/jpeg", uniqueJpeg())
                .file("file", "b.jpg", "image/jpeg", uniqueJpeg());

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void ignores_form_fields_it_does_not_know() {
        MultipartBody form = new MultipartBody()
                .text("submit", "Upload")
                .file("file", "a.jpg", "image/jpeg", uniqueJpeg());

        Answer answer = post(server, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(202);
    }

    @Test
    void refuses_an_upload_without_a_key() {
        MultipartBody form = new MultipartBody().file("file", "a.jpg", "image/jpeg", uniqueJpeg());

        Answer answer = post(server, null, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(answer.json().get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void accepts_an_upload_with_an_editor_key() {
        // Roles are ordered photographer < editor < admin: an editor may do what a photographer may.
        Answer answer = upload(editorKey, "a.jpg", uniqueJpeg());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(uploadedEvents(answer.json().get("id").asText())).singleElement()
                .satisfies(e -> assertThat(e.uploader()).isEqualTo("Desk Editor"));
    }

    @Test
    void accepts_an_upload_with_an_admin_key() {
        Answer answer = upload(adminKey, "a.jpg", uniqueJpeg());

        assertThat(answer.status()).isEqualTo(202);
        assertThat(uploadedEvents(answer.json().get("id").asText())).singleElement()
                .satisfies(e -> assertThat(e.uploader()).isEqualTo("Operator"));
    }

    @Test
    void answers_503_with_retry_after_and_writes_no_marker_when_kafka_does_not_acknowledge() throws IOException {
        Path ownSpool = Files.createTempDirectory(otherSpools, "kafka-down");
        try (KafkaProducer<String, byte[]> deadKafka = producerFor("127.0.0.1:" + closedPort());
             Ingest failing = new Ingest(new IngestConfig(0, LIMIT, ownSpool, Duration.ofSeconds(5)), store, deadKafka, kafka, guard)) {
            Javalin failingServer = HttpServers.create(List.of(failing.routes())).start(0);
            try {
                byte[] jpeg = uniqueJpeg();
                MultipartBody form = new MultipartBody().file("file", "a.jpg", "image/jpeg", jpeg);

                Answer answer = post(failingServer, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.json().get("error").asText()).isEqualTo("unavailable");
                // Without the marker, the photographer's retry publishes again once Kafka is back.
                assertThat(store.stat(ObjectKeys.uploadMarker(ImageId.parse(sha256(jpeg))))).isEmpty();
                try (Stream<Path> left = Files.list(ownSpool)) {
                    assertThat(left).isEmpty();
                }
            } finally {
                failingServer.stop();
            }
        }
    }

    @Test
    void answers_503_with_retry_after_when_s3_is_unreachable() throws IOException {
        Path ownSpool = Files.createTempDirectory(otherSpools, "s3-down");
        S3Settings deadS3 = new S3Settings("http://127.0.0.1:" + closedPort(), "nobody", "nothing", "nowhere", "us-east-1");
        try (ObjectStore unreachable = new ObjectStore(deadS3);
             Ingest failing = new Ingest(new IngestConfig(0, LIMIT, ownSpool, Duration.ofSeconds(5)), unreachable, producer, kafka, guard)) {
            Javalin failingServer = HttpServers.create(List.of(failing.routes())).start(0);
            try {
                byte[] jpeg = uniqueJpeg();

                MultipartBody form = new MultipartBody().file("file", "a.jpg", "image/jpeg", jpeg);
                Answer answer = post(failingServer, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(uploadedEvents(sha256(jpeg))).isEmpty();
                try (Stream<Path> left = Files.list(ownSpool)) {
                    assertThat(left).isEmpty();
                }
            } finally {
                failingServer.stop();
            }
        }
    }

    @Test
    void answers_503_when_the_upload_cannot_be_spooled_to_disk() {
        Path missing = otherSpools.resolve("never-created");
        Intake intake = new Intake(new UploadOptions(LIMIT, missing, Duration.ofSeconds(5)), store, producer,
                KafkaClients.consumer(kafka, Map.of()));
        UploadRoutes routes = new UploadRoutes(intake, guard);
        Javalin failingServer = HttpServers.create(List.of(routes)).start(0);
        try {
            MultipartBody form = new MultipartBody().file("file", "a.jpg", "image/jpeg", uniqueJpeg());

            Answer answer = post(failingServer, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        } finally {
            intake.close();
            failingServer.stop();
        }
    }

    @Test
    void an_upload_under_way_when_ingest_stops_is_finished_and_published_before_close_returns() throws Exception {
        Path ownSpool = Files.createDirectories(otherSpools.resolve("stopping"));
        Intake intake = new Intake(new UploadOptions(LIMIT, ownSpool, Duration.ofSeconds(5)), store, producer,
                KafkaClients.consumer(kafka, Map.of()));
        UploadRoutes routes = new UploadRoutes(intake, guard);
        Javalin stoppingServer = HttpServers.create(List.of(routes)).start(0);
        ExecutorService background = Executors.newFixedThreadPool(2);
        try {
            byte[] photo = jpegOfSize(200_000);
            MultipartBody form = new MultipartBody().file("file", "under-way.jpg", "image/jpeg", photo);
            byte[] body = form.bytes();
            CountDownLatch rest = new CountDownLatch(1);
            // The first half now, the rest once the service has been told to stop.
            InputStream halves = new SequenceInputStream(new ByteArrayInputStream(body, 0, body.length / 2), new InputStream() {
                private final InputStream second = new ByteArrayInputStream(body, body.length / 2, body.length - body.length / 2);

                @Override
                public int read() throws IOException {
                    try {
                        rest.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    return second.read();
                }
            });
            Future<Answer> underWay = background.submit(() ->
                    post(stoppingServer, photographerKey, form.contentType(), BodyPublishers.ofInputStream(() -> halves)));
            waitForSpoolOf(ownSpool, photo.length / 4);

            Future<?> closing = background.submit(intake::close);
            Thread.sleep(300);
            MultipartBody late = new MultipartBody().file("file", "late.jpg", "image/jpeg", uniqueJpeg());
            Answer refused = post(stoppingServer, photographerKey, late.contentType(), BodyPublishers.ofByteArray(late.bytes()));
            assertThat(closing).as("close waits for the upload under way").isNotDone();
            rest.countDown();

            Answer finished = underWay.get(30, TimeUnit.SECONDS);
            closing.get(30, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(finished.status()).isEqualTo(202);
            assertThat(uploadedEvents(finished.json().get("id").asText())).hasSize(1);
            try (Stream<Path> left = Files.list(ownSpool)) {
                assertThat(left).as("nothing half-written stays in the spool").isEmpty();
            }
        } finally {
            background.shutdownNow();
            stoppingServer.stop();
        }
    }

    @Test
    void answers_503_to_uploads_that_arrive_after_close() {
        Intake intake = new Intake(new UploadOptions(LIMIT, spool, Duration.ofSeconds(5)), store, producer,
                KafkaClients.consumer(kafka, Map.of()));
        UploadRoutes routes = new UploadRoutes(intake, guard);
        Javalin closingServer = HttpServers.create(List.of(routes)).start(0);
        try {
            intake.close();
            MultipartBody form = new MultipartBody().file("file", "a.jpg", "image/jpeg", uniqueJpeg());

            Answer answer = post(closingServer, photographerKey, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));

            assertThat(answer.status()).isEqualTo(503);
        } finally {
            closingServer.stop();
        }
    }

    /**
     * A 48 MiB upload is paused on the client side when 44 MiB have been sent; at that moment at
     * least 24 MiB must already be in the spool file on disk. A handler that gathered the body in
     * memory before writing it would have written nothing yet.
     */
    @Test
    void streams_a_large_upload_to_disk_as_it_arrives() throws IOException {
        Path ownSpool = Files.createTempDirectory(otherSpools, "large");
        long size = 48L * 1024 * 1024;
        long pauseAt = 44L * 1024 * 1024;
        long mustBeOnDisk = 24L * 1024 * 1024;
        try (Ingest large = new Ingest(new IngestConfig(0, 64L * 1024 * 1024, ownSpool, Duration.ofSeconds(20)), store, producer, kafka, guard)) {
            Javalin largeServer = HttpServers.create(List.of(large.routes())).start(0);
            try {
                AtomicLong onDiskAtPause = new AtomicLong(-1);
                GeneratedJpeg content = new GeneratedJpeg(getty, size, pauseAt,
                        () -> onDiskAtPause.set(waitForSpoolOf(ownSpool, mustBeOnDisk)));
                MultipartBody form = new MultipartBody().fileHeader("file", "panorama.jpg", "image/jpeg");
                byte[] head = form.soFar();
                byte[] tail = form.closing();
                BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        Collections.enumeration(List.of(new ByteArrayInputStream(head), content,
                                new ByteArrayInputStream(tail))))), head.length + size + tail.length);

                Answer answer = post(largeServer, photographerKey, form.contentType(), body);

                assertThat(answer.status()).isEqualTo(202);
                assertThat(onDiskAtPause.get()).as("bytes on disk when 44 MiB had been sent").isGreaterThanOrEqualTo(mustBeOnDisk);
                String id = answer.json().get("id").asText();
                assertThat(id).isEqualTo(content.sha256());
                assertThat(store.stat(ObjectKeys.original(ImageId.parse(id))).orElseThrow().size()).isEqualTo(size);
                assertThat(uploadedEvents(id)).singleElement().satisfies(e -> assertThat(e.bytes()).isEqualTo(size));
                try (Stream<Path> left = Files.list(ownSpool)) {
                    assertThat(left).isEmpty();
                }
            } finally {
                largeServer.stop();
            }
        }
    }

    /** Polls the spool directory until its one file holds {@code atLeast} bytes (or 10 s pass); returns the size seen. */
    private static long waitForSpoolOf(Path dir, long atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                seen = files.mapToLong(UploadRoutesIT::sizeOrZero).max().orElse(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (seen >= atLeast) {
                return seen;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        }
        return seen;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private record Answer(int status, HttpHeaders headers, JsonNode json) {
    }

    private static Answer upload(String key, String fileName, byte[] content) {
        MultipartBody form = new MultipartBody().file("file", fileName, "image/jpeg", content);
        return post(server, key, form.contentType(), BodyPublishers.ofByteArray(form.bytes()));
    }

    private static Answer post(Javalin target, String key, String contentType, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uploadsOf(target))
                .header("Content-Type", contentType)
                .POST(body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), Json.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uploadsOf(Javalin target) {
        return URI.create("http://127.0.0.1:" + target.port() + "/v1/uploads");
    }

    /** Every {@code ImageUploaded} with key {@code id} in the topic, read from the beginning to the current end. */
    private static List<ImageUploaded> uploadedEvents(String id) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.UPLOADED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ImageUploaded> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to its end", Topics.UPLOADED).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(record.key())) {
                        found.add((ImageUploaded) Json.read(record.value(), ImageEvent.class));
                    }
                }
            }
            return found;
        }
    }

    /** A producer that gives up quickly, for a broker that is not there. */
    private static KafkaProducer<String, byte[]> producerFor(String bootstrap) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_000,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A real JPEG with a random trailer after its end marker, so every test has an image id of its own. */
    private static byte[] uniqueJpeg() {
        byte[] trailer = new byte[16];
        RANDOM.nextBytes(trailer);
        byte[] jpeg = Arrays.copyOf(getty, getty.length + trailer.length);
        System.arraycopy(trailer, 0, jpeg, getty.length, trailer.length);
        return jpeg;
    }

    private static byte[] jpegOfSize(int size) {
        byte[] jpeg = new byte[size];
        RANDOM.nextBytes(jpeg);
        System.arraycopy(getty, 0, jpeg, 0, Math.min(getty.length, size));
        return jpeg;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
