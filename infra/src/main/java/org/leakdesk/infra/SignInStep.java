package org.leakdesk.infra;

import java.util.List;
import java.util.Objects;

/** Where a staff member's sign-in stands after one step of {@link StaffSignIn}. */
public sealed interface SignInStep {

    /**
     * The password is right; the second factor comes next.
     *
     * @param enrolled whether the account has an authenticator (otherwise it enrols one now)
     */
    record PasswordAccepted(String username, boolean enrolled) implements SignInStep {}

    /**
     * Both factors are right: the member is signed in.
     *
     * @param generation the account's sign-in generation, to keep in the session (see {@link
     *     StaffSignIn#stillValid})
     * @param recoveryCodes the new recovery codes after an enrolment, to show once; otherwise empty
     */
    record SignedIn(StaffMember member, long generation, List<String> recoveryCodes) implements SignInStep {

        public SignedIn {
            Objects.requireNonNull(member, "member");
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "SignedIn[" + member.username() + ", generation " + generation + "]";
        }
    }

    /**
     * Refused, for a reason the person is not told (beyond "wrong or too many attempts").
     *
     * @param startOver true if this sign-in cannot go on (the account is locked, disabled or
     *     gone): back to the password
     */
    record Refused(boolean startOver) implements SignInStep {}

    /** Too many password checks are running at once: try again in a moment. Not counted as a failure. */
    record Busy() implements SignInStep {}
}
