package media.archive.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * How often one api replica has served image {@code id} to {@code site} (an origin such as
 * {@code https://news.example}), in total since that replica first did: published on
 * {@link Topics#USAGES} under {@link #key()}.
 *
 * <p>Each value is the replica's cumulative total, never an increment, and only that replica
 * writes its key: compaction, which keeps the latest value of a key, therefore keeps every
 * count, and a reader sums the replicas of an (image, site) pair. {@code replica} names the
 * api replica that counted (stable across its restarts). The JSON names its {@code type}, as
 * events do, so readers of the image topics can tell it apart and skip it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("ImageUsage")
public record ImageUsage(
        int schema,
        ImageId id,
        String site,
        String replica,
        Instant firstSeen,
        Instant lastSeen,
        long count) {

    public static final int CURRENT_SCHEMA = 1;

    public ImageUsage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (site == null || site.isEmpty() || site.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a usage names a site without spaces");
        }
        if (replica == null || replica.isEmpty() || replica.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a usage names a replica without spaces");
        }
        if (count < 0) {
            throw new IllegalArgumentException("a usage count is not negative");
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("a usage is last seen no earlier than first seen");
        }
    }

    public ImageUsage(ImageId id, String site, String replica, Instant firstSeen, Instant lastSeen, long count) {
        this(CURRENT_SCHEMA, id, site, replica, firstSeen, lastSeen, count);
    }

    /** {@code <image id> <site> <replica>}: the Kafka key, one per replica and (image, site). */
    @JsonIgnore
    public String key() {
        return id.value() + ' ' + site + ' ' + replica;
    }
}
