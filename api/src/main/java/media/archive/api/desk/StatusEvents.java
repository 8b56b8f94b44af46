package media.archive.api.desk;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import media.archive.api.index.ImageIndex;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;

/**
 * Makes the {@code image} event of one image from the index as it is at the moment of writing,
 * so that a client that fell behind is sent the latest state, never a backlog. Decides, too, what
 * a caller may know of: an editor every image, a photographer only those their key uploaded.
 * Thread-safe (it only reads the index).
 */
final class StatusEvents {
    private static final byte[] HEAD = "event: image\ndata: ".getBytes(StandardCharsets.US_ASCII);

    private final ImageIndex index;

    StatusEvents(ImageIndex index) {
        this.index = index;
    }

    /** The event for image {@code id}, or null when it is unknown or {@code caller} may not know of it. */
    byte[] of(ImageId id, Principal caller) {
        Optional<ImageRecord> found = index.find(id);
        if (found.isEmpty()) {
            return null;
        }
        ImageRecord record = found.get();
        if (!caller.role().allows(Role.EDITOR) && !caller.name().equals(record.uploader())) {
            return null;
        }
        byte[] data = Json.toBytes(ImageStatus.of(record));
        byte[] event = new byte[HEAD.length + data.length + 2];
        System.arraycopy(HEAD, 0, event, 0, HEAD.length);
        System.arraycopy(data, 0, event, HEAD.length, data.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }
}
