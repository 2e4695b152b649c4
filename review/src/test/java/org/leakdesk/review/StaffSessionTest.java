package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Staff sessions end on the server: after being idle, and after their absolute lifetime however busy. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"leakdesk.staff.session.idle-timeout=3s", "leakdesk.staff.session.absolute-timeout=8s"})
class StaffSessionTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Test
    void anIdleSessionEnds() throws Exception {
        StaffClient reviewing =
                TestStaff.create(accounts, "idle", StaffRole.REVIEWER).signIn(ports.portOf(Face.STAFF));
        assertThat(reviewing.get("/inbox").statusCode()).isEqualTo(200);

        Thread.sleep(4_500); // longer than the idle timeout

        assertThat(StaffClient.location(reviewing.get("/inbox"))).isEqualTo("/login");
    }

    @Test
    void aBusySessionEndsAfterItsAbsoluteLifetime() throws Exception {
        StaffClient reviewing =
                TestStaff.create(accounts, "busy", StaffRole.REVIEWER).signIn(ports.portOf(Face.STAFF));
        AtomicInteger served = new AtomicInteger();

        // A request every half second: never idle, so only the absolute lifetime can end it.
        HttpResponse<String> ended = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> response = reviewing.get("/inbox");
                            if (response.statusCode() == 200) {
                                served.incrementAndGet();
                            }
                            return response;
                        },
                        response -> response.statusCode() == 302);

        assertThat(StaffClient.location(ended)).isEqualTo("/login?expired");
        assertThat(served.get()).as("pages served while the session was young").isGreaterThan(3);
        assertThat(StaffClient.location(reviewing.get("/inbox"))).isEqualTo("/login");
    }
}
