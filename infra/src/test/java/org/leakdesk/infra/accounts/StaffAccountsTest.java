package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.StaffSignInRevoked;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@SpringBootTest
@RecordApplicationEvents
class StaffAccountsTest {

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffSignIn signIn;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void anAccountIsStoredWithAnArgon2idHashAndItsRoles() {
        String username = "rev" + UUID.randomUUID().toString().substring(0, 8);

        StaffMember member = accounts.create(
                username, "correct horse battery", Set.of(StaffRole.REVIEWER, StaffRole.EDITOR), "admin");

        assertThat(member.roles()).containsExactlyInAnyOrder(StaffRole.REVIEWER, StaffRole.EDITOR);
        assertThat(accounts.find(username)).contains(member);
        String hash = jdbc.sql("SELECT password_hash FROM staff_account WHERE username = ?")
                .param(username)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(signIn.checkPassword(username, "correct horse battery"))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));
        assertThat(accessLog.entries(new AccessLogQuery("admin", InfraAccessAction.ACCOUNT_CREATED, null, 50)))
                .anySatisfy(e -> assertThat(e.detail()).contains(username).doesNotContain("correct horse"));
    }

    @Test
    void anAuditorOrAdminIsNeverAlsoAReviewerOrEditor() {
        String username = "mix" + UUID.randomUUID().toString().substring(0, 8);
        StaffMember admin = new StaffMember("adm-roles", Set.of(StaffRole.ADMIN));

        for (StaffRole watching : List.of(StaffRole.AUDITOR, StaffRole.ADMIN)) {
            for (StaffRole reading : List.of(StaffRole.REVIEWER, StaffRole.EDITOR)) {
                assertThatThrownBy(() ->
                                accounts.create(username, "a long enough password", Set.of(watching, reading), admin))
                        .as("%s with %s", watching, reading)
                        .hasMessageContaining("never read documents");
            }
        }
        assertThat(accounts.find(username)).isEmpty();

        accounts.create(username, "a long enough password", Set.of(StaffRole.AUDITOR, StaffRole.ADMIN), admin);
        assertThatThrownBy(() -> accounts.changeRoles(username, Set.of(StaffRole.AUDITOR, StaffRole.REVIEWER), admin))
                .hasMessageContaining("never read documents");
        assertThat(accounts.find(username).orElseThrow().roles())
                .containsExactlyInAnyOrder(StaffRole.AUDITOR, StaffRole.ADMIN);
        assertThat(StaffRole.AUDITOR.readsDocuments()).isFalse();
        assertThat(StaffRole.ADMIN.readsDocuments()).isFalse();
    }

    @Test
    void changingRolesIsLoggedAndEndsTheSessions() {
        String username = "roles" + UUID.randomUUID().toString().substring(0, 8);
        StaffMember admin = new StaffMember("adm-roles", Set.of(StaffRole.ADMIN));
        accounts.create(username, "a long enough password", Set.of(StaffRole.REVIEWER), admin);
        long generation = generation(username);
        assertThat(signIn.stillValid(username, generation)).isTrue();

        accounts.changeRoles(username, Set.of(StaffRole.REVIEWER, StaffRole.EDITOR), admin);

        assertThat(accounts.find(username).orElseThrow().roles())
                .containsExactlyInAnyOrder(StaffRole.REVIEWER, StaffRole.EDITOR);
        assertThat(signIn.stillValid(username, generation)).as("sessions end").isFalse();
        assertThat(accessLog.entries(new AccessLogQuery("adm-roles", InfraAccessAction.ROLES_CHANGED, null, 50)))
                .anySatisfy(e -> assertThat(e.detail())
                        .isEqualTo("account " + username + " from [REVIEWER] to [EDITOR, REVIEWER]"));
        assertThatThrownBy(() -> accounts.changeRoles(
                        username, Set.of(StaffRole.EDITOR), new StaffMember(username, Set.of(StaffRole.EDITOR))))
                .as("only admins")
                .isInstanceOf(AccessDeniedException.class);
        StaffMember self = accounts.create(
                "self" + UUID.randomUUID().toString().substring(0, 8),
                "a long enough password",
                Set.of(StaffRole.ADMIN),
                admin);
        assertThatThrownBy(() -> accounts.changeRoles(self.username(), Set.of(StaffRole.AUDITOR), self))
                .as("an admin keeps their own admin role")
                .isInstanceOf(StaffAccountException.class)
                .hasMessageContaining("your own admin role");
    }

    private long generation(String username) {
        return jdbc.sql("SELECT sign_in_generation FROM staff_account WHERE username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void disablingChangingRolesAndResettingTheAuthenticatorRevokeTheSignInsEnablingAndUnlockingDoNot() {
        StaffMember admin = new StaffMember("adm-revoke", Set.of(StaffRole.ADMIN));
        String username = "rvk" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "correct horse battery", Set.of(StaffRole.REVIEWER), "admin");

        accounts.changeRoles(username, Set.of(StaffRole.REVIEWER), admin); // no change
        accounts.enable(username, admin);
        accounts.unlock(username, admin);
        assertThat(revoked()).isEmpty();

        accounts.changeRoles(username, Set.of(StaffRole.EDITOR), admin);
        assertThat(revoked()).containsExactly(new StaffSignInRevoked(username));
        accounts.disable(username, admin);
        accounts.disable(username, admin); // already disabled: nothing changes
        accounts.enable(username, admin);
        assertThat(revoked()).hasSize(2);
        accounts.resetTwoFactor(username, admin); // no authenticator yet: nothing to reset
        assertThat(revoked()).hasSize(2);
        jdbc.sql("UPDATE staff_account SET totp_secret = ? WHERE username = ?")
                .params(new byte[] {1, 2, 3}, username)
                .update();
        accounts.resetTwoFactor(username, admin);
        assertThat(revoked()).hasSize(3).allMatch(event -> event.username().equals(username));
    }

    private List<StaffSignInRevoked> revoked() {
        return events.stream(StaffSignInRevoked.class).toList();
    }

    @Test
    void badUsernamesShortPasswordsAndDuplicatesAreRefused() {
        String username = "dup" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "a long enough password", Set.of(StaffRole.AUDITOR), "admin");

        assertThatThrownBy(() -> accounts.create(username, "a long enough password", Set.of(), "admin"))
                .hasMessageContaining("taken");
        assertThatThrownBy(() -> accounts.create("Robert'); DROP", "a long enough password", Set.of(), "admin"))
                .hasMessageContaining("lower-case letters");
        assertThatThrownBy(() -> accounts.create("shorty", "short", Set.of(), "admin"))
                .hasMessageContaining("at least 12 characters");
    }
}
