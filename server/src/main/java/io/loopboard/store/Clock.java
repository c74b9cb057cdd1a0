package io.loopboard.store;

/** The time source of the server, in epoch milliseconds; tests may supply their own. */
@FunctionalInterface
public interface Clock {
    long now();

    Clock SYSTEM = System::currentTimeMillis;
}
