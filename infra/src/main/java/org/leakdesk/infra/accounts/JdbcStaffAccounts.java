package org.leakdesk.infra.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.StaffAccount;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignInRevoked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts in {@code staff_account} and {@code staff_account_role}. */
class JdbcStaffAccounts implements StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AccessLog accessLog;
    private final Clock clock;
    private final SecureRandom random;
    private final ApplicationEventPublisher events;

    JdbcStaffAccounts(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            AccessLog accessLog,
            Clock clock,
            SecureRandom random,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.accessLog = accessLog;
        this.clock = clock;
        this.random = random;
        this.events = events;
    }

    @Override
    @Transactional
    public StaffMember create(String username, String rawPassword, Set<StaffRole> roles, StaffMember admin) {
        requireAdmin(admin);
        return create(username, rawPassword, roles, admin.username());
    }

    @Override
    @Transactional
    public void changeRoles(String username, Set<StaffRole> roles, StaffMember admin) {
        requireAdmin(admin);
        StaffRole.check(roles);
        StaffMember before =
                find(username).orElseThrow(() -> new StaffAccountException("There is no account " + username));
        if (username.equals(admin.username()) && !roles.contains(StaffRole.ADMIN)) {
            throw new StaffAccountException("You cannot take away your own admin role; ask another admin");
        }
        if (before.roles().equals(roles)) {
            return;
        }
        jdbc.sql("DELETE FROM staff_account_role WHERE username = ?")
                .param(username)
                .update();
        insertRoles(username, roles);
        // The roles live in the member's sessions: end them, the new roles hold from the next sign-in.
        jdbc.sql("UPDATE staff_account SET sign_in_generation = sign_in_generation + 1 WHERE username = ?")
                .param(username)
                .update();
        events.publishEvent(new StaffSignInRevoked(username));
        accessLog.record(new AccessRecord(
                admin.username(),
                InfraAccessAction.ROLES_CHANGED,
                null,
                "account " + username + " from " + names(before.roles()) + " to " + names(roles)));
    }

    @Override
    public String newPassword() {
        return Passwords.random(random);
    }

    @Override
    @Transactional
    public StaffMember create(String username, String rawPassword, Set<StaffRole> roles, String createdBy) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter");
        }
        if (rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("A staff password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        StaffRole.check(roles);
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("The username " + username + " is taken");
        }
        jdbc.sql("INSERT INTO staff_account (username, password_hash, enabled, created_at) VALUES (?, ?, TRUE, ?)")
                .params(username, passwords.encode(rawPassword), OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .update();
        insertRoles(username, roles);
        accessLog.record(new AccessRecord(
                createdBy,
                InfraAccessAction.ACCOUNT_CREATED,
                null,
                "account " + username + " with roles " + names(roles)));
        return new StaffMember(username, roles);
    }

    private void insertRoles(String username, Set<StaffRole> roles) {
        for (StaffRole role : roles) {
            jdbc.sql("INSERT INTO staff_account_role (username, role) VALUES (?, ?)")
                    .params(username, role.name())
                    .update();
        }
    }

    private static List<String> names(Set<StaffRole> roles) {
        return roles.stream().map(Enum::name).sorted().toList();
    }

    @Override
    public Optional<StaffMember> find(String username) {
        return all(username).stream().findFirst();
    }

    @Override
    public List<StaffMember> all() {
        return all(null);
    }

    private List<StaffMember> all(String onlyUsername) {
        Map<String, Set<StaffRole>> roles = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.username, r.role FROM staff_account a
                        LEFT JOIN staff_account_role r ON r.username = a.username
                        WHERE (CAST(? AS VARCHAR(64)) IS NULL OR a.username = ?)
                        ORDER BY a.username""").params(onlyUsername, onlyUsername).query(rs -> {
            Set<StaffRole> set = roles.computeIfAbsent(rs.getString(1), u -> EnumSet.noneOf(StaffRole.class));
            String role = rs.getString(2);
            if (role != null) {
                set.add(StaffRole.valueOf(role));
            }
        });
        return roles.entrySet().stream()
                .map(e -> new StaffMember(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
    }

    @Override
    public List<StaffAccount> accounts() {
        Map<String, Set<StaffRole>> roles = new LinkedHashMap<>();
        for (StaffMember member : all()) {
            roles.put(member.username(), member.roles());
        }
        return jdbc.sql("""
                        SELECT a.username, a.enabled, a.locked_at IS NOT NULL, a.failed_sign_ins,
                               a.totp_secret IS NOT NULL,
                               (SELECT COUNT(*) FROM staff_recovery_code c
                                WHERE c.username = a.username AND c.used_at IS NULL)
                        FROM staff_account a ORDER BY a.username""")
                .query((rs, n) -> new StaffAccount(
                        rs.getString(1),
                        roles.getOrDefault(rs.getString(1), Set.of()),
                        rs.getBoolean(2),
                        rs.getBoolean(3),
                        rs.getInt(4),
                        rs.getBoolean(5),
                        rs.getInt(6)))
                .list();
    }

    @Override
    @Transactional
    public void disable(String username, StaffMember admin) {
        requireAdmin(admin);
        if (username.equals(admin.username())) {
            throw new StaffAccountException("You cannot disable your own account");
        }
        change(
                username,
                "UPDATE staff_account SET enabled = FALSE, sign_in_generation = sign_in_generation + 1"
                        + " WHERE username = ? AND enabled",
                admin,
                InfraAccessAction.ACCOUNT_DISABLED,
                true);
    }

    @Override
    @Transactional
    public void enable(String username, StaffMember admin) {
        requireAdmin(admin);
        change(
                username,
                "UPDATE staff_account SET enabled = TRUE WHERE username = ? AND NOT enabled",
                admin,
                InfraAccessAction.ACCOUNT_ENABLED,
                false);
    }

    @Override
    @Transactional
    public void unlock(String username, StaffMember admin) {
        requireAdmin(admin);
        change(
                username,
                "UPDATE staff_account SET locked_at = NULL, failed_sign_ins = 0, last_failed_at = NULL"
                        + " WHERE username = ? AND (locked_at IS NOT NULL OR failed_sign_ins > 0)",
                admin,
                InfraAccessAction.ACCOUNT_UNLOCKED,
                false);
    }

    @Override
    @Transactional
    public void resetTwoFactor(String username, StaffMember admin) {
        requireAdmin(admin);
        jdbc.sql("DELETE FROM staff_recovery_code WHERE username = ?")
                .param(username)
                .update();
        change(
                username,
                "UPDATE staff_account SET totp_secret = NULL, totp_last_step = NULL,"
                        + " sign_in_generation = sign_in_generation + 1 WHERE username = ? AND totp_secret IS NOT NULL",
                admin,
                InfraAccessAction.TWO_FACTOR_RESET,
                true);
    }

    /**
     * Runs one change of an account; logs it if it changed anything (asking twice is no error),
     * and announces that the account's sessions end if the change {@code revokes} its sign-ins.
     */
    private void change(String username, String update, StaffMember admin, InfraAccessAction action, boolean revokes) {
        if (find(username).isEmpty()) {
            throw new StaffAccountException("There is no account " + username);
        }
        if (jdbc.sql(update).param(username).update() > 0) {
            accessLog.record(new AccessRecord(admin.username(), action, null, "account " + username));
            if (revokes) {
                events.publishEvent(new StaffSignInRevoked(username));
            }
        }
    }

    private static void requireAdmin(StaffMember admin) {
        if (!admin.has(StaffRole.ADMIN)) {
            throw new AccessDeniedException("Only admins change accounts");
        }
    }
}
