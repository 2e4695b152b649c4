package org.leakdesk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.leakdesk.infra.UnknownJournalistKeyException;
import org.leakdesk.intake.DocumentExports;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar leakdesk.jar export --case ID --document N --to FINGERPRINT --out FILE.gpg}:
 * writes one document as a standard OpenPGP file (SEIPD v1) encrypted to a journalist's key, for
 * the air-gapped machine. It runs with the application's own settings (database, blobs, keys and
 * the passphrase from the file or environment variable the staff side uses), takes no jobs and
 * listens on loopback only, and logs the export before it decrypts. The file is written under a
 * temporary name and renamed when complete; it only ever holds ciphertext.
 */
final class ExportCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage:
              export --case CASE --document N --to FINGERPRINT --out FILE.gpg [--spring.config.additional-location=...]
                  CASE is the case id shown on the case page; N the document's number there (1 for the
                  first) or its id; FINGERPRINT a journalist key added with 'keys add-journalist'.
                  Decrypt on the air-gapped machine with: gpg --decrypt FILE.gpg > document""";

    private ExportCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        UUID caseId = UUID.fromString(options.get("--case"));
        Path target = Path.of(options.get("--out"));
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (ConfigurableApplicationContext context = CommandContext.start(args)) {
            DocumentExports.Exported exported;
            try (OutputStream file = Files.newOutputStream(partial)) {
                exported = context.getBean(DocumentExports.class)
                        .export(
                                caseId,
                                options.get("--document"),
                                options.get("--to"),
                                "cli:" + System.getProperty("user.name"),
                                file);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("Exported document " + exported.fileId() + " (" + exported.size() + " bytes) of case " + caseId
                    + " to key " + options.get("--to") + " into " + target + ".");
            return DONE;
        } catch (UnknownJournalistKeyException | SubmissionNotFoundException | SubmissionShreddedException e) {
            err.println("export: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("export: " + e.getMessage());
            return FAILED;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                err.println("export: could not remove " + partial);
            }
        }
    }

    private static Map<String, String> options(List<String> all) {
        Set<String> known = Set.of("--case", "--document", "--to", "--out");
        Map<String, String> options = new HashMap<>();
        List<String> args = all.stream()
                .filter(arg -> !CommandContext.isSpringArgument(arg))
                .toList();
        for (int i = 0; i < args.size(); i += 2) {
            if (!known.contains(args.get(i)) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unexpected " + args.get(i));
            }
            options.put(args.get(i), args.get(i + 1));
        }
        if (!options.keySet().equals(known)) {
            throw new IllegalArgumentException("all of --case, --document, --to and --out are needed");
        }
        UUID.fromString(options.get("--case")); // a case id is a UUID
        return options;
    }
}
