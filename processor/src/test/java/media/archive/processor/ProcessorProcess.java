package media.archive.processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processor started as a process of its own ({@link ProcessorMain}) on this process's class
 * path, for the tests that must kill it with {@code kill -9} or stop it with SIGTERM.
 */
final class ProcessorProcess {
    private ProcessorProcess() {
    }

    /** Starts the processor with {@code env} added to this process's environment, its output in {@code log}. */
    static Process start(Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The heap the archive's hostile-input promise is stated for.
        command.add("-Xmx512m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessorMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }
}
