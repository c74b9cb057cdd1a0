package io.loopboard.auth;

import io.loopboard.config.Config;
import io.loopboard.store.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets the server must read back in clear (webhook secrets, to check a signature)
 * before they are stored: AES-256-GCM with a random 96-bit nonce per value. The key is
 * {@code LOOPBOARD_SECRET_KEY} (32 bytes in Base64; every node of a PostgreSQL cluster needs the
 * same) or else the file {@code secret.key} in the data directory, made 0600 on first start.
 * A copy of the store alone (a backup, a stolen disk image of the database) then holds no
 * usable webhook secret; keep the key file out of the store's backups or apart from them.
 */
public final class SecretBox {

    /** Marks a sealed value; a value without it is from before encryption and is read as it is. */
    static final String PREFIX = "enc1:";
    public static final String KEY_FILE = "secret.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new Config.ConfigException("the secret key must be 32 bytes (44 characters of Base64), was " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key from {@code LOOPBOARD_SECRET_KEY}, or the data directory's key file (made when missing). */
    public static SecretBox load(Config config) {
        if (config.secretKey() != null) {
            return new SecretBox(decode(config.secretKey(), "LOOPBOARD_SECRET_KEY"));
        }
        Path file = config.dataDir().resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                DataFiles.privateDirectory(config.dataDir());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                DataFiles.privateFile(file); // 0600 before a byte of the key is in it
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                return new SecretBox(fresh);
            }
            DataFiles.privateFile(file); // warns when it is readable by others
            return new SecretBox(decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    /** A box with the given key, for tests and tools. */
    public static SecretBox of(byte[] key) {
        return new SecretBox(key.clone());
    }

    private static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(where + " is not Base64: " + e.getMessage());
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The clear value of a stored one; a value stored before encryption comes back as it is. */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted: is this the key it was sealed with "
                    + "(LOOPBOARD_SECRET_KEY or the data directory's " + KEY_FILE + ")?");
        }
    }
}
