package io.loopboard.audit;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.store.Database;
import java.io.IOException;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Reads the audit log for the audit page: newest first, filtered, paged by id. */
public final class AuditService {

    /** One entry with its before and after states as JSON (null when there is none). */
    public record Entry(long id, long at, String actor, String action, String entityType, String entityId,
                        JsonNode before, JsonNode after) {
    }

    public record Page(List<Entry> entries, Long nextBefore) {
    }

    private final Database db;

    public AuditService(Database db) {
        this.db = db;
    }

    /**
     * What only administrators may read: the rows about users (their e-mails and roles) and API
     * keys, whose own lists are admin-only routes; a moderator reading the log must not learn
     * them through it.
     */
    public static final java.util.Set<String> ADMIN_ONLY_ENTITIES = java.util.Set.of("user", "api_key");

    public Page page(String entityType, String entityId, String action, String actor, Long beforeId, int limit,
                     boolean readerIsAdmin) {
        Condition c = DSL.noCondition();
        if (!readerIsAdmin) {
            c = c.and(AUDIT_LOG.ENTITY_TYPE.isNull().or(AUDIT_LOG.ENTITY_TYPE.notIn(ADMIN_ONLY_ENTITIES)));
        }
        if (entityType != null) {
            c = c.and(AUDIT_LOG.ENTITY_TYPE.eq(entityType));
        }
        if (entityId != null) {
            c = c.and(AUDIT_LOG.ENTITY_ID.eq(entityId));
        }
        if (action != null) {
            c = c.and(AUDIT_LOG.ACTION.eq(action));
        }
        if (actor != null) {
            c = c.and(AUDIT_LOG.ACTOR.containsIgnoreCase(actor));
        }
        if (beforeId != null) {
            c = c.and(AUDIT_LOG.ID.lt(beforeId.intValue()));
        }
        List<Entry> rows = db.dsl().selectFrom(AUDIT_LOG).where(c).orderBy(AUDIT_LOG.ID.desc()).limit(limit + 1)
                .fetch(r -> new Entry(r.getId(), r.getAt(), r.getActor(), r.getAction(), r.getEntityType(), r.getEntityId(),
                        tree(r.getBeforeJson()), tree(r.getAfterJson())));
        boolean more = rows.size() > limit;
        List<Entry> page = more ? rows.subList(0, limit) : rows;
        return new Page(page, more ? page.get(page.size() - 1).id() : null);
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
