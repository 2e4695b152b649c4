package org.leakdesk.infra;

/**
 * The two faces LeakDesk serves from one process, each on its own port. A path of one face
 * answers 404 on the other's port.
 */
public enum Face {
    /** The public source interface: the only port a newsroom exposes, typically as an onion service. */
    SOURCE,
    /** The staff interface: inbox, case pages, audit and admin pages; internal network only. */
    STAFF
}
