package media.archive.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import media.archive.standalone.HostileInputIT.Reply;

/**
 * Uploads written by hand on a socket, for requests no well-behaved HTTP client sends: a
 * Content-Length that lies, a form without a boundary, a part whose text is not UTF-8.
 */
final class RawUploads {
    private final int port;
    private final String key;

    RawUploads(int port, String key) {
        this.port = port;
        this.key = key;
    }

    /** An upload whose caption part carries {@code caption} as raw bytes. */
    Reply uploadWithCaption(String fileName, byte[] file, byte[] caption) {
        String boundary = "----hostile" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(caption);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return post("multipart/form-data; boundary=" + boundary, body.toByteArray(), -1);
    }

    Reply post(String contentType, String body, long declaredLength) {
        return post(contentType, body.getBytes(StandardCharsets.ISO_8859_1), declaredLength);
    }

    /**
     * A POST to {@code /v1/uploads} written by hand on a socket, so that the headers can lie:
     * {@code declaredLength} (or the body's length when negative) is sent as Content-Length and
     * only {@code body} follows. The answer must come within 10 seconds, without the rest.
     */
    Reply post(String contentType, byte[] body, long declaredLength) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + (declaredLength < 0 ? body.length : declaredLength)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return Response.read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("the archive did not answer: " + e, e);
        }
    }

    /** Reads an HTTP/1.1 response off a socket: the status, the headers, then the body to the end. */
    private static final class Response {
        static Reply read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(all, end + 4, all.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            String contentType = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).strip()).findFirst().orElse(null);
            return new Reply(status, body, contentType);
        }

        private static byte[] unchunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            String text = new String(chunked, StandardCharsets.ISO_8859_1);
            while (at < text.length()) {
                int lineEnd = text.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }
    }
}
