package org.leakdesk.infra;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Rotates the newsroom key: a new key pair is made (protected with the same passphrase), every
 * data key named by a {@link WrappedKeyColumns} is unwrapped with the current key and wrapped to
 * the new one (the bodies are not touched), then the new key takes the current one's place and
 * the old one is moved to {@code retired/}. Resumable: an interrupted rotation leaves its new key
 * in {@code rotation/} and every row either re-wrapped or not; running it again carries on.
 */
public interface NewsroomKeyRotation {

    /**
     * What a run did.
     *
     * @param newFingerprint the key data keys are now wrapped to
     * @param rewrapped keys re-wrapped by this run
     * @param alreadyDone keys found wrapped to the new key (by an earlier, interrupted run)
     * @param failed keys that could not be unwrapped; when any, the key files were not swapped
     */
    record Result(String newFingerprint, long rewrapped, long alreadyDone, long failed) {}

    /**
     * @param batch rows read and updated at a time
     * @param progress where to report how far it is, one line per batch
     * @throws NewsroomKeyLockedException when the current private key is not unlocked
     */
    Result rotate(int batch, PrintStream progress) throws IOException;
}
