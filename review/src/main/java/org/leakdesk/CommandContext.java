package org.leakdesk;

import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as a command that needs its database, blobs and keys: the same settings as the
 * service (with {@code --spring.*=...} arguments as the service passes them), no process jobs,
 * both faces on loopback ports of their own.
 */
final class CommandContext {

    private CommandContext() {}

    static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(LeakDeskApplication.class)
                .properties(
                        "camunda.bpm.job-execution.enabled=false",
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "leakdesk.staff.port=0",
                        "leakdesk.staff.address=127.0.0.1",
                        "spring.main.banner-mode=off")
                .run(springArguments(args));
    }

    static String[] springArguments(List<String> args) {
        return args.stream().filter(CommandContext::isSpringArgument).toArray(String[]::new);
    }

    /** Settings as the service passes them, e.g. {@code --spring.config.additional-location=file:...}. */
    static boolean isSpringArgument(String arg) {
        return arg.startsWith("--spring.") && arg.contains("=");
    }
}
