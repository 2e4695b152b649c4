package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffAccount;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.TotpEnrolment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Two factors, codes that work once, throttling that looks the same for unknown names, admin changes. */
@SpringBootTest(
        properties = {
            "leakdesk.sign-in.free-failures=2",
            "leakdesk.sign-in.first-delay=10m",
            "leakdesk.sign-in.lock-after=5"
        })
class StaffSignInTest {

    private static final String PASSWORD = "a long enough password";
    private static final StaffMember ADMIN = new StaffMember("adm-test", Set.of(StaffRole.ADMIN));

    @Autowired
    StaffSignIn signIn;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    private final Totp totp = new Totp();

    @Test
    void anAccountEnrolsAnAuthenticatorAndEachCodeWorksOnce() {
        String username = account();
        assertThat(signIn.checkPassword(username, PASSWORD))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));

        TotpEnrolment enrolment = signIn.beginEnrolment(username);
        byte[] secret = Totp.fromBase32(enrolment.secret());
        long step = Totp.stepAt(Instant.now());
        assertThat(signIn.completeEnrolment(enrolment, "000000".equals(code(secret, step)) ? "111111" : "000000"))
                .isEqualTo(new SignInStep.Refused(false));
        SignInStep enrolled = signIn.completeEnrolment(enrolment, code(secret, step));

        assertThat(enrolled).isInstanceOf(SignInStep.SignedIn.class);
        List<String> recoveryCodes = ((SignInStep.SignedIn) enrolled).recoveryCodes();
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        byte[] stored = jdbc.sql("SELECT totp_secret FROM staff_account WHERE username = ?")
                .param(username)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .as("the secret is not stored in clear")
                .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> signIn.beginEnrolment(username)).isInstanceOf(StaffAccountException.class);

        assertThat(signIn.checkPassword(username, PASSWORD)).isEqualTo(new SignInStep.PasswordAccepted(username, true));
        assertThat(signIn.checkCode(username, code(secret, step)))
                .as("the code that enrolled is used")
                .isEqualTo(new SignInStep.Refused(false));
        assertThat(signIn.checkCode(username, code(secret, step + 1))).isInstanceOf(SignInStep.SignedIn.class);
        String recovery = recoveryCodes.get(3);
        assertThat(signIn.useRecoveryCode(username, recovery.toUpperCase().replace("-", " ")))
                .isInstanceOf(SignInStep.SignedIn.class);
        // Two failures are free here (then a delay): enough for these.
        assertThat(signIn.useRecoveryCode(username, recovery)).isEqualTo(new SignInStep.Refused(false));
        assertThat(signIn.checkCode(username, code(secret, step + 1))).isEqualTo(new SignInStep.Refused(false));
        assertThat(account(username).recoveryCodesLeft()).isEqualTo(9);
        List<String> hashes = jdbc.sql("SELECT code_hash FROM staff_recovery_code WHERE username = ?")
                .param(username)
                .query((rs, n) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1))
                .list();
        assertThat(hashes)
                .hasSize(10)
                .noneMatch(hash -> recoveryCodes.stream().anyMatch(code -> hash.contains(code.replace("-", ""))));

        assertThat(actions(username))
                .contains(
                        InfraAccessAction.TWO_FACTOR_ENROLLED.name(),
                        InfraAccessAction.RECOVERY_CODE_USED.name(),
                        InfraAccessAction.STAFF_LOGIN.name());
        assertThat(accessLog.entries(new AccessLogQuery(username, null, null, 100)))
                .extracting(AccessLogEntry::detail)
                .noneMatch(
                        detail -> detail != null && (detail.contains(enrolment.secret()) || detail.contains(recovery)));
    }

    @Test
    void failuresDelayThenLockAndAnUnknownNameIsAnsweredTheSame() {
        String username = account();
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);

        List<SignInStep> known = attempts(username);
        List<SignInStep> stranger = attempts(unknown);

        assertThat(known)
                .containsExactly(
                        new SignInStep.Refused(false),
                        new SignInStep.Refused(false),
                        // the right password, but within the delay after two failures: not even checked
                        new SignInStep.Refused(false),
                        new SignInStep.Refused(false),
                        new SignInStep.Refused(true),
                        new SignInStep.Refused(true));
        assertThat(stranger).as("no answer tells an unknown name apart").isEqualTo(known);
        assertThat(account(username).locked()).isTrue();
        assertThat(actions(username)).contains(InfraAccessAction.ACCOUNT_LOCKED.name());

        accounts.unlock(username, ADMIN);

        assertThat(account(username).locked()).isFalse();
        assertThat(account(username).failedSignIns()).isZero();
        assertThat(signIn.checkPassword(username, PASSWORD))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));
        assertThat(accessLog.entries(
                        new AccessLogQuery(ADMIN.username(), InfraAccessAction.ACCOUNT_UNLOCKED, null, 100)))
                .anySatisfy(entry -> assertThat(entry.detail()).isEqualTo("account " + username));
    }

    @Test
    void disablingEndsSessionsAndResettingForgetsTheAuthenticator() {
        String username = account();
        TotpEnrolment enrolment = signIn.beginEnrolment(username);
        SignInStep.SignedIn signedIn = (SignInStep.SignedIn) signIn.completeEnrolment(
                enrolment, code(Totp.fromBase32(enrolment.secret()), Totp.stepAt(Instant.now())));
        assertThat(signIn.stillValid(username, signedIn.generation())).isTrue();

        accounts.disable(username, ADMIN);

        assertThat(signIn.stillValid(username, signedIn.generation())).isFalse();
        assertThat(signIn.checkPassword(username, PASSWORD)).isEqualTo(new SignInStep.Refused(false));
        assertThat(account(username).enabled()).isFalse();

        accounts.enable(username, ADMIN);
        accounts.unlock(username, ADMIN);

        assertThat(signIn.stillValid(username, signedIn.generation()))
                .as("old sessions stay ended")
                .isFalse();
        assertThat(signIn.checkPassword(username, PASSWORD)).isEqualTo(new SignInStep.PasswordAccepted(username, true));

        accounts.resetTwoFactor(username, ADMIN);

        assertThat(signIn.checkPassword(username, PASSWORD))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));
        assertThat(account(username).twoFactorEnrolled()).isFalse();
        assertThat(account(username).recoveryCodesLeft()).isZero();
        assertThat(actions(ADMIN.username()))
                .contains(
                        InfraAccessAction.ACCOUNT_DISABLED.name(),
                        InfraAccessAction.ACCOUNT_ENABLED.name(),
                        InfraAccessAction.TWO_FACTOR_RESET.name());
        assertThatThrownBy(() -> accounts.disable(ADMIN.username(), ADMIN)).isInstanceOf(StaffAccountException.class);
        assertThatThrownBy(() -> accounts.disable(username, new StaffMember("rev", Set.of(StaffRole.REVIEWER))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> accounts.unlock("no-such-account", ADMIN)).isInstanceOf(StaffAccountException.class);
    }

    @Test
    void aFreshCheckTakesThePasswordAndAnUnusedCode() {
        String username = account();
        long step = Totp.stepAt(Instant.now());
        byte[] secret = enrolAt(username, step - 1);

        assertThat(signIn.confirm(username, "not the password", code(secret, step)))
                .isEqualTo(new SignInStep.Refused(false));
        assertThat(signIn.confirm(username, PASSWORD, code(secret, step))).isInstanceOf(SignInStep.SignedIn.class);
        assertThat(signIn.confirm(username, PASSWORD, code(secret, step)))
                .as("the code of a fresh check works once too")
                .isEqualTo(new SignInStep.Refused(false));
        assertThat(signIn.confirm(username, PASSWORD, code(secret, step - 1)))
                .as("so does the code that enrolled")
                .isEqualTo(new SignInStep.Refused(false));

        assertThat(actions(username))
                .filteredOn(InfraAccessAction.SIGN_IN_CONFIRMED.name()::equals)
                .hasSize(1);
        assertThat(actions(username))
                .filteredOn(InfraAccessAction.STAFF_LOGIN_FAILED.name()::equals)
                .hasSize(3);
        accounts.disable(username, ADMIN);
        assertThat(signIn.confirm(username, PASSWORD, code(secret, step + 1)))
                .as("a disabled account confirms nothing")
                .isEqualTo(new SignInStep.Refused(true));
    }

    @Test
    void newRecoveryCodesReplaceTheOldOnesForAnUnusedCode() {
        String username = account();
        long step = Totp.stepAt(Instant.now());
        TotpEnrolment enrolment = signIn.beginEnrolment(username);
        byte[] secret = Totp.fromBase32(enrolment.secret());
        List<String> old =
                ((SignInStep.SignedIn) signIn.completeEnrolment(enrolment, code(secret, step - 1))).recoveryCodes();

        assertThat(signIn.replaceRecoveryCodes(username, code(secret, step - 1)))
                .isEmpty();
        List<String> fresh =
                signIn.replaceRecoveryCodes(username, code(secret, step)).orElseThrow();

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
        assertThat(account(username).recoveryCodesLeft()).isEqualTo(10);
        assertThat(signIn.useRecoveryCode(username, fresh.get(0))).isInstanceOf(SignInStep.SignedIn.class);
        assertThat(signIn.useRecoveryCode(username, old.get(0))).isEqualTo(new SignInStep.Refused(false));
        assertThat(accessLog.entries(new AccessLogQuery(username, InfraAccessAction.RECOVERY_CODES_REPLACED, null, 10)))
                .singleElement()
                .satisfies(entry -> assertThat(entry.detail()).doesNotContain(fresh.get(1)));
    }

    @Test
    void anEnrolmentOnOfferIsSealedForItsOwnAccountOnly() {
        String username = account();
        String other = account();
        TotpEnrolment offered = signIn.beginEnrolment(username);

        byte[] sealed = signIn.sealEnrolment(offered);

        String raw = new String(sealed, StandardCharsets.ISO_8859_1);
        assertThat(raw)
                .as("neither the secret's text nor its bytes are readable")
                .doesNotContain(offered.secret())
                .doesNotContain(new String(Totp.fromBase32(offered.secret()), StandardCharsets.ISO_8859_1));
        assertThat(signIn.openEnrolment(username, sealed)).contains(offered);
        assertThat(signIn.openEnrolment(other, sealed))
                .as("bound to its username")
                .isEmpty();
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(signIn.openEnrolment(username, tampered)).isEmpty();
        assertThat(signIn.openEnrolment(username, new byte[3])).isEmpty();

        // An offer is not a stored secret: its sealed form does not open as one.
        jdbc.sql("UPDATE staff_account SET totp_secret = ? WHERE username = ?")
                .params(sealed, username)
                .update();
        byte[] secret = Totp.fromBase32(offered.secret());
        assertThat(signIn.checkPassword(username, PASSWORD)).isEqualTo(new SignInStep.PasswordAccepted(username, true));
        assertThatThrownBy(() -> signIn.checkCode(username, code(secret, Totp.stepAt(Instant.now()))))
                .hasMessageContaining("does not decrypt");
    }

    private byte[] enrolAt(String username, long step) {
        TotpEnrolment enrolment = signIn.beginEnrolment(username);
        byte[] secret = Totp.fromBase32(enrolment.secret());
        assertThat(signIn.completeEnrolment(enrolment, code(secret, step))).isInstanceOf(SignInStep.SignedIn.class);
        return secret;
    }

    /** Two wrong passwords, the right one, two wrong, the right one again. */
    private List<SignInStep> attempts(String username) {
        List<SignInStep> steps = new ArrayList<>();
        steps.add(signIn.checkPassword(username, "wrong password one"));
        steps.add(signIn.checkPassword(username, "wrong password two"));
        steps.add(signIn.checkPassword(username, PASSWORD));
        steps.add(signIn.checkPassword(username, "wrong password three"));
        steps.add(signIn.checkPassword(username, "wrong password four"));
        steps.add(signIn.checkPassword(username, PASSWORD));
        return steps;
    }

    private String account() {
        String username = "signin-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, PASSWORD, Set.of(StaffRole.REVIEWER), "test-setup");
        return username;
    }

    private StaffAccount account(String username) {
        return accounts.accounts().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
    }

    private List<String> actions(String actor) {
        return accessLog.entries(new AccessLogQuery(actor, null, null, 100)).stream()
                .map(entry -> entry.action().name())
                .toList();
    }

    private String code(byte[] secret, long step) {
        return totp.codeAt(secret, step);
    }
}
