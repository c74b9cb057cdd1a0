package io.loopboard.app;

import io.loopboard.auth.Role;
import io.loopboard.auth.Secrets;
import java.io.PrintStream;

/** First-start duties: the first administrator, from the environment or with a generated password. */
final class Bootstrap {

    private Bootstrap() {
    }

    static void firstAdmin(Loopboard lb, PrintStream out) {
        if (lb.auth.hasUsers()) {
            return;
        }
        String email = lb.config.adminEmail();
        String password = lb.config.adminPassword().orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = Secrets.newCode(6) + "-" + Secrets.newCode(6) + "-" + Secrets.newCode(6);
        }
        lb.auth.createUser(email, "Administrator", password, Role.ADMIN, "system:bootstrap");
        if (generated) {
            out.println();
            out.println("  First administrator created. This password is shown once; change it after logging in.");
            out.println("    e-mail:   " + email);
            out.println("    password: " + password);
            out.println();
        } else {
            out.println("  First administrator " + email + " created from LOOPBOARD_ADMIN_PASSWORD.");
        }
    }
}
