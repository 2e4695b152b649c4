package org.leakdesk.infra;

/** The ports the two faces actually listen on, known once the web server has started. */
public interface FacePorts {

    /**
     * Returns the bound port of a face.
     *
     * @throws IllegalStateException if the web server has not started yet
     */
    int portOf(Face face);

    /** Tells which face a request arrived on by the local port it came in on; never returns null. */
    default Face faceOf(int localPort) {
        return localPort == portOf(Face.STAFF) ? Face.STAFF : Face.SOURCE;
    }
}
