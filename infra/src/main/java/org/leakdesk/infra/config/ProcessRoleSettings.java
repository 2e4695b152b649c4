package org.leakdesk.infra.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.ProcessRoles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@value ProcessRoles#PROPERTY} into the settings of the parts it switches, ahead of every
 * other source so that no configuration file can run a part the roles leave out:
 *
 * <ul>
 *   <li>no {@code worker}: Camunda's job executor (and with it the extraction worker) is off;
 *   <li>{@code staff} without {@code source}: Tomcat's one connector is the staff face's
 *       ({@code leakdesk.staff.port} and {@code .address}), there is no source connector;
 *   <li>neither face: no web server listens at all;
 *   <li>{@code source} alone: no process engine ({@code camunda.bpm.enabled=false}, the switch of
 *       Camunda's auto-configuration) and no Flyway migration: the process connects with a role
 *       that may not create tables nor read Camunda's, and a staff or worker process migrates.
 * </ul>
 */
class ProcessRoleSettings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "leakdesk-process-roles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ProcessRoles roles = ProcessRoles.from(environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        if (!roles.has(ProcessRole.WORKER)) {
            settings.put("camunda.bpm.job-execution.enabled", "false");
        }
        if (roles.has(ProcessRole.STAFF) && !roles.has(ProcessRole.SOURCE)) {
            settings.put("server.port", "${leakdesk.staff.port:8081}");
            settings.put("server.address", "${leakdesk.staff.address:127.0.0.1}");
        }
        if (!roles.has(ProcessRole.STAFF) && !roles.has(ProcessRole.SOURCE)) {
            settings.put("server.port", "-1");
        }
        if (!roles.has(ProcessRole.STAFF) && !roles.has(ProcessRole.WORKER)) {
            settings.put("camunda.bpm.enabled", "false");
            settings.put("spring.flyway.enabled", "false");
            // Nothing of this process's goes through the event registry, which its role may not read.
            settings.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, settings));
    }

    /** After the configuration files are read, so {@code leakdesk.roles} may be set in one. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
