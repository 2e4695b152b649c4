package org.leakdesk.infra.accounts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.StaffAccount;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.access.AccessDeniedException;

/**
 * {@code java -jar leakdesk.jar accounts ...}: staff accounts from the server's shell, with the
 * application's own configuration and database (for the first admin of a production install,
 * or when no admin can sign in). Each change is in the access log, by {@code cli:<os user>}.
 */
public final class AccountsCommand {

    static final String USAGE = """
            Usage: java -jar leakdesk.jar accounts COMMAND [OPTIONS]
              list                                   every account with its roles and state
              create --user NAME --role ROLE [--role ROLE] [--password-file FILE]
                                                     a new account; without --password-file a random
                                                     initial password is printed once
              roles --user NAME --role ROLE [--role ROLE]
                                                     gives the account exactly these roles; its sessions end
              disable --user NAME                    the account cannot sign in; its sessions end at once
              enable --user NAME                     the account can sign in again
              unlock --user NAME                     lifts a lock after failed sign-ins
              reset-two-factor --user NAME           the member sets up a new authenticator at next sign-in
            Roles: reviewer, editor, auditor, admin (an auditor or admin is never also a reviewer or editor).
            The configuration is the application's (application properties, LEAKDESK_* variables,
            --spring.config.additional-location=...); with the zero-setup H2 database, stop LeakDesk first.""";

    private AccountsCommand() {}

    /**
     * Runs one command.
     *
     * @param springArgs extra Spring arguments (e.g. {@code --spring.datasource.url=...})
     * @return 0 done, 1 refused (the message says why), 2 wrong command
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, String... springArgs) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        List<String> spring = new ArrayList<>(List.of(springArgs));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountsCommandContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of("leakdesk.demo.accounts", "false", "logging.level.root", "WARN"))
                .run(spring.toArray(String[]::new))) {
            return options.runOn(context.getBean(StaffAccounts.class), out);
        } catch (IllegalArgumentException | StaffAccountException | AccessDeniedException e) {
            err.println("Refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Cannot read the password file: " + e.getMessage());
            return 1;
        }
    }

    /** The command line, checked before anything starts. */
    private record Options(
            String command,
            @Nullable String user,
            Set<StaffRole> roles,
            @Nullable Path passwordFile) {

        static Options parse(List<String> args) {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("Which accounts command?");
            }
            String command = args.get(0);
            String user = null;
            Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
            Path passwordFile = null;
            for (int i = 1; i < args.size(); i++) {
                String option = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--user" -> user = value;
                    case "--role" -> {
                        for (String role : value.split(",")) {
                            roles.add(StaffRole.ofName(role));
                        }
                    }
                    case "--password-file" -> passwordFile = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + option);
                }
            }
            boolean needsUser = !command.equals("list");
            boolean needsRoles = command.equals("create") || command.equals("roles");
            if (!List.of("list", "create", "roles", "disable", "enable", "unlock", "reset-two-factor")
                    .contains(command)) {
                throw new IllegalArgumentException("Unknown accounts command " + command);
            }
            if (needsUser && user == null) {
                throw new IllegalArgumentException(command + " needs --user NAME");
            }
            if (needsRoles && roles.isEmpty()) {
                throw new IllegalArgumentException(command + " needs at least one --role");
            }
            return new Options(command, user, roles, passwordFile);
        }

        int runOn(StaffAccounts accounts, PrintStream out) throws IOException {
            StaffMember operator =
                    new StaffMember("cli:" + System.getProperty("user.name", "unknown"), Set.of(StaffRole.ADMIN));
            switch (command) {
                case "list" -> accounts.accounts().forEach(account -> out.println(describe(account)));
                case "create" -> create(accounts, operator, out);
                case "roles" -> {
                    accounts.changeRoles(user, roles, operator);
                    out.println(
                            "Account " + user + " now has the roles " + names(roles) + "; its sessions have ended.");
                }
                case "disable" -> {
                    accounts.disable(user, operator);
                    out.println("Account " + user + " is disabled; its sessions have ended.");
                }
                case "enable" -> {
                    accounts.enable(user, operator);
                    out.println("Account " + user + " is enabled.");
                }
                case "unlock" -> {
                    accounts.unlock(user, operator);
                    out.println("Account " + user + " is unlocked.");
                }
                default -> {
                    accounts.resetTwoFactor(user, operator);
                    out.println("Account " + user + " sets up a new authenticator at its next sign-in.");
                }
            }
            return 0;
        }

        private void create(StaffAccounts accounts, StaffMember operator, PrintStream out) throws IOException {
            String password = passwordFile == null ? accounts.newPassword() : firstLine(passwordFile);
            accounts.create(user, password, roles, operator);
            out.println("Created account " + user + " with the roles " + names(roles) + ".");
            if (passwordFile == null) {
                out.println("Initial password (shown once, stored only as a hash): " + password);
            } else {
                out.println("Its password is the one in " + passwordFile + ".");
            }
            out.println("At the first sign-in the member sets up an authenticator app.");
        }

        private static String firstLine(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).stripTrailing();
        }

        private static String describe(StaffAccount account) {
            return String.format(
                    Locale.ROOT,
                    "%-24s %-28s %s%s%s",
                    account.username(),
                    names(account.roles()),
                    account.enabled() ? "enabled" : "disabled",
                    account.locked() ? ", locked" : "",
                    account.twoFactorEnrolled() ? "" : ", no authenticator yet");
        }

        private static String names(Set<StaffRole> roles) {
            return String.join(
                    ",", roles.stream().map(StaffRole::group).sorted().toList());
        }
    }
}
