package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The source's pages: the submission form and the receipt. Plain HTML forms that work without
 * JavaScript; with it, {@code /intake/submit.js} adds a proof of work and an upload progress bar.
 */
@Controller
@ServedOn(Face.SOURCE)
class SourceController {

    private final SubmissionIntake intake;
    private final MultipartSubmissionReader reader;
    private final FloodGate floodGate;
    private final MessageSource messages;

    SourceController(SubmissionIntake intake, FloodGate floodGate, MessageSource messages) {
        this.intake = intake;
        this.floodGate = floodGate;
        this.messages = messages;
        this.reader = new MultipartSubmissionReader(intake);
    }

    @GetMapping("/")
    String form(Model model) {
        model.addAttribute("limits", intake.limits());
        return "intake/submit";
    }

    @PostMapping("/submit")
    String submit(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model)
            throws IOException {
        AtomicReference<String> message = new AtomicReference<>("");
        try {
            floodGate.admitSubmission(request);
            Receipt receipt = reader.read(request, message::set);
            model.addAttribute("receipt", receipt);
            model.addAttribute("limits", intake.limits());
            return "intake/receipt";
        } catch (UploadRejectedException e) {
            response.setStatus(
                    e.tooLarge()
                            ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                            : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("limits", intake.limits());
            model.addAttribute("error", messages.getMessage(e, locale));
            model.addAttribute("message", message.get());
            return "intake/submit";
        }
    }
}
