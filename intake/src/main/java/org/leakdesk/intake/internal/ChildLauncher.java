package org.leakdesk.intake.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.leakdesk.intake.parsing.ParserLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the command line of a parser child: the same Java and class path as this JVM (through
 * Spring Boot's {@code PropertiesLauncher} when running from the packaged jar), its own heap
 * limit, exit on the first {@code OutOfMemoryError}, a private temporary folder, an empty
 * environment (the newsroom key's passphrase may be in ours) and, where the machine allows it, a
 * network namespace with no interfaces.
 */
final class ChildLauncher {

    static final String CHILD_MAIN = "org.leakdesk.intake.parserchild.ParserChildMain";
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final Logger log = LoggerFactory.getLogger(ChildLauncher.class);

    private final ExtractionSettings settings;
    private final ParserLimits limits;
    private final boolean networkNamespace;

    ChildLauncher(ExtractionSettings settings, boolean scratchAvailable) {
        this.settings = settings;
        this.limits = new ParserLimits(
                settings.textLimit(),
                settings.maxEmbedded(),
                settings.maxDepth(),
                settings.memoryDocumentLimit().toBytes(),
                scratchAvailable);
        this.networkNamespace = settings.isolateNetwork() && unshareWorks();
        if (settings.isolateNetwork() && !networkNamespace) {
            log.warn("Parser children share this machine's network: 'unshare --net' is not available here."
                    + " Run LeakDesk's worker with no network access (e.g. systemd PrivateNetwork=) instead.");
        }
    }

    boolean isolatesNetwork() {
        return networkNamespace;
    }

    Process start(Path scratch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(scratch))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .directory(scratch.equals(ScratchSpace.NONE) ? null : scratch.toFile());
        builder.environment().clear();
        builder.environment().put("LANG", "C.UTF-8");
        return builder.start();
    }

    List<String> command(Path scratch) {
        List<String> command = new ArrayList<>();
        if (networkNamespace) {
            command.addAll(List.of("unshare", "--net", "--map-root-user"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.childHeap().toMegabytes() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-Xss4m");
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.io.tmpdir=" + scratch);
        command.add("-cp");
        command.add(absoluteClassPath());
        if (runningFromBootJar()) {
            command.add("-Dloader.main=" + CHILD_MAIN);
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(CHILD_MAIN);
        }
        command.addAll(limits.toArguments());
        return command;
    }

    /** The child starts in its scratch folder, so a class path relative to ours (e.g. {@code java -jar target/x.jar}) would not resolve. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The packaged jar nests its libraries: only Boot's launcher can put them on a class path. */
    private static boolean runningFromBootJar() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return ChildLauncher.class.getClassLoader() != system
                && system.getResource(BOOT_LAUNCHER.replace('.', '/') + ".class") != null;
    }

    private static boolean unshareWorks() {
        try {
            Process probe = new ProcessBuilder("unshare", "--net", "--map-root-user", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
