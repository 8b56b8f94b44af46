package media.archive.processor;

import java.nio.charset.StandardCharsets;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record set aside on {@link Topics#DEAD_LETTER} for one the processor gave up on: the
 * original key, value and headers unchanged, plus headers in Kafka Connect's dead-letter
 * convention ({@code errors.deadletterqueue.context.headers.enable}) so that the tools operators
 * already use for Connect read them, and two of the archive's own. Every value is UTF-8 text, as
 * Connect writes them, so {@code kafka-console-consumer --property print.headers=true} shows them.
 */
final class DeadLetters {
    static final String ORIGINAL_TOPIC = "__connect.errors.topic";
    static final String ORIGINAL_PARTITION = "__connect.errors.partition";
    static final String ORIGINAL_OFFSET = "__connect.errors.offset";
    static final String EXCEPTION_CLASS = "__connect.errors.exception.class.name";
    static final String EXCEPTION_MESSAGE = "__connect.errors.exception.message";
    /** How many attempts were made, counting one the processor died or hung in. */
    static final String ATTEMPTS = "archive.errors.attempts";
    /** The {@code ImageFailed} reason code the record's image was given. */
    static final String REASON = "archive.errors.reason";

    /** Headers are for reading, not for holding a whole stack trace. */
    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetters() {
    }

    /**
     * The dead letter of {@code record}, tried {@code attempts} times and failed for
     * {@code reason} ({@code ImageFailed} code); {@code error} is the last exception, or null.
     */
    static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, int attempts, String reason,
                                             String message, Throwable error) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, ORIGINAL_TOPIC, record.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        if (error != null) {
            add(headers, EXCEPTION_CLASS, error.getClass().getName());
        }
        add(headers, EXCEPTION_MESSAGE, bounded(message));
        add(headers, ATTEMPTS, Integer.toString(attempts));
        add(headers, REASON, reason);
        // The dead-letter topic is compacted like the others, so every record needs a key; the
        // original topic's are image ids (it is compacted too), the fallback names the position.
        String key = record.key() != null ? record.key()
                : record.topic() + "-" + record.partition() + "-" + record.offset();
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, record.value(), headers);
    }

    /** The text of {@code name} in {@code headers}, or null: what operators and tests read. */
    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name); // a replayed record carries the headers of its earlier dead letter
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    private static String bounded(String message) {
        if (message == null) {
            return "";
        }
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
    }
}
