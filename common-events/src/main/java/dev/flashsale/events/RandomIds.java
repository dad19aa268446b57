package dev.flashsale.events;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for event and order IDs, each thread drawing from a generator of its own.
 * {@link UUID#randomUUID()} draws from one {@code SecureRandom} shared by the whole JVM, behind a lock: with a
 * hundred request threads placing orders on two cores, threads queued on that lock behind a holder that was not
 * running. The generators here are as strong (DRBG, seeded from the system's entropy source), without the sharing.
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> GENERATOR = ThreadLocal.withInitial(RandomIds::newGenerator);

    private RandomIds() {
    }

    /** A new random UUID, as {@link UUID#randomUUID()} would give. */
    public static UUID uuid() {
        byte[] bytes = new byte[16];
        GENERATOR.get().nextBytes(bytes);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        most = (most & ~0xF000L) | 0x4000L; // version 4
        least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
