package media.archive.api.editing;

import static media.archive.api.ApiTestBed.PATIENCE;
import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.json;
import static media.archive.api.ApiTestBed.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import media.archive.api.Api;
import media.archive.api.ApiTestBed;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageRestored;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.platform.kafka.KafkaClients;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code DELETE /v1/images/<id>} erases the image from S3 and Kafka, against a real broker and S3 server. */
@ExtendWith(RealInfrastructure.class)
class TakedownIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final String CAPTION = "Delegates arrive at the convention";
    private static final byte[] BYTES = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};

    @TempDir
    Path dataDir;
    private ApiTestBed bed;
    private String editorKey;
    private String adminKey;

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "takedown-it", dataDir.resolve("index"));
        String run = token();
        editorKey = bed.issue("lan " + run, Role.EDITOR);
        adminKey = bed.issue("admin " + run, Role.ADMIN);
        Api api = bed.startApi();
        await(api::isReady);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void after_a_takedown_no_object_in_the_bucket_names_the_image_and_both_content_topics_end_with_a_tombstone() throws Exception {
        ImageId id = storedImage("taken down " + token());
        ImageId kept = storedImage("kept " + token());

        HttpResponse<String> answer = delete(id, "?reason=rights%20withdrawn");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(bed.store().list("")).noneMatch(key -> key.contains(id.value()));
        assertThat(bed.store().list("")).filteredOn(key -> key.contains(kept.value())).hasSize(6);
        for (String topic : Topics.CONTENT) {
            List<byte[]> values = valuesOf(topic, id);
            assertThat(values).as(topic).isNotEmpty();
            assertThat(values.get(values.size() - 1)).as("the last value of " + topic + " is a tombstone").isNull();
        }
        List<byte[]> edits = valuesOf(Topics.EDITS, id);
        assertThat(edits).hasSize(1);
        JsonNode removal = Json.mapper().readTree(edits.get(0));
        List<String> fields = new ArrayList<>();
        removal.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the removal says who, when and why, and nothing of the image")
                .containsExactlyInAnyOrder("type", "schema", "id", "at", "by", "reason");
        assertThat(removal.path("reason").asText()).isEqualTo("rights withdrawn");
        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        assertThat(bed.get("/v1/images/" + kept, editorKey).statusCode()).isEqualTo(200);
    }

    @Test
    void an_index_rebuilt_from_the_topics_after_a_takedown_still_answers_410_and_shows_nothing_of_the_image() throws Exception {
        String word = token();
        ImageId id = storedImage("rebuilt " + word, word);
        assertThat(search(word)).isEqualTo(1);
        assertThat(delete(id, "").statusCode()).isEqualTo(202);

        Api rebuilt = bed.rebuild(dataDir.resolve("rebuilt"));
        await(rebuilt::isReady);

        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        assertThat(bed.get("/v1/images/" + id + "/renditions/thumb", null).statusCode()).isEqualTo(410);
        assertThat(search(word)).isZero();
    }

    @Test
    void the_reason_may_come_as_a_json_body_and_a_repeated_takedown_erases_what_is_left_without_a_second_removal() throws Exception {
        ImageId id = storedImage("twice " + token());
        HttpResponse<String> first = bed.send(bed.request("/v1/images/" + id, adminKey)
                        .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"reason\":\"court order\"}"))
                        .header("Content-Type", "application/json"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        // As if S3 had failed the first time for one object.
        bed.store().putBytes(ObjectKeys.rendition(id, "w320", "webp"), BYTES, "image/webp");

        HttpResponse<String> again = delete(id, "");

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(bed.store().list("")).noneMatch(key -> key.contains(id.value()));
        List<byte[]> edits = valuesOf(Topics.EDITS, id);
        assertThat(edits).hasSize(1);
        assertThat(Json.mapper().readTree(edits.get(0)).path("reason").asText()).isEqualTo("court order");
        assertThat(valuesOf(Topics.UPLOADED, id)).hasSize(3).endsWith((byte[]) null);
    }

    @Test
    void a_restoration_brings_the_image_back_whether_its_new_upload_is_read_before_or_after_it() throws Exception {
        ImageId id = storedImage("restored " + token());
        assertThat(delete(id, "").statusCode()).isEqualTo(202);

        // The new upload is on its topic before the restoration is on the edits: the index may read either first.
        Instant now = Instant.now();
        bed.publish(new ImageUploaded(id, now.plusMillis(2), "admin", "again.jpg", "image/jpeg", 4, SuppliedMetadata.NONE));
        assertThat(bed.get("/v1/images/" + id, editorKey).statusCode()).isEqualTo(410);
        bed.publish(new ImageRestored(id, now.plusMillis(1), "admin", null));
        await(() -> bed.get("/v1/images/" + id, editorKey).statusCode() == 200);
        bed.publish(processed(id, now.plusMillis(3), "Restored caption"));

        await(() -> "ready".equals(json(bed.get("/v1/images/" + id, editorKey)).path("status").asText()));
        JsonNode record = json(bed.get("/v1/images/" + id, editorKey));
        assertThat(record.path("fileName").asText()).isEqualTo("again.jpg");
        assertThat(record.path("description").asText()).isEqualTo("Restored caption");
        assertThat(bed.get("/v1/images/" + id + "/embed", null).statusCode())
                .as("the replica that removed it serves it again").isEqualTo(200);
    }

    @Test
    void only_an_admin_takes_an_image_down_and_an_unknown_one_is_404() throws Exception {
        ImageId id = storedImage("guarded " + token());

        assertThat(bed.delete("/v1/images/" + id, editorKey).statusCode()).isEqualTo(403);
        assertThat(bed.store().list("")).anyMatch(key -> key.contains(id.value()));
        assertThat(delete(Events.id("never seen " + token()), "").statusCode()).isEqualTo(404);
    }

    /** An image that is ready, with its original, renditions, variants and ingest's marker in S3. */
    private ImageId storedImage(String name) throws Exception {
        return storedImage(name, CAPTION);
    }

    private ImageId storedImage(String name, String caption) throws Exception {
        ImageId id = Events.id(name);
        bed.store().putBytes(ObjectKeys.original(id), BYTES, "image/jpeg");
        bed.store().putBytes(ObjectKeys.rendition(id, "thumb", "jpg"), BYTES, "image/jpeg");
        bed.store().putBytes(ObjectKeys.rendition(id, "medium", "jpg"), BYTES, "image/jpeg");
        bed.store().putBytes(ObjectKeys.rendition(id, "w640", "jpg"), BYTES, "image/jpeg");
        bed.store().putBytes(ObjectKeys.rendition(id, "thumb", "webp"), BYTES, "image/webp");
        bed.store().putBytes(ObjectKeys.uploadMarker(id), "{}".getBytes(), "application/json");
        bed.publish(new ImageUploaded(id, MORNING, "tran", "DSC_0001.jpg", "image/jpeg", 4,
                new SuppliedMetadata(null, "Trần Trung", null, List.of())), processed(id, MORNING.plusSeconds(2), caption));
        await(() -> "ready".equals(json(bed.get("/v1/images/" + id, editorKey)).path("status").asText()));
        return id;
    }

    private static ImageProcessed processed(ImageId id, Instant at, String caption) {
        return new ImageProcessed(id, at, Events.metadata().creator("Trần Trung").description(caption).build(),
                List.of(new Rendition("thumb", 100, 60, 4, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg"))));
    }

    private int search(String word) {
        return json(bed.get("/v1/search?q=" + word, editorKey)).path("total").asInt();
    }

    private HttpResponse<String> delete(ImageId id, String query) {
        return bed.delete("/v1/images/" + id + query, adminKey);
    }

    /** Every value of {@code topic} under the key of {@code id}, in their order, read with a plain consumer. */
    private List<byte[]> valuesOf(String topic, ImageId id) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(bed.kafka(), Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.value().equals(record.key())) {
                        values.add(record.value() == null ? null : Arrays.copyOf(record.value(), record.value().length));
                    }
                }
            }
        }
        return values;
    }
}
