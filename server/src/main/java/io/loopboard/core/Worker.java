package io.loopboard.core;

/**
 * A part of the server that runs threads of its own. Its constructor only wires it; its threads
 * start in {@link #start()} and stop in {@link #close()}, called by the composition root in the
 * order it lists its workers (started first, closed last).
 */
public interface Worker extends AutoCloseable {

    /** Starts the worker's threads; called once. */
    void start();

    /** Stops them; safe to call when never started and more than once. */
    @Override
    void close();
}
