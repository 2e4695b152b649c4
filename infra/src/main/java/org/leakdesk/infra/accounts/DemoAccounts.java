package org.leakdesk.infra.accounts;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * On the first start of a demo installation (no staff accounts yet), creates one account per
 * role with a random password and prints the passwords once to the console. They are never
 * stored in clear or logged.
 */
class DemoAccounts implements ApplicationRunner {

    private final StaffAccounts accounts;
    private final PrintStream console;

    DemoAccounts(StaffAccounts accounts, PrintStream console) {
        this.accounts = accounts;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        Map<String, String> created = new LinkedHashMap<>();
        for (StaffRole role : StaffRole.values()) {
            String username = role.group();
            String password = accounts.newPassword();
            accounts.create(username, password, Set.of(role), "system:setup");
            created.put(username, password);
        }
        StringBuilder banner = new StringBuilder("\n")
                .append("=====================================================================\n")
                .append("  LeakDesk demo staff accounts (shown once; not stored in clear)\n")
                .append("  Staff interface: sign in on the staff port (default http://localhost:8081).\n")
                .append("  The first sign-in of each account sets up an authenticator app (TOTP):\n")
                .append("  scan the QR code or type the key the page shows into any TOTP app.\n\n");
        created.forEach((user, password) -> banner.append(String.format("    %-9s %s%n", user, password)));
        banner.append("=====================================================================\n");
        console.print(banner);
        console.flush();
    }
}
