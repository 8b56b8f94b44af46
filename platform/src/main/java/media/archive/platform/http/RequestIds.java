package media.archive.platform.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id, answered in {@value #HEADER} and put in the SLF4J {@link MDC} under
 * {@value #MDC_KEY} while the request is handled, so a client's complaint, the answer it got and
 * the server's log lines name the same request. A well-formed id the client (or a proxy in front)
 * sent is kept, so one id follows the request through every hop; anything else is replaced by a
 * fresh one, since the id is written into logs. A servlet filter, so static files and errors get
 * one too. Thread-safe.
 */
public final class RequestIds implements Filter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** What a kept id may look like: the characters of UUIDs, hex, base64url and the usual tracing ids. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final String ATTRIBUTE = RequestIds.class.getName();

    private final SecureRandom random = new SecureRandom();

    /** The id of {@code request}, as answered in {@value #HEADER}; {@code "-"} outside this filter. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "-" : id.toString();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = idFor(((HttpServletRequest) request).getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        ((HttpServletResponse) response).setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    String idFor(String sent) {
        if (sent != null && WELL_FORMED.matcher(sent).matches()) {
            return sent;
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
