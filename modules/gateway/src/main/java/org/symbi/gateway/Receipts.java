package org.symbi.gateway;

import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.RoomFrame;

/** The room's answers to envelopes, the same whichever way they came in: socket, dial-out or REST. */
public final class Receipts {
    private Receipts() {
    }

    /** The answer to {@code e}; an accepted register or heartbeat also tells the agent its heartbeat interval. */
    public static RoomFrame.Receipt of(Kernel kernel, Envelope e, SendResult r) {
        RoomFrame.Outcome outcome = switch (r.outcome()) {
            case ACCEPTED -> RoomFrame.Outcome.ACCEPTED;
            case DUPLICATE -> RoomFrame.Outcome.DUPLICATE;
            case REFUSED -> RoomFrame.Outcome.REFUSED;
        };
        Long heartbeat = outcome == RoomFrame.Outcome.ACCEPTED
                && (e.messageType() == MessageType.HEARTBEAT || e.messageType() == MessageType.REGISTER)
                ? kernel.registry().heartbeatInterval(e.fromAgent()).toMillis() : null;
        return new RoomFrame.Receipt(r.messageId(), outcome, r.code(), r.reason(), heartbeat);
    }

    /**
     * Whether the receipt may wait for the next frame to the sender: a transient message the bus passed on to
     * other agents, whose receipt nothing waits for but the sender's bookkeeping. Not one the orchestrator took
     * (a heartbeat's receipt tells the interval, an ack's may refuse stale ids), not a refusal, not a durable
     * message's.
     */
    public static boolean mayWait(Envelope e, SendResult r) {
        return r.isAccepted() && e.effectiveDelivery() == DeliveryClass.TRANSIENT && !r.recipients().isEmpty()
                && !r.recipients().contains(Envelope.ORCHESTRATOR);
    }

    /** The answer when the kernel itself failed on {@code e}: nothing was taken, so the agent may resend. */
    public static RoomFrame.Receipt internalError(Envelope e) {
        return new RoomFrame.Receipt(e.messageId(), RoomFrame.Outcome.REFUSED, "internal_error",
                "the room could not process the message; resend it with the same message_id");
    }
}
