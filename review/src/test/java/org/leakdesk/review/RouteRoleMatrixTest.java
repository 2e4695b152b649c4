package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the staff face, read from the application's own request mappings, asked by an
 * anonymous visitor and by a member of each role over real HTTP: each gives the one answer the
 * table below expects. A route the table does not know (a new controller method) fails the test,
 * and so does a row for a route that is gone. Path variables name nothing that exists, so a
 * member whose role lets them through meets the route's own refusal (404 for an unknown case or
 * task, 400 for a form without its fields); every answer says {@code Cache-Control: no-store};
 * nothing is created, changed or decided (an
 * auditor's {@code POST /audit/verify} does verify the log).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RouteRoleMatrixTest {

    enum Who {
        ANONYMOUS,
        REVIEWER,
        EDITOR,
        AUDITOR,
        ADMIN
    }

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    List<RequestMappingHandlerMapping> mappings;

    @Test
    void everyStaffRouteGivesEachRoleItsOneExpectedAnswer() throws Exception {
        Map<Who, StaffClient> clients = new EnumMap<>(Who.class);
        StaffClient anonymous = StaffClient.anonymous(staff());
        anonymous.page("/login"); // a CSRF token, so a refusal is about the role, not the token
        clients.put(Who.ANONYMOUS, anonymous);
        for (Who who : List.of(Who.REVIEWER, Who.EDITOR, Who.AUDITOR, Who.ADMIN)) {
            StaffRole role = StaffRole.valueOf(who.name());
            clients.put(who, TestStaff.create(accounts, "matrix", role).signIn(staff()));
        }

        Map<String, String> observed = new TreeMap<>();
        for (String route : staffRoutes()) {
            StringBuilder answers = new StringBuilder();
            for (Who who : Who.values()) {
                answers.append(answers.length() == 0 ? "" : " ").append(answer(clients.get(who), route));
            }
            observed.put(route, answers.toString());
        }
        StringBuilder table = new StringBuilder();
        observed.forEach((route, answers) -> table.append(String.format("%-60s %s%n", route, answers)));
        assertThat(observed).as("answers observed:%n%s", table).isEqualTo(EXPECTED);
    }

    /** Method and pattern of every handler on the staff face, e.g. {@code GET /cases/{caseId}}. */
    private List<String> staffRoutes() {
        TreeSet<String> routes = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : mappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                ServedOn face = entry.getValue().getBeanType().getAnnotation(ServedOn.class);
                if (face == null || face.value() != Face.STAFF) {
                    continue;
                }
                RequestMappingInfo info = entry.getKey();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        routes.add(method + " " + pattern);
                    }
                }
            }
        }
        return new ArrayList<>(routes);
    }

    private static String answer(StaffClient client, String route) throws Exception {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replace("{caseId}", UUID.randomUUID().toString())
                .replace("{fileId}", UUID.randomUUID().toString())
                .replace("{requestId}", UUID.randomUUID().toString())
                .replace("{taskId}", "no-such-task")
                .replace("{username}", "no-such-account")
                .replace("{incidentId}", "no-such-incident")
                .replace("{token}", "no-such-token-000000000000000000000000")
                .replace("{index}", "0");
        assertThat(path).as(route).doesNotContain("{");
        HttpResponse<?> response = parts[0].equals("GET") ? client.rawDownload(path) : client.post(path, Map.of());
        int status = response.statusCode();
        // Whatever the answer, a staff page is never kept by a browser or a proxy.
        assertThat(response.headers().allValues("Cache-Control"))
                .as("Cache-Control of %s answering %d", route, status)
                .anySatisfy(value -> assertThat(value).contains("no-store"));
        if (status == 302) {
            String target = StaffClient.location(response);
            return "302:" + (target.startsWith("/confirm?") ? "/confirm" : target);
        }
        return Integer.toString(status);
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }

    /**
     * Anonymous, reviewer, editor, auditor, admin: a status, or {@code 302:} and where it sends.
     * Auditors and admins reach no case, task or document; second-factor pages are only for a
     * sign-in half-way; downloads ask for the fresh check first.
     */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", "302:/login 302:/inbox 302:/inbox 302:/audit 302:/admin/accounts"),
            Map.entry("GET /account", "302:/login 200 200 200 200"),
            Map.entry("GET /admin/accounts", "302:/login 403 403 403 200"),
            Map.entry("GET /admin/stuck", "302:/login 403 403 403 200"),
            Map.entry("GET /audit", "302:/login 403 403 200 403"),
            Map.entry("GET /audit/export", "302:/login 403 403 200 403"),
            Map.entry("GET /audit/proof", "302:/login 403 403 400 403"),
            Map.entry("GET /cases/{caseId}", "302:/login 404 404 403 403"),
            Map.entry(
                    "GET /cases/{caseId}/documents/{fileId}/encrypted", "302:/login 302:/confirm 302:/confirm 403 403"),
            Map.entry(
                    "GET /cases/{caseId}/documents/{fileId}/original", "302:/login 302:/confirm 302:/confirm 403 403"),
            Map.entry("GET /cases/{caseId}/publication-package", "302:/login 302:/confirm 302:/confirm 403 403"),
            Map.entry("GET /confirm", "302:/login 200 200 200 200"),
            Map.entry("GET /inbox", "302:/login 200 200 403 403"),
            Map.entry("GET /login", "200 200 200 200 200"),
            Map.entry("GET /login/code", "302:/login 403 403 403 403"),
            Map.entry("GET /login/enrol", "302:/login 403 403 403 403"),
            Map.entry("GET /login/enrol/qr.png", "302:/login 403 403 403 403"),
            Map.entry("GET /verify/{token}", "404 404 404 404 404"),
            Map.entry("GET /verify/{token}/copies/{index}", "404 404 404 404 404"),
            Map.entry("POST /account/recovery-codes", "302:/login 400 400 400 400"),
            Map.entry("POST /admin/accounts", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/accounts/{username}/disable", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/accounts/{username}/enable", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/accounts/{username}/reset-two-factor", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/accounts/{username}/roles", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/accounts/{username}/unlock", "302:/login 403 403 403 400"),
            Map.entry("POST /admin/stuck/{incidentId}/retry", "302:/login 403 403 403 404"),
            Map.entry("POST /audit/verify", "302:/login 403 403 302:/audit 403"),
            Map.entry("POST /cases/{caseId}/documents/{fileId}/scrubbed-copy", "302:/login 404 404 403 403"),
            Map.entry("POST /cases/{caseId}/labels", "302:/login 404 404 403 403"),
            Map.entry("POST /cases/{caseId}/labels/remove", "302:/login 404 404 403 403"),
            Map.entry("POST /cases/{caseId}/notes", "302:/login 404 404 403 403"),
            Map.entry("POST /cases/{caseId}/replies", "302:/login 404 404 403 403"),
            Map.entry("POST /cases/{caseId}/verification-requests/{requestId}/answer", "302:/login 400 403 403 403"),
            Map.entry("POST /cases/{caseId}/verification-requests/{requestId}/link", "302:/login 404 403 403 403"),
            Map.entry("POST /confirm", "302:/login 400 400 400 400"),
            Map.entry("POST /login/code", "302:/login 403 403 403 403"),
            Map.entry("POST /login/enrol", "302:/login 403 403 403 403"),
            Map.entry("POST /login/recovery", "302:/login 403 403 403 403"),
            Map.entry("POST /tasks/{taskId}/assessment", "302:/login 400 403 403 403"),
            Map.entry("POST /tasks/{taskId}/claim", "302:/login 404 404 403 403"),
            Map.entry("POST /tasks/{taskId}/decision", "302:/login 403 400 403 403"),
            Map.entry("POST /tasks/{taskId}/triage", "302:/login 400 403 403 403"),
            Map.entry("POST /tasks/{taskId}/unclaim", "302:/login 404 404 403 403"),
            Map.entry("POST /tasks/{taskId}/verification-requests", "302:/login 400 403 403 403"),
            Map.entry("POST /tasks/{taskId}/verification-requests/send", "302:/login 400 403 403 403"),
            Map.entry("POST /tasks/{taskId}/verification-requests/{requestId}/remove", "302:/login 400 403 403 403"),
            Map.entry("POST /verify/{token}", "400 400 400 400 400")));
}
