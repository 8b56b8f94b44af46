package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import media.archive.processor.metadata.EmbargoInstructions.None;
import media.archive.processor.metadata.EmbargoInstructions.Unreadable;
import media.archive.processor.metadata.EmbargoInstructions.Until;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmbargoInstructionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EMBARGOED UNTIL 0600 GMT 4 DEC 2026 | 2026-12-04T06:00:00Z",
        "Embargoed until 06:00 GMT, 4 December 2026. No archiving. | 2026-12-04T06:00:00Z",
        "EMBARGO: 2026-12-04T06:00:00Z | 2026-12-04T06:00:00Z",
        "Embargo 2026-12-04 07:00 +01:00, then free for editorial use | 2026-12-04T06:00:00Z",
        "HOLD FOR RELEASE 6 a.m. ET December 4, 2026 | 2026-12-04T11:00:00Z",
        "HOLD FOR RELEASE 6 a.m. ET June 4, 2026 | 2026-06-04T10:00:00Z",
        "EMBARGOED UNTIL 0001 BST 12 JUNE 2026 | 2026-06-11T23:01:00Z",
        "Sperrfrist: 4 Dec 2026 0700 CET | 2026-12-04T06:00:00Z",
        "NOT FOR PUBLICATION BEFORE 2026-12-04T06:00Z. Mandatory credit. | 2026-12-04T06:00:00Z",
        "Embargoed until 1800 hrs GMT Dec 4th, 2026 | 2026-12-04T18:00:00Z",
    })
    void an_embargo_written_without_doubt_is_read_to_the_instant(String instructions, String expected) {
        assertThat(EmbargoInstructions.read(instructions)).isEqualTo(new Until(Instant.parse(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "EMBARGOED UNTIL FURTHER NOTICE",
        "EMBARGOED UNTIL 0600 4 DEC 2026",
        "EMBARGOED UNTIL 0600 IST 4 DEC 2026",
        "Embargoed until 06:00 GMT 04/12/2026",
        "EMBARGOED UNTIL 0600 GMT 4 DEC",
        "Embargo: 2026-12-04",
        "Embargo: 2026-12-04T06:00",
        "EMBARGOED UNTIL 0600 GMT 4 DEC 2026 OR 0800 GMT 5 DEC 2026",
        "EMBARGOED UNTIL 2600 GMT 4 DEC 2026",
        "EMBARGOED UNTIL 0600 GMT 31 NOV 2026",
        "Embargoed until 6 ET Dec 4 2026",
    })
    void an_embargo_that_cannot_be_read_without_doubt_is_unreadable(String instructions) {
        assertThat(EmbargoInstructions.read(instructions)).isInstanceOf(Unreadable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mandatory credit. No sales. Editorial use only.", "NO EMBARGO", "Embargo lifted, free to use"})
    void instructions_without_an_embargo_set_none(String instructions) {
        assertThat(EmbargoInstructions.read(instructions)).isEqualTo(new None());
    }
}
