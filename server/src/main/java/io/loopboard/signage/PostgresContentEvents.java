package io.loopboard.signage;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.core.Worker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ContentEvents across a cluster: a change is published with PostgreSQL's {@code NOTIFY}, and
 * every node — the publishing one included — receives it on a dedicated {@code LISTEN}
 * connection and rebuilds the playlists of its own screens. So an approval on node A reaches
 * a screen attached to node B. A NOTIFY sent inside no transaction is delivered at once;
 * publishers call this only after their own transaction has committed.
 */
public final class PostgresContentEvents implements ContentEvents, Worker {

    static final String CHANNEL = "loopboard_content";
    /** Pairing codes entered on one node for a page on another. */
    static final String PAIRING_CHANNEL = "loopboard_pairing";
    private static final Logger log = LoggerFactory.getLogger(PostgresContentEvents.class);

    private final DataSource dataSource;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Pairing>> pairingListeners = new CopyOnWriteArrayList<>();
    private final Thread listenerThread;
    private volatile boolean running = true;
    private volatile Connection listening;

    public PostgresContentEvents(DataSource dataSource) {
        this.dataSource = dataSource;
        this.listenerThread = new Thread(this::listen, "content-events-listener");
        this.listenerThread.setDaemon(true);
    }

    /** Starts listening for the changes and pairings of every node. */
    @Override
    public void start() {
        listenerThread.start();
    }

    @Override
    public void publish(Change change) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("all", change.all());
        payload.put("channels", change.channelIds());
        try {
            notify(CHANNEL, Json.write(payload));
        } catch (SQLException e) {
            // Screens on this node must not miss the change because the cluster relay failed.
            log.error("could not NOTIFY a content change; delivering it on this node only", e);
            dispatch(change);
        }
    }

    @Override
    public void publishPairing(Pairing pairing) {
        try {
            notify(PAIRING_CHANNEL, Json.write(pairing));
        } catch (SQLException e) {
            log.error("could not NOTIFY a pairing; only a page on this node can receive it", e);
            LocalContentEvents.deliver(pairingListeners, pairing);
        }
    }

    @Override
    public void subscribePairing(Consumer<Pairing> listener) {
        pairingListeners.add(listener);
    }

    private void notify(String channel, String payload) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, channel);
            st.setString(2, payload);
            st.execute();
        }
    }

    @Override
    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    private void listen() {
        long backoff = 250;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                listening = c;
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                    st.execute("LISTEN " + PAIRING_CHANNEL);
                }
                // After (re)connecting, changes may have been missed: rebuild everything once.
                dispatch(Change.allChannels());
                backoff = 250;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        if (PAIRING_CHANNEL.equals(n.getName())) {
                            Pairing pairing = parsePairing(n.getParameter());
                            if (pairing != null) {
                                LocalContentEvents.deliver(pairingListeners, pairing);
                            }
                        } else {
                            dispatch(parse(n.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("content-events listener lost its connection; retrying in {} ms: {}", backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static Change parse(String payload) {
        try {
            JsonNode node = Json.MAPPER.readTree(payload);
            if (node.path("all").asBoolean(false)) {
                return Change.allChannels();
            }
            List<Integer> ids = new ArrayList<>();
            node.path("channels").forEach(id -> ids.add(id.asInt()));
            return Change.channels(ids);
        } catch (Exception e) {
            log.warn("unreadable content notification '{}'; rebuilding everything", payload);
            return Change.allChannels();
        }
    }

    private static Pairing parsePairing(String payload) {
        try {
            return Json.MAPPER.readValue(payload, Pairing.class);
        } catch (Exception e) {
            log.warn("unreadable pairing notification '{}'; ignored", payload);
            return null;
        }
    }

    private void dispatch(Change change) {
        LocalContentEvents.deliver(listeners, change);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        listenerThread.interrupt();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
