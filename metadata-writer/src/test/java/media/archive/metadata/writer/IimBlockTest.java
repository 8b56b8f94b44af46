package media.archive.metadata.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IimBlockTest {
    @Test
    void kept_latin1_texts_are_carried_over_into_the_utf8_the_block_declares() {
        byte[] old = block(dataset(2, 90, "Köln".getBytes(StandardCharsets.ISO_8859_1)),
                dataset(2, 120, "old caption".getBytes(StandardCharsets.ISO_8859_1)));

        List<IimBlock.DataSet> merged = IimBlock.parse(IimBlock.merge(old, WrittenMetadata.NONE));

        assertThat(merged).extracting(d -> d.record() + ":" + d.number()).containsExactly("1:90", "2:0", "2:90");
        assertThat(merged.get(0).value()).containsExactly(0x1b, '%', 'G');
        assertThat(new String(merged.get(2).value(), StandardCharsets.UTF_8)).isEqualTo("Köln");
    }

    @Test
    void binary_datasets_and_other_records_are_kept_byte_for_byte_in_ascending_order() {
        byte[] preview = {(byte) 0xff, (byte) 0xd8, 0, (byte) 0xe9, 1};
        byte[] old = block(dataset(2, 202, preview), dataset(2, 0, new byte[] {0, 4}),
                dataset(1, 20, new byte[] {0, 1}), dataset(2, 25, "b".getBytes(StandardCharsets.US_ASCII)),
                dataset(2, 25, "a".getBytes(StandardCharsets.US_ASCII)));

        List<IimBlock.DataSet> merged = IimBlock.parse(IimBlock.merge(old,
                new WrittenMetadata(null, null, List.of("Z", "A"), null, null, null, null)));

        assertThat(merged).extracting(d -> d.record() + ":" + d.number() + "=" + new String(d.value(), StandardCharsets.ISO_8859_1))
                .containsExactly("1:20=\0\1", "1:90=\u001b%G", "2:0=\0\4", "2:25=b", "2:25=a", "2:80=Z", "2:80=A",
                        "2:202=" + new String(preview, StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_text_is_cut_after_whole_characters_counted_in_utf8_bytes() {
        assertThat(IimBlock.truncated("abc", 3)).containsExactly('a', 'b', 'c');
        // কি is two code points (consonant and vowel sign), six bytes: never split.
        assertThat(new String(IimBlock.truncated("কিকি", 9), StandardCharsets.UTF_8)).isEqualTo("কি");
        assertThat(new String(IimBlock.truncated("কিকি", 12), StandardCharsets.UTF_8)).isEqualTo("কিকি");
        assertThat(new String(IimBlock.truncated("Trần", 4), StandardCharsets.UTF_8)).isEqualTo("Tr");
        assertThat(new String(IimBlock.truncated("a👍🏽b", 5), StandardCharsets.UTF_8)).isEqualTo("a");
        // ক্ষ is one conjunct: consonant, virama, consonant.
        assertThat(new String(IimBlock.truncated("ক্ষক্ষ", 14), StandardCharsets.UTF_8)).isEqualTo("ক্ষ");
    }

    @Test
    void damaged_data_after_the_last_whole_dataset_is_left_out() {
        byte[] old = block(dataset(2, 90, "Hue".getBytes(StandardCharsets.US_ASCII)));
        byte[] damaged = new byte[old.length + 4];
        System.arraycopy(old, 0, damaged, 0, old.length);
        damaged[old.length] = 0x1c;
        damaged[old.length + 1] = 2;

        assertThat(IimBlock.parse(damaged)).hasSize(1);
        assertThat(IimBlock.parse(new byte[] {0x1c, 2, 120, (byte) 0x80, 9, 1})).isEmpty();
    }

    @Test
    void control_characters_xml_cannot_carry_are_removed_and_blanks_are_absent() {
        WrittenMetadata fields = new WrittenMetadata("a\u0000b\tc\u001bd", "  ", List.of("", "Tran"), null, null, null, null);

        assertThat(fields.description()).isEqualTo("ab\tcd");
        assertThat(fields.headline()).isNull();
        assertThat(fields.creators()).containsExactly("Tran");
    }

    private static byte[] dataset(int record, int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1c);
        out.write(record);
        out.write(number);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] block(byte[]... datasets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] d : datasets) {
            out.writeBytes(d);
        }
        return out.toByteArray();
    }
}
