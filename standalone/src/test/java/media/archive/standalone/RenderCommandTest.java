package media.archive.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {
    @TempDir
    Path temp;

    @Test
    void render_writes_the_four_renditions_of_each_file_and_a_line_with_its_time() throws Exception {
        Path photo = photo("agency-photographer-example.jpg");
        Path out = temp.resolve("out");

        Run run = archive("render", "--out", out.toString(), photo.toString());

        assertThat(run.exitCode()).isZero();
        for (String name : new String[] {"large", "medium", "small", "thumb"}) {
            Path rendition = out.resolve("agency-photographer-example.jpg." + name + ".jpg");
            assertThat(rendition).exists();
            BufferedImage image = ImageIO.read(rendition.toFile());
            assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(2048);
        }
        assertThat(run.output()).containsPattern("agency-photographer-example\\.jpg  \\d+x\\d+  4 renditions  #[0-9a-f]{6}  \\d+ ms");
    }

    @Test
    void a_file_that_is_no_picture_is_reported_and_fails_the_run_without_stopping_the_others() throws Exception {
        Path photo = photo("agency-photographer-example.jpg");
        Path text = Files.writeString(temp.resolve("notes.jpg"), "not a picture");
        Path out = temp.resolve("out");

        Run run = archive("render", "--out", out.toString(), text.toString(), photo.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("notes.jpg  failed  undecodable");
        assertThat(out.resolve("agency-photographer-example.jpg.thumb.jpg")).exists();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run archive(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new ArchiveCommand()).execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static Path photo(String name) throws URISyntaxException {
        return Path.of(RenderCommandTest.class.getResource("/photos/" + name).toURI());
    }
}
