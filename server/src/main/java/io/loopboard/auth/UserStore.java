package io.loopboard.auth;

import static io.loopboard.store.generated.Tables.APP_USER;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The queries of the user table that other features need: who a user is, to name an owner and
 * mail them. Only the auth feature touches the table; nothing here hands out a password hash.
 */
public final class UserStore {

    private UserStore() {
    }

    /** A user as others name and mail them. */
    public record Person(int id, String email, String displayName) {
        /** The display name, or the e-mail address when there is none. */
        public String name() {
            return displayName != null ? displayName : email;
        }
    }

    /** These users, by id; unknown ids are left out. */
    public static Map<Integer, Person> people(DSLContext ctx, Collection<Integer> ids) {
        Map<Integer, Person> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ctx.select(APP_USER.ID, APP_USER.EMAIL, APP_USER.DISPLAY_NAME).from(APP_USER).where(APP_USER.ID.in(ids))
                .forEach(r -> found.put(r.value1(), new Person(r.value1(), r.value2(), r.value3())));
        return found;
    }
}
