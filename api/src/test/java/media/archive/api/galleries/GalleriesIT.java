package media.archive.api.galleries;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.json;
import static media.archive.api.ApiTestBed.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import media.archive.api.Api;
import media.archive.api.ApiConfig;
import media.archive.api.ApiTestBed;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.platform.http.HttpServers;
import media.archive.platform.kafka.KafkaClients;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Galleries on a real Kafka broker: across two api replicas, each behind its own HTTP server, and as pictures become public. */
@ExtendWith(RealInfrastructure.class)
class GalleriesIT {
    @TempDir
    Path dataDir;
    private ApiTestBed bed;
    private String editorKey;
    private final List<Replica> others = new ArrayList<>();
    private final ImageId first = Events.id("gallery first " + token());
    private final ImageId second = Events.id("gallery second " + token());

    /** A second api on an index of its own, as another machine would run it. */
    private record Replica(Api api, Javalin server) {
    }

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "galleries-it", dataDir.resolve("index"));
        editorKey = bed.issue("lan " + token(), Role.EDITOR);
        Api api = bed.startApi();
        for (ImageId id : List.of(first, second)) {
            bed.publish(Events.uploaded(id, java.time.Instant.parse("2025-10-25T08:00:00Z")),
                    Events.processed(id, Events.metadata().creator("Trần Trung").description("caption of " + id).build()));
        }
        await(api::isReady);
        await(() -> "ready".equals(json(bed.get("/v1/images/" + second, editorKey)).path("status").asText()));
    }

    @AfterEach
    void tearDown() {
        for (Replica replica : others) {
            replica.server().stop();
            replica.api().close();
        }
        bed.close();
    }

    @Test
    void a_gallery_saved_on_one_replica_is_read_on_the_other_and_of_two_saves_of_one_version_one_wins_on_both() throws Exception {
        Replica other = startReplica("other");
        HttpResponse<String> made = send(bed.port(), "POST", "/v1/galleries", gallery("Hanoi", first, second, null));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = json(made).path("id").asText();

        // the other replica reads it from the topic
        await(() -> send(other.server().port(), "GET", "/v1/galleries/" + id, null).statusCode() == 200);

        // when: both replicas save version 1 at the same moment, in different orders
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<HttpResponse<String>> here = pool.submit(() -> {
            start.await();
            return send(bed.port(), "PUT", "/v1/galleries/" + id, gallery("Hanoi, here", second, first, 1));
        });
        Future<HttpResponse<String>> there = pool.submit(() -> {
            start.await();
            return send(other.server().port(), "PUT", "/v1/galleries/" + id, gallery("Hanoi, there", second, first, 1));
        });
        start.countDown();
        HttpResponse<String> a = here.get();
        HttpResponse<String> b = there.get();
        pool.shutdown();

        // then: one is saved at version 2, the other is told so with the winner's gallery
        assertThat(List.of(a.statusCode(), b.statusCode())).as(a.body() + "\n" + b.body()).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> won = a.statusCode() == 200 ? a : b;
        HttpResponse<String> lost = a.statusCode() == 200 ? b : a;
        assertThat(json(won).path("version").asInt()).isEqualTo(2);
        JsonNode current = json(lost).path("current");
        for (String field : List.of("version", "title", "items", "updatedAt", "updatedBy")) {
            assertThat(current.path(field)).as(field).isEqualTo(json(won).path(field));
        }
        // and: both replicas show the winner
        for (int port : List.of(bed.port(), other.server().port())) {
            await(() -> json(send(port, "GET", "/v1/galleries/" + id, null)).path("title").asText()
                    .equals(json(won).path("title").asText()));
        }
    }

    @Test
    void an_unreadable_event_on_the_topic_is_skipped_and_a_replica_started_later_reads_every_gallery() throws Exception {
        HttpResponse<String> made = send(bed.port(), "POST", "/v1/galleries", gallery("Hanoi", first, second, null));
        String id = json(made).path("id").asText();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bed.kafka())) {
            producer.send(new ProducerRecord<>(Topics.GALLERIES, "not-a-gallery", "{\"type\":\"GalleryFrom2030\"".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.GALLERIES, "abcdefghijklmnopqrst", null)).get();
        }
        HttpResponse<String> after = send(bed.port(), "POST", "/v1/galleries", gallery("Hue", second, first, null));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);

        Replica later = startReplica("later");

        assertThat(json(send(later.server().port(), "GET", "/v1/galleries/" + id, null)).path("title").asText()).isEqualTo("Hanoi");
        assertThat(json(send(later.server().port(), "GET", "/v1/galleries/" + json(after).path("id").asText(), null))
                .path("title").asText()).isEqualTo("Hue");
    }

    @Test
    void a_picture_still_processing_is_left_out_of_the_embed_and_shown_once_it_is_ready() throws Exception {
        ImageId processing = Events.id("gallery processing " + token());
        bed.publish(Events.uploaded(processing, java.time.Instant.parse("2025-10-25T09:00:00Z")));
        await(() -> bed.get("/v1/images/" + processing, editorKey).statusCode() == 200);
        HttpResponse<String> made = send(bed.port(), "POST", "/v1/galleries", gallery("Hanoi", processing, first, null));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String embed = "/v1/galleries/" + json(made).path("id").asText() + "/embed";

        String before = bed.get(embed, null).body();

        assertThat(before).startsWith("<section class=\"archive-gallery\" lang=\"vi\"")
                .contains("/v1/images/" + first + "/").doesNotContain(processing.value())
                .contains("(Ảnh: Trần Trung)");
        bed.publish(Events.processed(processing, Events.metadata().creator("Trần Trung").description("now ready").build()));
        await(() -> bed.get(embed, null).body().contains("/v1/images/" + processing + "/"));
        String after = bed.get(embed, null).body();
        assertThat(after.indexOf(processing.value())).isLessThan(after.indexOf(first.value()));
        assertThat(after).contains("<span class=\"archive-caption\">now ready</span> <span class=\"archive-credit\">(Ảnh: Trần Trung)</span>");
    }

    /** Another api on an empty index, started and caught up (its galleries read). */
    private Replica startReplica(String name) throws InterruptedException {
        Api api = new Api(new ApiConfig(dataDir.resolve(name)), bed.kafka(), bed.store(), bed.guard());
        api.start();
        Javalin server = HttpServers.create(List.of(api.routes()), api.files()).start(0);
        Replica replica = new Replica(api, server);
        others.add(replica);
        await(api::isReady);
        return replica;
    }

    private HttpResponse<String> send(int port, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + editorKey)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return bed.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String gallery(String title, ImageId one, ImageId two, Integer version) {
        return "{\"title\":\"" + title + "\",\"language\":\"vi\"," + (version == null ? "" : "\"version\":" + version + ",")
                + "\"items\":[{\"image\":\"" + one + "\"},{\"image\":\"" + two + "\"}]}";
    }
}
