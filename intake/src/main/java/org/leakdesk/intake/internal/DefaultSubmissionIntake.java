package org.leakdesk.intake.internal;

import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadLimits;

final class DefaultSubmissionIntake implements SubmissionIntake {

    private final DraftServices services;

    DefaultSubmissionIntake(DraftServices services) {
        this.services = services;
    }

    @Override
    public SubmissionDraft begin() {
        return new StreamingSubmissionDraft(services);
    }

    @Override
    public UploadLimits limits() {
        return services.limits();
    }
}
