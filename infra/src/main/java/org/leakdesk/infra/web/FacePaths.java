package org.leakdesk.infra.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.leakdesk.infra.Face;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths each face serves: its controllers' mappings (recorded as they are registered) and
 * its static files ({@code /intake/**} for the source face, {@code /review/**} for staff).
 */
final class FacePaths {

    /** Served on the management port only (loopback), never on a face's port. */
    private static final List<PathPattern> NO_FACE = List.of(
            PathPatternParser.defaultInstance.parse("/actuator"),
            PathPatternParser.defaultInstance.parse("/actuator/**"));

    private final Map<Face, List<PathPattern>> patterns = new EnumMap<>(Face.class);
    private final boolean staffHere;

    /**
     * @param staffHere whether this process has the staff role: without it the staff controllers
     *     do not exist, so on the source port every path the source face does not serve is the
     *     staff face's (or nobody's)
     */
    FacePaths(boolean staffHere) {
        this.staffHere = staffHere;
        for (Face face : Face.values()) {
            patterns.put(face, new CopyOnWriteArrayList<>());
        }
        add(Face.SOURCE, List.of(PathPatternParser.defaultInstance.parse("/intake/**")));
        add(Face.STAFF, List.of(PathPatternParser.defaultInstance.parse("/review/**")));
    }

    void add(Face face, java.util.Collection<PathPattern> served) {
        patterns.get(face).addAll(served);
    }

    /** True if only the other face serves this path, or no face does (the operators' endpoints). */
    boolean belongsElsewhere(Face here, PathContainer path) {
        if (NO_FACE.stream().anyMatch(pattern -> pattern.matches(path))) {
            return true;
        }
        if (here == Face.SOURCE && !staffHere) {
            return !matches(here, path);
        }
        Face other = here == Face.SOURCE ? Face.STAFF : Face.SOURCE;
        return matches(other, path) && !matches(here, path);
    }

    private boolean matches(Face face, PathContainer path) {
        return patterns.get(face).stream().anyMatch(pattern -> pattern.matches(path));
    }
}
