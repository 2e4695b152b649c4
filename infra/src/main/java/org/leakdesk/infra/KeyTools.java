package org.leakdesk.infra;

import java.io.PrintStream;
import java.util.List;
import java.util.function.UnaryOperator;
import org.leakdesk.infra.crypto.KeysCommand;

/**
 * The newsroom's key tools as a command, for {@code java -jar leakdesk.jar keys ...}: create the
 * newsroom key pair for production and add journalists' public keys, without the application or
 * its database. Run without arguments for its usage.
 */
public final class KeyTools {

    private KeyTools() {}

    /**
     * Runs the command; returns its exit status (0 done, 2 wrong command or a file that cannot be
     * used).
     *
     * @param environment reads an environment variable (for {@code --passphrase-env}); returns null
     *     when it is not set
     */
    public static int run(List<String> args, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        return KeysCommand.run(args, environment, out, err);
    }
}
