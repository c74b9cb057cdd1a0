package io.loopboard.stories;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Authoring of stories under /api/v1/stories, and the channels' story share, for moderators. */
public final class StoryController {

    private final StoryService stories;
    private final StoryImages images;
    private final ChannelShare shares;
    private final BoardService board;

    public StoryController(StoryService stories, StoryImages images, ChannelShare shares, BoardService board) {
        this.stories = stories;
        this.images = images;
        this.shares = shares;
        this.board = board;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("stories", stories.list()));
    }

    public void get(Context ctx) {
        ctx.json(stories.get(Params.id(ctx)));
    }

    public void create(Context ctx) throws IOException {
        ctx.status(201).json(stories.create(fields(ctx), actor(ctx)));
    }

    public void update(Context ctx) throws IOException {
        ctx.json(stories.update(Params.id(ctx), fields(ctx), actor(ctx)));
    }

    public void publish(Context ctx) {
        ctx.json(stories.publish(Params.id(ctx), actor(ctx)));
    }

    public void archive(Context ctx) {
        ctx.json(stories.archive(Params.id(ctx), actor(ctx)));
    }

    /** Body {@code {"quoteIds":[…]}} and/or {@code {"feedbackIds":[…]}}. */
    public void link(Context ctx) throws IOException {
        JsonNode body = JsonBody.of(ctx, Set.of("quoteIds", "feedbackIds")).node();
        List<Integer> quoteIds = ids(body, "quoteIds");
        List<Integer> feedbackIds = ids(body, "feedbackIds");
        if (quoteIds.isEmpty() && feedbackIds.isEmpty()) {
            throw Refusal.invalid("quoteIds", "name at least one quote or feedback id");
        }
        ctx.json(stories.link(Params.id(ctx), quoteIds, feedbackIds, actor(ctx)));
    }

    /** Body {@code {"feedbackIds":[…]}}. */
    public void unlink(Context ctx) throws IOException {
        List<Integer> feedbackIds = ids(JsonBody.of(ctx, Set.of("feedbackIds")).node(), "feedbackIds");
        if (feedbackIds.isEmpty()) {
            throw Refusal.invalid("feedbackIds", "name at least one feedback id");
        }
        ctx.json(stories.unlink(Params.id(ctx), feedbackIds, actor(ctx)));
    }

    public void suggestions(Context ctx) {
        ctx.json(Map.of("suggestions", stories.suggestions(Params.id(ctx), 20)));
    }

    /** The raw bytes of a PNG or JPEG as the body; its type is sniffed, the header is not trusted. */
    public void putImage(Context ctx) {
        ctx.json(images.put(stories, Params.id(ctx), ctx.bodyAsBytes(), actor(ctx)));
    }

    public void deleteImage(Context ctx) {
        ctx.json(images.remove(stories, Params.id(ctx), actor(ctx)));
    }

    public void channels(Context ctx) {
        ctx.json(Map.of("channels", shares.list()));
    }

    /** Body {@code {"storyShare": 0-100}}. */
    public void setShare(Context ctx) throws IOException {
        JsonNode body = JsonBody.of(ctx, Set.of("storyShare")).node();
        JsonNode v = body.get("storyShare");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 100) {
            throw Refusal.invalid("storyShare", "must be a whole number 0-100");
        }
        int channelId = ctx.pathParamAsClass("id", Integer.class).check(i -> i > 0, "must be a positive number").get();
        ctx.json(shares.set(channelId, v.intValue(), actor(ctx)));
    }

    public void settings(Context ctx) {
        ctx.json(Map.of("boardOpen", board.isOpen()));
    }

    /** Body {@code {"boardOpen": true|false}}: whether /improvements needs no login. */
    public void setSettings(Context ctx) throws IOException {
        JsonNode body = JsonBody.of(ctx, Set.of("boardOpen")).node();
        JsonNode v = body.get("boardOpen");
        if (v == null || !v.isBoolean()) {
            throw Refusal.invalid("boardOpen", "must be true or false");
        }
        ctx.json(Map.of("boardOpen", board.setOpen(v.booleanValue(), actor(ctx))));
    }

    private static Map<String, String> fields(Context ctx) throws IOException {
        JsonNode body = JsonBody.of(ctx, StoryService.FIELDS.keySet()).node();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : StoryService.FIELDS.keySet()) {
            JsonNode n = body.get(name);
            if (n == null) {
                continue;
            }
            if (!n.isNull() && !n.isTextual()) {
                throw Refusal.invalid(name, "must be a string");
            }
            out.put(name, n.isNull() ? null : n.textValue());
        }
        return out;
    }


    private static List<Integer> ids(JsonNode body, String field) {
        JsonNode n = body.get(field);
        List<Integer> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw Refusal.invalid(field, "must be an array of ids");
        }
        for (JsonNode x : n) {
            if (!x.isIntegralNumber() || !x.canConvertToInt() || x.intValue() < 1) {
                throw Refusal.invalid(field, "must be an array of positive whole numbers");
            }
            out.add(x.intValue());
        }
        return out;
    }


    private static String actor(Context ctx) {
        return AccessControl.principal(ctx).actor();
    }
}
