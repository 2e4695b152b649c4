package org.leakdesk.review.casefile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.workflow.CaseNotes;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What the case page reads besides the case itself, mocked for the slice tests of its controllers:
 * no journalist keys, no notes or labels, no history unless a test says otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MockitoBean(types = {JournalistKeys.class, CaseNotes.class, CaseHistory.class})
@interface CasePageMocks {}
