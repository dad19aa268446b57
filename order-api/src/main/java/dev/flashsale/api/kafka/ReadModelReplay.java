package dev.flashsale.api.kafka;

import dev.flashsale.events.Topic;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How one topic rebuilds its part of the read model when the whole log is replayed into an empty schema
 * ({@code dev.flashsale.api.rebuild}). Each feature declares its own, next to its listeners, with the same
 * {@link ReadModelWriter} the live listener uses where there is one, so a rebuild cannot drift from the live
 * projection.
 *
 * @param position  replays run in ascending position, each topic to its end before the next: rows must exist before
 *                  the events that update them (products before stock levels, requests before results)
 * @param lossy     true for an event the writer cannot fully restore from, such as one written before the event carried
 *                  a field the read model needs; the rebuild counts them and will not replace the live read model
 *                  with an incomplete one unless told to
 */
public record ReadModelReplay<V>(int position, Topic<String, V> topic, ReadModelWriter<V> writer,
        Predicate<? super V> lossy) {

    public ReadModelReplay {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(lossy, "lossy");
    }

    /** A replay whose every event is restored in full. */
    public static <V> ReadModelReplay<V> of(int position, Topic<String, V> topic, ReadModelWriter<V> writer) {
        return new ReadModelReplay<>(position, topic, writer, event -> false);
    }
}
