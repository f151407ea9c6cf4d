package org.symbi.app.ui.queues;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents and messages entering a kernel the way agents' own do: through {@code Kernel.receive}. */
final class BusTraffic {
    private BusTraffic() {
    }

    static void register(Kernel kernel, String agentId) {
        Envelope card = Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of(agentId, "test", List.of("review")))).build();
        assertThat(kernel.receive(card).join().isAccepted()).isTrue();
    }

    /** Sends a durable message and waits until the bus has it. */
    static Envelope send(Kernel kernel, String from, String to, Priority priority, String text) {
        Envelope m = Envelope.builder().fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .priority(priority).timestamp(kernel.clock().millis())
                .payload(JsonNodeFactory.instance.objectNode().put("text", text)).build();
        SendResult result = kernel.receive(m).join();
        assertThat(result.isAccepted()).as(result.toString()).isTrue();
        return m;
    }
}
