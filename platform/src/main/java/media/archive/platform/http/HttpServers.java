package media.archive.platform.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import media.archive.contracts.Json;
import media.archive.platform.storage.StorageException;
import org.apache.kafka.common.KafkaException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the archive's HTTP servers: the archive's JSON codec and one place that classifies
 * errors, so every failure answers {@code {"error","message"}} and never a stack trace: an
 * {@link ApiException} with its status, a domain exception that is a {@link RefusedRequest}
 * with the status it names, S3 and Kafka failures as {@code 503}, anything else as {@code 500}.
 * Every server refuses requests naming a host that is not the archive's ({@link PublicOrigin}),
 * bounds how long a connection may keep it waiting ({@link HttpLimits}), answers the errors Jetty
 * writes itself in JSON too, and names every request in {@value RequestIds#HEADER} and its log lines.
 */
public final class HttpServers {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServers.class);

    private HttpServers() {
    }

    /** A server carrying {@code routes}, not started yet. */
    public static Javalin create(List<Routes> routes) {
        return create(routes, List.of());
    }

    /**
     * A server carrying {@code routes} and serving {@code files}; the routes win where both answer
     * a path. A folder missing from the classpath is left out, with a warning.
     */
    public static Javalin create(List<Routes> routes, List<StaticFiles> files) {
        return create(routes, files, PublicOrigin.defaults());
    }

    /**
     * A server carrying {@code routes} and serving {@code files} that answers only requests naming
     * a host {@code origin} allows ({@code 400} for the others, health checks exempt), and tells
     * routes the origin through {@link PublicOrigin#of}.
     */
    public static Javalin create(List<Routes> routes, List<StaticFiles> files, PublicOrigin origin) {
        return create(routes, files, origin, HttpLimits.defaults());
    }

    /**
     * As {@link #create(List, List, PublicOrigin)}, with connections bounded by {@code limits}
     * instead of the defaults.
     */
    public static Javalin create(List<Routes> routes, List<StaticFiles> files, PublicOrigin origin, HttpLimits limits) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.defaultContentType = "application/json";
            // JSON request bodies are small; uploads stream past this limit through their own reader.
            config.http.maxRequestSize = 1_000_000L;
            // Jetty's default 8 KB would answer an over-long path (a 10 KB "id") with its own 414;
            // with 16 KB such a request reaches the route, whose checks answer 400 in JSON.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(16 * 1024);
                // The idle timeout of a request's reads and writes: a body that stops arriving
                // frees its thread after this, not when the client gives up.
                http.setIdleTimeout(limits.idleTimeout().toMillis());
                // Checked by Jetty at every read of a body: a trickled upload is cut off (408)
                // instead of holding a thread for as long as the client likes.
                http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
            });
            // Javalin answers a read cut off by the idle timeout with this status and no body; the
            // error route below gives it one.
            config.jetty.timeoutStatus = 408;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.addEventListener(connectorIdleTimeout(limits));
            });
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(new JsonErrorHandler());
                handler.addFilter(new FilterHolder(new RequestIds()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            for (StaticFiles folder : files) {
                if (HttpServers.class.getResource(folder.classpathFolder()) == null) {
                    // Javalin would refuse to start; a service without its page still serves its API.
                    LOG.warn("no folder {} on the classpath: nothing is served at {}", folder.classpathFolder(), folder.hostedPath());
                } else {
                    config.staticFiles.add(serve(folder));
                }
            }
        });
        origin.install(app);
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(new ErrorBody(e.error(), e.getMessage()));
        });
        app.exception(BadMessageException.class, (e, ctx) -> {
            // Jetty's own refusals from inside a handler, mostly a body that came too slowly (408).
            LOG.info("{} {} refused with {}: {}", ctx.method(), ctx.path(), e.getCode(),
                    e.getReason());
            ctx.status(e.getCode()).json(new ErrorBody(codeFor(e.getCode()), e.getCode() == 408
                    ? "the request body arrived too slowly or stopped arriving; send it again"
                    : "the server could not read this request"));
        });
        app.exception(StorageException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5").status(503)
                    .json(new ErrorBody("unavailable", "storage is unavailable; try again shortly"));
        });
        app.exception(KafkaException.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5").status(503)
                    .json(new ErrorBody("unavailable", "the event log is unavailable; try again shortly"));
        });
        app.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(new ErrorBody(codeFor(e.getStatus()), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            if (e instanceof RefusedRequest refused && refused.status() >= 400 && refused.status() < 500) {
                refused.headers().forEach(ctx::header);
                if (refused.details().isEmpty()) {
                    ctx.status(refused.status()).json(new ErrorBody(refused.error(), e.getMessage()));
                } else {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("error", refused.error());
                    body.put("message", e.getMessage());
                    body.putAll(refused.details());
                    ctx.status(refused.status()).json(body);
                }
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ErrorBody("internal", "the archive could not answer this request"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ErrorBody("not-found", "no such resource: " + ctx.path()));
            }
        });
        app.error(408, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(new ErrorBody("request-timeout", "the request body stopped arriving before it was complete; send it again"));
            }
        });
        app.error(405, ctx -> ctx.json(new ErrorBody("method-not-allowed", ctx.method() + " is not allowed on " + ctx.path())));
        for (Routes r : routes) {
            r.addTo(app);
        }
        return app;
    }

    /**
     * Sets the connectors' idle timeout (silence between requests and while headers arrive) once
     * Javalin has made them, just before they start: Javalin makes its connector in {@code start}.
     */
    private static LifeCycle.Listener connectorIdleTimeout(HttpLimits limits) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : ((Server) event).getConnectors()) {
                    if (connector instanceof AbstractConnector open) {
                        open.setIdleTimeout(limits.idleTimeout().toMillis());
                    }
                }
            }
        };
    }

    private static Consumer<StaticFileConfig> serve(StaticFiles folder) {
        return files -> {
            files.directory = folder.classpathFolder();
            files.hostedPath = folder.hostedPath();
            files.location = Location.CLASSPATH;
            files.headers = folder.answerHeaders();
            // Jetty's own table says application/javascript; browsers expect text/javascript for
            // ES modules (RFC 9239). Text types name their charset: without one the server appends
            // "charset=null", and no byte sniffing should decide how a file is read.
            files.mimeTypes.add("text/javascript; charset=utf-8", "js", "mjs");
            files.mimeTypes.add("text/css; charset=utf-8", "css");
            files.mimeTypes.add("image/svg+xml; charset=utf-8", "svg");
            files.mimeTypes.add("text/html; charset=utf-8", "html");
            files.mimeTypes.add("application/json; charset=utf-8", "json", "map");
            files.mimeTypes.add("font/woff2", "woff2");
        };
    }

    private static String codeFor(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "error" : known.name().toLowerCase().replace('_', '-');
    }
}
