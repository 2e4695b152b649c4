package org.leakdesk.workflow.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The Spring Boot tests of this module, all in one application context. Every context runs its
 * own extraction workers on the same database, so a second context's worker would take tasks
 * that a test watches through {@link ObservedExtraction} or the {@link RuntimeService} spy.
 * Failed extractions are retried after 100 ms instead of a minute, and a task whose worker lost the
 * database is handed out again after 10 s instead of 5 minutes; a case whose start failed is
 * tried again after 1 s instead of 30.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "leakdesk.extraction.retry-delay=100ms",
            "leakdesk.extraction.lock-duration=10s",
            "leakdesk.workflow.hand-over.retry-after=1s"
        })
@Import(ObservedExtraction.Wrapping.class)
@MockitoSpyBean(types = RuntimeService.class)
@interface WorkflowBootTest {}
