package dev.flashsale.api.fuzz;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.fuzz.RawHttp.Request;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a hostile or broken client sends the API, drawn from a {@link Random} so that a fixed seed gives the same
 * requests every run: well-formed orders with one field gone wrong, JSON of any shape, JSON cut or corrupted byte-wise,
 * raw bytes; every header and path parameter drawn from the same nasty strings (SQL and header injection, invalid
 * surrogates, right-to-left and zero-width characters, emoji, control characters, very long values). The few
 * generator combinators it needs are in {@link Gen}, so no property-testing library is involved.
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

    private static final int JSON_DEPTH = 6;
    private static final BigInteger TEN_TO_THE_40 = BigInteger.TEN.pow(40);

    private final String productId;
    private final List<String> buyers;
    private final Gen<Request> requests;

    FuzzInputs(String productId, List<String> buyers) {
        this.productId = productId;
        this.buyers = buyers;
        this.requests = frequency(
                weighted(45, placeOrder()),
                weighted(15, getOrder()),
                weighted(8, orderCommand()),
                weighted(5, orderEvents()),
                weighted(8, getProduct()),
                weighted(6, listProducts()),
                weighted(8, createProduct()),
                weighted(10, replenish()),
                weighted(8, anything()));
    }

    /** The next request; the same sequence of calls on equally seeded randoms gives the same requests. */
    Request next(Random random) {
        return requests.next(random);
    }

    // ---- endpoints

    private Gen<Request> placeOrder() {
        Gen<String> method = method("POST");
        Gen<byte[]> body = orderBody();
        Gen<Optional<byte[]>> type = contentType();
        Gen<List<byte[]>> authorization = authorization();
        Gen<Optional<byte[]>> key = idempotencyKey();
        Gen<Integer> encoding = ints(0, 9);
        return random -> {
            String verb = method.next(random);
            byte[] content = body.next(random);
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            type.next(random).ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
            authorization.next(random).forEach(value -> headers.add(Map.entry("Authorization", value)));
            key.next(random).ifPresent(value -> headers.add(Map.entry("Idempotency-Key", value)));
            return new Request(verb, ascii("/api/orders"), headers, content, encoding.next(random) == 0);
        };
    }

    private Gen<Request> getOrder() {
        Gen<String> method = method("GET");
        Gen<byte[]> id = pathSegment();
        Gen<byte[]> wait = waitParameter();
        Gen<List<byte[]>> authorization = authorization();
        return random -> new Request(method.next(random),
                concat(ascii("/api/orders/"), id.next(random), wait.next(random)),
                authorization.next(random).stream().map(value -> Map.entry("Authorization", value)).toList(), null,
                false);
    }

    /**
     * Status streams of orders that do not exist (a stream of a real one would stay open): IDs as the API gives them,
     * so that most reach the lookup, or any path segment; with and without a Last-Event-ID, right or hostile.
     */
    private Gen<Request> orderEvents() {
        Gen<String> method = method("GET");
        Gen<byte[]> id = frequency(weighted(2, random -> ascii(new UUID(random.nextLong(), random.nextLong())
                .toString())), weighted(1, pathSegment()));
        Gen<Optional<byte[]>> lastEventId = frequency(
                weighted(3, just(Optional.empty())),
                weighted(2, of("PENDING", "ACCEPTED", "PAID", "", "accepted", "0", "PENDING:1")
                        .map(value -> Optional.of(ascii(value)))),
                weighted(2, text().map(value -> Optional.of(value.getBytes(StandardCharsets.UTF_8)))));
        Gen<List<byte[]>> authorization = authorization();
        return random -> {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            authorization.next(random).forEach(value -> headers.add(Map.entry("Authorization", value)));
            lastEventId.next(random).ifPresent(value -> headers.add(Map.entry("Last-Event-ID", value)));
            return new Request(method.next(random), concat(ascii("/api/orders/"), id.next(random), ascii("/events")),
                    headers, null, false);
        };
    }

    /** Payments and cancellations: the body is validated before the order is looked up, so most reach the checks. */
    private Gen<Request> orderCommand() {
        Gen<String> method = method("POST");
        Gen<byte[]> id = pathSegment();
        Gen<String> command = of("/payment", "/cancel");
        Gen<String> string = jsonString();
        Gen<String> number = jsonNumber();
        Gen<String> payment = random -> "{\"amount\":" + number.next(random) + ",\"paymentReference\":"
                + string.next(random) + "}";
        Gen<String> body = oneOf(payment, json());
        Gen<Optional<byte[]>> type = contentType();
        Gen<List<byte[]>> authorization = authorization();
        return random -> {
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            type.next(random).ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
            authorization.next(random).forEach(value -> headers.add(Map.entry("Authorization", value)));
            return new Request(method.next(random),
                    concat(ascii("/api/orders/"), id.next(random), ascii(command.next(random))), headers,
                    body.next(random).getBytes(StandardCharsets.UTF_8), false);
        };
    }

    private Gen<Request> getProduct() {
        Gen<String> method = method("GET");
        Gen<byte[]> id = oneOf(just(ascii(productId)), pathSegment());
        return random -> new Request(method.next(random), concat(ascii("/api/products/"), id.next(random)), List.of(),
                null, false);
    }

    private Gen<Request> listProducts() {
        Gen<String> method = method("GET");
        Gen<String> number = oneOf(anyInt().map(String::valueOf),
                of("", "-0", "1e3", "0x10", "99999999999999999999", "1.5", " 1"), text());
        return random -> new Request(method.next(random), ascii("/api/products?page=" + encode(number.next(random))
                + "&size=" + encode(number.next(random))), List.of(), null, false);
    }

    private Gen<Request> createProduct() {
        Gen<String> string = jsonString();
        Gen<String> number = jsonNumber();
        Gen<String> body = random -> "{\"name\":" + string.next(random) + ",\"price\":" + number.next(random)
                + ",\"stock\":" + number.next(random) + "}";
        return catalogWrite(just(ascii("/api/products")), oneOf(body, json()));
    }

    private Gen<Request> replenish() {
        Gen<byte[]> target = oneOf(just(ascii(productId)), pathSegment())
                .map(id -> concat(ascii("/api/products/"), id, ascii("/stock")));
        return catalogWrite(target, oneOf(jsonNumber().map(delta -> "{\"delta\":" + delta + "}"), json()));
    }

    private Gen<Request> catalogWrite(Gen<byte[]> path, Gen<String> json) {
        Gen<String> method = method("POST");
        Gen<byte[]> body = json.flatMap(FuzzInputs::encoded);
        Gen<Optional<byte[]>> type = contentType();
        Gen<List<byte[]>> authorization = oneOf(just(List.of(ascii("Bearer " + TestTokens.admin("ops")))),
                authorization());
        return random -> {
            byte[] target = path.next(random);
            String verb = method.next(random);
            byte[] content = body.next(random);
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            type.next(random).ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
            authorization.next(random).forEach(value -> headers.add(Map.entry("Authorization", value)));
            return new Request(verb, target, headers, content, false);
        };
    }

    /** Any method on any of the paths, with any body. */
    private Gen<Request> anything() {
        Gen<String> method = of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO",
                "get");
        Gen<byte[]> path = oneOf(
                of("/api/orders", "/api/products", "/api/orders/", "/api", "/", "/error", "/api/orders/x/y",
                        "/api/products/x/stock/z", "/API/ORDERS", "//api//orders", "/api/orders;x=1", "/api/./orders",
                        "/api/orders/%2e%2e/products", "/api/orders/..;/x", "/api/orders?wait=1&wait=2",
                        "/api/products?size=1&size=2", "*").map(FuzzInputs::ascii),
                pathSegment().map(segment -> concat(ascii("/api/"), segment)));
        Gen<byte[]> body = oneOf(orderBody(), just(null));
        Gen<Optional<byte[]>> type = contentType();
        Gen<List<byte[]>> authorization = authorization();
        return random -> {
            String verb = method.next(random);
            byte[] target = path.next(random);
            byte[] content = body.next(random);
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            type.next(random).ifPresent(value -> headers.add(Map.entry("Content-Type", value)));
            authorization.next(random).forEach(value -> headers.add(Map.entry("Authorization", value)));
            return new Request(verb, target, headers, content, false);
        };
    }

    // ---- bodies

    /** An order body: mostly the right shape with something wrong in it, so that validation is reached. */
    private Gen<byte[]> orderBody() {
        return frequency(
                weighted(30, shapedOrder()),
                weighted(15, json()),
                weighted(15, shapedOrder().flatMap(FuzzInputs::corrupted)),
                weighted(5, cart()),
                weighted(5, rawBytes(300).map(String::new)))
                .flatMap(FuzzInputs::encoded);
    }

    private Gen<String> shapedOrder() {
        Gen<String> product = frequency(weighted(6, just(quote(productId))), weighted(3, jsonString()),
                weighted(1, jsonNumber()), weighted(1, just("null")));
        Gen<String> quantity = frequency(weighted(6, ints(1, 3).map(String::valueOf)), weighted(4, jsonNumber()),
                weighted(1, jsonString()));
        Gen<String> customer = frequency(weighted(5, just("")),
                weighted(2, of(buyers).map(buyer -> "\"customerId\":" + quote(buyer) + ",")),
                weighted(2, jsonString().map(value -> "\"customerId\":" + value + ",")));
        Gen<String> extra = frequency(weighted(8, just("")), weighted(1, just(",\"items\":[]")),
                weighted(1, just(",\"quantity\":1")), weighted(1, jsonString().map(value -> "," + value + ":1")));
        return random -> "{" + customer.next(random) + "\"items\":[{\"productId\":" + product.next(random)
                + ",\"quantity\":" + quantity.next(random) + "}]" + extra.next(random) + "}";
    }

    /** Many lines, up to 10,000: over the body limit beyond a few hundred. */
    private Gen<String> cart() {
        return ints(2, 10_000).map(lines -> {
            StringBuilder json = new StringBuilder("{\"items\":[");
            for (int line = 0; line < lines; line++) {
                json.append(line == 0 ? "" : ",").append("{\"productId\":").append(quote(productId))
                        .append(",\"quantity\":1}");
            }
            return json.append("]}").toString();
        });
    }

    /** JSON of any shape, nested 0 to 6 deep (the depth drawn evenly, each level made of the one below). */
    private static Gen<String> json() {
        Gen<String> key = oneOf(jsonString(), of("\"items\"", "\"productId\"", "\"quantity\"", "\"customerId\""));
        List<Gen<String>> byDepth = new ArrayList<>(List.of(jsonScalar()));
        for (int depth = 1; depth <= JSON_DEPTH; depth++) {
            Gen<String> inner = byDepth.get(depth - 1);
            Gen<String> member = random -> key.next(random) + ":" + inner.next(random);
            byDepth.add(oneOf(list(inner, 4).map(values -> "[" + String.join(",", values) + "]"),
                    list(member, 4).map(members -> "{" + String.join(",", members) + "}")));
        }
        return ints(0, JSON_DEPTH).flatMap(byDepth::get);
    }

    private static Gen<String> jsonScalar() {
        return oneOf(jsonString(), jsonNumber(), of("true", "false", "null"));
    }

    /** Numbers, including ones no Java number holds and ones JSON does not allow. */
    private static Gen<String> jsonNumber() {
        return oneOf(
                anyInt().map(String::valueOf),
                anyLong().map(String::valueOf),
                bigIntegers(TEN_TO_THE_40).map(String::valueOf),
                doubles().map(String::valueOf),
                of("0", "-0", "1.0", "1.5", "1e3", "1E400", "-1e-400", "01", "+1", ".5", "0x10", "NaN",
                        "Infinity", "-Infinity", "1_000", "10000", "10001", "2147483647", "2147483648", "-2147483649",
                        "9223372036854775808", "\"1\"", "[1]", "{}"));
    }

    /** A JSON string literal, escaped (lone surrogates as escapes) or, now and then, raw. */
    private static Gen<String> jsonString() {
        return frequency(weighted(8, text().map(FuzzInputs::quote)), weighted(1, text().map(raw -> "\"" + raw + "\"")));
    }

    private static Gen<String> text() {
        return oneOf(of(NASTY), strings(40), asciiStrings(40));
    }

    /** Cut short, a byte changed, a character added or removed, a key doubled, or wrapped. */
    private static Gen<String> corrupted(String json) {
        Gen<Integer> at = ints(0, json.length());
        return oneOf(
                at.map(i -> json.substring(0, i)),
                at.map(i -> json.substring(0, i) + json.substring(Math.min(json.length(), i + 1))),
                random -> {
                    int i = at.next(random);
                    return json.substring(0, i) + anyChar(random) + json.substring(i);
                },
                just(json.replaceFirst("\\{", "{\"items\":null,")),
                just(json.replace("\"quantity\":", "\"quantity\":1,\"quantity\":")),
                just("[" + json + "]"),
                just(json + json),
                just(json.replace('"', '\'')));
    }

    /** UTF-8 mostly; sometimes another charset, a byte-order mark, or bytes that are not UTF-8 at all. */
    private static Gen<byte[]> encoded(String text) {
        Gen<byte[]> bad = of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3, 0x28 },
                new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { 0 },
                new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
        Gen<Integer> at = ints(0, text.length());
        return frequency(
                weighted(20, just(text.getBytes(StandardCharsets.UTF_8))),
                weighted(1, just(text.getBytes(StandardCharsets.UTF_16))),
                weighted(1, just(text.getBytes(StandardCharsets.ISO_8859_1))),
                weighted(1, just(concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                        text.getBytes(StandardCharsets.UTF_8)))),
                weighted(2, random -> {
                    int i = at.next(random);
                    return concat(text.substring(0, i).getBytes(StandardCharsets.UTF_8), bad.next(random),
                            text.substring(i).getBytes(StandardCharsets.UTF_8));
                }));
    }

    // ---- headers and the request line

    private static Gen<String> method(String right) {
        return frequency(weighted(12, just(right)),
                weighted(1, of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")));
    }

    /** Absent one time in ten. */
    private static Gen<Optional<byte[]>> contentType() {
        Gen<Optional<byte[]>> present = frequency(
                weighted(12, just("application/json")),
                weighted(6, of("application/json;charset=UTF-8", "application/json; charset=utf-16",
                        "application/json;charset=nonsense", "application/json;charset=", "APPLICATION/JSON",
                        "application/json;;;", "application/json; boundary=\"x", "text/plain", "text/json",
                        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "*/*", "application/*", "", "json", "application/problem+json", "application/merge-patch+json",
                        "application/vnd.flashsale+json", "application/json\r\nX-Injected: yes",
                        "application/json, text/plain")),
                weighted(2, text()))
                .map(value -> Optional.of(value.getBytes(StandardCharsets.UTF_8)));
        return frequency(weighted(9, present), weighted(1, just(Optional.empty())));
    }

    /** Zero, one or two Authorization headers. */
    private Gen<List<byte[]>> authorization() {
        Gen<String> valid = of(buyers).map(buyer -> "Bearer " + TestTokens.buyer(buyer));
        Gen<String> odd = oneOf(
                text().map(value -> "Bearer " + value),
                text(),
                // A correctly signed token whose subject is itself hostile.
                text().filter(subject -> !subject.isBlank() && subject.length() <= 128)
                        .map(subject -> "Bearer " + TestTokens.buyer(subject)),
                valid.map(value -> value.replace("Bearer ", "bearer ")),
                valid.map(value -> value + "x"),
                valid.map(value -> value.replace("Bearer ", "Bearer  ")),
                of("Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer a.b.c", "Bearer ....",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJjLTEifQ."));
        return frequency(
                weighted(14, valid.map(value -> List.of(ascii(value)))),
                weighted(4, odd.map(value -> List.of(value.getBytes(StandardCharsets.UTF_8)))),
                weighted(1, just(List.of())),
                weighted(1, random -> List.of(ascii(valid.next(random)),
                        odd.next(random).getBytes(StandardCharsets.UTF_8))));
    }

    private static Gen<Optional<byte[]>> idempotencyKey() {
        return frequency(
                weighted(6, just(Optional.empty())),
                weighted(3, strings(chars('a', 'f'), 3, 3).map(key -> Optional.of(ascii(key)))),
                weighted(3, text().map(key -> Optional.of(key.getBytes(StandardCharsets.UTF_8)))));
    }

    /** A path segment: percent-encoded as a careful client would, or sent raw as a careless one does. */
    private static Gen<byte[]> pathSegment() {
        Gen<String> text = oneOf(of(NASTY), strings(40),
                of("..", ".", "%2e%2e", "%2F", "%5C", "a%00b", "%ZZ", "x;jsessionid=1", "x;a=b", "~",
                        "x".repeat(10_000), "%25", "%C0%AF", "%ED%A0%80", "%FF"));
        return frequency(
                weighted(3, text.map(value -> ascii(encode(value)))),
                weighted(1, text.map(value -> value.getBytes(StandardCharsets.UTF_8))));
    }

    private static Gen<byte[]> waitParameter() {
        return frequency(
                weighted(4, just(new byte[0])),
                weighted(2, of("0", "1ms", "5s", "500ms", "-1", "1h", "PT5S", "99999999999", "1s ", "s", "1.5s",
                        "1e3", "0x10").map(value -> ascii("?wait=" + encode(value)))),
                weighted(2, oneOf(of(NASTY), strings(20)).map(value -> ascii("?wait=" + encode(value)))),
                weighted(1, of("?wait", "?wait=", "?wait=1&wait=2", "?=1", "?wait=%", "?wait=%ZZ",
                        "?wait=1;DROP TABLE orders").map(FuzzInputs::ascii)));
    }

    // ---- the generators: just enough combinators for the inputs above

    /** A value drawn from the random it is given, and from nothing else, so that a seed replays a run. */
    @FunctionalInterface
    private interface Gen<T> {

        T next(Random random);

        default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
            return random -> mapper.apply(next(random));
        }

        default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> mapper) {
            return random -> mapper.apply(next(random)).next(random);
        }

        /** Draws again until the value is kept; only for predicates most values pass. */
        default Gen<T> filter(Predicate<? super T> keep) {
            return random -> {
                for (int attempt = 0; attempt < 10_000; attempt++) {
                    T value = next(random);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("the filter keeps almost nothing");
            };
        }
    }

    private record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    private static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    private static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    private static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    private static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> choices = List.of(gens);
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    @SafeVarargs
    private static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> weighted = List.of(choices);
        int total = weighted.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : weighted) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new AssertionError("weights add up to " + total);
        };
    }

    /** Evenly between min and max, both included. */
    private static Gen<Integer> ints(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /** Any int, with the edges and small values far more often than an even draw would give them. */
    private static Gen<Integer> anyInt() {
        return frequency(weighted(1, of(0, 1, -1, 2, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE,
                Integer.MAX_VALUE - 1)), weighted(3, ints(-1_000, 1_000)), weighted(4, Random::nextInt));
    }

    /** Any long, edges and small values favoured as in {@link #anyInt()}. */
    private static Gen<Long> anyLong() {
        return frequency(weighted(1, of(0L, 1L, -1L, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE,
                Long.MAX_VALUE - 1, (long) Integer.MAX_VALUE + 1)), weighted(3, random -> random.nextLong(-1_000_000,
                1_000_001)), weighted(4, Random::nextLong));
    }

    /** Between -bound and bound, of any number of digits up to the bound's. */
    private static Gen<BigInteger> bigIntegers(BigInteger bound) {
        return random -> {
            BigInteger magnitude = new BigInteger(1 + random.nextInt(bound.bitLength()), random).min(bound);
            return random.nextBoolean() ? magnitude : magnitude.negate();
        };
    }

    /** Finite doubles: edges, plain decimals, and any bit pattern that is a number. */
    private static Gen<Double> doubles() {
        Gen<Double> anyBits = random -> Double.longBitsToDouble(random.nextLong());
        return frequency(
                weighted(1, of(0.0, -0.0, 1.0, -1.0, 0.01, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                        Double.MAX_VALUE, -Double.MAX_VALUE)),
                weighted(3, random -> Math.round(random.nextDouble(-1_000_000, 1_000_000) * 100) / 100.0),
                weighted(2, anyBits.filter(Double::isFinite)));
    }

    /** Any char: printable ASCII, control characters, lone surrogate halves, anything else in the BMP. */
    private static char anyChar(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> (char) random.nextInt(' ', '~' + 1);
            case 3 -> (char) (random.nextBoolean() ? random.nextInt(0, 0x20) : random.nextInt(0x7F, 0xA0));
            case 4 -> (char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
            default -> (char) random.nextInt(Character.MIN_VALUE, Character.MAX_VALUE + 1);
        };
    }

    private static Gen<Character> chars(char first, char last) {
        return random -> (char) random.nextInt(first, last + 1);
    }

    private static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return random -> {
            int length = random.nextInt(minLength, maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(chars.next(random).charValue());
            }
            return text.toString();
        };
    }

    /** Up to maxLength chars of any kind; one in twenty places holds a well-formed pair (emoji and the like). */
    private static Gen<String> strings(int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                if (length - text.length() >= 2 && random.nextInt(20) == 0) {
                    text.appendCodePoint(random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT,
                            Character.MAX_CODE_POINT + 1));
                } else {
                    text.append(anyChar(random));
                }
            }
            return text.toString();
        };
    }

    private static Gen<String> asciiStrings(int maxLength) {
        return strings(chars(' ', '~'), 0, maxLength);
    }

    private static <T> Gen<List<T>> list(Gen<T> elements, int maxSize) {
        return random -> {
            int size = random.nextInt(maxSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(elements.next(random));
            }
            return values;
        };
    }

    private static Gen<byte[]> rawBytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
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
