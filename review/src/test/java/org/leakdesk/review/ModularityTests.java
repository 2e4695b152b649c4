package org.leakdesk.review;

import org.junit.jupiter.api.Test;
import org.leakdesk.LeakDeskApplication;
import org.springframework.modulith.core.ApplicationModules;

/** infra <- intake <- workflow <- review, each module used only through its public API. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(LeakDeskApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}
