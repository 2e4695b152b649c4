package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.leakdesk.infra.UnknownJournalistKeyException;

/**
 * {@code java -jar leakdesk.jar keys ...}: the newsroom's key tools, without the application or
 * its database. The passphrase is never an argument (arguments show in the process list and the
 * shell's history): it comes from a file or from an environment variable the command names.
 *
 * <pre>
 * keys init [--keys-dir DIR] (--passphrase-file FILE | --passphrase-env NAME) [--name "Newsroom &lt;mail&gt;"]
 * keys add-journalist [--keys-dir DIR] --key FILE.asc
 * </pre>
 */
public final class KeysCommand {

    static final int DONE = 0;
    static final int USAGE = 2;
    private static final int MIN_PASSPHRASE = 12;

    private static final String USAGE_TEXT = """
            usage:
              keys init [--keys-dir DIR] (--passphrase-file FILE | --passphrase-env NAME) [--name "Newsroom <mail>"]
                  creates the newsroom key pair in DIR (newsroom.pub.asc, newsroom.sec.asc); the private
                  key is protected with the passphrase read from FILE's first line or the variable NAME
              keys add-journalist [--keys-dir DIR] --key FILE.asc
                  adds a journalist's OpenPGP public key (ASCII-armoured or binary) for exports
              keys rotate [--batch N]
                  rotates the newsroom key (needs the database: runs with the application's settings)
            DIR is leakdesk.keys.directory (production: /etc/leakdesk/keys; default $LEAKDESK_DATA_DIR/keys or ./data/keys).""";

    private KeysCommand() {}

    /** Runs the command; returns the exit status. */
    public static int run(List<String> args, UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("name a command");
            }
            List<String> rest = args.subList(1, args.size());
            return switch (args.get(0)) {
                case "init" ->
                    init(
                            options(rest, Set.of("--keys-dir", "--passphrase-file", "--passphrase-env", "--name")),
                            environment,
                            out);
                case "add-journalist" -> addJournalist(options(rest, Set.of("--keys-dir", "--key")), environment, out);
                default -> throw new IllegalArgumentException("unknown command " + args.get(0));
            };
        } catch (IllegalArgumentException e) {
            err.println("keys: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (IllegalStateException | IOException e) {
            err.println("keys: " + e.getMessage());
            return USAGE;
        }
    }

    private static int init(Map<String, String> options, UnaryOperator<String> environment, PrintStream out)
            throws IOException {
        Path dir = keysDirectory(options, environment);
        char[] passphrase = passphrase(options, environment);
        try {
            if (Files.exists(dir.resolve(NewsroomKeyring.PUBLIC_FILE))
                    || Files.exists(dir.resolve(NewsroomKeyring.SECRET_FILE))) {
                throw new IllegalStateException("a newsroom key already exists in " + dir
                        + "; nothing was changed (rotating it is a separate step)");
            }
            Files.createDirectories(dir);
            String fingerprint =
                    NewsroomKeyring.generate(dir, passphrase, options.getOrDefault("--name", "LeakDesk newsroom key"));
            out.println("Created the newsroom key " + fingerprint + " in " + dir.toAbsolutePath() + ".");
            out.println("Keep the passphrase apart from the key; the source processes need only "
                    + NewsroomKeyring.PUBLIC_FILE + ".");
            return DONE;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static int addJournalist(Map<String, String> options, UnaryOperator<String> environment, PrintStream out)
            throws IOException {
        Path dir = keysDirectory(options, environment).resolve(OpenPgpJournalistKeys.DIRECTORY);
        Path file = Path.of(required(options, "--key"));
        List<OpenPGPCertificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = OpenPgpCertificates.read(in);
        }
        if (certificates.size() != 1) {
            throw new IllegalStateException(
                    file + " holds " + certificates.size() + " keys; give one journalist's key per file");
        }
        OpenPGPCertificate certificate = certificates.get(0);
        String fingerprint = OpenPgpCertificates.fingerprintOf(certificate);
        try {
            OpenPgpJournalistKeys.encryptionKeyOf(certificate);
        } catch (UnknownJournalistKeyException unusable) {
            throw new IllegalStateException(unusable.getMessage() + ". Nothing was added.");
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(fingerprint + ".asc"), NewsroomKeyring.armor(certificate.getPGPPublicKeyRing()));
        String user = OpenPgpCertificates.nameOf(certificate);
        // A certificate from keys.openpgp.org may carry no user id: the fingerprint then names it.
        out.println("Added the journalist key " + fingerprint
                + (user.equals(fingerprint) ? " (it names nobody; the case page lists it by fingerprint)" : " " + user)
                + ".");
        out.println(
                "Export to it with: export --case CASE --document DOCUMENT --to " + fingerprint + " --out FILE.gpg");
        return DONE;
    }

    private static char[] passphrase(Map<String, String> options, UnaryOperator<String> environment)
            throws IOException {
        String file = options.get("--passphrase-file");
        String variable = options.get("--passphrase-env");
        if ((file == null) == (variable == null)) {
            throw new IllegalArgumentException("give exactly one of --passphrase-file and --passphrase-env");
        }
        String passphrase;
        if (file != null) {
            passphrase = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                    .findFirst()
                    .orElse("");
        } else {
            passphrase = environment.apply(variable);
            if (passphrase == null) {
                throw new IllegalStateException("the environment variable " + variable + " is not set");
            }
        }
        if (passphrase.length() < MIN_PASSPHRASE) {
            throw new IllegalStateException("the passphrase must have at least " + MIN_PASSPHRASE + " characters");
        }
        return passphrase.toCharArray();
    }

    /** {@code --keys-dir}, or the application's default: {@code $LEAKDESK_DATA_DIR/keys}, {@code ./data/keys}. */
    private static Path keysDirectory(Map<String, String> options, UnaryOperator<String> environment) {
        if (options.containsKey("--keys-dir")) {
            return Path.of(options.get("--keys-dir"));
        }
        String dataDir = environment.apply("LEAKDESK_DATA_DIR");
        return Path.of(dataDir == null ? "./data" : dataDir, "keys");
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static Map<String, String> options(List<String> args, Set<String> known) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            options.put(name, args.get(i + 1));
        }
        return options;
    }
}
