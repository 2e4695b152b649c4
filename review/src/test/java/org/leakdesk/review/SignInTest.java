package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInLoad;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Staff sign-in over real HTTP: enrolment with a server-drawn QR code, codes and recovery codes
 * that work once, new session ids, throttling that never tells whether an account exists, the
 * admin's account changes, and 200 wrong sign-ins at once that leave the application serving.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "leakdesk.sign-in.free-failures=3",
            "leakdesk.sign-in.first-delay=10m",
            "leakdesk.sign-in.lock-after=6",
            "leakdesk.sign-in.hashing-permits=2",
            "leakdesk.sign-in.hashing-wait=1s"
        })
class SignInTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffSignIn signIn;

    @Autowired
    AccessLog accessLog;

    @Test
    void aFirstSignInEnrolsAnAuthenticatorAndEachCodeWorksOnce() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "enrol", StaffRole.REVIEWER);
        StaffClient client = StaffClient.anonymous(staff());
        client.page("/login");
        String anonymousSession = client.sessionId();

        HttpResponse<String> password = client.attemptSignIn(reviewer.username(), reviewer.password());

        assertThat(StaffClient.location(password)).isEqualTo("/login/enrol");
        String pendingSession = client.sessionId();
        assertThat(pendingSession).as("new session id for the password").isNotEqualTo(anonymousSession);
        assertThat(StaffClient.location(client.get("/inbox")))
                .as("a password alone opens nothing")
                .isEqualTo("/login");
        Document offer = client.page("/login/enrol");
        String secret = offer.selectFirst("#secret").text().replace(" ", "");
        HttpResponse<byte[]> qr = client.download("/login/enrol/qr.png");
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(qr.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(decodeQr(qr.body()))
                .isEqualTo("otpauth://totp/LeakDesk%3A" + reviewer.username() + "?secret=" + secret
                        + "&issuer=LeakDesk&algorithm=SHA1&digits=6&period=30");

        Document codes = client.enrol(reviewer.username());

        assertThat(codes.selectFirst("h1").text()).isEqualTo("Your recovery codes");
        assertThat(client.sessionId()).as("new session id at sign-in").isNotIn(anonymousSession, pendingSession);
        assertThat(client.get("/inbox").statusCode()).isEqualTo(200);

        StaffClient again = StaffClient.anonymous(staff());
        assertThat(StaffClient.location(again.attemptSignIn(reviewer.username(), reviewer.password())))
                .isEqualTo("/login/code");
        String used = TestAuthenticator.currentCode(secret);
        HttpResponse<String> reused = again.enterCode(used);
        if (StaffClient.location(reused).equals("/")) {
            // The step moved on since enrolment: this code was new; now it is used.
            again = StaffClient.anonymous(staff());
            again.attemptSignIn(reviewer.username(), reviewer.password());
            reused = again.enterCode(used);
        }
        assertThat(StaffClient.location(reused)).as("a code works once").isEqualTo("/login/code?wrong");
        HttpResponse<String> fresh = again.enterCode(TestAuthenticator.nextCode(staff(), reviewer.username()));
        assertThat(StaffClient.location(fresh)).isEqualTo("/");

        String recovery =
                TestAuthenticator.recoveryCodes(staff(), reviewer.username()).get(0);
        assertThat(StaffClient.location(recoverWith(reviewer, recovery))).isEqualTo("/");
        assertThat(StaffClient.location(recoverWith(reviewer, recovery))).isEqualTo("/login/code?wrongrecovery");

        assertThat(accessLog.entries(new AccessLogQuery(reviewer.username(), null, null, 100)))
                .extracting(AccessLogEntry::detail)
                .noneMatch(detail -> detail != null && (detail.contains(secret) || detail.contains(recovery)));
    }

    @Test
    void failuresDelayThenLockTheSameWayForAnUnknownNameAndAnAdminUnlocks() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "throttled", StaffRole.REVIEWER);
        TestStaff admin = TestStaff.create(accounts, "unlocker", StaffRole.ADMIN);
        StaffClient administering = admin.signIn(staff());

        List<String> known = attempts(reviewer.username(), reviewer.password());
        List<String> unknown = attempts("nobody-" + UUID.randomUUID().toString().substring(0, 8), "whatever it is");

        assertThat(known).containsOnly("/login?error").hasSize(8);
        assertThat(unknown).as("an unknown name is answered the same").isEqualTo(known);
        Document page = administering.page("/admin/accounts");
        assertThat(page.selectFirst("tr[data-account=" + reviewer.username() + "] .state")
                        .text())
                .contains("locked");

        HttpResponse<String> unlocked =
                administering.post("/admin/accounts/" + reviewer.username() + "/unlock", Map.of());

        assertThat(StaffClient.location(unlocked)).isEqualTo("/admin/accounts?unlocked=" + reviewer.username());
        assertThat(reviewer.signIn(staff()).get("/inbox").statusCode()).isEqualTo(200);
        assertThat(accessLog.entries(
                        new AccessLogQuery(admin.username(), InfraAccessAction.ACCOUNT_UNLOCKED, null, 10)))
                .extracting(AccessLogEntry::detail)
                .containsExactly("account " + reviewer.username());
        assertThat(accessLog.entries(
                        new AccessLogQuery(reviewer.username(), InfraAccessAction.ACCOUNT_LOCKED, null, 10)))
                .hasSize(1);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAtOnceAndResettingAsksForANewAuthenticator() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "disabled", StaffRole.REVIEWER);
        TestStaff admin = TestStaff.create(accounts, "disabler", StaffRole.ADMIN);
        StaffClient reviewing = reviewer.signIn(staff());
        StaffClient administering = admin.signIn(staff());

        administering.page("/admin/accounts");
        administering.post("/admin/accounts/" + reviewer.username() + "/disable", Map.of());

        HttpResponse<String> next = reviewing.get("/inbox");
        assertThat(StaffClient.location(next)).isEqualTo("/login?ended");
        assertThat(StaffClient.location(reviewing.get("/inbox"))).isEqualTo("/login");
        assertThat(StaffClient.location(
                        StaffClient.anonymous(staff()).attemptSignIn(reviewer.username(), reviewer.password())))
                .isEqualTo("/login?error");
        assertThat(administering
                        .page("/admin/accounts")
                        .selectFirst("tr[data-account=" + reviewer.username() + "] .state")
                        .text())
                .contains("disabled");
        assertThat(administering
                        .post("/admin/accounts/" + admin.username() + "/disable", Map.of())
                        .statusCode())
                .as("an admin cannot disable their own account")
                .isEqualTo(400);

        administering.page("/admin/accounts");
        administering.post("/admin/accounts/" + reviewer.username() + "/enable", Map.of());
        administering.post("/admin/accounts/" + reviewer.username() + "/unlock", Map.of());
        administering.post("/admin/accounts/" + reviewer.username() + "/reset-two-factor", Map.of());

        StaffClient back = StaffClient.anonymous(staff());
        assertThat(StaffClient.location(back.attemptSignIn(reviewer.username(), reviewer.password())))
                .as("after a reset the member enrols again")
                .isEqualTo("/login/enrol");
        assertThat(accessLog.entries(new AccessLogQuery(admin.username(), null, null, 20)))
                .extracting(entry -> entry.action().name())
                .contains(
                        InfraAccessAction.ACCOUNT_DISABLED.name(),
                        InfraAccessAction.ACCOUNT_ENABLED.name(),
                        InfraAccessAction.TWO_FACTOR_RESET.name());
        assertThat(reviewing
                        .post("/admin/accounts/" + admin.username() + "/disable", Map.of())
                        .statusCode())
                .as("only admins")
                .isIn(302, 403);
    }

    @Test
    void twoHundredWrongSignInsAtOnceLeaveTheApplicationServing() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "steady", StaffRole.REVIEWER);
        TestStaff latecomer = TestStaff.create(accounts, "latecomer", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(staff());
        List<StaffClient> attackers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            StaffClient attacker = StaffClient.anonymous(staff());
            attacker.page("/login");
            attackers.add(attacker);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (StaffClient attacker : attackers) {
            answers.add(pool.submit(() -> {
                start.await();
                return attacker.post(
                        "/login",
                        Map.of(
                                "username",
                                "guess-" + UUID.randomUUID().toString().substring(0, 8),
                                "password",
                                "not it"));
            }));
        }

        start.countDown();
        Document inbox = reviewing.page("/inbox");
        List<String> outcomes = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            outcomes.add(StaffClient.location(answer.get()));
        }
        pool.shutdown();

        assertThat(inbox.title()).startsWith("Inbox");
        assertThat(outcomes).hasSize(200).allMatch(o -> o.equals("/login?error") || o.equals("/login?busy"));
        SignInLoad load = signIn.load();
        assertThat(load.peak()).as("password hashes at once").isPositive().isLessThanOrEqualTo(2);
        assertThat(load.running()).isZero();
        assertThat(latecomer.signIn(staff()).get("/inbox").statusCode()).isEqualTo(200);
    }

    /** Three wrong passwords, the right one (too soon: refused), wrong ones to the lock, the right one. */
    private List<String> attempts(String username, String rightPassword) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (String password : List.of(
                "wrong 1", "wrong 2", "wrong 3", rightPassword, "wrong 4", "wrong 5", rightPassword, rightPassword)) {
            outcomes.add(StaffClient.location(StaffClient.anonymous(staff()).attemptSignIn(username, password)));
        }
        return outcomes;
    }

    private HttpResponse<String> recoverWith(TestStaff member, String recoveryCode) throws Exception {
        StaffClient client = StaffClient.anonymous(staff());
        client.attemptSignIn(member.username(), member.password());
        client.page("/login/code");
        return client.post("/login/recovery", Map.of("recoveryCode", recoveryCode));
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }
}
