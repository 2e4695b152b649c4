package org.leakdesk.infra.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.SignInLoad;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.TotpEnrolment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** Staff sign-in against {@code staff_account}: see {@link StaffSignIn} for the rules. */
class JdbcStaffSignIn implements StaffSignIn {

    static final String UNKNOWN_ACCOUNT = "unknown account";

    /** One account's row, as far as signing in goes. */
    private record Account(
            String username,
            String passwordHash,
            boolean enabled,
            SignInThrottle.Attempts attempts,
            byte @Nullable [] sealedSecret,
            long generation) {

        boolean enrolled() {
            return sealedSecret != null;
        }
    }

    private final JdbcClient jdbc;
    private final PasswordHashing hashing;
    private final PasswordEncoder argon2;
    private final SignInThrottle throttle;
    private final Totp totp = new Totp();
    private final TotpSecretKey secretKey;
    private final StaffAccounts accounts;
    private final AccessLog accessLog;
    private final TransactionTemplate transactions;
    private final SecureRandom random;
    private final Clock clock;
    private volatile @Nullable String standInHash;

    JdbcStaffSignIn(
            JdbcClient jdbc,
            PasswordHashing hashing,
            PasswordEncoder argon2,
            SignInThrottle throttle,
            TotpSecretKey secretKey,
            StaffAccounts accounts,
            AccessLog accessLog,
            TransactionTemplate transactions,
            SecureRandom random,
            Clock clock) {
        this.jdbc = jdbc;
        this.hashing = hashing;
        this.argon2 = argon2;
        this.throttle = throttle;
        this.secretKey = secretKey;
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.transactions = transactions;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public SignInStep checkPassword(String username, String password) {
        Instant now = clock.instant();
        Optional<Account> account = account(username);
        SignInThrottle.Attempts attempts = account.map(Account::attempts).orElseGet(() -> throttle.unknown(username));
        if (!throttle.allows(attempts, now)) {
            return refuse(username, account, "too many failed attempts", now);
        }
        boolean right;
        try {
            // Unknown usernames are hashed too, against a stand-in: the answer takes as long.
            right = hashing.matches(password, account.map(Account::passwordHash).orElseGet(this::standIn));
        } catch (PasswordHashing.BusyException busy) {
            return new SignInStep.Busy();
        }
        if (account.isEmpty()) {
            return refuse(username, account, "no such account", now);
        }
        if (!right) {
            return refuse(username, account, "wrong password", now);
        }
        if (!account.get().enabled()) {
            return refuse(username, account, "account disabled", now);
        }
        return new SignInStep.PasswordAccepted(username, account.get().enrolled());
    }

    @Override
    public SignInStep checkCode(String username, String code) {
        Instant now = clock.instant();
        Optional<Account> account = account(username).filter(Account::enrolled);
        Optional<SignInStep> refused = refusedBeforeSecondFactor(username, account, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<SignInStep> wrong = useCode(account.get(), code, now);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        return signedIn(account.get(), "password and authenticator code", List.of());
    }

    @Override
    public SignInStep useRecoveryCode(String username, String recoveryCode) {
        Instant now = clock.instant();
        Optional<Account> account = account(username).filter(Account::enrolled);
        Optional<SignInStep> refused = refusedBeforeSecondFactor(username, account, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        int used = jdbc.sql("""
                        UPDATE staff_recovery_code SET used_at = ?
                        WHERE username = ? AND code_hash = ? AND used_at IS NULL""")
                .params(utc(now), username, RecoveryCodes.hash(recoveryCode))
                .update();
        if (used == 0) {
            return refuse(username, account, "wrong or used recovery code", now);
        }
        long left = jdbc.sql("SELECT COUNT(*) FROM staff_recovery_code WHERE username = ? AND used_at IS NULL")
                .param(username)
                .query(Long.class)
                .single();
        accessLog.recordNow(
                new AccessRecord(username, InfraAccessAction.RECOVERY_CODE_USED, null, left + " recovery codes left"));
        return signedIn(account.get(), "password and recovery code", List.of());
    }

    @Override
    public SignInStep confirm(String username, String password, String code) {
        Instant now = clock.instant();
        Optional<Account> account = account(username).filter(Account::enrolled);
        Optional<SignInStep> refused = refusedBeforeSecondFactor(username, account, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean right;
        try {
            right = hashing.matches(password, account.get().passwordHash());
        } catch (PasswordHashing.BusyException busy) {
            return new SignInStep.Busy();
        }
        if (!right) {
            return refuse(username, account, "wrong password at a fresh check", now);
        }
        Optional<SignInStep> wrong = useCode(account.get(), code, now);
        if (wrong.isPresent()) {
            return wrong.get();
        }
        jdbc.sql("UPDATE staff_account SET failed_sign_ins = 0, last_failed_at = NULL WHERE username = ?")
                .param(username)
                .update();
        accessLog.recordNow(new AccessRecord(
                username, InfraAccessAction.SIGN_IN_CONFIRMED, null, "password and authenticator code"));
        StaffMember member = accounts.find(username).orElseThrow(() -> new StaffAccountException("No such account"));
        return new SignInStep.SignedIn(member, account.get().generation(), List.of());
    }

    @Override
    public Optional<List<String>> replaceRecoveryCodes(String username, String code) {
        Instant now = clock.instant();
        Optional<Account> account = account(username).filter(Account::enrolled);
        if (refusedBeforeSecondFactor(username, account, now).isPresent()) {
            return Optional.empty();
        }
        if (useCode(account.get(), code, now).isPresent()) {
            return Optional.empty();
        }
        List<String> recoveryCodes = RecoveryCodes.create(random);
        transactions.executeWithoutResult(tx -> {
            storeRecoveryCodes(username, recoveryCodes);
            accessLog.record(new AccessRecord(
                    username,
                    InfraAccessAction.RECOVERY_CODES_REPLACED,
                    null,
                    recoveryCodes.size() + " new recovery codes; the earlier ones no longer work"));
        });
        return Optional.of(recoveryCodes);
    }

    /**
     * Takes an authenticator code of the current step or one beside it, once: a step used before
     * is refused, so a code seen over a shoulder cannot be replayed.
     *
     * @return the refusal (counted as a failure), or empty if the code was taken
     */
    private Optional<SignInStep> useCode(Account account, String code, Instant now) {
        String username = account.username();
        byte[] secret = secretKey.open(username, account.sealedSecret());
        OptionalLong step;
        try {
            step = totp.matchingStep(secret, code, now);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (step.isEmpty()) {
            return Optional.of(refuse(username, Optional.of(account), "wrong authenticator code", now));
        }
        int used = jdbc.sql("""
                        UPDATE staff_account SET totp_last_step = ?
                        WHERE username = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""")
                .params(step.getAsLong(), username, step.getAsLong())
                .update();
        if (used == 0) {
            return Optional.of(refuse(username, Optional.of(account), "authenticator code used before", now));
        }
        return Optional.empty();
    }

    private void storeRecoveryCodes(String username, List<String> recoveryCodes) {
        jdbc.sql("DELETE FROM staff_recovery_code WHERE username = ?")
                .param(username)
                .update();
        for (String recoveryCode : recoveryCodes) {
            jdbc.sql("INSERT INTO staff_recovery_code (username, code_hash) VALUES (?, ?)")
                    .params(username, RecoveryCodes.hash(recoveryCode))
                    .update();
        }
    }

    @Override
    public TotpEnrolment beginEnrolment(String username) {
        Account account = account(username)
                .filter(Account::enabled)
                .orElseThrow(() -> new StaffAccountException("No such account"));
        if (account.enrolled()) {
            throw new StaffAccountException("This account has an authenticator already");
        }
        byte[] secret = Totp.newSecret(random);
        try {
            return Totp.enrolment(username, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public SignInStep completeEnrolment(TotpEnrolment enrolment, String code) {
        Instant now = clock.instant();
        String username = enrolment.username();
        Optional<Account> account = account(username).filter(a -> !a.enrolled());
        Optional<SignInStep> refused = refusedBeforeSecondFactor(username, account, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        byte[] secret = Totp.fromBase32(enrolment.secret());
        OptionalLong step = totp.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            Arrays.fill(secret, (byte) 0);
            return refuse(username, account, "wrong authenticator code while enrolling", now);
        }
        List<String> recoveryCodes = RecoveryCodes.create(random);
        boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
            int updated = jdbc.sql("""
                            UPDATE staff_account SET totp_secret = ?, totp_last_step = ?
                            WHERE username = ? AND totp_secret IS NULL""")
                    .params(secretKey.seal(username, secret), step.getAsLong(), username)
                    .update();
            if (updated == 0) {
                return false;
            }
            storeRecoveryCodes(username, recoveryCodes);
            accessLog.record(new AccessRecord(
                    username,
                    InfraAccessAction.TWO_FACTOR_ENROLLED,
                    null,
                    recoveryCodes.size() + " new recovery codes"));
            return true;
        }));
        Arrays.fill(secret, (byte) 0);
        if (!stored) {
            // Enrolled meanwhile in another session: this one starts over.
            return new SignInStep.Refused(true);
        }
        return signedIn(account.get(), "password, then enrolled an authenticator", recoveryCodes);
    }

    @Override
    public byte[] sealEnrolment(TotpEnrolment enrolment) {
        byte[] secret = Totp.fromBase32(enrolment.secret());
        try {
            return secretKey.sealOffer(enrolment.username(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public Optional<TotpEnrolment> openEnrolment(String username, byte[] sealed) {
        byte[] secret;
        try {
            secret = secretKey.openOffer(username, sealed);
        } catch (IllegalStateException notThisUsersOffer) {
            return Optional.empty();
        }
        try {
            return Optional.of(Totp.enrolment(username, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public boolean stillValid(String username, long generation) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account WHERE username = ? AND enabled AND sign_in_generation = ?")
                        .params(username, generation)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public SignInLoad load() {
        return hashing.load();
    }

    /** The refusal of a second factor for an account that cannot or may not go on now, if so. */
    private Optional<SignInStep> refusedBeforeSecondFactor(String username, Optional<Account> account, Instant now) {
        if (account.isEmpty() || !account.get().enabled()) {
            accessLog.recordNow(new AccessRecord(
                    account.isPresent() ? username : UNKNOWN_ACCOUNT,
                    InfraAccessAction.STAFF_LOGIN_FAILED,
                    null,
                    "second factor for an account that is disabled, gone or reset"));
            return Optional.of(new SignInStep.Refused(true));
        }
        if (!throttle.allows(account.get().attempts(), now)) {
            return Optional.of(refuse(username, account, "too many failed attempts", now));
        }
        return Optional.empty();
    }

    private SignInStep refuse(String username, Optional<Account> account, String why, Instant now) {
        boolean locked;
        if (account.isPresent()) {
            locked = countFailure(username, now);
        } else {
            locked = throttle.failUnknown(username, now);
        }
        accessLog.recordNow(new AccessRecord(
                account.isPresent() ? username : UNKNOWN_ACCOUNT, InfraAccessAction.STAFF_LOGIN_FAILED, null, why));
        return new SignInStep.Refused(locked);
    }

    /** Counts a failure in the account's row; locks it (and logs that once) when it reaches the limit. */
    private boolean countFailure(String username, Instant now) {
        jdbc.sql(
                        "UPDATE staff_account SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = ? WHERE username = ?")
                .params(utc(now), username)
                .update();
        int failures = jdbc.sql("SELECT failed_sign_ins FROM staff_account WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .single();
        if (!throttle.locks(failures)) {
            return false;
        }
        int locked = jdbc.sql("UPDATE staff_account SET locked_at = ? WHERE username = ? AND locked_at IS NULL")
                .params(utc(now), username)
                .update();
        if (locked > 0) {
            accessLog.recordNow(new AccessRecord(
                    username, InfraAccessAction.ACCOUNT_LOCKED, null, "after " + failures + " failed sign-ins"));
        }
        return true;
    }

    private SignInStep signedIn(Account account, String how, List<String> recoveryCodes) {
        jdbc.sql("UPDATE staff_account SET failed_sign_ins = 0, last_failed_at = NULL WHERE username = ?")
                .param(account.username())
                .update();
        accessLog.recordNow(new AccessRecord(account.username(), InfraAccessAction.STAFF_LOGIN, null, how));
        StaffMember member =
                accounts.find(account.username()).orElseThrow(() -> new StaffAccountException("No such account"));
        return new SignInStep.SignedIn(member, account.generation(), recoveryCodes);
    }

    private Optional<Account> account(String username) {
        return jdbc.sql("""
                        SELECT username, password_hash, enabled, failed_sign_ins, last_failed_at, locked_at,
                               totp_secret, sign_in_generation
                        FROM staff_account WHERE username = ?""")
                .param(username)
                .query((rs, n) -> {
                    OffsetDateTime lastFailure = rs.getObject(5, OffsetDateTime.class);
                    return new Account(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getBoolean(3),
                            new SignInThrottle.Attempts(
                                    rs.getInt(4),
                                    lastFailure == null ? null : lastFailure.toInstant(),
                                    rs.getObject(6, OffsetDateTime.class) != null),
                            rs.getBytes(7),
                            rs.getLong(8));
                })
                .optional();
    }

    private String standIn() {
        String hash = standInHash;
        if (hash == null) {
            byte[] password = new byte[24];
            random.nextBytes(password);
            hash = argon2.encode(java.util.HexFormat.of().formatHex(password));
            standInHash = hash;
        }
        return hash;
    }

    private OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
