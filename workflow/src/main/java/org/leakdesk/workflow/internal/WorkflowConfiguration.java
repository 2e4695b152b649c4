package org.leakdesk.workflow.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Async event listeners (the process starts after the upload commits) and the resubmission schedule. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
@PropertySource("classpath:workflow/defaults.properties")
class WorkflowConfiguration {}
