package media.archive.standalone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.Json;
import media.archive.platform.config.Settings;
import media.archive.processor.ProcessorConfig;
import media.archive.processor.metadata.MetadataReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./archive inspect FILE...}: what the archive reads from each file, as one JSON object per
 * line: the record's fields as cleaned, {@code raw} (the reconciled values before cleaning),
 * {@code provenance} and {@code warnings}. Needs no running service; reads the same
 * {@code PROCESSOR_CLEANING_DISABLED} and {@code PROCESSOR_CREDIT_LINE} settings as the processor.
 * A file that cannot be read gives a line with {@code error}; the exit code is then 1.
 */
@Command(name = "inspect", description = "Print what the archive reads from each image file, one JSON object per line.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "image files to read")
    private List<Path> files;

    @Override
    public Integer call() {
        return inspect(files, new MetadataReader(ProcessorConfig.cleaning(Settings.fromEnvironment())), System.out);
    }

    /** Prints a line for each file; 0 when every file could be read, 1 otherwise. */
    static int inspect(List<Path> files, MetadataReader reader, PrintStream out) {
        int status = 0;
        for (Path file : files) {
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("file", file.toString());
            try {
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    line.put("error", Files.exists(file) ? "not a readable file" : "no such file");
                    status = 1;
                } else {
                    ImageMetadata metadata = reader.read(file);
                    line.setAll((ObjectNode) Json.mapper().valueToTree(metadata));
                }
            } catch (RuntimeException e) {
                // The reader turns bad metadata into warnings; anything else still gets its line.
                line.put("error", String.valueOf(e.getMessage()));
                status = 1;
            }
            out.println(line.toString());
        }
        out.flush();
        return status;
    }
}
