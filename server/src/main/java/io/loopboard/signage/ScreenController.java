package io.loopboard.signage;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fleet under /api/v1/screens: every screen with its live state, pairing by code, and the
 * actions that take effect at once (identify, reload, move, revoke).
 */
public final class ScreenController {

    /** How long "identify" shows the screen's name. */
    static final int IDENTIFY_SECONDS = 8;

    private final ScreenService screens;
    private final ChannelService channels;
    private final DisplayHub hub;
    private final FleetFeed fleet;

    public ScreenController(ScreenService screens, ChannelService channels, DisplayHub hub, FleetFeed fleet) {
        this.screens = screens;
        this.channels = channels;
        this.hub = hub;
        this.fleet = fleet;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("screens", fleet.snapshot()));
    }

    /** The fleet view pushed as it changes (Server-Sent Events); see {@link FleetFeed}. */
    public void events(Context ctx) throws Exception {
        fleet.stream(ctx);
    }

    /** Body {@code {"code":"K7Q2MX","name":"Kitchen TV","channelId":1,"location":"Floor 2"}}. */
    public void pair(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("code", "name", "channelId", "location"));
        String code = body.requiredText("code", 20);
        String name = body.requiredText("name", 100);
        String location = body.text("location", 100);
        Integer channelId = body.integer("channelId", 1, Integer.MAX_VALUE);
        if (channelId == null) {
            throw Refusal.invalid("channelId", "is required");
        }
        channels.find(channelId).orElseThrow(() -> Refusal.invalid("channelId", "no such channel"));
        String node = hub.pairing().claim(code).orElseThrow(() ->
                Refusal.invalid("code", "no screen is showing this code now (check it, or reload the screen)"));
        ScreenService.NewScreen screen = screens.pair(name, location, channelId, AccessControl.principal(ctx).actor());
        if (!hub.pairing().complete(code, node, screen)) {
            // the page went away between the check and now: do not leave a token nobody holds
            screens.revoke(screen.id(), "system:pairing");
            throw Refusal.invalid("code", "the screen showing this code disconnected; try again");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", screen.id());
        out.put("name", screen.name());
        out.put("channelId", screen.channelId());
        fleet.changed();
        ctx.status(201).json(out);
    }

    public void revoke(Context ctx) {
        int id = Params.id(ctx);
        screens.revoke(id, AccessControl.principal(ctx).actor());
        hub.disconnect(id);
        ctx.json(Map.of("id", id, "revoked", true));
    }

    public void identify(Context ctx) {
        ScreenService.ScreenInfo s = screens.info(Params.id(ctx));
        int sent = hub.command(s.id(), new DisplayMessage.Identify(s.name(), IDENTIFY_SECONDS));
        ctx.json(Map.of("id", s.id(), "delivered", sent));
    }

    public void reload(Context ctx) {
        ScreenService.ScreenInfo s = screens.info(Params.id(ctx));
        int sent = hub.command(s.id(), new DisplayMessage.Reload());
        ctx.json(Map.of("id", s.id(), "delivered", sent));
    }

    /** Body {@code {"channelId":2}}. */
    public void move(Context ctx) {
        int id = Params.id(ctx);
        Integer channelId = JsonBody.of(ctx, Set.of("channelId")).integer("channelId", 1, Integer.MAX_VALUE);
        if (channelId == null) {
            throw Refusal.invalid("channelId", "is required");
        }
        ScreenService.ScreenInfo moved = screens.move(id, channelId, AccessControl.principal(ctx).actor());
        hub.moved(moved);
        ctx.json(Map.of("id", id, "channelId", channelId));
    }
}
