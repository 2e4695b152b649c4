package org.leakdesk.review.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/** Every password check was taken: the person is asked to try again in a moment. */
final class SignInBusyException extends AuthenticationServiceException {

    SignInBusyException() {
        super("Too many sign-ins at once");
    }
}
