package io.loopboard.signage;

import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one way features announce that what screens show may have changed. Publishers call it
 * after their transaction commits; the signage hub subscribes and rebuilds playlists.
 * (In a cluster, an implementation relays changes between nodes; pairings cross nodes the same way.)
 */
public interface ContentEvents extends AutoCloseable {

    void publish(Change change);

    void subscribe(Consumer<Change> listener);

    /** Stops relaying (a cluster's listener connection); nothing to do on one node. */
    @Override
    default void close() {
    }

    /**
     * A pairing code shown by a page on {@code node} was entered on some node, which
     * created screen {@code screenId}; the node holding the page's socket hands it a token.
     * Carries no secret: the receiving node mints the token itself.
     */
    void publishPairing(Pairing pairing);

    void subscribePairing(Consumer<Pairing> listener);

    record Pairing(String code, String node, int screenId) {
    }

    /** Which channels changed: a set of ids, or every channel. */
    record Change(Set<Integer> channelIds, boolean all) {
        public static Change allChannels() {
            return new Change(Set.of(), true);
        }

        public static Change channels(Collection<Integer> ids) {
            return new Change(Set.copyOf(ids), false);
        }

        public boolean affects(int channelId) {
            return all || channelIds.contains(channelId);
        }
    }
}
