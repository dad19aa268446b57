package dev.flashsale.tokens;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@code bin/token}: prints a bearer token that the local order API accepts. Run in the
 * repository's root, whose {@code .local/jwt-secret} it signs with unless {@code JWT_SECRET} is set; the script exports
 * {@code .env} and generates that file first. Bad input exits with 2.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: bin/token SUBJECT [--admin] [--ttl DURATION]

            SUBJECT       the buyer (the token's sub): 1..128 of A-Z a-z 0-9 . _ @ : + -
            --admin       add the scope "admin", which creating products and restocking need
            --ttl         lifetime, such as 30s, 15m, 1h (default) or 2d; a bare number is seconds

              TOKEN=$(bin/token c-1)
              curl -H "Authorization: Bearer $TOKEN" localhost:8080/api/orders/<order-id>
            """;

    /** Restricted, so that a subject reads the same in a shell, a log line and the token. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");
    private static final Pattern TTL = Pattern.compile("([0-9]{1,9})([smhd]?)");

    private TokenCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), Path.of(""), Instant.now(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, Path root, Instant now, PrintStream out,
            PrintStream err) {
        String subject = "";
        boolean admin = false;
        String ttl = "1h";
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--admin")) {
                    admin = true;
                } else if (arg.equals("--ttl")) {
                    if (i + 1 == args.size()) {
                        throw new BadInput("--ttl needs a duration");
                    }
                    ttl = args.get(++i);
                } else if (arg.startsWith("--ttl=")) {
                    ttl = arg.substring("--ttl=".length());
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                } else if (arg.startsWith("-")) {
                    throw new BadInput("unknown option " + arg + " (see --help)");
                } else if (!subject.isEmpty()) {
                    throw new BadInput("one subject only (see --help)");
                } else {
                    subject = arg;
                }
            }
            if (subject.isEmpty()) {
                err.print(USAGE);
                return 2;
            }
            if (!SUBJECT.matcher(subject).matches()) {
                throw new BadInput("subject must be 1..128 of A-Z a-z 0-9 . _ @ : + -");
            }
            Duration validity = lifetime(ttl);
            LocalTokens tokens = tokens(environment, root).orElseThrow(() -> new BadInput(
                    "no JWT_SECRET and no " + LocalTokens.SECRET_FILE + " (bin/token and bin/run-local create it)"));
            out.println(tokens.sign(subject, admin ? "admin" : null, now, validity));
            return 0;
        } catch (BadInput e) {
            err.println("token: " + e.getMessage());
            return 2;
        }
    }

    private static Duration lifetime(String ttl) {
        Matcher matcher = TTL.matcher(ttl);
        if (!matcher.matches()) {
            throw new BadInput("--ttl must be a duration such as 30s, 15m, 1h or 2d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration lifetime = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (lifetime.isZero()) {
            throw new BadInput("--ttl must be positive");
        }
        return lifetime;
    }

    private static Optional<LocalTokens> tokens(Map<String, String> environment, Path root) {
        try {
            return LocalTokens.find(environment, root);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** Input the command refuses, with the message that says why. */
    private static final class BadInput extends RuntimeException {

        BadInput(String message) {
            super(message, null, false, false);
        }
    }
}
