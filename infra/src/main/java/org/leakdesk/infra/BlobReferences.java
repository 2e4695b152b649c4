package org.leakdesk.infra;

import java.util.Collection;
import java.util.Set;

/**
 * Which blobs a module's rows refer to. Every module that stores blob ids contributes one as a
 * bean; the blob sweeper removes only blobs that none of them claims (see {@link BlobStore}).
 */
public interface BlobReferences {

    /**
     * Returns those of {@code candidates} that a row of this module refers to.
     *
     * @param candidates at most a few hundred ids at a time; must not be null
     * @return never null
     */
    Set<BlobId> referenced(Collection<BlobId> candidates);
}
