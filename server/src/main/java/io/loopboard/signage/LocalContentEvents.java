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
    private final List<Consumer<Pairing>> pairingListeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Change change) {
        deliver(listeners, change);
    }

    @Override
    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    @Override
    public void publishPairing(Pairing pairing) {
        deliver(pairingListeners, pairing);
    }

    @Override
    public void subscribePairing(Consumer<Pairing> listener) {
        pairingListeners.add(listener);
    }

    /** Gives an event to every listener; one failing listener does not keep it from the others. */
    static <T> void deliver(List<Consumer<T>> listeners, T event) {
        for (Consumer<T> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.error("listener failed for {}", event, e);
            }
        }
    }
}
