package org.leakdesk.intake.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobReferences;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The intake's blobs: every document's and every scrubbed copy's. */
final class IntakeBlobReferences implements BlobReferences {

    private final JdbcClient jdbc;

    IntakeBlobReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<BlobId> referenced(Collection<BlobId> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(", ", Collections.nCopies(candidates.size(), "?"));
        Object[] ids = candidates.stream().map(BlobId::value).toArray();
        Object[] twice = new Object[ids.length * 2];
        System.arraycopy(ids, 0, twice, 0, ids.length);
        System.arraycopy(ids, 0, twice, ids.length, ids.length);
        Set<BlobId> found = new HashSet<>();
        jdbc.sql("SELECT blob_id FROM submission_file WHERE blob_id IN (" + marks + ")"
                        + " UNION SELECT blob_id FROM submission_file_scrubbed WHERE blob_id IN (" + marks + ")")
                .params(twice)
                .query((rs, n) -> new BlobId(rs.getObject(1, UUID.class)))
                .list()
                .forEach(found::add);
        return found;
    }
}
