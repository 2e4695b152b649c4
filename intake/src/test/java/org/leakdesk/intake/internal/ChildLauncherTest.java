package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper a parser child runs in, tested with a probe program in the child's place. */
class ChildLauncherTest {

    @TempDir
    Path scratch;

    /** A listener on this machine's loopback that the application itself can reach. */
    @Test
    void aChildCannotReachTheNetworkNotEvenLoopback() throws Exception {
        ChildLauncher launcher = new ChildLauncher(
                IsolatedParsersTest.settings(
                        java.time.Duration.ofSeconds(10),
                        org.springframework.util.unit.DataSize.ofMegabytes(64),
                        org.springframework.util.unit.DataSize.ofMegabytes(1)),
                true);
        assertThat(launcher.isolatesNetwork())
                .as("unshare works here (root, or user namespaces allowed)")
                .isTrue();
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThat(probe(launcher, listener.getLocalPort(), false))
                    .as("without the wrapper")
                    .isZero();
            assertThat(probe(launcher, listener.getLocalPort(), true))
                    .as("inside the child's namespace")
                    .isEqualTo(1);
        }
    }

    @Test
    void theChildGetsNoEnvironmentAndItsOwnLimits() {
        ChildLauncher launcher = new ChildLauncher(
                IsolatedParsersTest.settings(
                        java.time.Duration.ofSeconds(10),
                        org.springframework.util.unit.DataSize.ofMegabytes(300),
                        org.springframework.util.unit.DataSize.ofMegabytes(1)),
                true);

        List<String> command = launcher.command(scratch);

        assertThat(command).contains("-Xmx300m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + scratch);
        assertThat(command).doesNotContain("-Dloader.main=" + ChildLauncher.CHILD_MAIN);
    }

    private int probe(ChildLauncher launcher, int port, boolean wrapped) throws Exception {
        List<String> command = new ArrayList<>(launcher.command(scratch));
        int main = command.indexOf(ChildLauncher.CHILD_MAIN);
        List<String> probe = new ArrayList<>(command.subList(wrapped ? 0 : 3, main));
        probe.add(NetworkProbe.class.getName());
        probe.add(Integer.toString(port));
        Process process = new ProcessBuilder(probe).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
