package media.archive.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import media.archive.api.ApiMain;
import media.archive.ingest.IngestMain;
import media.archive.platform.config.Settings;
import media.archive.processor.ProcessorMain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docker-compose.yml} and the services agree: every variable the compose file sets for
 * a service is one that service reads, and every Dockerfile starts a main class that exists.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** How each service reads its settings, exactly as its {@code main} does. */
    private static final Map<String, Consumer<Settings>> SERVICES = Map.of(
            "ingest", IngestMain::readSettings,
            "processor", ProcessorMain::readSettings,
            "api", ApiMain::readSettings);

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "processor", "api"})
    void every_variable_the_compose_file_sets_is_read_by_the_service(String service) throws IOException {
        Map<String, String> environment = composeEnvironment(service);
        Settings settings = Settings.of(environment);

        SERVICES.get(service).accept(settings);

        assertThat(environment).isNotEmpty();
        assertThat(settings.known().keySet())
                .as("variables %s reads", service)
                .containsAll(environment.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "processor", "api"})
    void the_dockerfile_starts_the_services_main_class(String service) throws Exception {
        String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
        Matcher entry = Pattern.compile("ENTRYPOINT \\[.*\"(media\\.archive\\.[\\w.]+)\"\\]").matcher(dockerfile);

        assertThat(entry.find()).as("ENTRYPOINT naming a main class").isTrue();
        Class<?> main = Class.forName(entry.group(1));
        assertThat(main.getMethod("main", String[].class)).isNotNull();
        assertThat(main.getPackageName()).startsWith("media.archive." + service);
    }

    private static Map<String, String> composeEnvironment(String service) throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode env = compose.path("services").path(service).path("environment");
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue().asText());
        }
        assertThat(Set.of("KAFKA_BOOTSTRAP_SERVERS", "S3_ENDPOINT")).allSatisfy(name -> assertThat(values).containsKey(name));
        return values;
    }
}
