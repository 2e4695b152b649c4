package org.leakdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * LeakDesk: one process serving the source face (default port 8080) and the staff face (default
 * port 8081). Assembles the modules infra, intake, workflow and review.
 */
@SpringBootApplication
public class LeakDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeakDeskApplication.class, args);
    }
}
