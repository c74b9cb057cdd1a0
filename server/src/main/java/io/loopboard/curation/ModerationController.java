package io.loopboard.curation;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.signage.ChannelService;
import io.loopboard.web.JsonBody;
import java.util.Map;
import java.util.Set;

/** The moderator's settings, auto-approve rules and the channel list for the editor. */
public final class ModerationController {

    private final ChannelService channels;
    private final QuoteService quotes;

    public ModerationController(ChannelService channels, QuoteService quotes) {
        this.channels = channels;
        this.quotes = quotes;
    }

    /** Channel ids and names for the editor's target channels and the rules form. */
    public void channels(Context ctx) {
        ctx.json(Map.of("channels", channels.names()));
    }

    public void settings(Context ctx) {
        ctx.json(Map.of("settings", quotes.settings().values(), "shippedBlockLists", BlockList.SHIPPED));
    }

    public void updateSettings(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("blockedWords", "referencePatterns"));
        ctx.json(Map.of("settings", quotes.updateSettings(new ModerationSettings.Values(
                body.textsAsSent("blockedWords", ModerationSettings.MAX_WORDS),
                body.textsAsSent("referencePatterns", ModerationSettings.MAX_PATTERNS)), actor(ctx))));
    }

    public void rules(Context ctx) {
        ctx.json(Map.of("rules", quotes.rules().list()));
    }

    public void createRule(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("channelId", "scoreType", "minScore", "maxScore", "minLength",
                "maxLength", "languages", "minQuotability"));
        Integer channel = body.integer("channelId");
        if (channel == null) {
            throw Refusal.invalid("channelId", "is required");
        }
        Integer minLength = body.integer("minLength");
        Integer maxLength = body.integer("maxLength");
        Integer minQuotability = body.integer("minQuotability");
        ctx.status(201).json(quotes.rules().create(new AutoApproveRules.Rule(null, channel, null, true, body.textAsSent("scoreType"),
                body.integer("minScore"), body.integer("maxScore"), minLength == null ? 30 : minLength,
                maxLength == null ? 200 : maxLength, body.textsAsSent("languages", 20),
                minQuotability == null ? 0 : minQuotability, null, null), actor(ctx)));
    }

    /** Body {"enabled": true|false}: switches a rule on or off. */
    public void setRuleEnabled(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("enabled"));
        Boolean on = body.bool("enabled");
        if (on == null) {
            throw Refusal.invalid("enabled", "is required: true or false");
        }
        ctx.json(quotes.rules().setEnabled(ctx.pathParamAsClass("id", Integer.class).get(), on, actor(ctx)));
    }

    public void deleteRule(Context ctx) {
        quotes.rules().delete(ctx.pathParamAsClass("id", Integer.class).get(), actor(ctx));
        ctx.status(204);
    }

    private static String actor(Context ctx) {
        return AccessControl.principal(ctx).actor();
    }
}
