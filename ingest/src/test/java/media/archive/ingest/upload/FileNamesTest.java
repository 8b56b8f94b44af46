package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void keeps_an_ordinary_name() {
        assertThat(FileNames.sanitise("DSC_0042.JPG")).isEqualTo("DSC_0042.JPG");
    }

    @Test
    void keeps_only_the_base_name_of_a_unix_or_windows_path() {
        assertThat(FileNames.sanitise("/home/tran/shoot/hanoi-01.jpg")).isEqualTo("hanoi-01.jpg");
        assertThat(FileNames.sanitise("C:\\Users\\tran\\Pictures\\hanoi-02.jpg")).isEqualTo("hanoi-02.jpg");
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
    }

    @Test
    void strips_control_characters_and_bidi_overrides() {
        assertThat(FileNames.sanitise("evil\u0000name\r\n.jpg")).isEqualTo("evilname.jpg");
        // U+202E would show "photo_gpj.exe" as "photo_exe.jpg"
        assertThat(FileNames.sanitise("photo_\u202Egpj.exe")).isEqualTo("photo_gpj.exe");
    }

    @Test
    void keeps_non_latin_names_and_joiners() {
        assertThat(FileNames.sanitise("ছবি-ট্রান.jpg")).isEqualTo("ছবি-ট্রান.jpg");
        assertThat(FileNames.sanitise("ảnh Hà Nội.jpg")).isEqualTo("ảnh Hà Nội.jpg");
    }

    @Test
    void cuts_a_long_name_to_255_characters_without_splitting_a_character() {
        String longName = "a".repeat(254) + "😀" + "b".repeat(10);
        String clean = FileNames.sanitise(longName);
        assertThat(clean).hasSizeLessThanOrEqualTo(255).isEqualTo("a".repeat(254));
        assertThat(FileNames.sanitise("x".repeat(300))).hasSize(255);
    }

    @Test
    void gives_no_name_when_nothing_usable_is_left() {
        assertThat(FileNames.sanitise(null)).isNull();
        assertThat(FileNames.sanitise("")).isNull();
        assertThat(FileNames.sanitise("   ")).isNull();
        assertThat(FileNames.sanitise("some/dir/")).isNull();
        assertThat(FileNames.sanitise("..")).isNull();
        assertThat(FileNames.sanitise("\u0001\u0002")).isNull();
    }
}
