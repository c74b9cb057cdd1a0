package io.loopboard.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which answers call for a follow-up: score bands per score type, the consent flag, callback requests in sv and en. */
class TriggersTest {

    private final FollowUpSettings defaults = FollowUpSettings.defaults();

    @Test
    void callback_requests_are_found_in_swedish_and_english() {
        for (String text : List.of("Ring mig på 070-123 45 67", "ring upp mig imorgon", "Kontakta mig gärna!",
                "Hör av er, jag väntar fortfarande", "Mejla mig när paketet kommer", "Jag vill bli kontaktad om detta",
                "Please call me back", "Could you get back to me?", "CONTACT ME ASAP", "I'd like a call about my bill",
                "You can e-mail me at any time", "Get in touch with me please", "Ring me tomorrow")) {
            assertTrue(Triggers.asksForContact(text), text);
        }
    }

    @Test
    void no_callback_where_the_customer_says_the_opposite_or_only_mentions_calls() {
        for (String text : List.of("Don't call me, just fix it", "Ring mig inte", "No need to contact me",
                "Ni behöver inte ringa mig", "They never called back and the app crashed", "Bra service, inget mer",
                "Recall the product", "ringmärkt", "", "   ")) {
            assertFalse(Triggers.asksForContact(text), text);
        }
        assertFalse(Triggers.asksForContact(null));
    }

    @Test
    void score_bands_make_critics_and_strong_critics_per_score_type() {
        assertEquals(List.of(Triggers.STRONG_CRITIC), Triggers.assess(defaults, 3, "NPS", null, false, "sv").reasons());
        assertEquals(1, Triggers.assess(defaults, 0, "NPS", null, false, "sv").priority());
        assertEquals(List.of(Triggers.CRITIC), Triggers.assess(defaults, 6, "NPS", null, false, "sv").reasons());
        assertEquals(2, Triggers.assess(defaults, 6, "NPS", null, false, "sv").priority());
        assertNull(Triggers.assess(defaults, 7, "NPS", "Bra", false, "sv"));
        assertEquals(List.of(Triggers.STRONG_CRITIC), Triggers.assess(defaults, 1, "CSAT", null, false, "en").reasons());
        assertEquals(List.of(Triggers.CRITIC), Triggers.assess(defaults, 2, "CSAT", null, false, "en").reasons());
        assertNull(Triggers.assess(defaults, 3, "CSAT", null, false, "en"));
        assertEquals(List.of(Triggers.CRITIC), Triggers.assess(defaults, 3, "CES", null, false, "en").reasons());
        assertNull(Triggers.assess(defaults, 5, "CES", null, false, "en"));
        assertNull(Triggers.assess(defaults, null, null, "Just words", false, "en"));
    }

    @Test
    void a_promoter_who_asks_for_a_call_is_followed_up_but_is_not_a_critic() {
        Triggers.Verdict v = Triggers.assess(defaults, 10, "NPS", "Toppen! Ring mig på 070-123 45 67 om ett större avtal", true, "sv");
        assertEquals(List.of(Triggers.CONSENT, Triggers.CALLBACK), v.reasons());
        assertEquals(3, v.priority());
        assertFalse(v.critic());
        assertEquals("070-123 45 67", v.phoneInText());
    }
}
