package dev.flashsale.api.order.placing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group commit: items queued by many request threads are written by a few writer threads, each batch everything
 * that queued while the previous one was written, at most {@code maxBatch} items. Before {@link #start} and after
 * {@link #stop} an item is written at once on the caller's thread, as a batch of one, so that nothing queued is left
 * unwritten.
 *
 * @param <T> what is written
 */
final class GroupCommits<T> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommits.class);

    private final String name;
    private final int writerCount;
    private final int maxBatch;
    private final long stopWaitMillis;
    private final Consumer<List<T>> write;
    private final BiConsumer<List<T>, RuntimeException> failed;
    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param name     the writer threads' name, numbered
     * @param write    writes a batch; expected to deal with the database's failures itself
     * @param failed   told of anything else {@code write} threw (a bug), after it was logged
     * @param stopWait how long {@link #stop} waits for each writer to finish what is queued
     */
    GroupCommits(String name, int writers, int maxBatch, long stopWaitMillis, Consumer<List<T>> write,
            BiConsumer<List<T>, RuntimeException> failed) {
        this.name = name;
        this.writerCount = writers;
        this.maxBatch = maxBatch;
        this.stopWaitMillis = stopWaitMillis;
        this.write = write;
        this.failed = failed;
    }

    /** Queues the item for the next batch, or writes it on this thread when the writers do not run. */
    void submit(T item) {
        if (!running) {
            // Before start and after stop (tests that call it directly, the last requests of a shutdown).
            write.accept(List.of(item));
        } else {
            queue.add(item);
            if (!running && queue.remove(item)) {
                // Stopped while it queued, perhaps after the writers' last look at the queue.
                write.accept(List.of(item));
            }
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The writer must not die of a bug.
                log.error("{} failed on a batch of {}", name, batch.size(), e);
                failed.accept(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < writerCount; i++) {
            Thread writer = new Thread(this::run, name + "-" + (i + 1));
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writers finish what is queued, then end; an item submitted after this is written on its caller's thread. */
    synchronized void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(stopWaitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    boolean isRunning() {
        return running;
    }
}
