package media.archive.api.serving;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRemoved;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code DELETE /v1/images/{id}} (admin): takes an image out of the archive. Publishes
 * {@link ImageRemoved} on {@link Topics#EDITS} and answers once Kafka acknowledged it and this
 * replica's index has read it (or after 5 s): this replica answers {@code 410} from then on,
 * every other one as soon as its index reads the event.
 * Repeating the request is harmless. Thread-safe.
 */
public final class RemovalRoutes implements Routes {
    private final PublishedImages images;
    private final Producer<String, byte[]> producer;
    private final AccessGuard guard;

    public RemovalRoutes(PublishedImages images, Producer<String, byte[]> producer, AccessGuard guard) {
        this.images = images;
        this.producer = producer;
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.delete("/v1/images/{id}", this::remove);
    }

    private void remove(Context ctx) {
        ImageId id = RenditionRoutes.imageId(ctx);
        Principal admin = guard.require(ctx, Role.ADMIN);
        try {
            images.requireKnown(id);
        } catch (ApiException e) {
            if (e.status() != 410) {
                throw e;
            }
        }
        String reason = ctx.queryParam("reason");
        if (reason != null && reason.length() > 500) {
            throw ApiException.badRequest("a reason has at most 500 characters");
        }
        ImageRemoved event = new ImageRemoved(id, Instant.now(), admin.name(), reason);
        try {
            producer.send(new ProducerRecord<>(Topics.EDITS, id.value(), Json.toBytes(event))).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable("the removal could not be recorded; try again", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", 5);
        }
        images.markRemoved(id);
        try {
            // The index reads the event within a poll; waiting for it makes every route of this
            // replica answer 410 once the admin has the answer. Other replicas follow as fast.
            images.awaitRemovalIndexed(id, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.status(202).json(Map.of("id", id.value(), "status", "removed"));
    }
}
