package org.leakdesk.infra;

import java.io.PrintStream;
import java.util.List;
import org.leakdesk.infra.audit.VerifyLogCommand;

/**
 * The access log's verifier as a command, for {@code java -jar leakdesk.jar verify-log ...}: it
 * checks an export in JSON lines ({@link AccessLogJsonLines}) against a copy of the witness
 * directory and the checkpoint key's public half, and produces and checks inclusion proofs, with
 * neither the database nor the application running. Run without arguments for its usage.
 */
public final class OfflineLogVerifier {

    private OfflineLogVerifier() {}

    /** Runs the command; returns its exit status (0 intact, 1 not intact, 2 wrong command or unreadable file). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return VerifyLogCommand.run(args, out, err);
    }
}
