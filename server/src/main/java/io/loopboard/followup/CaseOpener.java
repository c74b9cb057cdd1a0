package io.loopboard.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.core.Json;
import io.loopboard.feedback.FeedbackBatchWriter;
import io.loopboard.feedback.FeedbackInput;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Opens follow-up cases as feedback is stored, inside ingest's own write transaction: an answer
 * and its case commit together, and sending the same answer again opens nothing new. The
 * customer's wish to be contacted ({@code consentToContact}) and phone ({@code customer.phone})
 * are read from the item as it was sent (its payload), where the ingest API keeps them.
 */
public final class CaseOpener implements FeedbackBatchWriter.Listener {

    private final FollowUpStore store;

    public CaseOpener(FollowUpStore store) {
        this.store = store;
    }

    @Override
    public void written(DSLContext tx, List<FeedbackInput> items, long now) {
        FollowUpSettings settings = null;
        List<FollowUpStore.Candidate> candidates = new ArrayList<>();
        for (FeedbackInput in : items) {
            if (settings == null) {
                settings = store.settings(tx);
            }
            FollowUpStore.Candidate c = candidate(settings, in.source(), in.externalId(), in.score(),
                    in.scoreType() == null ? null : in.scoreType().name(), in.comment(), in.language(), in.payload(),
                    in.respondedAt(), in.touchpoint(), in.location());
            if (c != null) {
                candidates.add(c);
            }
        }
        if (!candidates.isEmpty()) {
            store.open(tx, candidates, settings, now);
        }
    }

    /** The case an answer calls for, or null; {@code payload} is the item as sent (JSON), when kept. */
    static FollowUpStore.Candidate candidate(FollowUpSettings settings, String source, String externalId, Integer score,
                                             String scoreType, String comment, String language, String payloadJson,
                                             Long respondedAt, String touchpoint, String location) {
        JsonNode payload = payload(payloadJson);
        boolean consent = payload != null && payload.path("consentToContact").asBoolean(false);
        Triggers.Verdict v = Triggers.assess(settings, score, scoreType, comment, consent, language);
        if (v == null) {
            return null;
        }
        String phone = payload == null ? null : text(payload.path("customer").path("phone"));
        return new FollowUpStore.Candidate(source, externalId, v, consent, phone != null ? phone : v.phoneInText(),
                respondedAt, touchpoint, location);
    }

    private static JsonNode payload(String json) {
        if (json == null || json.isEmpty() || json.charAt(0) != '{') {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.textValue().isBlank() ? node.textValue().strip() : null;
    }
}
