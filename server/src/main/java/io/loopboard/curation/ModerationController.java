package io.loopboard.curation;

import static io.loopboard.store.generated.Tables.CHANNEL;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.store.Database;
import io.loopboard.web.ApiException;
import io.loopboard.web.JsonBody;
import java.util.Map;
import java.util.Set;

/** The moderator's settings, auto-approve rules, the channel list for the editor, and erasure. */
public final class ModerationController {

    private final Database db;
    private final QuoteService quotes;
    private final ErasureService erasure;

    public ModerationController(Database db, QuoteService quotes, ErasureService erasure) {
        this.db = db;
        this.quotes = quotes;
        this.erasure = erasure;
    }

    /** Channel ids and names for the editor's target channels and the rules form. */
    public void channels(Context ctx) {
        ctx.json(Map.of("channels", db.dsl().select(CHANNEL.ID, CHANNEL.NAME).from(CHANNEL).orderBy(CHANNEL.NAME)
                .fetch(r -> Map.of("id", r.value1(), "name", r.value2()))));
    }

    public void settings(Context ctx) {
        ctx.json(Map.of("settings", quotes.settings().values(), "shippedBlockLists", BlockList.SHIPPED));
    }

    public void updateSettings(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("blockedWords", "referencePatterns"));
        ctx.json(Map.of("settings", quotes.updateSettings(new ModerationSettings.Values(
                body.textsAsSent("blockedWords", ModerationSettings.MAX_WORDS),
                body.textsAsSent("referencePatterns", ModerationSettings.MAX_PATTERNS)), actor(ctx))));
    }

    public void rules(Context ctx) {
        ctx.json(Map.of("rules", quotes.rules().list()));
    }

    public void createRule(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("channelId", "scoreType", "minScore", "maxScore", "minLength",
                "maxLength", "languages", "minQuotability"));
        Integer channel = body.integer("channelId");
        if (channel == null) {
            throw ApiException.badRequest("channelId", "is required");
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
        JsonBody body = JsonBody.of(ctx, Set.of("enabled"));
        Boolean on = body.bool("enabled");
        if (on == null) {
            throw ApiException.badRequest("enabled", "is required: true or false");
        }
        ctx.json(quotes.rules().setEnabled(ctx.pathParamAsClass("id", Integer.class).get(), on, actor(ctx)));
    }

    public void deleteRule(Context ctx) {
        quotes.rules().delete(ctx.pathParamAsClass("id", Integer.class).get(), actor(ctx));
        ctx.status(204);
    }

    /** Body {"email": "..."}: erases everything held about that customer. */
    public void erase(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("email"));
        ctx.json(erasure.erase(body.textAsSent("email"), actor(ctx)));
    }

    private static String actor(Context ctx) {
        return AccessControl.principal(ctx).actor();
    }
}
