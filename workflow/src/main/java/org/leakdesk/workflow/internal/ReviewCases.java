package org.leakdesk.workflow.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The cases whose process has started, and who took part in each (table {@code review_case}, {@code review_participant}). */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class ReviewCases {

    /** What someone did on a case. */
    enum Part {
        TRIAGE,
        VERIFICATION,
        ASSESSMENT,
        DECISION
    }

    private final JdbcClient jdbc;
    private final EngineClock clock;
    private final TransactionTemplate nested;

    ReviewCases(JdbcClient jdbc, EngineClock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Claims the start of the case's process, in the caller's transaction: true for the first
     * caller; a concurrent second caller waits on the key until the first commits and gets false
     * (its failed insert is rolled back to a savepoint, so its transaction goes on). No query
     * first: a case is almost always new, and the insert alone says whether it was.
     */
    boolean claimStart(UUID caseId) {
        Boolean claimed = nested.execute(status -> {
            try {
                jdbc.sql("INSERT INTO review_case (case_id, started_at) VALUES (?, ?)")
                        .params(caseId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .update();
                return true;
            } catch (DuplicateKeyException e) {
                status.setRollbackOnly();
                return false;
            }
        });
        return Boolean.TRUE.equals(claimed);
    }

    /** Records the process instance of a case whose start this transaction claimed. */
    void started(UUID caseId, String processInstanceId) {
        jdbc.sql("UPDATE review_case SET process_instance_id = ? WHERE case_id = ?")
                .params(processInstanceId, caseId)
                .update();
    }

    Optional<String> processInstanceId(UUID caseId) {
        return jdbc.sql("SELECT process_instance_id FROM review_case WHERE case_id = ?")
                .param(caseId)
                .query(String.class)
                .optional();
    }

    /** Records a part someone took; taking it again changes nothing. */
    void took(UUID caseId, String username, Part part) {
        int known = jdbc.sql("SELECT COUNT(*) FROM review_participant WHERE case_id = ? AND username = ? AND part = ?")
                .params(caseId, username, part.name())
                .query(Integer.class)
                .single();
        if (known == 0) {
            jdbc.sql("INSERT INTO review_participant (case_id, username, part) VALUES (?, ?, ?)")
                    .params(caseId, username, part.name())
                    .update();
        }
    }

    Participants participants(UUID caseId) {
        return participants(List.of(caseId)).getOrDefault(caseId, Participants.NONE);
    }

    /** The participants of several cases at once (for the inbox); cases nobody worked on are absent. */
    Map<UUID, Participants> participants(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<Part, Set<String>>> found = new HashMap<>();
        jdbc.sql("SELECT case_id, username, part FROM review_participant WHERE case_id IN (:ids)")
                .param("ids", caseIds)
                .query((rs, n) -> found.computeIfAbsent(rs.getObject("case_id", UUID.class), id -> new HashMap<>())
                        .computeIfAbsent(Part.valueOf(rs.getString("part")), p -> new HashSet<>())
                        .add(rs.getString("username")))
                .list();
        Map<UUID, Participants> result = new HashMap<>();
        found.forEach((id, parts) -> result.put(id, new Participants(parts)));
        return result;
    }

    /** Who took which part in one case. */
    record Participants(Map<Part, Set<String>> parts) {

        static final Participants NONE = new Participants(Map.of());

        Set<String> of(Part part) {
            return parts.getOrDefault(part, Set.of());
        }

        boolean includes(String username) {
            return parts.values().stream().anyMatch(names -> names.contains(username));
        }
    }
}
