package media.archive.processor;

import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import media.archive.contracts.Json;
import media.archive.platform.storage.StorageException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What an exception means for the consumer loop, decided in this one place.
 */
enum Failure {
    /** The processor cannot work at all (credentials, a broker it cannot talk to): stop, and let the operator see. */
    FATAL,
    /** The outside world is away for a while (S3, Kafka, the local disk): try the same record again later. */
    RETRY,
    /** Something about this record alone: answer or skip it so that the partition moves on. */
    POISON;

    static Failure classify(Throwable error) {
        if (error instanceof ExecutionException && error.getCause() != null) {
            return classify(error.getCause());
        }
        if (error instanceof StackOverflowError || error instanceof OutOfMemoryError) {
            // A decoder recursing through one file's nesting, or allocating what a bomb declares:
            // the stack has unwound and the allocation was refused, so the JVM goes on; the file
            // gets its bounded attempts like any other that breaks the processor.
            return POISON;
        }
        if (error instanceof Error) {
            return FATAL;
        }
        if (error instanceof StorageException || error instanceof UncheckedIOException) {
            return RETRY;
        }
        if (error instanceof Json.MalformedJsonException || error instanceof IllegalArgumentException
                || error instanceof SerializationException || error instanceof RecordTooLargeException
                || error instanceof RecordBatchTooLargeException) {
            return POISON;
        }
        if (error instanceof AuthenticationException || error instanceof AuthorizationException
                || error instanceof UnsupportedVersionException || error instanceof InvalidTopicException) {
            return FATAL;
        }
        if (error instanceof RetriableException) {
            return RETRY;
        }
        if (error instanceof KafkaException) {
            // A client error we do not know: stopping is safer than skipping records.
            return FATAL;
        }
        return POISON;
    }
}
