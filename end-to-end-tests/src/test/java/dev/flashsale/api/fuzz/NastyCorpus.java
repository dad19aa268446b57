package dev.flashsale.api.fuzz;

import static dev.flashsale.api.fuzz.FuzzInputs.ascii;
import static dev.flashsale.api.fuzz.FuzzInputs.concat;
import static dev.flashsale.api.fuzz.FuzzInputs.quote;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.fuzz.RawHttp.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-picked requests, each named for what it tries: the cases a random search would take long to stumble on. */
final class NastyCorpus {

    record Case(String name, Request request) {
    }

    private final String productId;
    private final String buyerToken;
    private final String adminToken = "Bearer " + TestTokens.admin("ops");
    private final List<Case> cases = new ArrayList<>();

    private NastyCorpus(String productId, String buyer) {
        this.productId = productId;
        this.buyerToken = "Bearer " + TestTokens.buyer(buyer);
    }

    static List<Case> of(String productId, String buyer) {
        NastyCorpus corpus = new NastyCorpus(productId, buyer);
        corpus.bodies();
        corpus.sizes();
        corpus.contentTypes();
        corpus.unicodeAndInjection();
        corpus.numbers();
        corpus.headers();
        corpus.requestLines();
        return List.copyOf(corpus.cases);
    }

    private void bodies() {
        for (String body : List.of("", " ", "null", "[]", "\"items\"", "123", "true", "{}", "{", "}", "{\"items\":}",
                "{\"items\":null}", "{\"items\":[null]}", "{\"items\":[{}]}", "{\"items\":[[]]}", "{\"items\":{}}",
                "{\"items\":\"" + productId + "\"}", "{items:[]}", "{'items':[]}", "{\"items\":[],}",
                "/* c */{\"items\":[]}", "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}garbage",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}{}",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}],\"admin\":true}",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1,\"price\":0}]}",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}],"
                        + "\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1000}]}",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1,\"quantity\":10000}]}",
                "{\"customerId\":\"someone-else\",\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}",
                "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1},{\"productId\":\"" + productId
                        + "\",\"quantity\":1}]}")) {
            order("body " + body, body.getBytes(StandardCharsets.UTF_8));
        }
        order("deeply nested arrays", ("{\"items\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        order("deeply nested objects", ("{\"items\":[{\"productId\":" + "{\"a\":".repeat(5_000) + "1"
                + "}".repeat(5_000) + ",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8));
        order("unclosed deep nesting", "[".repeat(30_000).getBytes(StandardCharsets.UTF_8));
        order("raw binary", new byte[] { 0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 0x7F });
    }

    private void sizes() {
        String line = "{\"productId\":" + quote(productId) + ",\"quantity\":1}";
        order("10,000-line cart, over the limit", cart(line, 10_000));
        send("10,000-line cart, chunked", post("/api/orders", buyerToken, "application/json", cart(line, 10_000), true));
        order("1,000-line cart, under the limit", cart("{\"productId\":\"p\",\"quantity\":1}", 1_000));
        byte[] big = ("{\"items\":[{\"productId\":\"" + "x".repeat(64 * 1024) + "\",\"quantity\":1}]}")
                .getBytes(StandardCharsets.UTF_8);
        order("body one byte over 64 KiB, declared", java.util.Arrays.copyOf(big, 64 * 1024 + 1));
        send("body over 64 KiB, chunked", post("/api/orders", buyerToken, "application/json", big, true));
        order("productId of 60,000 characters", ("{\"items\":[{\"productId\":\"" + "y".repeat(60_000)
                + "\",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8));
        order("quantity of 10,000 digits", ("{\"items\":[{\"productId\":" + quote(productId) + ",\"quantity\":"
                + "9".repeat(10_000) + "}]}").getBytes(StandardCharsets.UTF_8));
        send("product over 64 KiB", post("/api/products", adminToken, "application/json",
                ("{\"name\":\"" + "n".repeat(70_000) + "\",\"price\":1,\"stock\":1}").getBytes(StandardCharsets.UTF_8),
                false));
        send("body sent without any length", new Request("POST", ascii("/api/orders"),
                List.of(Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type",
                        ascii("application/json"))), null, false));
    }

    private void contentTypes() {
        byte[] good = ("{\"items\":[{\"productId\":" + quote(productId) + ",\"quantity\":1}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=----x", "application/json;charset=nonsense",
                "application/json; charset=utf-16", "application/json;charset=", "application/json; boundary=\"x",
                "application/json;;", "application/json/json", "/", "*/*", "application/*", "json", "", ";",
                "application/problem+json", "text/html; charset=utf-8", "application/json;charset=UTF-32BE",
                "application/json;charset=\"utf-8\"", "application/json; q=0", "application/json\u0000",
                "application/json\u00e9")) {
            send("Content-Type " + type, post("/api/orders", buyerToken, type, good, false));
            send("catalog Content-Type " + type, post("/api/products", adminToken, type,
                    "{\"name\":\"n\",\"price\":1,\"stock\":1}".getBytes(StandardCharsets.UTF_8), false));
        }
        send("no Content-Type", new Request("POST", ascii("/api/orders"),
                List.of(Map.entry("Authorization", ascii(buyerToken))), good, false));
        send("UTF-16 body declared UTF-16", post("/api/orders", buyerToken, "application/json;charset=UTF-16",
                new String(good, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16), false));
        send("UTF-16 body declared UTF-8", post("/api/orders", buyerToken, "application/json;charset=UTF-8",
                new String(good, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16), false));
        for (String accept : List.of("application/xml", "text/html", "image/png", "application/json;q=0",
                "*/*;q=nonsense", "garbage")) {
            send("Accept " + accept + " on an error", new Request("POST", ascii("/api/orders"),
                    List.of(Map.entry("Authorization", ascii(buyerToken)), Map.entry("Accept", ascii(accept)),
                            Map.entry("Content-Type", ascii("application/json"))), ascii("{"), false));
            send("Accept " + accept + " without a token", new Request("GET", ascii("/api/orders/x"),
                    List.of(Map.entry("Accept", ascii(accept))), null, false));
            send("Accept " + accept + " on a missing product", new Request("GET", ascii("/api/products/none"),
                    List.of(Map.entry("Accept", ascii(accept))), null, false));
        }
    }

    private void unicodeAndInjection() {
        for (String value : FuzzInputs.NASTY) {
            String quoted = quote(value);
            order("productId " + quoted, ("{\"items\":[{\"productId\":" + quoted + ",\"quantity\":1}]}")
                    .getBytes(StandardCharsets.UTF_8));
            order("customerId " + quoted, ("{\"customerId\":" + quoted + ",\"items\":[{\"productId\":"
                    + quote(productId) + ",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8));
            order("unknown field " + quoted, ("{" + quoted + ":1,\"items\":[{\"productId\":" + quote(productId)
                    + ",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8));
            send("product name " + quoted, post("/api/products", adminToken, "application/json",
                    ("{\"name\":" + quoted + ",\"price\":1,\"stock\":0}").getBytes(StandardCharsets.UTF_8), false));
            String encoded = FuzzInputs.encode(value);
            send("order path " + quoted, get("/api/orders/" + encoded, buyerToken));
            send("product path " + quoted, get("/api/products/" + encoded, null));
            send("restock path " + quoted, post("/api/products/" + encoded + "/stock", adminToken,
                    "application/json", ascii("{\"delta\":1}"), false));
            send("wait " + quoted, get("/api/orders/x?wait=" + encoded, buyerToken));
            send("page " + quoted, get("/api/products?page=" + encoded + "&size=" + encoded, null));
            byte[] raw = value.getBytes(StandardCharsets.UTF_8);
            send("Idempotency-Key " + quoted, new Request("POST", ascii("/api/orders"), List.of(
                    Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type", ascii("application/json")),
                    Map.entry("Idempotency-Key", raw)), ("{\"items\":[{\"productId\":" + quote(productId)
                            + ",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8), false));
            send("Authorization Bearer " + quoted, new Request("GET", ascii("/api/orders/x"),
                    List.of(Map.entry("Authorization", concat(ascii("Bearer "), raw))), null, false));
            if (!value.isBlank() && value.length() <= 128) {
                send("token subject " + quoted, post("/api/orders", "Bearer " + TestTokens.buyer(value),
                        "application/json", ("{\"items\":[{\"productId\":" + quote(productId)
                                + ",\"quantity\":1}]}").getBytes(StandardCharsets.UTF_8), false));
                send("token subject " + quoted + " reads an order", get("/api/orders/x", "Bearer "
                        + TestTokens.buyer(value)));
            }
            send("raw path " + quoted, new Request("GET", concat(ascii("/api/products/"), raw), List.of(), null,
                    false));
            send("header " + quoted, new Request("GET", ascii("/api/products"),
                    List.of(Map.entry("X-Anything", raw)), null, false));
        }
    }

    private void numbers() {
        for (String quantity : List.of("0", "-1", "-0", "10001", "2147483647", "2147483648", "-2147483649",
                "9223372036854775808", "1e2", "1.0", "1.5", "1E400", "\"1\"", "true", "null", "[1]", "{}", "NaN",
                "Infinity", "0x1", "01", "+1", ".5", "1_0")) {
            order("quantity " + quantity, ("{\"items\":[{\"productId\":" + quote(productId) + ",\"quantity\":"
                    + quantity + "}]}").getBytes(StandardCharsets.UTF_8));
            send("delta " + quantity, post("/api/products/" + productId + "/stock", adminToken, "application/json",
                    ("{\"delta\":" + quantity.replace("10001", "1000001") + "}").getBytes(StandardCharsets.UTF_8),
                    false));
            send("price and stock " + quantity, post("/api/products", adminToken, "application/json",
                    ("{\"name\":\"n\",\"price\":" + quantity + ",\"stock\":" + quantity + "}")
                            .getBytes(StandardCharsets.UTF_8), false));
        }
    }

    private void headers() {
        byte[] good = ("{\"items\":[{\"productId\":" + quote(productId) + ",\"quantity\":1}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (String authorization : List.of("Bearer", "Bearer ", "bearer", "Basic YWRtaW46YWRtaW4=", "Digest x",
                "Bearer a.b.c", "Bearer ....", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJjLTEifQ.",
                "Bearer " + "A".repeat(6_000), "Bearer " + "A".repeat(20_000), buyerToken + " " + buyerToken,
                buyerToken.replace("Bearer ", "Bearer\t"), adminToken.substring(0, adminToken.length() - 2))) {
            send("Authorization " + authorization, post("/api/orders", authorization, "application/json", good, false));
        }
        send("two Authorization headers", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Authorization", ascii(adminToken)),
                Map.entry("Content-Type", ascii("application/json"))), good, false));
        send("two Idempotency-Keys", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Idempotency-Key", ascii("a")),
                Map.entry("Idempotency-Key", ascii("b")), Map.entry("Content-Type", ascii("application/json"))),
                good, false));
        send("Idempotency-Key of 129 characters", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Idempotency-Key", ascii("k".repeat(129))),
                Map.entry("Content-Type", ascii("application/json"))), good, false));
        send("Idempotency-Key of 7,000 characters", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Idempotency-Key", ascii("k".repeat(7_000))),
                Map.entry("Content-Type", ascii("application/json"))), good, false));
        for (String length : List.of("-1", "abc", "1, 2", "99999999999999999999", "0")) {
            send("Content-Length " + length, new Request("POST", ascii("/api/orders"), List.of(
                    Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type", ascii("application/json")),
                    Map.entry("Content-Length", ascii(length))), null, false));
        }
        send("Transfer-Encoding gzip", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type", ascii("application/json")),
                Map.entry("Transfer-Encoding", ascii("gzip"))), null, false));
        send("Content-Encoding gzip on plain JSON", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type", ascii("application/json")),
                Map.entry("Content-Encoding", ascii("gzip"))), good, false));
        send("Expect 100-continue with a body", new Request("POST", ascii("/api/orders"), List.of(
                Map.entry("Authorization", ascii(buyerToken)), Map.entry("Content-Type", ascii("application/json")),
                Map.entry("Expect", ascii("100-continue"))), good, false));
        send("header of 20,000 bytes", new Request("GET", ascii("/api/products"),
                List.of(Map.entry("X-Big", ascii("b".repeat(20_000)))), null, false));
        send("header without a name", new Request("GET", ascii("/api/products"),
                List.of(Map.entry("", ascii("x"))), null, false));
        send("header name with a space", new Request("GET", ascii("/api/products"),
                List.of(Map.entry("X Y", ascii("x"))), null, false));
    }

    private void requestLines() {
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO", "get",
                "GET\u0000")) {
            for (String path : List.of("/api/orders", "/api/orders/x", "/api/products", "/api/products/" + productId,
                    "/api/products/" + productId + "/stock")) {
                send(method + " " + path, new Request(method, ascii(path), List.of(
                        Map.entry("Authorization", ascii(adminToken)),
                        Map.entry("Content-Type", ascii("application/json"))), ascii("{\"delta\":1}"), false));
            }
        }
        for (String target : List.of("/api/products/%", "/api/products/%ZZ", "/api/products/a b", "/api/products/\"",
                "/api/products/<x>", "/api/products/{x}", "/api/products/|", "/api/products/\\", "/api/products/^",
                "/api/products/`", "/api/products/%2F", "/api/products/%5C", "/api/products/%00",
                "/api/products/%2e%2e/%2e%2e", "/api/../api/products", "/api/products/..;/orders",
                "/api/products;jsessionid=1", "/api/products/" + "x".repeat(20_000),
                "/api/products?" + "q=1&".repeat(3_000), "http://localhost/api/products",
                "http://evil.example/api/products", "*", "api/products", "/api/products#frag", "/api/products?a=%ZZ",
                "/api/products?page=%00", "/api/products?size=1%0d%0aX-Injected:%20yes", "/\u00e9", "/api/orders//x",
                "/api/orders/x/", "/api/products/" + "\u00ff\u00fe")) {
            send("target " + target.substring(0, Math.min(60, target.length())),
                    new Request("GET", target.getBytes(StandardCharsets.ISO_8859_1),
                            List.of(Map.entry("Authorization", ascii(buyerToken))), null, false));
        }
        // CONNECT that Tomcat also cannot parse: it answers 501.
        for (String target : List.of("/api/\u05e2\u05d1\u05e8\u05d9\u05ea", "/api/a b")) {
            send("CONNECT " + target, new Request("CONNECT", target.getBytes(StandardCharsets.UTF_8),
                    List.of(Map.entry("Authorization", ascii(buyerToken))), null, false));
        }
        send("CONNECT with a control character in a header", new Request("CONNECT", ascii("/api/orders"),
                List.of(Map.entry("X-A", ascii("a\u0010b"))), null, false));
    }

    // ---- helpers

    private void order(String name, byte[] body) {
        send(name, post("/api/orders", buyerToken, "application/json", body, false));
    }

    private void send(String name, Request request) {
        cases.add(new Case(name, request));
    }

    private static Request post(String path, String authorization, String contentType, byte[] body,
            boolean chunked) {
        return new Request("POST", path.getBytes(StandardCharsets.ISO_8859_1), List.of(
                Map.entry("Authorization", authorization.getBytes(StandardCharsets.UTF_8)),
                Map.entry("Content-Type", contentType.getBytes(StandardCharsets.UTF_8))), body, chunked);
    }

    private static Request get(String target, String authorization) {
        return new Request("GET", target.getBytes(StandardCharsets.ISO_8859_1), authorization == null ? List.of()
                : List.of(Map.entry("Authorization", authorization.getBytes(StandardCharsets.UTF_8))), null, false);
    }

    private static byte[] cart(String line, int lines) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < lines; i++) {
            json.append(i == 0 ? "" : ",").append(line);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
