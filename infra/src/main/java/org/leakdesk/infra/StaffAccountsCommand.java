package org.leakdesk.infra;

import java.io.PrintStream;
import java.util.List;
import org.leakdesk.infra.accounts.AccountsCommand;

/**
 * Staff accounts as a command, for {@code java -jar leakdesk.jar accounts ...}: list, create
 * (initial password printed once or read from a file), change roles, disable, enable, unlock and
 * reset the authenticator, against the application's configured database, each change in the
 * access log. Run without arguments for its usage.
 */
public final class StaffAccountsCommand {

    private StaffAccountsCommand() {}

    /**
     * Runs the command; returns its exit status (0 done, 1 refused, 2 wrong command).
     *
     * @param springArgs Spring arguments such as {@code --spring.datasource.url=...}
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, String... springArgs) {
        return AccountsCommand.run(args, out, err, springArgs);
    }
}
