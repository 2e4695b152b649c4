package org.leakdesk.infra;

import java.util.List;
import java.util.Optional;

/**
 * Signing a staff member in: the password, then a code from their authenticator app (TOTP,
 * RFC 6238) or one of their recovery codes. An account without an authenticator enrols one
 * right after its password is accepted.
 *
 * <p>Failed attempts are counted per account: after a few, each further attempt must wait a
 * growing delay, and after more the account is locked until an admin unlocks it. A username
 * that has no account is treated exactly the same (counted in memory, its password hashed
 * against a stand-in), so no answer and no timing tells whether an account exists. Password
 * hashes are checked a few at a time; beyond that an attempt waits briefly and is then answered
 * {@link SignInStep.Busy}. Every sign-in, failure, lock, enrolment and recovery code used is in
 * the access log; no secret, code or typed password ever is.
 */
public interface StaffSignIn {

    /**
     * The first factor.
     *
     * @return {@link SignInStep.PasswordAccepted}, {@link SignInStep.Refused} (wrong password,
     *     unknown or disabled account, too many attempts: never told apart) or {@link
     *     SignInStep.Busy}; never null
     */
    SignInStep checkPassword(String username, String password);

    /**
     * The second factor, after {@link #checkPassword} accepted the password: a 6-digit code of
     * the current 30-second step or the one before or after. A code works once.
     *
     * @return {@link SignInStep.SignedIn} or {@link SignInStep.Refused}
     */
    SignInStep checkCode(String username, String code);

    /**
     * The second factor by a recovery code instead of the authenticator; each code works once.
     *
     * @return {@link SignInStep.SignedIn} or {@link SignInStep.Refused}
     */
    SignInStep useRecoveryCode(String username, String recoveryCode);

    /**
     * A fresh authenticator secret for an account that has none, to show the member (QR code and
     * text). Nothing is stored until {@link #completeEnrolment} confirms it with a code.
     *
     * @throws StaffAccountException if the account does not exist or already has an authenticator
     */
    TotpEnrolment beginEnrolment(String username);

    /**
     * Stores the secret once the member proves their app has it by a code from it, creates new
     * recovery codes and completes the sign-in.
     *
     * @return {@link SignInStep.SignedIn} carrying the recovery codes (shown once, kept only as
     *     hashes), or {@link SignInStep.Refused}
     */
    SignInStep completeEnrolment(TotpEnrolment enrolment, String code);

    /**
     * The secret of an enrolment on offer, encrypted under the authenticator key (which lives in a
     * file, never in the database) with the username bound in, so that it can wait in the
     * member's session between the enrolment page and its first code: staff sessions live in the
     * database, where a readable secret would be an authenticator given away.
     *
     * @return a sealed form for {@link #openEnrolment}; never null
     */
    byte[] sealEnrolment(TotpEnrolment enrolment);

    /**
     * The enrolment {@link #sealEnrolment} sealed for {@code username}.
     *
     * @return empty if {@code sealed} was not sealed for this username (or by this installation's key)
     */
    Optional<TotpEnrolment> openEnrolment(String username, byte[] sealed);

    /**
     * A signed-in member's fresh check before something that lets a document leave the desk
     * (a download or an export): their password and a new code from their authenticator, both
     * counted and throttled like a sign-in. Logged on success; never logs what was typed.
     *
     * @return {@link SignInStep.SignedIn} (no recovery codes), {@link SignInStep.Refused} or
     *     {@link SignInStep.Busy}; never null
     */
    SignInStep confirm(String username, String password, String code);

    /**
     * Replaces a signed-in member's recovery codes once they show a new authenticator code; the
     * old codes stop working. Logged.
     *
     * @return the new codes (show them once; only their hashes are kept), or empty if the code
     *     was wrong or used, or the account cannot sign in
     */
    Optional<List<String>> replaceRecoveryCodes(String username, String code);

    /**
     * Whether a session signed in as {@code username} under {@code generation} may go on: false
     * once the account is disabled or its authenticator reset.
     */
    boolean stillValid(String username, long generation);

    /** How hard password checking is working; for the admin page and the tests. */
    SignInLoad load();
}
