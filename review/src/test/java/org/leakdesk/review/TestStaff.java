package org.leakdesk.review;

import java.security.SecureRandom;
import java.util.Set;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;

/** A staff account made for one test, with a known password and a name no other test uses. */
record TestStaff(String username, String password, Set<StaffRole> roles) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static TestStaff create(StaffAccounts accounts, String prefix, StaffRole... roles) {
        String username = prefix + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        String password = "pw-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + "-long-enough";
        accounts.create(username, password, Set.of(roles), "test-setup");
        return new TestStaff(username, password, Set.of(roles));
    }

    StaffClient signIn(int staffPort) throws Exception {
        return StaffClient.signIn(staffPort, username, password);
    }

    StaffMember member() {
        return new StaffMember(username, roles);
    }
}
