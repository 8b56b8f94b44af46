package media.archive.ingest.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import media.archive.contracts.SuppliedMetadata;
import media.archive.ingest.upload.Intake;
import media.archive.ingest.upload.ReceivedUpload;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;

/**
 * What the file servers (SFTP, FTPS) do with a photographer's files, the same for both: a login
 * is the key holder's name and the key as the password; a file written into their folder is
 * spooled, and once its transfer closes it goes through the {@link Intake} like a form upload.
 *
 * <p>The folder a file is sent to says what it was filed for: {@code assignment/<name>/...}
 * makes {@code <name>} the upload's assignment, and every other folder on the way is a keyword
 * ({@code election/night/a.jpg} is filed with the keywords "election" and "night"). Names that
 * photo software gives a file while it is still arriving ({@code .tmp}, {@code .part}, ...) are
 * {@linkplain #isPartial partial}: such a file is taken when it is renamed to its final name.
 * Thread-safe.
 */
public final class FiledUploads {
    /** The folder under which the next folder names the assignment. */
    public static final String ASSIGNMENT_FOLDER = "assignment";
    private static final List<String> PARTIAL_SUFFIXES = List.of(".tmp", ".part", ".partial", ".filepart", ".crdownload", "~");
    /** Folders deeper than this add no more keywords: a path is not a caption. */
    private static final int MAX_FOLDER_KEYWORDS = 10;

    private final Intake intake;
    private final AccessGuard guard;

    public FiledUploads(Intake intake, AccessGuard guard) {
        this.intake = intake;
        this.guard = guard;
    }

    /** The photographer (or admin) who logs in as {@code user} with their key as {@code password}; empty when refused. */
    public Optional<Principal> login(String user, String password) {
        return guard.login(user, password, Role.PHOTOGRAPHER);
    }

    /**
     * Leave for one file of {@code uploader}, spending one upload of their allowance.
     *
     * @throws media.archive.platform.http.ApiException {@code 429} or {@code 503} as for a form upload
     */
    public Intake.Admission admit(Principal uploader) {
        guard.spend(uploader, KeyLimits.Budget.UPLOAD);
        return intake.admit(uploader);
    }

    /** An empty spool file for a transfer to write into; see {@link Intake#spoolFile}. */
    public Path spoolFile() {
        return intake.spoolFile(0);
    }

    /**
     * Takes the file a transfer wrote to {@code spooled} (which this deletes, taken or not) as sent
     * by {@code uploader} to {@code pathInFolder}, their folder's path of it ({@code
     * assignment/election/a.jpg}).
     *
     * @throws media.archive.platform.http.ApiException the refusal, in HTTP's terms, for the server to translate
     */
    public Intake.Receipt take(Principal uploader, Path spooled, String pathInFolder) {
        List<String> parts = segments(pathInFolder);
        String fileName = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        try (ReceivedUpload upload = intake.receiveFile(spooled, fileName, suppliedFor(pathInFolder))) {
            return intake.take(uploader, upload);
        }
    }

    /** What the folders of {@code pathInFolder} say of the file: its assignment and keywords. */
    static SuppliedMetadata suppliedFor(String pathInFolder) {
        List<String> folders = segments(pathInFolder);
        if (!folders.isEmpty()) {
            folders = folders.subList(0, folders.size() - 1);
        }
        String assignment = null;
        List<String> keywords = new ArrayList<>();
        int i = 0;
        if (folders.size() >= 2 && folders.get(0).equalsIgnoreCase(ASSIGNMENT_FOLDER)) {
            assignment = folders.get(1);
            i = 2;
        }
        for (; i < folders.size() && keywords.size() < MAX_FOLDER_KEYWORDS; i++) {
            keywords.add(folders.get(i));
        }
        return new SuppliedMetadata(null, null, null, keywords, null, assignment);
    }

    /** Whether {@code fileName} is what photo software calls a file until it has arrived whole. */
    public static boolean isPartial(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || PARTIAL_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (!part.isBlank() && !part.equals(".") && !part.equals("..")) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
