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
    void keeps_the_first_10000_characters_of_an_absurdly_long_value_and_warns() {
        Warnings warnings = new Warnings();
        Candidates candidates = new Candidates(warnings);

        candidates.text(Field.DESCRIPTION, Origin.IPTC, "y".repeat(50_000), "Caption-Abstract");

        assertThat(candidates.get(Field.DESCRIPTION, Origin.IPTC).orElseThrow().value()).hasSize(10_000);
        assertThat(warnings.toList()).containsExactly(
                "IPTC:Caption-Abstract has 50000 characters; the first 10000 are kept");
    }

    @Test
    void windows_xp_tags_are_utf16_little_endian_up_to_their_nul() {
        byte[] bytes = "Trần Trung\0junk".getBytes(StandardCharsets.UTF_16LE);

        assertThat(TextDecoding.utf16le(bytes)).isEqualTo("Trần Trung");
    }

    @Test
    void exif_user_comment_is_read_in_the_encoding_its_code_names() {
        byte[] unicodeBe = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII), "Köln".getBytes(StandardCharsets.UTF_16BE));
        byte[] unicodeLe = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII), "Köln".getBytes(StandardCharsets.UTF_16LE));
        byte[] ascii = concat("ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII), "Harbour at dawn".getBytes(StandardCharsets.US_ASCII));

        assertThat(TextDecoding.userComment(unicodeBe).text()).isEqualTo("Köln");
        assertThat(TextDecoding.userComment(unicodeLe).text()).isEqualTo("Köln");
        assertThat(TextDecoding.userComment(ascii).text()).isEqualTo("Harbour at dawn");
    }

    @Test
    void iim_text_declared_as_macroman_is_read_as_macroman() {
        // "Café" as a classic Mac tool writes it: é is 0x8E in MacRoman.
        byte[] bytes = {'C', 'a', 'f', (byte) 0x8E};

        assertThat(TextDecoding.decode(bytes, TextDecoding.charsetNamed("MacRoman")).text()).isEqualTo("Café");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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

    @Test
    void shutter_speeds_read_as_photographers_write_them() {
        assertThat(ExifCandidates.exposureTime(new com.drew.lang.Rational(1, 250))).isEqualTo("1/250");
        assertThat(ExifCandidates.exposureTime(new com.drew.lang.Rational(10, 2000))).isEqualTo("1/200");
        assertThat(ExifCandidates.exposureTime(new com.drew.lang.Rational(1, 2))).isEqualTo("0.5");
        assertThat(ExifCandidates.exposureTime(new com.drew.lang.Rational(2, 1))).isEqualTo("2");
        assertThat(ExifCandidates.exposureTime(new com.drew.lang.Rational(0, 1))).isNull();
    }

    @Test
    void xmp_dates_become_iso_8601_whatever_the_writer_did_with_the_offset() {
        Warnings warnings = new Warnings();

        // grid_getty.jpg writes a space before the offset.
        assertThat(XmpCandidates.xmpDate("2015-01-22T00:00:00 +00:00", warnings)).isEqualTo("2015-01-22T00:00:00+00:00");
        assertThat(XmpCandidates.xmpDate("2009-06-24T09:41:07.72-0400", warnings)).isEqualTo("2009-06-24T09:41:07.72-04:00");
        assertThat(XmpCandidates.xmpDate("2021-10-20", warnings)).isEqualTo("2021-10-20");
        assertThat(XmpCandidates.xmpDate("0001-01-01T00:00:00 +00:00", warnings)).isNull();
        assertThat(warnings.toList()).hasSize(1);
    }
}
