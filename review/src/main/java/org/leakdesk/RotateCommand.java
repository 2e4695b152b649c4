package org.leakdesk;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.leakdesk.infra.NewsroomKeyLockedException;
import org.leakdesk.infra.NewsroomKeyRotation;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar leakdesk.jar keys rotate [--batch N]}: rotates the newsroom key with the
 * application's settings and the staff side's passphrase (see {@link NewsroomKeyRotation}). Stop
 * the application's processes first; run it again after an interruption and it carries on.
 */
final class RotateCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private RotateCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> own = args.stream()
                .filter(arg -> !CommandContext.isSpringArgument(arg))
                .toList();
        int batch = 500;
        if (own.size() == 2 && own.get(0).equals("--batch") && own.get(1).matches("[1-9][0-9]{0,5}")) {
            batch = Integer.parseInt(own.get(1));
        } else if (!own.isEmpty()) {
            err.println("usage: keys rotate [--batch N] [--spring.config.additional-location=...]");
            return USAGE;
        }
        try (ConfigurableApplicationContext context = CommandContext.start(args)) {
            NewsroomKeyRotation.Result result =
                    context.getBean(NewsroomKeyRotation.class).rotate(batch, out);
            if (result.failed() > 0) {
                return FAILED;
            }
            out.println("Restart the application's processes so they load the new key. Destroy the retired private"
                    + " key once backups no longer need it.");
            return DONE;
        } catch (NewsroomKeyLockedException | IOException e) {
            err.println("keys rotate: " + e.getMessage());
            return FAILED;
        }
    }
}
