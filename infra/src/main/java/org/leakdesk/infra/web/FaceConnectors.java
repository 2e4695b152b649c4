package org.leakdesk.infra.web;

import org.apache.catalina.connector.Connector;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;

/**
 * The connectors of this process's faces.
 *
 * @param staff the extra connector of the staff face when the process serves both faces, else null
 * @param mainFace the face Tomcat's main connector ({@code server.port}) serves
 */
record FaceConnectors(@Nullable Connector staff, Face mainFace) {}
