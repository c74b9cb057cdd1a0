package io.loopboard.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopboard.feedback.FeedbackBatchWriter;
import io.loopboard.feedback.FeedbackInput;
import io.loopboard.web.Json;
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
            JsonNode payload = payload(in.payload());
            boolean consent = payload != null && payload.path("consentToContact").asBoolean(false);
            if (settings == null) {
                settings = store.settings(tx);
            }
            Triggers.Verdict v = Triggers.assess(settings, in.score(), in.scoreType() == null ? null : in.scoreType().name(),
                    in.comment(), consent, in.language());
            if (v == null) {
                continue;
            }
            String phone = payload == null ? null : text(payload.path("customer").path("phone"));
            candidates.add(new FollowUpStore.Candidate(in.source(), in.externalId(), v, consent,
                    phone != null ? phone : v.phoneInText(), in.respondedAt(), in.touchpoint(), in.location()));
        }
        if (!candidates.isEmpty()) {
            store.open(tx, candidates, settings, now);
        }
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
