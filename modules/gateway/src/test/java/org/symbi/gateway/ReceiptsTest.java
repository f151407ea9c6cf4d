package org.symbi.gateway;

import org.junit.jupiter.api.Test;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptsTest {
    private static Envelope message(String to, MessageType type, DeliveryClass delivery) {
        return Envelope.builder().fromAgent("a").toAgent(to).messageType(type).delivery(delivery).build();
    }

    @Test
    void onlyTheReceiptOfATransientMessagePassedToAgentsMayWait() {
        Envelope transientToB = message("b", MessageType.COLLABORATION_INVITE, DeliveryClass.TRANSIENT);
        assertThat(Receipts.mayWait(transientToB, SendResult.accepted(transientToB.messageId(), List.of("b"))))
                .isTrue();

        Envelope durableToB = message("b", MessageType.COLLABORATION_INVITE, DeliveryClass.DURABLE);
        assertThat(Receipts.mayWait(durableToB, SendResult.accepted(durableToB.messageId(), List.of("b"))))
                .isFalse();
        assertThat(Receipts.mayWait(transientToB, SendResult.refused(transientToB.messageId(), "unknown_agent", "x")))
                .isFalse();
        Envelope heartbeat = message(Envelope.ORCHESTRATOR, MessageType.HEARTBEAT, null);
        assertThat(heartbeat.effectiveDelivery()).isEqualTo(DeliveryClass.TRANSIENT);
        assertThat(Receipts.mayWait(heartbeat, SendResult.accepted(heartbeat.messageId(),
                List.of(Envelope.ORCHESTRATOR)))).isFalse();
    }
}
