package media.archive.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class AcknowledgedSendTest {

    @Test
    void kafka_away_or_slow_is_worth_trying_again() {
        assertThat(AcknowledgedSend.classify(new TimeoutException("no metadata"))).isEqualTo(AcknowledgedSend.Failure.UNAVAILABLE);
        assertThat(AcknowledgedSend.classify(new NetworkException("gone"))).isEqualTo(AcknowledgedSend.Failure.UNAVAILABLE);
        assertThat(AcknowledgedSend.classify(new KafkaException("wrapped", new NetworkException("gone"))))
                .isEqualTo(AcknowledgedSend.Failure.UNAVAILABLE);
    }

    @Test
    void a_record_that_can_never_be_written_is_unsendable_and_a_refused_client_is_refused() {
        assertThat(AcknowledgedSend.classify(new RecordTooLargeException("big"))).isEqualTo(AcknowledgedSend.Failure.UNSENDABLE);
        assertThat(AcknowledgedSend.classify(new SerializationException("bytes"))).isEqualTo(AcknowledgedSend.Failure.UNSENDABLE);
        assertThat(AcknowledgedSend.classify(new AuthorizationException("no"))).isEqualTo(AcknowledgedSend.Failure.REFUSED);
        assertThat(AcknowledgedSend.classify(new IllegalStateException("producer closed"))).isEqualTo(AcknowledgedSend.Failure.REFUSED);
    }
}
