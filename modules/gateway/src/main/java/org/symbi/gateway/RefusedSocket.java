package org.symbi.gateway;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The endpoint of a connection whose token was refused: closed with the reason as soon as it opens, so the agent
 * reads why in the close frame. Public only because Jetty calls its endpoints through method handles.
 */
public final class RefusedSocket implements Session.Listener.AutoDemanding {
    private final String reason;

    RefusedSocket(String reason) {
        this.reason = reason;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.close(CloseCodes.UNAUTHORIZED, reason, Callback.NOOP);
    }
}
