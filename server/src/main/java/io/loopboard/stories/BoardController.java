package io.loopboard.stories;

import io.javalin.http.Context;
import io.loopboard.core.Refusal;
import io.loopboard.web.Pages;
import io.loopboard.web.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The improvements board for teams: its pages, its JSON, its Atom feed and story pictures.
 * Everything here comes from {@link BoardService}, which reads moderated quote text only.
 */
public final class BoardController {

    private final BoardService board;
    private final StoryImages images;
    private final Pages pages;
    private final io.loopboard.web.PublicUrl publicUrl;

    public BoardController(BoardService board, StoryImages images, Pages pages, io.loopboard.web.PublicUrl publicUrl) {
        this.board = board;
        this.images = images;
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    public void boardPage(Context ctx) {
        pages.serve(ctx, "improvements.html");
    }

    public void authoringPage(Context ctx) {
        pages.serve(ctx, "stories.html");
    }

    public void storyPage(Context ctx) {
        Params.id(ctx);
        pages.serve(ctx, "improvement.html");
    }

    public void list(Context ctx) {
        String status = param(ctx, "status");
        if (status != null && !StoryService.STATUSES.contains(status)) {
            throw Refusal.invalid("status", "must be one of planned, in_progress, done");
        }
        String search = param(ctx, "q");
        if (search != null && search.length() > 200) {
            throw Refusal.invalid("q", "at most 200 characters");
        }
        var filter = new BoardService.Filter(param(ctx, "team"), status, param(ctx, "touchpoint"), search);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stories", board.list(filter, 500));
        out.putAll(board.facets());
        ctx.json(out);
    }

    public void get(Context ctx) {
        ctx.json(board.get(Params.id(ctx)));
    }

    public void feed(Context ctx) {
        String base = publicUrl.base(ctx);
        ctx.contentType("application/atom+xml; charset=utf-8")
                .result(AtomFeed.write(base, board.list(BoardService.Filter.ALL, 50)));
    }

    /** A published story's picture, for the board. */
    public void image(Context ctx) {
        int id = Params.id(ctx);
        board.get(id); // 404 unless published
        serve(ctx, images.read(id));
    }

    /** Any story's picture, for its authors. */
    public void draftImage(Context ctx) {
        serve(ctx, images.read(Params.id(ctx)));
    }

    private static void serve(Context ctx, StoryImages.Stored img) {
        ctx.header("Cache-Control", "private, max-age=60");
        ctx.contentType(img.contentType()).result(img.bytes());
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
