package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.AUTO_APPROVE_RULE;

import io.loopboard.core.Refusal;
import io.loopboard.signage.ChannelStore;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.AutoApproveRuleRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Opt-in rules, one channel each, that approve a new comment without a moderator when every
 * condition holds: score type and range, length, language, minimum quotability, and always no
 * personal data and no blocked words. Every automatic decision is audited under the rule's name.
 */
public final class AutoApproveRules {

    public static final Set<String> SCORE_TYPES = Set.of("NPS", "CSAT", "CES");

    /** A rule as the API shows and accepts it. languages: null or empty means any. */
    public record Rule(Integer id, int channelId, String channelName, boolean enabled, String scoreType, Integer minScore,
                       Integer maxScore, int minLength, int maxLength, List<String> languages, int minQuotability,
                       String createdBy, Long createdAt) {

        /** Whether a new comment meets this rule. Findings and blocked words always stop it. */
        public boolean matches(String text, Integer score, String type, String language, QuoteAnalyzer.Analysis analysis) {
            if (!enabled || !analysis.findings().isEmpty() || !analysis.flaggedWords().isEmpty()) {
                return false;
            }
            int length = text.codePointCount(0, text.length());
            if (length < minLength || length > maxLength || analysis.quotability() < minQuotability) {
                return false;
            }
            if (scoreType != null && !scoreType.equals(type)) {
                return false;
            }
            if ((minScore != null || maxScore != null) && score == null) {
                return false;
            }
            if ((minScore != null && score < minScore) || (maxScore != null && score > maxScore)) {
                return false;
            }
            if (languages != null && !languages.isEmpty()) {
                String lang = language == null ? "" : language.toLowerCase(Locale.ROOT).split("-")[0];
                return languages.contains(lang);
            }
            return true;
        }

        public String actor() {
            return "rule:" + id + ":auto-approve";
        }
    }

    private final Database db;
    private final Clock clock;
    private final AtomicReference<List<Rule>> enabled = new AtomicReference<>();

    public AutoApproveRules(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Rule> list() {
        List<AutoApproveRuleRecord> rules = db.dsl().selectFrom(AUTO_APPROVE_RULE).orderBy(AUTO_APPROVE_RULE.ID).fetch();
        Map<Integer, String> channels = ChannelStore.names(db.dsl(), rules.stream().map(AutoApproveRuleRecord::getChannelId).toList());
        // a rule lives as long as its channel
        return rules.stream().filter(r -> channels.containsKey(r.getChannelId()))
                .map(r -> view(r, channels.get(r.getChannelId()))).toList();
    }

    /** The enabled rules, cached until a rule changes: ingest asks for every comment. */
    public List<Rule> enabled() {
        List<Rule> rules = enabled.get();
        if (rules == null) {
            rules = list().stream().filter(Rule::enabled).toList();
            enabled.set(rules);
        }
        return rules;
    }

    public Rule create(Rule in, String actor) {
        if (in.scoreType() != null && !SCORE_TYPES.contains(in.scoreType())) {
            throw Refusal.invalid("scoreType", "must be NPS, CSAT or CES");
        }
        if (in.minScore() != null && in.maxScore() != null && in.minScore() > in.maxScore()) {
            throw Refusal.invalid("minScore", "must not be above maxScore");
        }
        if ((in.minScore() != null || in.maxScore() != null) && in.scoreType() == null) {
            throw Refusal.invalid("scoreType", "is required with minScore or maxScore");
        }
        if (in.minLength() < 1 || in.maxLength() > 1000 || in.minLength() > in.maxLength()) {
            throw Refusal.invalid("minLength", "lengths must satisfy 1 <= minLength <= maxLength <= 1000");
        }
        if (in.minQuotability() < 0 || in.minQuotability() > 100) {
            throw Refusal.invalid("minQuotability", "must be 0-100");
        }
        List<String> langs = in.languages() == null ? List.of() : in.languages().stream()
                .map(l -> l == null ? "" : l.strip().toLowerCase(Locale.ROOT)).toList();
        if (langs.stream().anyMatch(l -> !l.matches("[a-z]{2,3}"))) {
            throw Refusal.invalid("languages", "must be language codes such as sv or en");
        }
        long now = clock.now();
        int id = db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (!ChannelStore.exists(tx, in.channelId())) {
                throw Refusal.invalid("channelId", "no channel " + in.channelId());
            }
            AutoApproveRuleRecord r = tx.newRecord(AUTO_APPROVE_RULE);
            r.setChannelId(in.channelId());
            r.setEnabled(1);
            r.setScoreType(in.scoreType());
            r.setMinScore(in.minScore());
            r.setMaxScore(in.maxScore());
            r.setMinLength(in.minLength());
            r.setMaxLength(in.maxLength());
            r.setLanguages(langs.isEmpty() ? null : String.join(",", langs));
            r.setMinQuotability(in.minQuotability());
            r.setCreatedBy(actor);
            r.setCreatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "rule.create", "auto_approve_rule", r.getId(), null, view(r, null));
            return r.getId();
        });
        enabled.set(null);
        return list().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /**
     * Switches a rule on or off without losing its conditions; audited as rule.enable or
     * rule.disable with the rule before and after. Comments that arrive while it is off are
     * left for a moderator; switching it on again does not reach back to them.
     */
    public Rule setEnabled(int id, boolean on, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            AutoApproveRuleRecord r = find(tx, id);
            if ((r.getEnabled() != 0) == on) {
                return null; // already so: nothing changed, nothing to audit
            }
            Rule before = view(r, null);
            r.setEnabled(on ? 1 : 0);
            r.store();
            AuditLog.record(tx, now, actor, on ? "rule.enable" : "rule.disable", "auto_approve_rule", id, before, view(r, null));
            return null;
        });
        enabled.set(null);
        return list().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    public void delete(int id, String actor) {
        long now = clock.now();
        db.write(cfg -> {
            DSLContext tx = DSL.using(cfg);
            AutoApproveRuleRecord r = find(tx, id);
            r.delete();
            AuditLog.record(tx, now, actor, "rule.delete", "auto_approve_rule", id, view(r, null), null);
            return null;
        });
        enabled.set(null);
    }

    private static AutoApproveRuleRecord find(DSLContext tx, int id) {
        AutoApproveRuleRecord r = tx.selectFrom(AUTO_APPROVE_RULE).where(AUTO_APPROVE_RULE.ID.eq(id)).fetchOne();
        if (r == null) {
            throw Refusal.notFound("rule " + id);
        }
        return r;
    }

    private static Rule view(AutoApproveRuleRecord r, String channelName) {
        return new Rule(r.getId(), r.getChannelId(), channelName, r.getEnabled() != 0, r.getScoreType(), r.getMinScore(),
                r.getMaxScore(), r.getMinLength(), r.getMaxLength(),
                r.getLanguages() == null ? List.of() : Arrays.asList(r.getLanguages().split(",")),
                r.getMinQuotability(), r.getCreatedBy(), r.getCreatedAt());
    }
}
