package org.leakdesk.review.security;

import java.time.Clock;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The sign-in form's password, checked by {@link StaffSignIn}: a right one gives a {@link
 * PendingSignIn}, never a signed-in member. Every refusal is the same bad-credentials answer.
 */
final class PasswordStep implements AuthenticationProvider {

    private final StaffSignIn signIn;
    private final Clock clock;

    PasswordStep(StaffSignIn signIn, Clock clock) {
        this.signIn = signIn;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        SignInStep step = signIn.checkPassword(authentication.getName(), password);
        if (step instanceof SignInStep.PasswordAccepted accepted) {
            return new PendingSignIn(accepted.username(), accepted.enrolled(), clock.instant());
        }
        if (step instanceof SignInStep.Busy) {
            throw new SignInBusyException();
        }
        throw new BadCredentialsException("Wrong username or password");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
