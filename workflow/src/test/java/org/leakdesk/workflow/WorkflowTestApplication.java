package org.leakdesk.workflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots infra, intake and workflow against the test database. */
@SpringBootApplication(scanBasePackages = "org.leakdesk")
class WorkflowTestApplication {}
