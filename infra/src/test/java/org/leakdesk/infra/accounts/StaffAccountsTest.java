package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class StaffAccountsTest {

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffSignIn signIn;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

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
