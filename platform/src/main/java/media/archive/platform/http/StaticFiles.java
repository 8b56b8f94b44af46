package media.archive.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A folder of files on the classpath served as they are at {@code hostedPath}, for a web page
 * that ships with a service (the picture desk): {@code GET <hostedPath>} answers the folder's
 * {@code index.html}, every file answers with {@code headers} (a Content-Security-Policy, for
 * instance) and with {@code Cache-Control: no-cache} plus an ETag, so browsers revalidate each
 * file (a {@code 304} when it did not change) and see a new release at once. The server's routes
 * win over the files: a file never hides an API route.
 *
 * @param classpathFolder the folder on the classpath, such as {@code /desk}
 * @param hostedPath      where the folder is served, such as {@code /}
 * @param headers         headers of every file's answer, besides {@code Cache-Control}
 */
public record StaticFiles(String classpathFolder, String hostedPath, Map<String, String> headers) {
    /** Every file is revalidated before use: a release changes files in place, under the same names. */
    static final String CACHE_CONTROL = "no-cache";

    public StaticFiles {
        Objects.requireNonNull(classpathFolder, "classpathFolder");
        Objects.requireNonNull(hostedPath, "hostedPath");
        if (!classpathFolder.startsWith("/") || classpathFolder.length() < 2) {
            throw new IllegalArgumentException("the classpath folder is absolute and not the root: " + classpathFolder);
        }
        if (!hostedPath.startsWith("/")) {
            throw new IllegalArgumentException("the hosted path starts with /: " + hostedPath);
        }
        headers = Map.copyOf(headers);
        if (headers.keySet().stream().anyMatch("Cache-Control"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("static files are always revalidated; Cache-Control is not one's to choose");
        }
    }

    /** {@link #headers()} and the {@code Cache-Control} every file answers with. */
    Map<String, String> answerHeaders() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", CACHE_CONTROL);
        return all;
    }
}
