package io.loopboard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login abuse protection: failures are counted per account and per client address in
 * windows that expire by themselves; past a limit the account or address is locked out
 * until its window ends. Kept in memory (a restart forgives), which is enough for one node;
 * in a cluster each node counts on its own, which at worst multiplies the limits by the
 * number of nodes.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> byAccount;
    private final Cache<String, AtomicInteger> byAddress;

    public LoginThrottle(Ticker ticker) {
        this.byAccount = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(100_000).build();
        this.byAddress = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(100_000).build();
    }

    public LoginThrottle() {
        this(Ticker.systemTicker());
    }

    /** Whether a login attempt for this account from this address may even be tried. */
    public boolean locked(String email, String address) {
        return count(byAccount, key(email)) >= MAX_FAILURES_PER_ACCOUNT
                || count(byAddress, address) >= MAX_FAILURES_PER_ADDRESS;
    }

    public void failed(String email, String address) {
        byAccount.get(key(email), k -> new AtomicInteger()).incrementAndGet();
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A success clears the account's count (not the address's: one right guess must not reset a spray). */
    public void succeeded(String email) {
        byAccount.invalidate(key(email));
    }

    private static int count(Cache<String, AtomicInteger> cache, String key) {
        AtomicInteger n = cache.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
