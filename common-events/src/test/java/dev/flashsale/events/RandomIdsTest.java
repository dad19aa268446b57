package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void givesVersionFourUuidsOfTheIetfVariant() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = RandomIds.uuid();

            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void neverRepeatsAcrossThreads() throws InterruptedException {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            threads.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(RandomIds.uuid());
                }
            });
        }
        threads.shutdown();

        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(seen).hasSize(80_000);
    }
}
