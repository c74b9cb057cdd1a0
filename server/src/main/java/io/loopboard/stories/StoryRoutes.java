package io.loopboard.stories;

import static io.loopboard.auth.Role.ADMIN;
import static io.loopboard.auth.Role.MODERATOR;
import static io.loopboard.auth.Role.VIEWER;

import io.javalin.config.RoutesConfig;

/**
 * The HTTP surface of stories and the improvements board, kept together so that the shared
 * {@code app/Routes} only needs one call. Authoring is for moderators; the board admits the
 * viewer role (moderators and administrators satisfy it), or anyone when it is switched open.
 */
public final class StoryRoutes {

    private final StoryController stories;
    private final BoardController board;

    public StoryRoutes(StoryController stories, BoardController board) {
        this.stories = stories;
        this.board = board;
    }

    public void register(RoutesConfig r) {
        // authoring
        r.get("/admin/stories", board::authoringPage, MODERATOR, ADMIN);
        r.get("/api/v1/stories", stories::list, MODERATOR, ADMIN);
        r.post("/api/v1/stories", stories::create, MODERATOR, ADMIN);
        r.get("/api/v1/stories/{id}", stories::get, MODERATOR, ADMIN);
        r.put("/api/v1/stories/{id}", stories::update, MODERATOR, ADMIN);
        r.post("/api/v1/stories/{id}/publish", stories::publish, MODERATOR, ADMIN);
        r.post("/api/v1/stories/{id}/archive", stories::archive, MODERATOR, ADMIN);
        r.post("/api/v1/stories/{id}/links", stories::link, MODERATOR, ADMIN);
        r.post("/api/v1/stories/{id}/unlink", stories::unlink, MODERATOR, ADMIN);
        r.get("/api/v1/stories/{id}/suggestions", stories::suggestions, MODERATOR, ADMIN);
        r.get("/api/v1/stories/{id}/image", board::draftImage, MODERATOR, ADMIN);
        r.put("/api/v1/stories/{id}/image", stories::putImage, MODERATOR, ADMIN);
        r.delete("/api/v1/stories/{id}/image", stories::deleteImage, MODERATOR, ADMIN);
        r.get("/api/v1/story-shares", stories::channels, MODERATOR, ADMIN);
        r.put("/api/v1/story-shares/{id}", stories::setShare, MODERATOR, ADMIN);
        r.get("/api/v1/improvements/settings", stories::settings, MODERATOR, ADMIN);
        r.put("/api/v1/improvements/settings", stories::setSettings, ADMIN);

        // the board
        r.get("/improvements", board::boardPage, VIEWER);
        r.get("/improvements.atom", board::feed, VIEWER);
        r.get("/improvements/{id}", board::storyPage, VIEWER);
        r.get("/improvements/{id}/image", board::image, VIEWER);
        r.get("/api/v1/improvements", board::list, VIEWER);
        r.get("/api/v1/improvements/{id}", board::get, VIEWER);
    }
}
