package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The source's pages: the submission form and the receipt. Plain HTML forms, no JavaScript. */
@Controller
@ServedOn(Face.SOURCE)
class SourceController {

    private final SubmissionIntake intake;
    private final MultipartSubmissionReader reader;

    SourceController(SubmissionIntake intake) {
        this.intake = intake;
        this.reader = new MultipartSubmissionReader(intake);
    }

    @GetMapping("/")
    String form(Model model) {
        model.addAttribute("limits", intake.limits());
        return "intake/submit";
    }

    @PostMapping("/submit")
    String submit(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Receipt receipt = reader.read(request);
            model.addAttribute("receipt", receipt);
            model.addAttribute("limits", intake.limits());
            return "intake/receipt";
        } catch (UploadRejectedException e) {
            response.setStatus(
                    e.tooLarge()
                            ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                            : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("limits", intake.limits());
            model.addAttribute("error", e.getMessage());
            return "intake/submit";
        }
    }
}
