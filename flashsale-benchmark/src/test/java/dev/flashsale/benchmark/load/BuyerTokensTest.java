package dev.flashsale.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BuyerTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void signsTheBuyerAsSubjectWithHs256OverHeaderAndClaims() throws Exception {
        BuyerTokens tokens = new BuyerTokens(SECRET.getBytes(StandardCharsets.UTF_8), 3600);

        String token = tokens.sign("b-1", null, Instant.ofEpochSecond(1_700_000_000L));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"b-1\",\"iat\":1700000000,\"exp\":1700003600}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts[2]).isEqualTo(expected);
    }

    @Test
    void givesTheAdminTheAdminScope() {
        BuyerTokens tokens = new BuyerTokens(SECRET.getBytes(StandardCharsets.UTF_8), 60);

        String token = tokens.sign("bench-admin", "admin", Instant.ofEpochSecond(10));

        assertThat(decode(token.split("\\.")[1])).contains("\"scope\":\"admin\"").contains("\"exp\":70");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
