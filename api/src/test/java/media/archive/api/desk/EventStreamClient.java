package media.archive.api.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import media.archive.contracts.Json;

/**
 * Reads {@code GET /v1/events} the way the desk does (a streamed body, the key in a header):
 * each message (an event, or a comment) is queued as it arrives, read on a thread of its own.
 */
final class EventStreamClient implements AutoCloseable {
    /** One message of the stream: {@code event} and {@code data}, or a {@code comment}. */
    record Message(String event, String data, String comment) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }
    }

    /** Put on the queue when the stream ended. */
    static final Message END = new Message(null, null, null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    static HttpResponse<InputStream> open(HttpClient http, int port, String ids, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events?ids=" + ids))
                .header("Accept-Encoding", "gzip");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static EventStreamClient connect(HttpClient http, int port, String ids, String key) throws Exception {
        HttpResponse<InputStream> response = open(http, port, ids, key);
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("the stream answered " + response.statusCode() + ": " + body);
        }
        return new EventStreamClient(response);
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next message within {@code patience}; fails the test when none came. */
    Message next(Duration patience) throws InterruptedException {
        Message message = messages.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + patience);
        }
        return message;
    }

    /** The next message that is an event, skipping comments. */
    Message nextEvent(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Message message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message.comment() == null) {
                return message;
            }
        }
    }

    /** Whatever arrived within {@code wait}, or null. */
    Message poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = null;
            String comment = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (event != null || data != null || comment != null) {
                        messages.add(new Message(event, data == null ? null : data.toString(), comment));
                    }
                    event = null;
                    data = null;
                    comment = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // Closed by the test, or the server went away: the stream ended either way.
        }
        messages.add(END);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
