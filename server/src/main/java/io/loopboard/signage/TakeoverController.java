package io.loopboard.signage;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.util.Map;
import java.util.Set;

/** Announcements (/api/v1/announcements) and the fleet-wide "hide all quotes now" switch (/api/v1/signage). */
public final class TakeoverController {

    private final TakeoverService takeovers;

    public TakeoverController(TakeoverService takeovers) {
        this.takeovers = takeovers;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("announcements", takeovers.current()));
    }

    /** Body {@code {"text":"…","until":<epoch ms>,"channelId":1 (absent or null = every channel),"imageUrl":"/…"}}. */
    public void announce(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("text", "until", "channelId", "imageUrl"));
        String text = body.requiredMultiline("text", TakeoverService.MAX_TEXT);
        long until = body.requiredLong("until");
        Integer channelId = body.integer("channelId", 1, Integer.MAX_VALUE);
        String image = body.has("imageUrl") ? ChannelService.imageUrl(body, "imageUrl") : null;
        ctx.status(201).json(takeovers.announce(channelId, text, image, until, AccessControl.principal(ctx).actor()));
    }

    public void end(Context ctx) {
        ctx.json(takeovers.end(Params.id(ctx), AccessControl.principal(ctx).actor()));
    }

    public void state(Context ctx) {
        ctx.json(takeovers.quotesHidden());
    }

    public void hideQuotes(Context ctx) {
        ctx.json(takeovers.setQuotesHidden(true, AccessControl.principal(ctx).actor()));
    }

    public void showQuotes(Context ctx) {
        ctx.json(takeovers.setQuotesHidden(false, AccessControl.principal(ctx).actor()));
    }
}
