package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.review.web.Display;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotes;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.VerificationRequest;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The case page as one member sees it: what {@link CaseInbox#open} returns, laid out for the
 * template. Shared by the page itself and by the task forms, which are shown again on it when
 * something is to be fixed.
 */
@Component
@ConditionalOnProcessRole(ProcessRole.STAFF)
class CasePage {

    static final String VIEW = "review/case";

    private final CaseInbox inbox;
    private final SourceConversation conversation;
    private final JournalistKeys journalistKeys;
    private final CaseHistory history;
    private final CaseNotes notes;
    private final Display display;

    CasePage(
            CaseInbox inbox,
            SourceConversation conversation,
            JournalistKeys journalistKeys,
            CaseHistory history,
            CaseNotes notes,
            Display display) {
        this.inbox = inbox;
        this.conversation = conversation;
        this.journalistKeys = journalistKeys;
        this.history = history;
        this.notes = notes;
        this.display = display;
    }

    /**
     * The case page. It is the one staff page that runs scripts (the application's own, drawing
     * the process diagram), so it answers with a policy that allows them from its own origin;
     * Spring Security's header writer leaves a policy already set.
     */
    String render(UUID caseId, StaffMember member, Model model, HttpServletResponse response) {
        CaseFile file = inbox.open(caseId, member);
        response.setHeader("Content-Security-Policy", StrictHeaders.SCRIPTED_STAFF_CONTENT_SECURITY_POLICY);
        model.addAttribute("processDiagram", diagramOf(file.status()));
        model.addAttribute("file", file);
        // Here rather than in the template: the layout's title is evaluated in Thymeleaf's restricted mode.
        model.addAttribute("caseRef", display.caseRef(caseId));
        model.addAttribute("status", file.status());
        model.addAttribute("documents", file.documents());
        model.addAttribute("myTask", file.status().taskClaimedBy(member.username()));
        model.addAttribute("claimable", file.status().claimable());
        model.addAttribute(
                "drafts",
                file.requests().stream()
                        .filter(request -> request.state() == VerificationRequest.State.DRAFT)
                        .toList());
        model.addAttribute("me", member.username());
        model.addAttribute("conversation", conversation.read(caseId, member));
        model.addAttribute("journalistKeys", journalistKeys());
        model.addAttribute("notebook", notes.read(caseId, member));
        // After open: the member may see this case.
        model.addAttribute("history", history.of(caseId));
        model.addAttribute("historyShown", CaseHistory.SHOWN);
        return VIEW;
    }

    /**
     * A task form with something to fix, shown again on its case page with the message above it and
     * what was typed still in the fields (the template reads them back from the request), answering
     * 400: better than an error page that loses what was typed.
     */
    String showAgain(
            InvalidEntryException problem,
            StaffMember member,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("entryProblem", problem.getMessage());
        return render(caseOf(request), member, model, response);
    }

    /** The deployed BPMN of the case's process version, or null if the engine no longer has it. */
    private @Nullable String diagramOf(CaseStatus status) {
        if (status.processDefinitionId() == null) {
            return null;
        }
        try {
            return inbox.processDiagram(status.processDefinitionId());
        } catch (IllegalArgumentException e) {
            return null; // the page still names the current step
        }
    }

    private List<JournalistKeys.JournalistKey> journalistKeys() {
        try {
            return journalistKeys.list();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the journalist keys", e);
        }
    }

    /** Every form of the case page names its case: in the path or in a hidden field. */
    private static UUID caseOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> path =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String caseId =
                path != null && path.containsKey("caseId") ? path.get("caseId") : request.getParameter("caseId");
        return UUID.fromString(caseId);
    }
}
