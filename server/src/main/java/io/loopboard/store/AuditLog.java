package io.loopboard.store;

import static io.loopboard.store.generated.Tables.AUDIT_LOG;

import io.loopboard.core.Json;
import org.jooq.DSLContext;

/**
 * Who changed what, when, with the state before and after. Written inside the transaction of
 * the change itself, so an audited change and its audit row commit or fail together.
 */
public final class AuditLog {

    private AuditLog() {
    }

    public static void record(DSLContext tx, long at, String actor, String action, String entityType,
                              Object entityId, Object before, Object after) {
        tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, at)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.ENTITY_TYPE, entityType)
                .set(AUDIT_LOG.ENTITY_ID, entityId == null ? null : String.valueOf(entityId))
                .set(AUDIT_LOG.BEFORE_JSON, before == null ? null : Json.write(before))
                .set(AUDIT_LOG.AFTER_JSON, after == null ? null : Json.write(after))
                .execute();
    }

    /** Deletes the audit rows of these entities (an erasure: their before and after hold the customer's words). */
    public static void erase(DSLContext tx, String entityType, java.util.Collection<?> entityIds) {
        if (!entityIds.isEmpty()) {
            tx.deleteFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_TYPE.eq(entityType)
                    .and(AUDIT_LOG.ENTITY_ID.in(entityIds.stream().map(String::valueOf).toList()))).execute();
        }
    }

    /** An audit row as a change's undo reads it. */
    public record Entry(String action, String beforeJson) {
    }

    /** The newest audit row of an entity; null when there is none. */
    public static Entry last(DSLContext ctx, String entityType, Object entityId) {
        return ctx.select(AUDIT_LOG.ACTION, AUDIT_LOG.BEFORE_JSON).from(AUDIT_LOG)
                .where(AUDIT_LOG.ENTITY_TYPE.eq(entityType).and(AUDIT_LOG.ENTITY_ID.eq(String.valueOf(entityId))))
                .orderBy(AUDIT_LOG.ID.desc()).limit(1)
                .fetchOne(r -> new Entry(r.value1(), r.value2()));
    }
}
