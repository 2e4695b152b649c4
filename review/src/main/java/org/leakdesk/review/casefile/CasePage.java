package org.leakdesk.review.casefile;

import java.util.UUID;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.VerificationRequest;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The case page as one member sees it: what {@link CaseInbox#open} returns, laid out for the
 * template. Shared by the page itself and by forms that are shown again with what to fix.
 */
@Component
class CasePage {

    static final String VIEW = "review/case";

    private final CaseInbox inbox;

    CasePage(CaseInbox inbox) {
        this.inbox = inbox;
    }

    String render(UUID caseId, StaffMember member, Model model) {
        CaseFile file = inbox.open(caseId, member);
        model.addAttribute("file", file);
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
        return VIEW;
    }
}
