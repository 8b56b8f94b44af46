package media.archive.standalone;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import media.archive.platform.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./archive}: the command line of the archive. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "The photo archive a newsroom runs on.",
        subcommands = {ArchiveCommand.Run.class, InspectCommand.class, RenderCommand.class})
public final class ArchiveCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ArchiveCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code ./archive run}: everything on this machine, with embedded Kafka and S3, until Ctrl-C. */
    @Command(name = "run", description = "Run the whole archive on this machine (embedded Kafka and S3) until Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.fromEnvironment();
            StandaloneConfig config = StandaloneConfig.from(settings);
            PrintStream out = System.out;
            out.println("Starting the media archive (data in " + config.dataDir() + ") ...");
            StandaloneArchive archive = new StandaloneArchive(config, settings).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Stopping the media archive ...");
                archive.close();
                stopped.countDown();
            }, "archive-shutdown"));
            while (!archive.isReady()) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            printWelcome(out, archive, config);
            stopped.await();
            return 0;
        }

        /** What an operator reads once the archive is up: where each part listens, the admin key once. */
        static void printWelcome(PrintStream out, StandaloneArchive archive, StandaloneConfig config) {
            String url = "http://localhost:" + archive.port();
            out.println();
            out.println("Media archive ready at " + url + "   (Ctrl-C stops it; data survives restarts)");
            archive.generatedAdminKey().ifPresentOrElse(
                    key -> {
                        out.println();
                        out.println("Admin key, shown this once (also kept in " + config.dataDir().resolve("admin.key") + "):");
                        out.println("  " + key);
                    },
                    () -> out.println("Admin key: " + (config.adminKey().isPresent()
                            ? "the one in ARCHIVE_ADMIN_KEY"
                            : "in " + config.dataDir().resolve("admin.key"))));
            out.println();
            out.println("The picture desk: open " + url + "/ in a browser and sign in with a key.");
            out.println();
            out.println("Or with curl:");
            out.println("  ADMIN=$(cat " + config.dataDir().resolve("admin.key") + ")");
            out.println("  curl -s -X POST " + url + "/v1/keys -H \"Authorization: Bearer $ADMIN\" \\");
            out.println("       -H 'Content-Type: application/json' -d '{\"name\":\"Tran Trung\",\"role\":\"photographer\"}'");
            out.println("  curl -s " + url + "/v1/uploads -H \"Authorization: Bearer <photographer key>\" -F file=@photo.jpg");
            out.println("  curl -s '" + url + "/v1/search?q=trung' -H \"Authorization: Bearer $ADMIN\"");
            out.println();
            Endpoints endpoints = archive.endpoints();
            out.println("Kafka (bootstrap servers): " + endpoints.kafka().bootstrapServers());
            out.println("S3: " + endpoints.s3().endpoint() + ", bucket " + endpoints.s3().bucket()
                    + ", access key " + endpoints.s3().accessKey());
            out.println("Both on loopback; the S3 secret and both addresses for aws, boto3 or kcat are in");
            out.println("  " + archive.endpointsFile() + "   (README: \"Reaching Kafka and S3\")");
            out.println("The README walks through every step.");
        }
    }
}
