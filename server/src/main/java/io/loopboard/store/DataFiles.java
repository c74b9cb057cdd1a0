package io.loopboard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds customers' names and e-mails and the key to the webhook secrets, so
 * only the account Loopboard runs as may read it: the directory is created 0700 and the store's
 * files 0600, set explicitly (a permission given at creation is cut by the process's umask, in
 * either direction). SQLite creates its -wal and -shm files with the mode of the store file, so
 * creating that file first covers them. Wider permissions on an existing directory or file are
 * the operator's to change: they are reported at start, not changed.
 */
public final class DataFiles {

    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
    static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** Folders other parts of Loopboard write into; made here so that they are private too. */
    private static final List<String> SUBFOLDERS = List.of("uploads", "stories");

    private DataFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Makes {@code dir} (and its missing parents' last level) owner-only, or warns when it exists wider. */
    public static void privateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                warnIfWider(dir, OWNER_DIR);
                return;
            }
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }

    /** Creates {@code file} empty and owner-only unless it exists (then warns when it is wider). */
    public static void privateFile(Path file) {
        try {
            if (Files.exists(file)) {
                warnIfWider(file, OWNER_FILE);
                return;
            }
            if (posix()) {
                Files.createFile(file);
                Files.setPosixFilePermissions(file, OWNER_FILE);
            } else {
                Files.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            warnIfWider(file, OWNER_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * The SQLite store's folder and files, before SQLite opens them: the folder, its subfolders
     * and the store and search files owner-only; anything already there and wider is reported.
     */
    static void prepareSqlite(Path storeFile, Path searchFile) {
        Path dir = storeFile.toAbsolutePath().getParent();
        prepare(dir);
        privateFile(storeFile);
        if (searchFile != null) {
            privateFile(searchFile);
        }
        try (Stream<Path> all = Files.list(dir)) {
            all.filter(Files::isRegularFile).filter(p -> !p.equals(storeFile) && !p.equals(searchFile))
                    .forEach(p -> warnIfWider(p, OWNER_FILE));
        } catch (IOException e) {
            log.warn("cannot list the data directory {}: {}", dir, e.toString());
        }
    }

    /** The data directory and the folders Loopboard writes into, owner-only (also with PostgreSQL: uploads, pictures, the key). */
    public static void prepare(Path dataDir) {
        privateDirectory(dataDir);
        for (String sub : SUBFOLDERS) {
            privateDirectory(dataDir.resolve(sub));
        }
    }

    private static void warnIfWider(Path path, Set<PosixFilePermission> wanted) {
        if (!posix()) {
            return;
        }
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
            extra.addAll(now);
            extra.removeAll(wanted);
            if (!extra.isEmpty()) {
                log.warn("{} is readable by others ({}): it holds customers' personal data; run chmod {} {}", path,
                        PosixFilePermissions.toString(now), Files.isDirectory(path) ? "700" : "600", path);
            }
        } catch (IOException e) {
            log.warn("cannot read the permissions of {}: {}", path, e.toString());
        }
    }
}
