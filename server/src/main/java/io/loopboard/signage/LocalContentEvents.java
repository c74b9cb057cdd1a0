package io.loopboard.signage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ContentEvents within one process: listeners run synchronously on the publisher's thread. */
public final class LocalContentEvents implements ContentEvents {

    private static final Logger log = LoggerFactory.getLogger(LocalContentEvents.class);
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Change change) {
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.error("content listener failed for {}", change, e);
            }
        }
    }

    @Override
    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }
}
