package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffAccountsCommand;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code accounts} commands run as {@code java -jar leakdesk.jar accounts ...} runs them: a
 * context of their own on the same database (this test's context made the tables), checked
 * through this context's accounts, sign-in and access log.
 */
@SpringBootTest
class AccountsCommandTest {

    private static final String OPERATOR = "cli:" + System.getProperty("user.name");

    @Autowired
    StaffAccounts accounts;

    @Autowired
    StaffSignIn signIn;

    @Autowired
    AccessLog accessLog;

    @TempDir
    Path folder;

    record Run(int status, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StaffAccountsCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsWithAPasswordShownOnceChangesRolesDisablesAndLogsEachAsTheOperator() {
        String username = "cli" + UUID.randomUUID().toString().substring(0, 8);

        Run created = run("create", "--user", username, "--role", "reviewer");

        assertThat(created.status()).as(created.err()).isZero();
        Matcher password = Pattern.compile("Initial password \\(shown once, stored only as a hash\\): (\\S{20})")
                .matcher(created.out());
        assertThat(password.find()).as(created.out()).isTrue();
        assertThat(signIn.checkPassword(username, password.group(1)))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));

        Run roles = run("roles", "--user", username, "--role", "reviewer,editor");
        assertThat(roles.status()).as(roles.err()).isZero();
        assertThat(accounts.find(username).orElseThrow().roles())
                .containsExactlyInAnyOrder(StaffRole.REVIEWER, StaffRole.EDITOR);

        Run mixed = run("roles", "--user", username, "--role", "auditor", "--role", "editor");
        assertThat(mixed.status()).isEqualTo(1);
        assertThat(mixed.err()).contains("never read documents");

        Run disabled = run("disable", "--user", username);
        assertThat(disabled.status()).as(disabled.err()).isZero();
        assertThat(signIn.checkPassword(username, password.group(1))).isInstanceOf(SignInStep.Refused.class);

        Run listed = run("list");
        assertThat(listed.out()).containsPattern(Pattern.quote(username) + "\\s+editor,reviewer\\s+disabled");

        assertThat(accessLog.entries(new AccessLogQuery(OPERATOR, null, null, 1000)).stream()
                        .filter(entry -> entry.detail().equals("account " + username)
                                || entry.detail().startsWith("account " + username + " "))
                        .map(entry -> entry.action().name()))
                .containsExactly(
                        InfraAccessAction.ACCOUNT_DISABLED.name(),
                        InfraAccessAction.ROLES_CHANGED.name(),
                        InfraAccessAction.ACCOUNT_CREATED.name());
        assertThat(accessLog.entries(new AccessLogQuery(OPERATOR, null, null, 1000)))
                .extracting(AccessLogEntry::detail)
                .noneMatch(detail -> detail.contains(password.group(1)));
    }

    @Test
    void takesThePasswordFromAFileAndRefusesBadInputWithoutAnAccount() throws Exception {
        String username = "clf" + UUID.randomUUID().toString().substring(0, 8);
        Path file = folder.resolve("password");
        Files.writeString(file, "a password from a file\n");

        Run created = run("create", "--user", username, "--role", "auditor", "--password-file", file.toString());

        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).doesNotContain("a password from a file").doesNotContain("Initial password");
        assertThat(signIn.checkPassword(username, "a password from a file"))
                .isEqualTo(new SignInStep.PasswordAccepted(username, false));

        Files.writeString(file, "short\n");
        String other = "clg" + UUID.randomUUID().toString().substring(0, 8);
        Run tooShort = run("create", "--user", other, "--role", "auditor", "--password-file", file.toString());
        assertThat(tooShort.status()).isEqualTo(1);
        assertThat(tooShort.err()).contains("at least 12 characters");
        assertThat(accounts.find(other)).isEmpty();

        assertThat(run("create", "--user", other).status()).as("no role").isEqualTo(2);
        assertThat(run("create", "--user", other, "--role", "janitor").status()).isEqualTo(2);
        assertThat(run("disable").status()).isEqualTo(2);
        assertThat(run("disable", "--user", "nobody-" + other).status()).isEqualTo(1);
        assertThat(accounts.find(other)).isEmpty();
    }
}
