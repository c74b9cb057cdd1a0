package io.loopboard.curation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stored quotability of pending quotes true when its inputs change without their
 * text changing: when quotes go on or off the air (the near-duplicate check) and when the
 * word lists or reference patterns change. Runs on one background thread, in batches of short
 * write transactions, never on a request thread, starting {@value #DELAY_MS} ms after the
 * first request. Requests that arrive before a run starts, or while it is going, are gathered
 * into one run, so a burst of approvals costs one pass.
 *
 * <p>On-air changes are cheap: a pass reads only the ids and texts of pending quotes and
 * re-analyses those whose word set is within near-duplicate distance of a quote that came or
 * went (an inverted index over the few changed texts; a few seconds per million pending quotes
 * on one core). A word-list change re-analyses every pending quote, in the background.
 */
final class QuotabilityRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuotabilityRefresher.class);
    static final int BATCH = 1000;
    /**
     * How long a pass waits after the change that asked for it: the change's own work (the
     * playlist reaching every screen) goes first, and a burst of decisions costs one pass.
     */
    static final long DELAY_MS = 1_000;

    private final QuoteAnalysis quotes;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "quotability-refresh");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private List<String> changedTexts = new ArrayList<>();
    private boolean everything;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    QuotabilityRefresher(QuoteAnalysis quotes) {
        this.quotes = quotes;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A quote with this text came on or went off the air; pending quotes like it may score differently. */
    void onAirChanged(String text) {
        if (text != null) {
            synchronized (lock) {
                changedTexts.add(text);
            }
        }
    }

    /** The analysis itself changed (word lists, patterns): every pending quote is re-analysed. */
    void everything() {
        synchronized (lock) {
            everything = true;
        }
    }

    /** Starts a pass for what was noted, unless one is already waiting to start. Call after the commit. */
    void schedule() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            thread.schedule(this::pass, DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void pass() {
        scheduled.set(false);
        List<String> texts;
        boolean all;
        synchronized (lock) {
            texts = changedTexts;
            all = everything;
            changedTexts = new ArrayList<>();
            everything = false;
        }
        if (texts.isEmpty() && !all) {
            return;
        }
        try {
            quotes.forget(); // analyse against the on-air set as it is now
            Candidates near = new Candidates(texts);
            int lastId = 0;
            int refreshed = 0;
            while (!closed) {
                QuoteAnalysis.PendingBatch batch = quotes.pendingTexts(lastId, BATCH);
                if (batch.last() < 0) {
                    break;
                }
                List<Integer> ids = new ArrayList<>();
                for (QuoteAnalysis.PendingText p : batch.pending()) {
                    if (all || near.near(p.text())) {
                        ids.add(p.id());
                    }
                }
                if (!ids.isEmpty()) {
                    refreshed += quotes.reanalysePending(ids);
                }
                lastId = batch.last();
            }
            LOG.debug("quotability refreshed for {} pending quotes ({})", refreshed, all ? "all" : texts.size() + " on-air changes");
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("quotability refresh failed; the next change retries", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which texts are within near-duplicate distance of one of the changed ones: an inverted index by word. */
    private static final class Candidates {
        private final Map<String, List<Integer>> byWord = new HashMap<>();
        private final int[] sizes;

        Candidates(List<String> texts) {
            sizes = new int[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                Set<String> words = new HashSet<>(QuoteAnalyzer.words(texts.get(i)));
                sizes[i] = words.size();
                for (String w : words) {
                    byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
                }
            }
        }

        boolean near(String text) {
            if (sizes.length == 0) {
                return false;
            }
            Set<String> mine = new HashSet<>(QuoteAnalyzer.words(text));
            Map<Integer, Integer> shared = new HashMap<>();
            for (String w : mine) {
                for (int i : byWord.getOrDefault(w, List.of())) {
                    shared.merge(i, 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                int both = e.getValue();
                if ((double) both / (mine.size() + sizes[e.getKey()] - both) >= QuoteAnalyzer.NEAR_DUPLICATE) {
                    return true;
                }
            }
            return false;
        }
    }
}
