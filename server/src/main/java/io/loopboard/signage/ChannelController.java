package io.loopboard.signage;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.util.Map;

/** Channels under /api/v1/channels: list and read (moderators too), create and change (administrators). */
public final class ChannelController {

    private final ChannelService channels;

    public ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("channels", channels.list()));
    }

    public void get(Context ctx) {
        ctx.json(channels.get(Params.id(ctx)));
    }

    public void create(Context ctx) {
        ctx.status(201).json(channels.create(JsonBody.of(ctx, ChannelService.FIELDS), AccessControl.principal(ctx).actor()));
    }

    public void update(Context ctx) {
        int id = Params.id(ctx);
        ctx.json(channels.update(id, JsonBody.of(ctx, ChannelService.FIELDS), AccessControl.principal(ctx).actor()));
    }

}
