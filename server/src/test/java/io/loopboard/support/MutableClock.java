package io.loopboard.support;

import io.loopboard.store.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** Real time plus an offset the test sets: the server's clock jumps, and keeps ticking from there. */
public final class MutableClock implements Clock {

    private final AtomicLong offset = new AtomicLong();

    @Override
    public long now() {
        return System.currentTimeMillis() + offset.get();
    }

    /** Makes {@link #now()} read {@code serverTime} at this moment. */
    public void set(long serverTime) {
        offset.set(serverTime - System.currentTimeMillis());
    }

    public void advance(long millis) {
        offset.addAndGet(millis);
    }

    public void reset() {
        offset.set(0);
    }
}
