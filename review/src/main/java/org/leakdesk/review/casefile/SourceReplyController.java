package org.leakdesk.review.casefile;

import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.SourceConversation;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The reply form of the case page: a message to the case's source, encrypted so only they can read it. */
@Controller
@ServedOn(Face.STAFF)
class SourceReplyController extends CaseForms {

    private final SourceConversation conversation;

    SourceReplyController(SourceConversation conversation, CasePage page) {
        super(page);
        this.conversation = conversation;
    }

    @PostMapping("/cases/{caseId}/replies")
    String reply(@PathVariable UUID caseId, @RequestParam(defaultValue = "") String text, StaffMember member) {
        conversation.reply(caseId, member, text);
        return "redirect:/cases/" + caseId + "?done=reply#conversation";
    }
}
