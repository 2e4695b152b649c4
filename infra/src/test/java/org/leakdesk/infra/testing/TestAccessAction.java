package org.leakdesk.infra.testing;

import org.leakdesk.infra.AccessAction;

/** Actions as the upper modules contribute them, for infra's own tests. */
public enum TestAccessAction implements AccessAction {
    CASE_VIEWED,
    TASK_CLAIMED,
    EDITORIAL_DECISION;

    @Override
    public String label() {
        return "test: " + name();
    }
}
