package media.archive.api.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import media.archive.platform.http.HttpServers;
import media.archive.platform.http.StaticFiles;
import org.junit.jupiter.api.Test;

class DeskFilesTest {
    @Test
    void the_desk_is_served_at_the_root_from_its_folder() {
        StaticFiles desk = DeskFiles.files();

        assertThat(desk.classpathFolder()).isEqualTo("/desk");
        assertThat(desk.hostedPath()).isEqualTo("/");
    }

    @Test
    void every_desk_answer_carries_the_contracts_policy_and_headers() throws Exception {
        // A stand-in folder with the desk's headers: the desk's own files belong to the desk.
        StaticFiles standIn = new StaticFiles("/desk-test", "/", DeskFiles.files().headers());
        Javalin server = HttpServers.create(List.of(), List.of(standIn)).start(0);
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-src 'self'; base-uri 'none'; "
                    + "form-action 'none'; frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        } finally {
            server.stop();
        }
    }
}
