package io.loopboard.followup;

import io.javalin.http.Context;
import io.loopboard.auth.AccessControl;
import io.loopboard.auth.Principal;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.web.JsonBody;
import io.loopboard.web.Params;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The follow-up inbox's HTTP surface: parse, validate, call the service, respond. */
public final class FollowUpController {

    private static final int MAX_LIST = 500;

    private final FollowUpService followups;
    private final StoryNotices notices;

    public FollowUpController(FollowUpService followups, StoryNotices notices) {
        this.followups = followups;
        this.notices = notices;
    }

    /** {@code ?status=open|closed|all|new|contacted|resolved|not_reached&owner=me|none|<id>&overdue=true&limit=}. */
    public void list(Context ctx) {
        String status = ctx.queryParam("status") == null ? "open" : ctx.queryParam("status");
        String ownerParam = ctx.queryParam("owner");
        Integer owner = null;
        if (ownerParam != null && !ownerParam.isBlank()) {
            if (ownerParam.equals("me")) {
                Principal p = AccessControl.principal(ctx);
                owner = p.kind() == Principal.Kind.USER ? p.id() : -1;
            } else if (ownerParam.equals("none")) {
                owner = 0;
            } else {
                owner = ctx.queryParamAsClass("owner", Integer.class).check(i -> i > 0, "must be me, none or a user id").get();
            }
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(200);
        if (limit < 1 || limit > MAX_LIST) {
            throw Refusal.invalid("limit", "must be between 1 and " + MAX_LIST);
        }
        boolean overdue = "true".equals(ctx.queryParam("overdue"));
        String version = followups.version();
        ctx.json(Map.of("cases", followups.list(status, owner, overdue, limit), "version", version));
    }

    public void get(Context ctx) {
        ctx.json(followups.get(Params.id(ctx)));
    }

    public void contact(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(followups.contact(Params.id(ctx), actor(ctx)));
    }

    /** Body: any of ownerId, contactWay, status, outcome, cause, improvementId; null clears a field. */
    public void update(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("ownerId", "contactWay", "status", "outcome", "cause", "improvementId"));
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("ownerId", body.integer("ownerId", 1, Integer.MAX_VALUE));
        sent.put("contactWay", body.oneOf("contactWay", FollowUpService.CONTACT_WAYS));
        sent.put("status", body.oneOf("status", FollowUpService.STATUSES));
        sent.put("outcome", multiline(body, "outcome", FollowUpService.MAX_OUTCOME));
        sent.put("cause", body.text("cause", FollowUpService.MAX_CAUSE));
        sent.put("improvementId", body.integer("improvementId", 1, Integer.MAX_VALUE));
        // a field sent as null (or as empty text) clears it
        Set<String> cleared = new HashSet<>();
        for (String f : body.present()) {
            if (sent.get(f) == null) {
                cleared.add(f);
            }
        }
        if (cleared.contains("status")) {
            throw Refusal.invalid("status", "cannot be cleared");
        }
        FollowUpService.Change change = new FollowUpService.Change((Integer) sent.get("ownerId"),
                (String) sent.get("contactWay"), (String) sent.get("status"), (String) sent.get("outcome"),
                (String) sent.get("cause"), (Integer) sent.get("improvementId"), cleared);
        ctx.json(followups.update(Params.id(ctx), change, actor(ctx)));
    }

    private static String multiline(JsonFields body, String field, int max) {
        String sent = body.textAsSent(field);
        if (sent == null) {
            return null;
        }
        String problem = io.loopboard.core.TextRules.problem(sent.strip(), max, true);
        if (problem != null) {
            throw Refusal.invalid(field, problem);
        }
        return sent.strip().isEmpty() ? null : sent.strip();
    }

    public void figure(Context ctx) {
        ctx.json(followups.figure());
    }

    public void owners(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("owners", followups.owners());
        out.put("causes", followups.causes());
        // the caller, when a person: the page's "mine" key gives the case to them
        out.put("me", p.kind() == Principal.Kind.USER ? p.id() : null);
        ctx.json(out);
    }

    public void settings(Context ctx) {
        ctx.json(flat(followups.settings()));
    }

    public void updateSettings(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("dueHours", "npsCriticMax", "npsStrongMax", "csatCriticMax", "csatStrongMax",
                "cesCriticMax", "cesStrongMax", "cxLeadEmail", "digestHour", "timeZone", "minSample"));
        FollowUpSettings s = followups.settings();
        Map<String, FollowUpSettings.Band> bands = new LinkedHashMap<>(s.bands());
        for (String type : new String[] {"NPS", "CSAT", "CES"}) {
            String p = type.toLowerCase(java.util.Locale.ROOT);
            FollowUpSettings.Band b = bands.getOrDefault(type, FollowUpSettings.defaults().bands().get(type));
            Integer critic = body.integer(p + "CriticMax", -1, 10);
            Integer strong = body.integer(p + "StrongMax", -1, 10);
            bands.put(type, new FollowUpSettings.Band(critic == null ? b.criticMax() : critic, strong == null ? b.strongMax() : strong));
        }
        Integer due = body.integer("dueHours", 1, 720);
        Integer hour = body.integer("digestHour", 0, 23);
        Integer min = body.integer("minSample", 1, 10_000);
        String zone = body.text("timeZone", 60);
        String lead = body.present().contains("cxLeadEmail") ? body.text("cxLeadEmail", 254) : s.cxLeadEmail();
        FollowUpSettings next = new FollowUpSettings(due == null ? s.dueHours() : due, bands, lead,
                hour == null ? s.digestHour() : hour, zone == null ? s.timeZone() : zone, min == null ? s.minSample() : min);
        ctx.json(flat(followups.updateSettings(next, actor(ctx))));
    }

    private static Map<String, Object> flat(FollowUpSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dueHours", s.dueHours());
        for (var e : s.bands().entrySet()) {
            String p = e.getKey().toLowerCase(java.util.Locale.ROOT);
            m.put(p + "CriticMax", e.getValue().criticMax());
            m.put(p + "StrongMax", e.getValue().strongMax());
        }
        m.put("cxLeadEmail", s.cxLeadEmail());
        m.put("digestHour", s.digestHour());
        m.put("timeZone", s.timeZone());
        m.put("minSample", s.minSample());
        return m;
    }

    public void rules(Context ctx) {
        ctx.json(Map.of("rules", followups.rules()));
    }

    public void addRule(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("touchpoint", "location", "ownerId"));
        ctx.status(201).json(followups.addRule(body.text("touchpoint", 100), body.text("location", 100),
                body.integer("ownerId", 1, Integer.MAX_VALUE), actor(ctx)));
    }

    public void deleteRule(Context ctx) {
        followups.deleteRule(Params.id(ctx), actor(ctx));
        ctx.status(204);
    }

    public void recipients(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(followups.recipients(Params.id(ctx), actor(ctx), "followup.story_recipients"));
    }

    public void recipientsCsv(Context ctx) {
        int id = Params.id(ctx);
        String csv = notices.csv(id, actor(ctx));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"story-" + id + "-customers.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Body: optional subject and message (templates with {name}, {story}, {action}); else each customer's language's template. */
    public void notify(Context ctx) {
        JsonFields body = JsonBody.of(ctx, Set.of("subject", "message"));
        String subject = body.text("subject", StoryNotices.MAX_SUBJECT);
        String message = multiline(body, "message", StoryNotices.MAX_MESSAGE);
        ctx.json(notices.send(Params.id(ctx), subject, message, actor(ctx)));
    }


    private static String actor(Context ctx) {
        return AccessControl.principal(ctx).actor();
    }
}
