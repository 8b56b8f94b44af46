package media.archive.ingest.upload;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import media.archive.contracts.ImageRecord;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.Routes;

/**
 * {@code POST /v1/uploads}: a photographer (or an admin) sends one image as
 * {@code multipart/form-data}, the part {@code file} holding it and the optional text parts
 * {@code caption}, {@code creator}, {@code credit} and {@code keywords} (comma-separated)
 * saying what the file does not.
 *
 * <ul>
 *   <li>{@code 202} {@code {"id","status","href","duplicate":false}} with {@code Location}: the
 *       original is in S3 and Kafka acknowledged {@code ImageUploaded}.</li>
 *   <li>{@code 200} with {@code "duplicate":true}: the archive already has these bytes; nothing is
 *       published again.</li>
 *   <li>{@code 410} {@code {"error":"removed","removedAt"}}: these bytes are of an image taken
 *       down; nothing is stored or published. An admin brings it back on purpose with the form
 *       field {@code restore=true} ({@code 403} for any other role): ingest publishes
 *       {@code ImageRestored}, then takes the upload as a new one ({@code 202}).</li>
 *   <li>{@code 400} malformed form, missing or empty file, text too long; {@code 401}/{@code 403}
 *       no or wrong key; {@code 408} a body that arrived too slowly or stopped; {@code 413} file
 *       over the limit; {@code 415} not an image we take (sniffed from the bytes); {@code 429}
 *       with {@code Retry-After} when this key has its share of uploads under way; {@code 503}
 *       with {@code Retry-After} when S3 or Kafka is down, ingest is taking as many uploads as it
 *       can, or it has not yet read which images were removed.</li>
 * </ul>
 *
 * The body streams to a temporary file; memory use does not grow with the upload. Every upload
 * goes through the {@link Intake} the routes are given, as do those of the other ways in. Thread-safe.
 */
public final class UploadRoutes implements Routes {
    private final AccessGuard guard;
    private final Intake intake;

    public UploadRoutes(Intake intake, AccessGuard guard) {
        this.intake = intake;
        this.guard = guard;
    }

    /** What an upload is answered with; {@code href} is where the api serves the image's record. */
    record Accepted(String id, String status, String href, boolean duplicate) {
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/uploads", this::upload);
    }

    private void upload(Context ctx) {
        Principal uploader = guard.require(ctx, Role.PHOTOGRAPHER, KeyLimits.Budget.UPLOAD);
        Intake.Receipt receipt;
        try (Intake.Admission admitted = intake.admit(uploader); ReceivedUpload upload = intake.receive(ctx.req())) {
            receipt = intake.take(uploader, upload);
        } catch (Intake.Removed e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.error());
            body.put("message", e.getMessage());
            body.put("id", e.id().value());
            body.put("removedAt", e.removedAt().toString());
            ctx.status(410).json(body);
            return;
        }
        Accepted answer = new Accepted(receipt.id().value(), ImageRecord.PROCESSING, receipt.href(), receipt.duplicate());
        if (receipt.duplicate()) {
            ctx.status(200).json(answer);
        } else {
            ctx.status(202).header("Location", receipt.href()).json(answer);
        }
    }
}
