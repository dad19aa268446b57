package dev.flashsale.api.order.web;

import java.util.concurrent.Semaphore;

/**
 * Request threads that submissions with {@code Prefer: wait} hold while they wait for their decision, at most
 * {@code flashsale.long-poll.max-waiting-threads} at once. A submission that waits on its own thread is answered in its
 * own dispatch; answered through Spring MVC's asynchronous dispatch instead, it ran the servlet filter chain and
 * {@code DispatcherServlet} a second time, a quarter of the order API's CPU in a sale. The bound keeps threads free
 * for the requests that do work: past it a submission is answered {@code 202} at once, as if it had not asked to wait,
 * and its buyer long-polls, which holds no thread.
 */
final class WaitingThreads {

    private final Semaphore threads;

    WaitingThreads(int max) {
        this.threads = new Semaphore(max);
    }

    /** True if the calling thread may wait; then it must {@link #release()} once done. */
    boolean tryHold() {
        return threads.tryAcquire();
    }

    void release() {
        threads.release();
    }
}
