import dev.flashsale.tokens.LocalTokens;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one bearer token per line for buyers PREFIX0 .. PREFIX(N-1), signed with the local secret, for
 * waiting-buyers.lua. Run from the repository's root:
 * {@code java -cp local-tokens/target/local-tokens-0.1.0-SNAPSHOT.jar flashsale-benchmark/wrk/BuyerTokens.java 60000 w- tokens.txt}
 */
public class BuyerTokens {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BuyerTokens COUNT PREFIX FILE");
            System.exit(2);
        }
        LocalTokens tokens = LocalTokens.find(Path.of("")).orElseThrow(
                () -> new IllegalStateException("no local secret: run bin/run-local first, or set JWT_SECRET"));
        int count = Integer.parseInt(args[0]);
        StringBuilder lines = new StringBuilder();
        for (int index = 0; index < count; index++) {
            lines.append(tokens.buyer(args[1] + index)).append('\n');
        }
        Files.writeString(Path.of(args[2]), lines);
    }
}
