package org.leakdesk.infra;

/** Decryption was asked for, but the newsroom private key is not unlocked in this process. */
public class NewsroomKeyLockedException extends IllegalStateException {

    public NewsroomKeyLockedException() {
        super("The newsroom private key is not unlocked: supply its passphrase through"
                + " leakdesk.keys.passphrase-file or the LEAKDESK_KEY_PASSPHRASE environment variable");
    }
}
