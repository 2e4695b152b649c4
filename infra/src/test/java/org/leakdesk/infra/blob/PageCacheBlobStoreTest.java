package org.leakdesk.infra.blob;

/**
 * The same contract on a local directory written through the page cache, as on a file system
 * without direct I/O.
 */
class PageCacheBlobStoreTest extends LocalBlobStoreTest {

    @Override
    boolean directIo() {
        return false;
    }
}
