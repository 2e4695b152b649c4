package org.leakdesk.review.casefile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.review.web.Display;
import org.springframework.stereotype.Component;

/**
 * A case's own entries of the access log, newest first, for the case page of a member who may see
 * the case: who opened, decrypted, decided or downloaded what, and when. What the source did shows
 * its day only, so the page does not undo the coarsened arrival times (the access log keeps exact
 * times for auditors).
 */
@Component
class CaseHistory {

    static final int SHOWN = 200;
    private static final String SOURCE = "source";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One line of the history. */
    record Line(
            long sequence,
            String when,
            String actor,
            String action,
            @Nullable String detail) {}

    private final AccessLog accessLog;
    private final Display display;

    CaseHistory(AccessLog accessLog, Display display) {
        this.accessLog = accessLog;
        this.display = display;
    }

    /** Call only once the member is known to see the case. */
    List<Line> of(UUID caseId) {
        return accessLog.entries(new AccessLogQuery(null, null, caseId.toString(), SHOWN)).stream()
                .map(this::line)
                .toList();
    }

    private Line line(AccessLogEntry entry) {
        boolean bySource = SOURCE.equals(entry.actor());
        return new Line(
                entry.sequence(),
                bySource
                        ? day(entry.recordedAt()) + " (the source's times are kept coarse)"
                        : display.time(entry.recordedAt()),
                bySource ? "the source" : entry.actor(),
                entry.action().label(),
                entry.detail());
    }

    private static String day(Instant instant) {
        return DAY.format(instant);
    }
}
