package org.leakdesk;

import java.util.List;
import org.leakdesk.infra.KeyTools;
import org.leakdesk.infra.OfflineLogVerifier;
import org.leakdesk.infra.StaffAccountsCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;

/**
 * LeakDesk: one process serving the source face (default port 8080) and the staff face (default
 * port 8081). Assembles the modules infra, intake, workflow and review. {@code verify-log} as the
 * first argument runs the access log's offline verifier instead; {@code keys} the newsroom's key
 * tools (no database); {@code export} writes a document as an OpenPGP file to a journalist's key;
 * {@code accounts} the staff accounts command (see {@link StaffAccountsCommand}).
 */
// Staff sessions have a store of our own, in staff processes only (review.security.StaffSessionStore).
@SpringBootApplication(exclude = SessionAutoConfiguration.class)
public class LeakDeskApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-log")) {
            // The auditor's offline verifier: no Spring context, no database, no keys but the public one.
            System.exit(OfflineLogVerifier.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 1 && args[0].equals("keys") && args[1].equals("rotate")) {
            // Needs the database and the unlocked key: runs with the application's settings.
            System.exit(RotateCommand.run(List.of(args).subList(2, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("keys")) {
            System.exit(KeyTools.run(List.of(args).subList(1, args.length), System::getenv, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("export")) {
            System.exit(ExportCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("accounts")) {
            // Accounts from the server's shell: the database and the access log, no web server or engine.
            List<String> command = List.of(args).subList(1, args.length);
            System.exit(StaffAccountsCommand.run(
                    command.stream().filter(a -> !a.startsWith("--spring.")).toList(),
                    System.out,
                    System.err,
                    command.stream().filter(a -> a.startsWith("--spring.")).toArray(String[]::new)));
        }
        SpringApplication.run(LeakDeskApplication.class, args);
    }
}
