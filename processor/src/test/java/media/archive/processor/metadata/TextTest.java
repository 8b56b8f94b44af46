package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void undeclared_valid_utf8_is_read_as_utf8() {
        byte[] bytes = "Kavuş".getBytes(StandardCharsets.UTF_8);

        assertThat(TextDecoding.decode(bytes, null).text()).isEqualTo("Kavuş");
    }

    @Test
    void undeclared_invalid_utf8_is_read_as_windows_1252() {
        byte[] bytes = {'G', 'r', (byte) 0xF6, (byte) 0xDF, 'e', ' ', (byte) 0x80};

        TextDecoding.Decoded decoded = TextDecoding.decode(bytes, null);

        assertThat(decoded.text()).isEqualTo("Größe €");
        assertThat(decoded.problem()).isNull();
    }

    @Test
    void bytes_that_contradict_a_declared_utf8_are_read_as_windows_1252_and_reported() {
        byte[] bytes = {'c', 'a', 'f', (byte) 0xE9};

        TextDecoding.Decoded decoded = TextDecoding.decode(bytes, StandardCharsets.UTF_8);

        assertThat(decoded.text()).isEqualTo("café");
        assertThat(decoded.problem()).contains("declared UTF-8");
    }

    @Test
    void cleaning_trims_and_drops_control_characters() {
        assertThat(CleanText.line("  Jane\u0000 Doe\u001b\t\r\nRoe  ")).isEqualTo("Jane Doe  Roe");
        assertThat(CleanText.paragraphs("First line\r\nSecond\rThird\u0085")).isEqualTo("First line\nSecond\nThird");
        assertThat(CleanText.line(" \u0000 ")).isNull();
        assertThat(CleanText.line("null")).isNull();
    }

    @Test
    void bounds_the_length_of_hostile_values() {
        assertThat(CleanText.line("x".repeat(50_000))).hasSize(CleanText.MAX_LINE + 1).endsWith("…");
        assertThat(CleanText.paragraphs("y".repeat(50_000))).hasSize(CleanText.MAX_PARAGRAPHS + 1);
    }

    @Test
    void exif_artist_holds_several_creators_separated_by_semicolons() {
        assertThat(ExifCandidates.artists("Jane Doe; \"Roe; Richard\";  ")).containsExactly("Jane Doe", "Roe; Richard");
    }

    @Test
    void camera_default_descriptions_are_recognised() {
        assertThat(CleanText.isCameraDefault("OLYMPUS DIGITAL CAMERA", "OLYMPUS")).isTrue();
        assertThat(CleanText.isCameraDefault("SAMSUNG", "SAMSUNG")).isTrue();
        assertThat(CleanText.isCameraDefault("Fans celebrate at Samsung stadium", "SAMSUNG")).isFalse();
    }

    @Test
    void picks_the_english_text_of_a_multilingual_icc_description() {
        assertThat(PictureFacts.localized("2 deDE(Kamera RGB) enUS(Camera RGB Profile)")).isEqualTo("Camera RGB Profile");
        assertThat(PictureFacts.localized("1 enUS(GIMP built-in sRGB)")).isEqualTo("GIMP built-in sRGB");
        assertThat(PictureFacts.localized("sRGB IEC61966-2.1")).isEqualTo("sRGB IEC61966-2.1");
    }
}
