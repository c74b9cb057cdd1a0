package io.loopboard.stories;

import static io.loopboard.store.generated.Tables.IMPROVEMENT_IMAGE;

import io.loopboard.core.FieldProblem;
import io.loopboard.core.Refusal;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ImprovementImageRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The optional picture of a story: PNG or JPEG, recognised by its first bytes (never by a
 * name or a declared type), at most {@link #MAX_BYTES}, with sane dimensions read from the
 * header without decoding the pixels. The bytes live in {@code <data dir>/stories/}.
 */
public final class StoryImages {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_SIDE = 8000;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final Database db;
    private final Clock clock;
    private final Path folder;

    public StoryImages(Database db, Clock clock, Path dataDir) {
        this.db = db;
        this.clock = clock;
        this.folder = dataDir.resolve("stories");
    }

    /** The stored picture's type and bytes. */
    public record Stored(String contentType, byte[] bytes) {
    }

    /** The content type for these bytes, or null when they are neither PNG nor JPEG. */
    static String sniff(byte[] b) {
        if (startsWith(b, PNG)) {
            return "image/png";
        }
        if (startsWith(b, JPEG)) {
            return "image/jpeg";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    public StoryViews.Story put(StoryService stories, int storyId, byte[] bytes, String actor) {
        if (bytes.length == 0) {
            throw Refusal.invalid("image", "is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "too_large", "image: at most " + MAX_BYTES / 1024 / 1024 + " MB",
                    java.util.List.of(new FieldProblem("image", "at most " + MAX_BYTES + " bytes")));
        }
        String type = sniff(bytes);
        if (type == null) {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_TYPE, "unsupported_media_type", "image: must be a PNG or JPEG file",
                    java.util.List.of(new FieldProblem("image", "must be a PNG or JPEG file")));
        }
        int[] size = dimensions(bytes, type);
        StoryService.load(db.dsl(), storyId);
        String fileName = storyId + (type.equals("image/png") ? ".png" : ".jpg");
        long now = clock.now();
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "upload-", ".tmp");
            Files.write(tmp, bytes);
            db.write(cfg -> {
                DSLContext tx = DSL.using(cfg);
                StoryService.load(tx, storyId);
                tx.deleteFrom(IMPROVEMENT_IMAGE).where(IMPROVEMENT_IMAGE.IMPROVEMENT_ID.eq(storyId)).execute();
                tx.insertInto(IMPROVEMENT_IMAGE)
                        .set(IMPROVEMENT_IMAGE.IMPROVEMENT_ID, storyId)
                        .set(IMPROVEMENT_IMAGE.FILE_NAME, fileName)
                        .set(IMPROVEMENT_IMAGE.CONTENT_TYPE, type)
                        .set(IMPROVEMENT_IMAGE.BYTE_SIZE, bytes.length)
                        .set(IMPROVEMENT_IMAGE.WIDTH, size[0])
                        .set(IMPROVEMENT_IMAGE.HEIGHT, size[1])
                        .set(IMPROVEMENT_IMAGE.UPLOADED_BY, actor)
                        .set(IMPROVEMENT_IMAGE.UPLOADED_AT, now)
                        .execute();
                AuditLog.record(tx, now, actor, "story.image", "improvement", storyId, null,
                        Map.of("contentType", type, "bytes", bytes.length));
                // moved inside the transaction: a failed move rolls the row back
                Files.move(tmp, folder.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stories.get(storyId);
    }

    public StoryViews.Story remove(StoryService stories, int storyId, String actor) {
        long now = clock.now();
        String file = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            StoryService.load(tx, storyId);
            ImprovementImageRecord r = tx.selectFrom(IMPROVEMENT_IMAGE).where(IMPROVEMENT_IMAGE.IMPROVEMENT_ID.eq(storyId)).fetchOne();
            if (r == null) {
                throw Refusal.notFound("image of story " + storyId);
            }
            r.delete();
            AuditLog.record(tx, now, actor, "story.image.remove", "improvement", storyId, Map.of("contentType", r.getContentType()), null);
            return r.getFileName();
        });
        try {
            Files.deleteIfExists(folder.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stories.get(storyId);
    }

    public Stored read(int storyId) {
        ImprovementImageRecord r = db.dsl().selectFrom(IMPROVEMENT_IMAGE).where(IMPROVEMENT_IMAGE.IMPROVEMENT_ID.eq(storyId)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("image of story " + storyId);
        }
        try {
            return new Stored(r.getContentType(), Files.readAllBytes(folder.resolve(r.getFileName())));
        } catch (IOException e) {
            throw Refusal.notFound("image of story " + storyId);
        }
    }

    /** Width and height from the header only, so a decompression bomb is never decoded. */
    private static int[] dimensions(byte[] bytes, String type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (in == null || !readers.hasNext()) {
                throw Refusal.invalid("image", "cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
                    throw Refusal.invalid("image", "must be between 1 and " + MAX_SIDE + " pixels on each side");
                }
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refusal api) {
                throw api;
            }
            throw Refusal.invalid("image", "is damaged or not a " + type + " image");
        }
    }
}
