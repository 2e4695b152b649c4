package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.ReplyNotFoundException;
import org.leakdesk.intake.ReturningSources;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A returning source's pages: sign in with the codename, then (under {@value SourceSessions#PATH},
 * the only path the session cookie is sent to) read the newsroom's replies, delete those read, send
 * more files and messages, and sign out. Plain HTML forms, no JavaScript. Every signed-in form
 * carries the session's CSRF token (in the URL for the upload, whose body only the upload stream
 * reads).
 */
@Controller
@ServedOn(Face.SOURCE)
class ReturningSourceController {

    /** A reply laid out for the page. */
    record ReplyView(UUID id, String text, String sentAt) {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static final String SIGN_IN = "intake/sign-in";
    static final String PAGE = "intake/returning";
    private static final String HOME = "redirect:" + SourceSessions.PATH + "/";

    private final ReturningSources sources;
    private final SubmissionIntake intake;
    private final SourceSessions sessions;
    private final FloodGate floodGate;
    private final MessageSource messages;

    ReturningSourceController(
            ReturningSources sources,
            SubmissionIntake intake,
            SourceSessions sessions,
            FloodGate floodGate,
            MessageSource messages) {
        this.sources = sources;
        this.intake = intake;
        this.sessions = sessions;
        this.floodGate = floodGate;
        this.messages = messages;
    }

    @GetMapping("/sign-in")
    String signInForm() {
        return SIGN_IN;
    }

    /** A wrong codename, whichever, gets this same page; the work done is the same for all. */
    @PostMapping("/sign-in")
    String signIn(@RequestParam(defaultValue = "") String codename, HttpServletResponse response, Model model) {
        Optional<SignedInSource> source = sources.signIn(codename);
        if (source.isEmpty()) {
            model.addAttribute("error", true);
            return SIGN_IN;
        }
        sessions.open(source.get(), response);
        return HOME;
    }

    @GetMapping({SourceSessions.PATH, SourceSessions.PATH + "/"})
    String page(HttpServletRequest request, Model model) {
        Optional<SourceSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return "redirect:/sign-in?expired";
        }
        return render(session.get(), model);
    }

    @PostMapping(SourceSessions.PATH + "/send")
    String send(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model)
            throws IOException {
        SourceSessions.Session session = signedIn(request);
        // Before a byte of the body is read: the case's id is the same on every visit, not the codename.
        floodGate.admitFollowUp(request, session.source().caseId().toString());
        AtomicReference<String> message = new AtomicReference<>("");
        try {
            Receipt receipt = new MultipartSubmissionReader(followUpsOf(session.source())).read(request, message::set);
            return HOME + "?sent=" + receipt.fileCount() + (receipt.messageCut() ? "&cut" : "");
        } catch (UploadRejectedException e) {
            response.setStatus(
                    e.tooLarge()
                            ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                            : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", messages.getMessage(e, locale));
            model.addAttribute("message", message.get());
            return render(session, model);
        }
    }

    @PostMapping(SourceSessions.PATH + "/replies/{replyId}/delete")
    String delete(
            @PathVariable UUID replyId,
            HttpServletRequest request,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        SourceSessions.Session session = signedIn(request);
        try {
            sources.deleteReply(session.source(), replyId);
            return HOME + "?deleted";
        } catch (ReplyNotFoundException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", messages.getMessage("returning.reply-gone", null, locale));
            return render(session, model);
        }
    }

    @PostMapping(SourceSessions.PATH + "/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(signedIn(request), response);
        return "redirect:/sign-in?signed-out";
    }

    private String render(SourceSessions.Session session, Model model) {
        model.addAttribute(
                "replies",
                sources.replies(session.source()).stream()
                        .map(reply -> new ReplyView(reply.id(), reply.text(), TIME.format(reply.sentAt())))
                        .toList());
        model.addAttribute("csrf", session.csrfToken());
        model.addAttribute("limits", intake.limits());
        return PAGE;
    }

    /**
     * The session of a signed-in form, whose CSRF token must match (read from the URL only: the
     * container never parses a multipart body into parameters here).
     */
    private SourceSessions.Session signedIn(HttpServletRequest request) {
        SourceSessions.Session session = sessions.current(request).orElseThrow(SignedOut::new);
        if (!session.csrfMatches(request.getParameter("_csrf"))) {
            throw new StaleForm(session);
        }
        return session;
    }

    /** A signed-in form arrived without a live session: the sign-in page says so. */
    @ExceptionHandler(SignedOut.class)
    String signedOut(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("signedOutMeanwhile", true);
        return SIGN_IN;
    }

    /** A signed-in form without this session's token: another site's, or an old page's. */
    @ExceptionHandler(StaleForm.class)
    String staleForm(StaleForm e, HttpServletResponse response, Locale locale, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("error", messages.getMessage("returning.stale-form", null, locale));
        return render(e.session, model);
    }

    private static final class SignedOut extends RuntimeException {
        SignedOut() {
            super("No signed-in source", null, false, false);
        }
    }

    private static final class StaleForm extends RuntimeException {
        private final transient SourceSessions.Session session;

        StaleForm(SourceSessions.Session session) {
            super("A signed-in form without its token", null, false, false);
            this.session = session;
        }
    }

    /** The upload reader works on a {@link SubmissionIntake}: this one starts follow-ups of one source. */
    private SubmissionIntake followUpsOf(SignedInSource source) {
        return new SubmissionIntake() {
            @Override
            public SubmissionDraft begin() {
                return sources.followUp(source);
            }

            @Override
            public UploadLimits limits() {
                return intake.limits();
            }
        };
    }
}
