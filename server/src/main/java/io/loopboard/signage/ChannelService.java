package io.loopboard.signage;

import static io.loopboard.store.generated.Tables.CHANNEL;

import com.fasterxml.jackson.core.type.TypeReference;
import io.loopboard.core.Json;
import io.loopboard.core.JsonFields;
import io.loopboard.core.Refusal;
import io.loopboard.store.AuditLog;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;
import io.loopboard.store.generated.tables.records.ChannelRecord;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;

/** Channels and their rules: read, create and change them; every change is audited and republished. */
public final class ChannelService {

    public static final Set<String> FIELDS = Set.of("slug", "name", "slideMode", "slideSeconds", "minSlideSeconds",
            "maxSlideSeconds", "praisePercent", "touchpoints", "locations", "languages", "scorePercent", "scoreMetric",
            "scoreDays", "scoreMinSample", "timeZone", "quietStart", "quietEnd", "quietWeekends", "quietMode", "theme",
            "brandColor", "logoUrl", "orientation", "showConnectionState");

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    /** The display page's CSP allows images from this server and data: URLs only. */
    private static final Pattern IMAGE_URL = Pattern.compile("/[A-Za-z0-9._~/%-]{1,300}|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]{1,200000}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Database db;
    private final Clock clock;
    private final ContentEvents events;

    public ChannelService(Database db, Clock clock, ContentEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    public List<Channel> list() {
        return db.dsl().selectFrom(CHANNEL).orderBy(CHANNEL.NAME, CHANNEL.ID).fetch(ChannelService::toChannel);
    }

    public Optional<Channel> find(int id) {
        return db.dsl().selectFrom(CHANNEL).where(CHANNEL.ID.eq(id)).fetchOptional(ChannelService::toChannel);
    }

    /**
     * The channel's rotation epoch: the moment it was created. It never changes, so republishing a
     * playlist (any moderation edit) continues the rotation's rhythm instead of restarting it, and
     * every node of a cluster gives the channel's screens the same epoch.
     */
    public Optional<Long> epoch(int id) {
        return db.dsl().select(CHANNEL.CREATED_AT).from(CHANNEL).where(CHANNEL.ID.eq(id)).fetchOptional(CHANNEL.CREATED_AT);
    }

    /** Every channel's id and name, by name: the editor's and the rules form's list. */
    public List<java.util.Map<String, Object>> names() {
        return db.dsl().select(CHANNEL.ID, CHANNEL.NAME).from(CHANNEL).orderBy(CHANNEL.NAME)
                .fetch(r -> java.util.Map.<String, Object>of("id", r.value1(), "name", r.value2()));
    }

    public Channel get(int id) {
        return find(id).orElseThrow(() -> Refusal.notFound("channel " + id));
    }

    /** Creates a channel from a request body: slug and name are required, the rest has defaults. */
    public Channel create(JsonFields body, String actor) {
        String slug = body.requiredText("slug", 40);
        if (!SLUG.matcher(slug).matches()) {
            throw Refusal.invalid("slug", "must be 1-40 lower-case letters, digits or '-'");
        }
        String name = body.requiredText("name", 100);
        if (db.dsl().fetchExists(CHANNEL, CHANNEL.SLUG.eq(slug))) {
            throw Refusal.conflict("slug", "is already used by another channel");
        }
        Channel defaults = new Channel(0, slug, name, "fixed", 12, 6, 20, null, List.of(), List.of(), List.of(),
                0, "NPS", 90, 30, "UTC", null, null, false, "clock", "dark", null, null, "landscape", false);
        Channel c = apply(defaults, body);
        long now = clock.now();
        int id = db.write(cfg -> {
            var tx = DSL.using(cfg);
            ChannelRecord r = tx.newRecord(CHANNEL);
            fill(r, c);
            r.setCreatedAt(now);
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "channel.create", "channel", r.getId(), null, c);
            return r.getId();
        });
        return get(id);
    }

    /** Changes the fields present in the body; the channel's screens get the new rules at once. */
    public Channel update(int id, JsonFields body, String actor) {
        Channel before = get(id);
        if (body.has("slug")) {
            throw Refusal.invalid("slug", "cannot be changed (screens and links use it)");
        }
        Channel after = apply(before, body);
        long now = clock.now();
        db.write(cfg -> {
            var tx = DSL.using(cfg);
            ChannelRecord r = tx.selectFrom(CHANNEL).where(CHANNEL.ID.eq(id)).fetchOne();
            fill(r, after);
            r.setUpdatedAt(now);
            r.store();
            AuditLog.record(tx, now, actor, "channel.update", "channel", id, before, after);
            return null;
        });
        events.publish(ContentEvents.Change.channels(List.of(id)));
        return get(id);
    }

    /** The rules of {@code base} with every field the body carries, validated; cross-field rules last. */
    private static Channel apply(Channel base, JsonFields b) {
        String name = b.has("name") ? b.requiredText("name", 100) : base.name();
        String slideMode = or(b.oneOf("slideMode", Set.of("fixed", "reading")), base.slideMode());
        int slideSeconds = or(b.integer("slideSeconds", 3, 600), base.slideSeconds());
        int minSeconds = or(b.integer("minSlideSeconds", 3, 600), base.minSlideSeconds());
        int maxSeconds = or(b.integer("maxSlideSeconds", 3, 600), base.maxSlideSeconds());
        if (minSeconds > maxSeconds) {
            throw Refusal.invalid("maxSlideSeconds", "must not be below minSlideSeconds (" + minSeconds + ")");
        }
        Integer praise = b.has("praisePercent") ? b.integer("praisePercent", 0, 100) : base.praisePercent();
        List<String> touchpoints = b.has("touchpoints") ? orEmpty(b.texts("touchpoints", 50, 100)) : base.touchpoints();
        List<String> locations = b.has("locations") ? orEmpty(b.texts("locations", 50, 100)) : base.locations();
        List<String> languages = b.has("languages") ? orEmpty(b.texts("languages", 50, 35)) : base.languages();
        for (String l : languages) {
            if (!LANG.matcher(l).matches()) {
                throw Refusal.invalid("languages", "'" + l + "' is not a language tag like sv or pt-BR");
            }
        }
        int scorePercent = or(b.integer("scorePercent", 0, 50), base.scorePercent());
        String scoreMetric = or(b.oneOf("scoreMetric", Set.of("NPS", "CSAT")), base.scoreMetric());
        int scoreDays = or(b.integer("scoreDays", 30, 90), base.scoreDays());
        if (scoreDays != 30 && scoreDays != 90) {
            throw Refusal.invalid("scoreDays", "must be 30 or 90");
        }
        int scoreMin = or(b.integer("scoreMinSample", 1, 100_000), base.scoreMinSample());
        String zone = or(b.text("timeZone", 60), base.timeZone());
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Refusal.invalid("timeZone", "must be a time zone like Europe/Stockholm or UTC");
        }
        String quietStart = b.has("quietStart") ? time(b, "quietStart") : base.quietStart();
        String quietEnd = b.has("quietEnd") ? time(b, "quietEnd") : base.quietEnd();
        if ((quietStart == null) != (quietEnd == null)) {
            throw Refusal.invalid(quietStart == null ? "quietStart" : "quietEnd", "quiet hours need both a start and an end");
        }
        if (quietStart != null && quietStart.equals(quietEnd)) {
            throw Refusal.invalid("quietEnd", "must differ from quietStart");
        }
        boolean quietWeekends = or(b.bool("quietWeekends"), base.quietWeekends());
        String quietMode = or(b.oneOf("quietMode", Set.of("clock", "black")), base.quietMode());
        String theme = or(b.oneOf("theme", Set.of("dark", "light")), base.theme());
        String brandColor = b.has("brandColor") ? b.text("brandColor", 7) : base.brandColor();
        if (brandColor != null && !COLOR.matcher(brandColor).matches()) {
            throw Refusal.invalid("brandColor", "must be a colour like #0A7B83");
        }
        String logoUrl = b.has("logoUrl") ? imageUrl(b, "logoUrl") : base.logoUrl();
        String orientation = or(b.oneOf("orientation", Set.of("landscape", "portrait")), base.orientation());
        return new Channel(base.id(), base.slug(), name, slideMode, slideSeconds, minSeconds, maxSeconds, praise,
                touchpoints, locations, languages, scorePercent, scoreMetric, scoreDays, scoreMin, zone,
                quietStart, quietEnd, quietWeekends, quietMode, theme, brandColor, logoUrl, orientation,
                or(b.bool("showConnectionState"), base.showConnectionState()));
    }

    /** A same-origin path or a data: image, the only images the screens' CSP admits. */
    static String imageUrl(JsonFields b, String field) {
        String url = b.text(field, 270_000);
        if (url != null && !IMAGE_URL.matcher(url).matches()) {
            throw Refusal.invalid(field, "must be a path on this server (/…) or a data:image/…;base64 URL");
        }
        if (url != null && url.startsWith("//")) {
            throw Refusal.invalid(field, "must be a path on this server, not another host");
        }
        return url;
    }

    private static String time(JsonFields b, String field) {
        String s = b.text(field, 5);
        if (s != null && !HH_MM.matcher(s).matches()) {
            throw Refusal.invalid(field, "must be a time like 22:00");
        }
        return s;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static void fill(ChannelRecord r, Channel c) {
        r.setSlug(c.slug());
        r.setName(c.name());
        r.setSlideMode(c.slideMode());
        r.setSlideSeconds(c.slideSeconds());
        r.setMinSlideSeconds(c.minSlideSeconds());
        r.setMaxSlideSeconds(c.maxSlideSeconds());
        r.setPraisePercent(c.praisePercent());
        r.setFilterTouchpoints(c.touchpoints().isEmpty() ? null : Json.write(c.touchpoints()));
        r.setFilterLocations(c.locations().isEmpty() ? null : Json.write(c.locations()));
        r.setFilterLanguages(c.languages().isEmpty() ? null : Json.write(c.languages()));
        r.setScorePercent(c.scorePercent());
        r.setScoreMetric(c.scoreMetric());
        r.setScoreDays(c.scoreDays());
        r.setScoreMinSample(c.scoreMinSample());
        r.setTimeZone(c.timeZone());
        r.setQuietStart(c.quietStart());
        r.setQuietEnd(c.quietEnd());
        r.setQuietWeekends(c.quietWeekends() ? 1 : 0);
        r.setQuietMode(c.quietMode());
        r.setTheme(c.theme());
        r.setBrandColor(c.brandColor());
        r.setLogoUrl(c.logoUrl());
        r.setOrientation(c.orientation());
        r.setShowConnectionState(c.showConnectionState() ? 1 : 0);
    }

    static Channel toChannel(ChannelRecord r) {
        return new Channel(r.getId(), r.getSlug(), r.getName(), r.getSlideMode(), r.getSlideSeconds(),
                r.getMinSlideSeconds(), r.getMaxSlideSeconds(), r.getPraisePercent(), list(r.getFilterTouchpoints()),
                list(r.getFilterLocations()), list(r.getFilterLanguages()), r.getScorePercent(), r.getScoreMetric(),
                r.getScoreDays(), r.getScoreMinSample(), r.getTimeZone(), r.getQuietStart(), r.getQuietEnd(),
                r.getQuietWeekends() != null && r.getQuietWeekends() == 1, r.getQuietMode(), r.getTheme(),
                r.getBrandColor(), r.getLogoUrl(), r.getOrientation(),
                r.getShowConnectionState() != null && r.getShowConnectionState() == 1);
    }

    private static List<String> list(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(Json.MAPPER.readValue(json, STRINGS));
        } catch (Exception e) {
            throw new IllegalStateException("channel filter is not a JSON list: " + json, e);
        }
    }
}
