package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.MODERATION_SETTING;

import com.fasterxml.jackson.core.type.TypeReference;
import io.loopboard.core.Json;
import io.loopboard.core.Refusal;
import io.loopboard.core.TextRules;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The moderators' own additions: extra blocked words and the patterns of their order and
 * reference numbers. Kept in the store, audited on change, and compiled once into the
 * {@link QuoteAnalyzer} every analysis uses.
 */
public final class ModerationSettings {

    public static final int MAX_WORDS = 2000;
    public static final int MAX_PATTERNS = 50;
    public static final int MAX_PATTERN_LENGTH = 300;
    static final String BLOCKED_WORDS = "blocked_words";
    static final String REFERENCE_PATTERNS = "reference_patterns";

    /** What the API shows and accepts. The shipped lists are read-only here. */
    public record Values(List<String> blockedWords, List<String> referencePatterns) {
    }

    private final Database db;
    private final Clock clock;
    private final AtomicReference<QuoteAnalyzer> analyzer = new AtomicReference<>();

    public ModerationSettings(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Values values() {
        Map<String, String> stored = new LinkedHashMap<>();
        db.dsl().selectFrom(MODERATION_SETTING).fetch().forEach(r -> stored.put(r.getName(), r.getValueJson()));
        return new Values(
                stored.containsKey(BLOCKED_WORDS) ? list(stored.get(BLOCKED_WORDS)) : List.of(),
                stored.containsKey(REFERENCE_PATTERNS) ? list(stored.get(REFERENCE_PATTERNS))
                        : PiiDetector.DEFAULT_REFERENCE_PATTERNS);
    }

    /** The analyzer for the current settings; rebuilt after a change. */
    public QuoteAnalyzer analyzer() {
        QuoteAnalyzer a = analyzer.get();
        if (a == null) {
            Values v = values();
            a = new QuoteAnalyzer(new PiiDetector(compiled(v.referencePatterns())),
                    new BlockList(BlockList.SHIPPED, v.blockedWords()));
            analyzer.set(a);
        }
        return a;
    }

    /**
     * The stored patterns, compiled; one that no longer compiles (saved before patterns ran on
     * RE2/J, with a lookaround) is left out with a warning rather than stopping every analysis.
     */
    private static List<ReferencePattern> compiled(List<String> sources) {
        List<ReferencePattern> out = new ArrayList<>();
        for (String source : sources) {
            try {
                out.add(ReferencePattern.compile(source));
            } catch (IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(ModerationSettings.class).warn(
                        "reference pattern '{}' is not used: {}; change it in the moderation settings", source, e.getMessage());
            }
        }
        return out;
    }

    public Values update(Values next, String actor) {
        List<String> words = new ArrayList<>();
        if (next.blockedWords() != null) {
            if (next.blockedWords().size() > MAX_WORDS) {
                throw Refusal.invalid("blockedWords", "at most " + MAX_WORDS + " words");
            }
            for (String w : next.blockedWords()) {
                String problem = w == null || w.isBlank() ? "must not contain empty words" : TextRules.problem(w, 100, false);
                if (problem != null) {
                    throw Refusal.invalid("blockedWords", problem);
                }
                words.add(w.strip());
            }
        }
        List<String> patterns = new ArrayList<>();
        if (next.referencePatterns() != null) {
            if (next.referencePatterns().size() > MAX_PATTERNS) {
                throw Refusal.invalid("referencePatterns", "at most " + MAX_PATTERNS + " patterns");
            }
            for (String p : next.referencePatterns()) {
                if (p == null || p.isBlank() || p.length() > MAX_PATTERN_LENGTH) {
                    throw Refusal.invalid("referencePatterns", "each pattern must be 1-" + MAX_PATTERN_LENGTH + " characters");
                }
                try {
                    ReferencePattern.compile(p);
                } catch (IllegalArgumentException e) {
                    throw Refusal.invalid("referencePatterns", "not a valid regular expression: " + e.getMessage());
                }
                patterns.add(p);
            }
        }
        Values before = values();
        Values after = new Values(next.blockedWords() == null ? before.blockedWords() : words,
                next.referencePatterns() == null ? before.referencePatterns() : patterns);
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            put(tx, BLOCKED_WORDS, after.blockedWords(), actor, now);
            put(tx, REFERENCE_PATTERNS, after.referencePatterns(), actor, now);
            AuditLog.record(tx, now, actor, "settings.update", "moderation_setting", null, before, after);
            return null;
        });
        analyzer.set(null);
        return after;
    }

    private static List<String> list(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void put(DSLContext tx, String name, Object value, String actor, long now) {
        tx.insertInto(MODERATION_SETTING)
                .set(MODERATION_SETTING.NAME, name)
                .set(MODERATION_SETTING.VALUE_JSON, Json.write(value))
                .set(MODERATION_SETTING.UPDATED_BY, actor)
                .set(MODERATION_SETTING.UPDATED_AT, now)
                .onConflict(MODERATION_SETTING.NAME).doUpdate()
                .set(MODERATION_SETTING.VALUE_JSON, Json.write(value))
                .set(MODERATION_SETTING.UPDATED_BY, actor)
                .set(MODERATION_SETTING.UPDATED_AT, now)
                .execute();
    }
}
