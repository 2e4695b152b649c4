package org.leakdesk.infra;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots infra alone against the test database. */
@SpringBootApplication
class InfraTestApplication {}
