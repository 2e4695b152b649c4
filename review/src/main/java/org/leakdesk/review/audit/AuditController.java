package org.leakdesk.review.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The access log for auditors: filter by person, action, case and days, page back through it,
 * export what the filter finds, and verify the hash chain and the signed checkpoints.
 */
@Controller
@ServedOn(Face.STAFF)
class AuditController {

    static final int PAGE = 100;

    private final AccessLog accessLog;
    private final AccessActions actions;
    private final AccessLogExport export;

    AuditController(AccessLog accessLog, AccessActions actions, AccessLogExport export) {
        this.accessLog = accessLog;
        this.actions = actions;
        this.export = export;
    }

    @GetMapping("/audit")
    String log(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "case", required = false) @Nullable String caseId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable Long before,
            Model model) {
        AccessLogQuery query = query(actor, action, caseId, from, to, before);
        List<AccessLogEntry> entries = accessLog.entries(query);
        model.addAttribute("entries", entries);
        model.addAttribute("query", query);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("actions", actions.all());
        model.addAttribute(
                "older",
                entries.size() == PAGE ? entries.get(entries.size() - 1).sequence() : null);
        model.addAttribute("lastVerification", accessLog.lastVerification().orElse(null));
        model.addAttribute("signer", accessLog.checkpointSigner());
        return "review/audit";
    }

    /** An inclusion proof for one entry, to check offline with {@code verify-log check-proof}. */
    @GetMapping("/audit/proof")
    ResponseEntity<String> proof(@RequestParam long sequence) {
        return accessLog
                .inclusionProof(sequence)
                .map(proof -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_PLAIN)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"access-log-entry-" + sequence + ".proof\"")
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(proof))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The entries the filter finds, oldest first, as JSON lines or CSV, with the checkpoint that covers them. */
    @GetMapping("/audit/export")
    void export(
            @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "case", required = false) @Nullable String caseId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            StaffMember member,
            HttpServletResponse response)
            throws IOException {
        AccessLogExport.Format chosen = AccessLogExport.Format.of(format);
        AccessLogQuery query = query(actor, action, caseId, from, to, null);
        response.setContentType(chosen.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"access-log." + chosen.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        export.write(query, chosen, member.username(), response.getOutputStream());
    }

    @PostMapping("/audit/verify")
    String verify(StaffMember member, RedirectAttributes redirect) {
        ChainVerification verification = accessLog.verify(member.username());
        redirect.addFlashAttribute("verification", verification);
        return "redirect:/audit";
    }

    private AccessLogQuery query(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String caseId,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable Long before) {
        return new AccessLogQuery(
                actor,
                actions.find(action),
                caseId,
                startOf(from),
                to == null ? null : startOf(to.plusDays(1)),
                before,
                PAGE);
    }

    private static @Nullable Instant startOf(@Nullable LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
