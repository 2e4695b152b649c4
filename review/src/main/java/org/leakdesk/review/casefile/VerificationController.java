package org.leakdesk.review.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.leakdesk.workflow.VerifierLink;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Verification requests: writing a round on the "verification requests" task, sending it (which
 * shows the one-time links, once), and on a waiting request recording an answer that came by other
 * means or replacing its link.
 */
@Controller
@ServedOn(Face.STAFF)
class VerificationController extends CaseForms {

    static final String LINKS_VIEW = "review/links";

    private final CaseWork work;
    private final MessageSource messages;

    VerificationController(CaseWork work, CasePage page, MessageSource messages) {
        super(page);
        this.work = work;
        this.messages = messages;
    }

    /**
     * The deadline is a day in the form ({@code <input type="date">}): the request runs until the
     * end of that day, UTC, so "the 30th" means the whole of the 30th wherever the desk is.
     */
    @PostMapping("/tasks/{taskId}/verification-requests")
    String add(
            @PathVariable String taskId,
            @RequestParam UUID caseId,
            @RequestParam(required = false) @Nullable String organisation,
            @RequestParam(required = false) @Nullable String contact,
            @RequestParam(required = false) @Nullable String question,
            @RequestParam Sharing sharing,
            @RequestParam(required = false) @Nullable String excerpt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate deadline,
            StaffMember member,
            Locale locale) {
        if (deadline == null) {
            throw new InvalidEntryException(messages.getMessage("case.requests.no-deadline", null, locale));
        }
        VerificationRequestDraft draft = new VerificationRequestDraft(
                text(organisation), text(contact), text(question), sharing, excerpt, lastSecondOf(deadline));
        work.addVerificationRequest(taskId, member, draft);
        return "redirect:/cases/" + caseId + "#verification-task";
    }

    /**
     * The request runs until the end of the day given, UTC: its last whole second. Not {@code
     * LocalTime.MAX}, whose nanoseconds a database that keeps microseconds rounds up to the next
     * day's midnight, which the pages then showed as the deadline.
     */
    private static Instant lastSecondOf(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
    }

    @PostMapping("/tasks/{taskId}/verification-requests/{requestId}/remove")
    String remove(
            @PathVariable String taskId, @PathVariable UUID requestId, @RequestParam UUID caseId, StaffMember member) {
        work.removeVerificationRequest(taskId, member, requestId);
        return "redirect:/cases/" + caseId + "#verification-task";
    }

    /** The links are in this answer only: it is rendered, not redirected, so they never sit in a session. */
    @PostMapping("/tasks/{taskId}/verification-requests/send")
    String send(@PathVariable String taskId, @RequestParam UUID caseId, StaffMember member, Model model) {
        return links(caseId, work.sendVerificationRequests(taskId, member), model);
    }

    @PostMapping("/cases/{caseId}/verification-requests/{requestId}/answer")
    String recordAnswer(
            @PathVariable UUID caseId,
            @PathVariable UUID requestId,
            @RequestParam Verdict verdict,
            @RequestParam(required = false) @Nullable String comment,
            StaffMember member) {
        work.recordAnswer(caseId, requestId, member, verdict, text(comment));
        return "redirect:/cases/" + caseId + "?done=answer#request-" + requestId;
    }

    @PostMapping("/cases/{caseId}/verification-requests/{requestId}/link")
    String reissueLink(@PathVariable UUID caseId, @PathVariable UUID requestId, StaffMember member, Model model) {
        return links(caseId, List.of(work.reissueLink(caseId, requestId, member)), model);
    }

    private static String links(UUID caseId, List<VerifierLink> links, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute(
                "links",
                links.stream()
                        .map(link -> new ShownLink(
                                link.organisation(),
                                ServletUriComponentsBuilder.fromCurrentContextPath()
                                        .path(link.path())
                                        .toUriString()))
                        .toList());
        return LINKS_VIEW;
    }

    private static String text(@Nullable String given) {
        return given == null ? "" : given;
    }

    /** A link as the page shows it: for whom, and the whole address to pass on. */
    record ShownLink(String organisation, String url) {}
}
