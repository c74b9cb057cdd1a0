package io.loopboard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Who is waiting to write a SQLite store, across every process that has it open: the server and
 * a command-line import beside it. SQLite has one writer at a time and no queue, so a bulk writer
 * (an import, which commits group after group) would take the lock again the moment it let go,
 * and a moderator's takedown, asleep in SQLite's busy handler, could wait behind it for seconds.
 *
 * <p>A write people wait for (a decision, a login, a screen's last-seen time) announces itself
 * here for as long as it waits and runs: in this process by a counter, to other processes by a
 * shared lock on the first byte of a small lock file next to the store. A bulk writer asks
 * {@link #anyWaiting()} between its batches, commits early when the answer is yes, and does not
 * begin its next transaction until nobody waits ({@link Database#writeBulk}). The probe takes the
 * byte's exclusive lock for a moment: it fails exactly when another process holds it shared.
 *
 * <p>The lock file holds nothing; the operating system drops a process's locks when it dies, so
 * a crashed server can never leave an import waiting.
 */
final class WriterPriority implements AutoCloseable {

    private final FileChannel channel;
    /** Writes of this process waiting or running; guarded by {@code this}, like {@link #held}. */
    private int waiting;
    private FileLock held;

    private WriterPriority(FileChannel channel) {
        this.channel = channel;
    }

    /** For a store without a file other processes could share (PostgreSQL, memory): this process only. */
    static WriterPriority inProcess() {
        return new WriterPriority(null);
    }

    /** For the SQLite store whose lock file is {@code lockFile}, created owner-only when missing. */
    static WriterPriority forFile(Path lockFile) {
        try {
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(lockFile);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process made it first: the same file serves both
                }
            }
            return new WriterPriority(FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the writers' lock file " + lockFile, e);
        }
    }

    /** A write people wait for begins to wait; pair with {@link #leave()}. */
    synchronized void enter() {
        if (waiting++ == 0 && channel != null) {
            try {
                // blocks only for the instant another process's probe holds the byte
                held = channel.lock(0, 1, true);
            } catch (IOException e) {
                // without the file, other processes cannot see us; this process still can
                held = null;
            }
        }
    }

    synchronized void leave() {
        if (--waiting == 0 && held != null) {
            try {
                held.release();
            } catch (IOException e) {
                // the channel is gone; so is the lock
            }
            held = null;
        }
    }

    /** Whether a write people wait for is waiting or running, here or in another process on the same store. */
    synchronized boolean anyWaiting() {
        if (waiting > 0) {
            return true;
        }
        if (channel == null) {
            return false;
        }
        try {
            FileLock probe = channel.tryLock(0, 1, false);
            if (probe == null) {
                return true; // another process holds it shared
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException | IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing left to release
            }
        }
    }
}
