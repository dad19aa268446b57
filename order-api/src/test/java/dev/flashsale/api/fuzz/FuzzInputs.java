package dev.flashsale.api.fuzz;

import static net.jqwik.api.Tuple.of;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.fuzz.RawHttp.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What a hostile or broken client sends the API, as jqwik arbitraries: well-formed orders with one field gone wrong,
 * JSON of any shape, JSON cut or corrupted byte-wise, raw bytes; every header and path parameter drawn from the same
 * nasty strings (SQL and header injection, invalid surrogates, right-to-left and zero-width characters, emoji,
 * control characters, very long values).
 */
final class FuzzInputs {

    /** Strings that have broken web applications before. */
    static final List<String> NASTY = List.of("", " ", "\t", "null", "undefined", "0", "-1", "NaN", "[]", "{}",
            "' OR '1'='1", "1; DROP TABLE orders;--", "\"; DELETE FROM products; --", "' UNION SELECT * FROM orders--",
            "%' AND 1=0 UNION SELECT version()--", "\\'; SELECT pg_sleep(5);--",
            "\r\nX-Injected: yes", "a\r\n\r\nHTTP/1.1 200 OK", "\n", "\u0000", "a\u0000b", "\u001b[31m",
            "\ud800", "\udfff", "a\ud83d", "\ud83d\ude00", "🔥🛒💥", "\u202eevil\u202c", "\u200b", "\ufeff", "\uffff",
            "زمانی‌که", "עברית", "Ω≈ç√∫", "𝕿𝖍𝖊", "../../etc/passwd", "..%2f..%2f", "%00", "%", "%ZZ", "${jndi:ldap://x/a}",
            "{{7*7}}", "<script>alert(1)</script>", "a".repeat(129), "x".repeat(5_000), "\\", "\"", "'", "`", ";",
            "$", "#", "?", "&", "=", "/", "+", "*", "\u0085", "\u2028", "\u00a0");

    private final String productId;
    private final List<String> buyers;

    FuzzInputs(String productId, List<String> buyers) {
        this.productId = productId;
        this.buyers = buyers;
    }

    Arbitrary<Request> requests() {
        return Arbitraries.frequencyOf(
                of(45, placeOrder()),
                of(15, getOrder()),
                of(8, getProduct()),
                of(6, listProducts()),
                of(8, createProduct()),
                of(10, replenish()),
                of(8, anything()));
    }

    // ---- endpoints

    private Arbitrary<Request> placeOrder() {
        return Combinators.combine(method("POST"), orderBody(), contentType(), authorization(), idempotencyKey(),
                Arbitraries.integers().between(0, 9)).as((method, body, type, authorization, key, encoding) -> {
                    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
                    type.ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
                    authorization.forEach(value -> headers.add(Map.entry("Authorization", value)));
                    key.ifPresent(value -> headers.add(Map.entry("Idempotency-Key", value)));
                    return new Request(method, ascii("/api/orders"), headers, body, encoding == 0);
                });
    }

    private Arbitrary<Request> getOrder() {
        return Combinators.combine(method("GET"), pathSegment(), waitParameter(), authorization())
                .as((method, id, wait, authorization) -> new Request(method, concat(ascii("/api/orders/"), id, wait),
                        authorization.stream().map(value -> Map.entry("Authorization", value)).toList(), null,
                        false));
    }

    private Arbitrary<Request> getProduct() {
        return Combinators.combine(method("GET"), Arbitraries.oneOf(Arbitraries.just(ascii(productId)), pathSegment()))
                .as((method, id) -> new Request(method, concat(ascii("/api/products/"), id), List.of(), null, false));
    }

    private Arbitrary<Request> listProducts() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("", "-0", "1e3", "0x10", "99999999999999999999", "1.5", " 1"), text());
        return Combinators.combine(method("GET"), number, number).as((method, page, size) -> new Request(method,
                ascii("/api/products?page=" + encode(page) + "&size=" + encode(size)), List.of(), null, false));
    }

    private Arbitrary<Request> createProduct() {
        Arbitrary<String> body = Combinators.combine(jsonString(), jsonNumber(), jsonNumber())
                .as((name, price, stock) -> "{\"name\":" + name + ",\"price\":" + price + ",\"stock\":" + stock + "}");
        return catalogWrite(ascii("/api/products"), Arbitraries.oneOf(body, json()));
    }

    private Arbitrary<Request> replenish() {
        Arbitrary<byte[]> target = Arbitraries.oneOf(Arbitraries.just(ascii(productId)).withoutEdgeCases(),
                pathSegment()).map(id -> concat(ascii("/api/products/"), id, ascii("/stock")));
        return target.flatMap(path -> catalogWrite(path, Arbitraries.oneOf(
                jsonNumber().map(delta -> "{\"delta\":" + delta + "}"), json())));
    }

    private Arbitrary<Request> catalogWrite(byte[] path, Arbitrary<String> json) {
        return Combinators.combine(method("POST"), json.flatMap(this::encoded), contentType(),
                Arbitraries.oneOf(Arbitraries.just(List.of(ascii("Bearer " + TestTokens.admin("ops")))),
                        authorization()))
                .as((method, body, type, authorization) -> {
                    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
                    type.ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
                    authorization.forEach(value -> headers.add(Map.entry("Authorization", value)));
                    return new Request(method, path, headers, body, false);
                });
    }

    /** Any method on any of the paths, with any body. */
    private Arbitrary<Request> anything() {
        Arbitrary<byte[]> path = Arbitraries.oneOf(
                Arbitraries.of("/api/orders", "/api/products", "/api/orders/", "/api", "/", "/error", "/api/orders/x/y",
                        "/api/products/x/stock/z", "/API/ORDERS", "//api//orders", "/api/orders;x=1", "/api/./orders",
                        "/api/orders/%2e%2e/products", "/api/orders/..;/x", "/api/orders?wait=1&wait=2",
                        "/api/products?size=1&size=2", "*").map(FuzzInputs::ascii),
                pathSegment().map(segment -> concat(ascii("/api/"), segment)));
        return Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
                "CONNECT", "FOO", "get"), path, Arbitraries.oneOf(orderBody(), Arbitraries.just(null)), contentType(),
                authorization()).as((method, target, body, type, authorization) -> {
                    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
                    type.ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
                    authorization.forEach(value -> headers.add(Map.entry("Authorization", value)));
                    return new Request(method, target, headers, body, false);
                });
    }

    // ---- bodies

    /** An order body: mostly the right shape with something wrong in it, so that validation is reached. */
    Arbitrary<byte[]> orderBody() {
        return Arbitraries.frequencyOf(
                of(30, shapedOrder()),
                of(15, json()),
                of(15, shapedOrder().flatMap(FuzzInputs::corrupted)),
                of(5, cart()),
                of(5, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(String::new)))
                .flatMap(this::encoded);
    }

    private Arbitrary<String> shapedOrder() {
        Arbitrary<String> product = Arbitraries.frequencyOf(of(6, Arbitraries.just(quote(productId))),
                of(3, jsonString()), of(1, jsonNumber()), of(1, Arbitraries.just("null")));
        Arbitrary<String> quantity = Arbitraries.frequencyOf(of(6, Arbitraries.integers().between(1, 3).map(String::valueOf)),
                of(4, jsonNumber()), of(1, jsonString()));
        Arbitrary<String> customer = Arbitraries.frequencyOf(of(5, Arbitraries.just("")),
                of(2, Arbitraries.of(buyers).map(buyer -> "\"customerId\":" + quote(buyer) + ",")),
                of(2, jsonString().map(value -> "\"customerId\":" + value + ",")));
        Arbitrary<String> extra = Arbitraries.frequencyOf(of(8, Arbitraries.just("")),
                of(1, Arbitraries.just(",\"items\":[]")), of(1, Arbitraries.just(",\"quantity\":1")),
                of(1, jsonString().map(value -> "," + value + ":1")));
        return Combinators.combine(customer, product, quantity, extra)
                .as((c, p, q, x) -> "{" + c + "\"items\":[{\"productId\":" + p + ",\"quantity\":" + q + "}]" + x + "}");
    }

    /** Many lines, up to 10,000: over the body limit beyond a few hundred. */
    private Arbitrary<String> cart() {
        return Arbitraries.integers().between(2, 10_000).map(lines -> {
            StringBuilder json = new StringBuilder("{\"items\":[");
            for (int line = 0; line < lines; line++) {
                json.append(line == 0 ? "" : ",").append("{\"productId\":").append(quote(productId))
                        .append(",\"quantity\":1}");
            }
            return json.append("]}").toString();
        });
    }

    /** JSON of any shape, nested up to 6 deep. */
    Arbitrary<String> json() {
        return Arbitraries.recursive(this::jsonScalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(values -> "[" + String.join(",", values) + "]"),
                Combinators.combine(Arbitraries.oneOf(jsonString(), Arbitraries.of("\"items\"", "\"productId\"",
                        "\"quantity\"", "\"customerId\"")), inner).as((key, value) -> key + ":" + value)
                        .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}")), 0, 6);
    }

    private Arbitrary<String> jsonScalar() {
        return Arbitraries.oneOf(jsonString(), jsonNumber(), Arbitraries.of("true", "false", "null"));
    }

    /** Numbers, including ones no Java number holds and ones JSON does not allow. */
    Arbitrary<String> jsonNumber() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
                        new java.math.BigInteger("1" + "0".repeat(40))).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("0", "-0", "1.0", "1.5", "1e3", "1E400", "-1e-400", "01", "+1", ".5", "0x10", "NaN",
                        "Infinity", "-Infinity", "1_000", "10000", "10001", "2147483647", "2147483648", "-2147483649",
                        "9223372036854775808", "\"1\"", "[1]", "{}"));
    }

    /** A JSON string literal, escaped (lone surrogates as escapes) or, now and then, raw. */
    Arbitrary<String> jsonString() {
        return Arbitraries.frequencyOf(of(8, text().map(FuzzInputs::quote)), of(1, text().map(raw -> "\"" + raw + "\"")));
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
    }

    /** Cut short, a byte changed, a character added or removed, a key doubled, or wrapped. */
    private static Arbitrary<String> corrupted(String json) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, json.length());
        return Arbitraries.oneOf(
                at.map(i -> json.substring(0, i)),
                at.map(i -> json.substring(0, i) + json.substring(Math.min(json.length(), i + 1))),
                Combinators.combine(at, Arbitraries.chars().all()).as((i, c) -> json.substring(0, i) + c
                        + json.substring(i)),
                Arbitraries.just(json.replaceFirst("\\{", "{\"items\":null,")),
                Arbitraries.just(json.replace("\"quantity\":", "\"quantity\":1,\"quantity\":")),
                Arbitraries.just("[" + json + "]"),
                Arbitraries.just(json + json),
                Arbitraries.just(json.replace('"', '\'')));
    }

    /** UTF-8 mostly; sometimes another charset, a byte-order mark, or bytes that are not UTF-8 at all. */
    private Arbitrary<byte[]> encoded(String text) {
        return Arbitraries.frequencyOf(
                of(20, Arbitraries.just(text.getBytes(StandardCharsets.UTF_8))),
                of(1, Arbitraries.just(text.getBytes(StandardCharsets.UTF_16))),
                of(1, Arbitraries.just(text.getBytes(StandardCharsets.ISO_8859_1))),
                of(1, Arbitraries.just(concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                        text.getBytes(StandardCharsets.UTF_8)))),
                of(2, Combinators.combine(Arbitraries.integers().between(0, text.length()),
                        Arbitraries.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3, 0x28 },
                                new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { 0 },
                                new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }))
                        .as((i, bad) -> concat(text.substring(0, i).getBytes(StandardCharsets.UTF_8), bad,
                                text.substring(i).getBytes(StandardCharsets.UTF_8)))));
    }

    // ---- headers and the request line

    private static Arbitrary<String> method(String right) {
        return Arbitraries.frequencyOf(of(12, Arbitraries.just(right)),
                of(1, Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")));
    }

    private static Arbitrary<java.util.Optional<byte[]>> contentType() {
        return Arbitraries.frequencyOf(
                of(12, Arbitraries.just("application/json")),
                of(6, Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=utf-16",
                        "application/json;charset=nonsense", "application/json;charset=", "APPLICATION/JSON",
                        "application/json;;;", "application/json; boundary=\"x", "text/plain", "text/json",
                        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "*/*", "application/*", "", "json", "application/problem+json", "application/merge-patch+json",
                        "application/vnd.flashsale+json", "application/json\r\nX-Injected: yes",
                        "application/json, text/plain")),
                of(2, text()))
                .map(value -> java.util.Optional.of(value.getBytes(StandardCharsets.UTF_8)))
                .injectNull(0.1).map(value -> value == null ? java.util.Optional.empty() : value);
    }

    /** Zero, one or two Authorization headers. */
    private Arbitrary<List<byte[]>> authorization() {
        Arbitrary<String> valid = Arbitraries.of(buyers).map(buyer -> "Bearer " + TestTokens.buyer(buyer));
        Arbitrary<String> odd = Arbitraries.oneOf(
                text().map(value -> "Bearer " + value),
                text(),
                // A correctly signed token whose subject is itself hostile.
                text().filter(subject -> !subject.isBlank() && subject.length() <= 128)
                        .map(subject -> "Bearer " + TestTokens.buyer(subject)),
                valid.map(value -> value.replace("Bearer ", "bearer ")),
                valid.map(value -> value + "x"),
                valid.map(value -> value.replace("Bearer ", "Bearer  ")),
                Arbitraries.of("Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer a.b.c", "Bearer ....",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJjLTEifQ."));
        return Arbitraries.frequencyOf(
                of(14, valid.map(value -> List.of(ascii(value)))),
                of(4, odd.map(value -> List.of(value.getBytes(StandardCharsets.UTF_8)))),
                of(1, Arbitraries.just(List.of())),
                of(1, Combinators.combine(valid, odd).as((a, b) -> List.of(ascii(a),
                        b.getBytes(StandardCharsets.UTF_8)))));
    }

    private Arbitrary<java.util.Optional<byte[]>> idempotencyKey() {
        return Arbitraries.frequencyOf(
                of(6, Arbitraries.just(java.util.Optional.<byte[]>empty())),
                of(3, Arbitraries.strings().withCharRange('a', 'f').ofLength(3).map(key -> java.util.Optional.of(ascii(key)))),
                of(3, text().map(key -> java.util.Optional.of(key.getBytes(StandardCharsets.UTF_8)))));
    }

    /** A path segment: percent-encoded as a careful client would, or sent raw as a careless one does. */
    private static Arbitrary<byte[]> pathSegment() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("..", ".", "%2e%2e", "%2F", "%5C", "a%00b", "%ZZ", "x;jsessionid=1", "x;a=b", "~",
                        "x".repeat(10_000), "%25", "%C0%AF", "%ED%A0%80", "%FF"));
        return Arbitraries.frequencyOf(
                of(3, text.map(value -> ascii(encode(value)))),
                of(1, text.map(value -> value.getBytes(StandardCharsets.UTF_8))));
    }

    private static Arbitrary<byte[]> waitParameter() {
        return Arbitraries.frequencyOf(
                of(4, Arbitraries.just(new byte[0])),
                of(2, Arbitraries.of("0", "1ms", "5s", "500ms", "-1", "1h", "PT5S", "99999999999", "1s ", "s", "1.5s",
                        "1e3", "0x10").map(value -> ascii("?wait=" + encode(value)))),
                of(2, Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().all().ofMaxLength(20))
                        .map(value -> ascii("?wait=" + encode(value)))),
                of(1, Arbitraries.of("?wait", "?wait=", "?wait=1&wait=2", "?=1", "?wait=%", "?wait=%ZZ",
                        "?wait=1;DROP TABLE orders").map(FuzzInputs::ascii)));
    }

    // ---- helpers

    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
