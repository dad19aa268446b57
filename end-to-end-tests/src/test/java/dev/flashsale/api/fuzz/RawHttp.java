package dev.flashsale.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the bytes go out exactly as given, so request lines,
 * headers and bodies that {@code java.net.http} would refuse to send (control characters, invalid UTF-8, a lying
 * Content-Length) reach Tomcat and show what the server really answers.
 */
final class RawHttp {

    /** The status of an HTTP/0.9 answer, which has none. */
    static final int HTTP_09 = 9;

    private static final int TIMEOUT_MILLIS = 15_000;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** One request as it goes on the wire. */
    record Request(String method, byte[] target, List<Map.Entry<String, byte[]>> headers, byte[] body,
            boolean chunked) {

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
            out.write(' ');
            out.writeBytes(target);
            out.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> header : headers) {
                out.writeBytes(header.getKey().getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(header.getValue());
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (body != null && chunked) {
                out.writeBytes("Transfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int start = 0; start < body.length; start += 8192) {
                    int length = Math.min(8192, body.length - start);
                    out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, start, length);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body != null) {
                out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
            } else {
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            return out.toByteArray();
        }

        /** For a failure message: printable, and short. */
        String describe() {
            String text = new String(bytes(), StandardCharsets.UTF_8);
            return text.length() > 600 ? text.substring(0, 600) + "… (" + text.length() + " chars)" : text;
        }
    }

    /** @param contentType lower case, null if none */
    record Response(int status, String contentType, Map<String, String> headers, String body) {
    }

    Response send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and close before it has read a large body: its answer still counts.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset after a complete answer (the server refused the rest of a body) is not the answer's fault.
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        // An interim answer (100 Continue) comes before the one that counts.
        if (text.startsWith("HTTP/1.1 1") && end >= 0) {
            return parse(java.util.Arrays.copyOfRange(raw, end + 4, raw.length));
        }
        if (!text.startsWith("HTTP/")) {
            // A request line without a protocol (a raw CR or LF in the target) is HTTP/0.9: the answer is the body
            // alone, so its status can only be read from the problem document it should be.
            return new Response(HTTP_09, null, Map.of(), new String(raw, StandardCharsets.UTF_8));
        }
        if (end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        String contentType = headers.get("content-type");
        return new Response(status, contentType == null ? null : contentType.toLowerCase(Locale.ROOT), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("truncated chunked body");
    }
}
