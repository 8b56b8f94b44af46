package media.archive.api.desk;

import java.util.Map;
import media.archive.platform.http.StaticFiles;

/**
 * The picture desk's files ({@code desk/} on the classpath: its page, style sheet, ES modules and
 * vendored libraries), served at {@code /} on the API's own origin. The policy lets the page load
 * only its own scripts, styles and fonts, talk only to its own origin, and show pictures from it
 * (and the {@code data:}/{@code blob:} URLs of placeholders and previews of uploads), frame only
 * its own pages (the preview of a gallery's public page); no inline script or style runs, no other
 * site may frame it, and no form posts anywhere.
 */
public final class DeskFiles {
    /** The desk's Content-Security-Policy. */
    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private DeskFiles() {
    }

    /** The desk's folder, hosted at {@code /} with its policy, no sniffing of types and same-origin referrers. */
    public static StaticFiles files() {
        return new StaticFiles("/desk", "/", Map.of(
                "Content-Security-Policy", POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin"));
    }
}
