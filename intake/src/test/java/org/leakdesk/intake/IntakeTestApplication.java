package org.leakdesk.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots infra and intake against the test database. */
@SpringBootApplication(scanBasePackages = "org.leakdesk")
class IntakeTestApplication {}
