package media.archive.processor;

import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one record of {@code media.uploaded} is to the processor: an upload to process, something
 * to step over (a takedown's tombstone, another kind of event), or an event it cannot read, which
 * reading again would not change.
 */
sealed interface UploadReading permits UploadReading.Upload, UploadReading.Skip, UploadReading.Unreadable {

    record Upload(ImageUploaded uploaded) implements UploadReading {
    }

    record Skip(String why) implements UploadReading {
    }

    /**
     * Not an upload event this processor understands; {@code id} is the image the record's key
     * names, or null when the key is no image id; {@code error} is what the JSON reader threw, or null.
     */
    record Unreadable(ImageId id, String message, Throwable error) implements UploadReading {
    }

    /**
     * Reads {@code record}. An upload of a schema version newer than {@link ImageEvent#CURRENT_SCHEMA}
     * is unreadable: a newer version changed what some field means, and guessing would publish a
     * wrong record.
     *
     * @throws RuntimeException when the failure is not the record's ({@link Failure#classify} is not POISON)
     */
    static UploadReading of(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Skip("a takedown's tombstone: the image is gone, there is nothing to process");
        }
        ImageId keyed = ImageId.isValid(record.key()) ? ImageId.parse(record.key()) : null;
        ImageEvent event;
        try {
            event = Json.read(record.value(), ImageEvent.class);
        } catch (RuntimeException e) {
            if (Failure.classify(e) != Failure.POISON) {
                throw e;
            }
            return new Unreadable(keyed, "the upload event cannot be read: " + e.getMessage(), e);
        }
        if (!(event instanceof ImageUploaded uploaded)) {
            return new Skip(event == null ? "an empty event" : "a " + event.getClass().getSimpleName() + ", not an upload");
        }
        if (uploaded.schema() > ImageEvent.CURRENT_SCHEMA) {
            return new Unreadable(uploaded.id(), "the upload event has schema version " + uploaded.schema()
                    + "; this processor reads up to " + ImageEvent.CURRENT_SCHEMA, null);
        }
        return new Upload(uploaded);
    }
}
