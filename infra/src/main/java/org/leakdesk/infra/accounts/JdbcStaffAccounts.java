package org.leakdesk.infra.accounts;

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
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts in {@code staff_account} and {@code staff_account_role}. */
class JdbcStaffAccounts implements StaffAccounts, UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AccessLog accessLog;
    private final Clock clock;

    JdbcStaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, AccessLog accessLog, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.accessLog = accessLog;
        this.clock = clock;
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
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("The username " + username + " is taken");
        }
        jdbc.sql("INSERT INTO staff_account (username, password_hash, enabled, created_at) VALUES (?, ?, TRUE, ?)")
                .params(username, passwords.encode(rawPassword), OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .update();
        for (StaffRole role : roles) {
            jdbc.sql("INSERT INTO staff_account_role (username, role) VALUES (?, ?)")
                    .params(username, role.name())
                    .update();
        }
        accessLog.record(new AccessRecord(
                createdBy,
                InfraAccessAction.ACCOUNT_CREATED,
                null,
                "account " + username + " with roles "
                        + roles.stream().map(Enum::name).sorted().toList()));
        return new StaffMember(username, roles);
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
    public UserDetails loadUserByUsername(String username) {
        record Row(String hash, boolean enabled) {}
        Row row = jdbc.sql("SELECT password_hash, enabled FROM staff_account WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Row(rs.getString(1), rs.getBoolean(2)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such staff account"));
        StaffMember member = find(username).orElseThrow(() -> new UsernameNotFoundException("No such staff account"));
        return User.withUsername(username)
                .password(row.hash())
                .disabled(!row.enabled())
                .authorities(member.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList())
                .build();
    }
}
