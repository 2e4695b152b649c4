package org.leakdesk.review.verifier;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.review.web.Download;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerifierDesk;
import org.leakdesk.workflow.VerifierLinkGoneException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one page an outside verifier sees, through their one-time link on the staff face: the
 * question, what is shared, and the answer form. No account and no session; a link that finds
 * nothing is a bare 404 ({@code StaffErrors}), the same whatever the reason.
 */
@Controller
@ServedOn(Face.STAFF)
class VerifierController {

    static final String VIEW = "review/verifier";

    private final VerifierDesk desk;

    VerifierController(VerifierDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/verify/{token}")
    String show(@PathVariable String token, Model model) {
        model.addAttribute("question", desk.open(token).orElseThrow(VerifierLinkGoneException::new));
        model.addAttribute("token", token);
        model.addAttribute("verdicts", Verdict.values());
        return VIEW;
    }

    /** A comment too long brings the form back with what was typed, answering 400. */
    @PostMapping("/verify/{token}")
    String answer(
            @PathVariable String token,
            @RequestParam Verdict verdict,
            @RequestParam(required = false) @Nullable String comment,
            HttpServletResponse response,
            Model model) {
        try {
            desk.answer(token, verdict, comment == null ? "" : comment);
        } catch (InvalidEntryException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("entryProblem", e.getMessage());
            return show(token, model);
        }
        return "review/verifier-thanks";
    }

    @GetMapping("/verify/{token}/copies/{index}")
    void sharedCopy(@PathVariable String token, @PathVariable int index, HttpServletResponse response)
            throws IOException {
        desk.writeSharedCopy(
                token, index, Download.of(response, "application/octet-stream", "shared-copy-" + (index + 1)));
    }
}
