package media.archive.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import media.archive.contracts.Json;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answers Jetty writes itself, before or around the routes (a header block too large, a
 * request line it cannot parse, a body that came too slowly): {@code {"error","message"}} like
 * every other error of the archive, with the reason phrase of the status and never a stack trace,
 * an exception message or a servlet name. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    /** Errors found while parsing a request, before any handler ran. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    /** Errors of a request that reached the server: its own {@code sendError}s. */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code));
    }

    static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        String code = reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return Json.toBytes(new ErrorBody(code.isEmpty() ? "error" : code, "the server could not take this request: " + reason));
    }
}
