package org.symbi.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symbi.protocol.Ack;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.RoomFrame;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.protocol.WarrantStatus;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ProtocolCodec codec = new ProtocolCodec();
    private final AgentCard card = AgentCard.of("echo-1", "echo", List.of("echo"));
    private final List<TaskSpec> tasks = new CopyOnWriteArrayList<>();
    private final List<Envelope> messages = new CopyOnWriteArrayList<>();
    private final AgentHandler handler = new AgentHandler() {
        @Override
        public void onTask(AgentClient client, TaskSpec task, Envelope request) {
            tasks.add(task);
            client.completeTask(task, task.input());
        }

        @Override
        public void onMessage(AgentClient client, Envelope message) {
            messages.add(message);
        }
    };
    private FakeRoom room;
    private AgentClient client;

    @BeforeEach
    void start() throws Exception {
        room = new FakeRoom(Duration.ofMillis(100));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        room.close();
    }

    private AgentClient connect() throws IOException {
        client = AgentClient.connect(room.uri(), () -> FakeRoom.TOKEN, card, handler,
                AgentOptions.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                        .withAcks(8, Duration.ofMillis(30)));
        return client;
    }

    @Test
    void registersItsCardFirstAndIsWelcomed() throws Exception {
        connect();
        Envelope register = room.next(WAIT);
        assertThat(register.messageType()).isEqualTo(MessageType.REGISTER);
        assertThat(codec.payloadAs(register, AgentCard.class)).isEqualTo(card);
        assertThat(client.session().heartbeatIntervalMs()).isEqualTo(100);
        assertThat(room.next(MessageType.HEARTBEAT, WAIT).fromAgent()).isEqualTo("echo-1");
    }

    @Test
    void beatsAtThePaceTheRoomSetsInItsReceipts() throws Exception {
        connect();
        room.next(MessageType.HEARTBEAT, WAIT);
        room.paceHeartbeats(Duration.ofMillis(500));
        long paced = System.currentTimeMillis();
        Thread.sleep(1_700);
        // at the welcome's 100 ms about 15 beats would follow; the first one answered sets the new pace
        List<Envelope> beats = room.takeAll(MessageType.HEARTBEAT).stream()
                .filter(e -> e.timestamp() > paced + 150).toList();
        assertThat(beats).hasSizeBetween(2, 4);
    }

    @Test
    void aWrongTokenFailsTheConnect() {
        assertThatThrownBy(() -> AgentClient.connect(room.uri(), "wrong", card, handler))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRedeliveredTaskIsAckedAgainButHandledOnceAndItsResultCarriesTheEpoch() throws Exception {
        connect();
        Envelope request = taskRequest("t-1", 3);
        room.deliver("11", 1, request);
        room.deliver("12", 2, request);
        List<String> acked = new ArrayList<>();
        while (acked.size() < 2) {
            acked.addAll(codec.payloadAs(room.next(MessageType.ACK, WAIT), Ack.class).deliveryIds());
        }
        assertThat(acked).containsExactly("11", "12");
        Envelope response = room.next(MessageType.TASK_RESPONSE, WAIT);
        TaskResult result = codec.payloadAs(response, TaskResult.class);
        assertThat(result.epoch()).isEqualTo(3);
        assertThat(result.outcome()).isEqualTo(TaskOutcome.SUCCESS);
        assertThat(response.correlationId()).isEqualTo(request.messageId());
        assertThat(response.toAgent()).isEqualTo(org.symbi.protocol.Recipients.of(Envelope.ORCHESTRATOR));
        assertThat(tasks).hasSize(1);
    }

    @Test
    void acksOfManyDeliveriesAreBatched() throws Exception {
        connect();
        for (int i = 0; i < 16; i++) {
            room.deliver(String.valueOf(100 + i), 1, Envelope.builder().fromAgent("other").toAgent("echo-1")
                    .messageType(MessageType.COLLABORATION_INVITE).payload(JsonNodeFactory.instance.objectNode()).build());
        }
        int acks = 0;
        int ids = 0;
        while (ids < 16) {
            ids += codec.payloadAs(room.next(MessageType.ACK, WAIT), Ack.class).deliveryIds().size();
            acks++;
        }
        assertThat(acks).isLessThanOrEqualTo(4);
        Eventually.await(WAIT, () -> messages.size() == 16);
    }

    @Test
    void aRefusedSendFailsWithTheRoomsCode() throws Exception {
        connect();
        Envelope e = Envelope.builder().fromAgent("echo-1").toAgent("nobody").messageType(MessageType.COLLABORATION_INVITE)
                .payload(JsonNodeFactory.instance.objectNode()).build();
        room.refuse(e.messageId());
        assertThatThrownBy(() -> client.send(e).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(RefusedException.class, r -> assertThat(r.code()).isEqualTo("invalid_value"));
    }

    @Test
    void aContinuationMaySendAndWaitForTheAnswerWithoutHoldingUpTheConnection() throws Exception {
        connect();
        Envelope first = Envelope.builder().fromAgent("echo-1").toAgent("other")
                .messageType(MessageType.COLLABORATION_INVITE).payload(JsonNodeFactory.instance.objectNode()).build();
        Envelope second = Envelope.builder().fromAgent("echo-1").toAgent("other")
                .messageType(MessageType.COLLABORATION_INVITE).payload(JsonNodeFactory.instance.objectNode()).build();

        CompletableFuture<RoomFrame.Receipt> chained = client.send(first).thenApply(r -> client.send(second).join());

        assertThat(chained.get(5, TimeUnit.SECONDS).messageId()).isEqualTo(second.messageId());
    }

    @Test
    void handlersAndReceiptsRunOnVirtualThreadsUnlessTheAgentAsksForTheReadingThread() throws Exception {
        for (boolean onReadingThread : List.of(false, true)) {
            List<Thread> handlerThreads = new CopyOnWriteArrayList<>();
            AgentHandler recording = new AgentHandler() {
                @Override
                public void onTask(AgentClient client, TaskSpec task, Envelope request) {
                }

                @Override
                public void onMessage(AgentClient client, Envelope message) {
                    handlerThreads.add(Thread.currentThread());
                }
            };
            AgentOptions options = onReadingThread ? AgentOptions.defaults().withCallbacksOnReadingThread()
                    : AgentOptions.defaults();
            try (AgentClient c = AgentClient.connect(room.uri(), () -> FakeRoom.TOKEN, card, recording, options)) {
                room.deliver("d-" + onReadingThread, 1, Envelope.builder().fromAgent("other").toAgent("echo-1")
                        .messageType(MessageType.COLLABORATION_INVITE).payload(JsonNodeFactory.instance.objectNode())
                        .build());
                Eventually.await(WAIT, () -> handlerThreads.size() == 1);
                assertThat(handlerThreads.getFirst().isVirtual()).isEqualTo(!onReadingThread);
                assertThat(handlerThreads.getFirst()).isNotEqualTo(Thread.currentThread());

                Thread receiptThread = Thread.currentThread();
                // a continuation added after the receipt came runs here: send again until one was added before
                for (int i = 0; i < 20 && receiptThread == Thread.currentThread(); i++) {
                    receiptThread = c.send(Envelope.builder().fromAgent("echo-1").toAgent("other")
                                    .messageType(MessageType.COLLABORATION_INVITE)
                                    .payload(JsonNodeFactory.instance.objectNode()).build())
                            .thenApply(r -> Thread.currentThread()).get(5, TimeUnit.SECONDS);
                }
                assertThat(receiptThread).isNotEqualTo(Thread.currentThread());
                assertThat(receiptThread.isVirtual()).isEqualTo(!onReadingThread);
            }
        }
    }

    @Test
    void whatTheGatewayDroppedForTheRateIsSentAgain() throws Exception {
        connect();
        Envelope e = Envelope.builder().fromAgent("echo-1").toAgent("other").messageType(MessageType.COLLABORATION_INVITE)
                .payload(JsonNodeFactory.instance.objectNode()).build();
        room.rateLimitOnce(e.messageId());
        CompletableFuture<?> receipt = client.send(e);
        room.next(MessageType.COLLABORATION_INVITE, WAIT);
        assertThat(room.next(MessageType.COLLABORATION_INVITE, WAIT).messageId()).isEqualTo(e.messageId());
        receipt.get(5, TimeUnit.SECONDS);
    }

    @Test
    void afterALostConnectionItReregistersAndResendsWhatWasNotReceiptedUnderTheSameId() throws Exception {
        connect();
        room.next(MessageType.REGISTER, WAIT);
        Envelope e = Envelope.builder().fromAgent("echo-1").toAgent("other").messageType(MessageType.COLLABORATION_INVITE)
                .payload(JsonNodeFactory.instance.objectNode()).build();
        room.withholdReceipt(e.messageId());
        CompletableFuture<?> receipt = client.send(e);
        assertThat(room.next(MessageType.COLLABORATION_INVITE, WAIT).messageId()).isEqualTo(e.messageId());
        room.dropConnections();
        assertThat(room.next(MessageType.REGISTER, WAIT).fromAgent()).isEqualTo("echo-1");
        assertThat(room.next(MessageType.COLLABORATION_INVITE, WAIT).messageId()).isEqualTo(e.messageId());
        receipt.get(5, TimeUnit.SECONDS);
        assertThat(room.connections()).isEqualTo(2);

        // what the room delivers again after the reconnect is acked under its new id and not handled twice
        Envelope request = taskRequest("t-2", 1);
        room.deliver("21", 1, request);
        room.next(MessageType.TASK_RESPONSE, WAIT);
        room.dropConnections();
        room.next(MessageType.REGISTER, WAIT);
        room.deliver("22", 2, request);
        // the ack of "21" may have made it out before the drop; the one of "22" must come
        List<String> acked = new ArrayList<>();
        while (!acked.contains("22")) {
            acked.addAll(codec.payloadAs(room.next(MessageType.ACK, WAIT), Ack.class).deliveryIds());
        }
        assertThat(tasks).extracting(TaskSpec::taskId).containsExactly("t-2");
    }

    @Test
    void aWarrantRequestCompletesOnTheFinalDecisionNotThePendingOne() throws Exception {
        connect();
        ActionSpec action = new ActionSpec("git.push", JsonNodeFactory.instance.objectNode().put("branch", "main"));
        CompletableFuture<WarrantDecision> decision = client.requestWarrant(action, "ship it", "t-1");
        Envelope request = room.next(MessageType.WARRANT_REQUEST, WAIT);
        assertThat(codec.payloadAs(request, WarrantRequest.class).reasoning()).isEqualTo("ship it");
        String hash = "b".repeat(64);
        room.deliver("31", 1, decision(request.messageId(), new WarrantDecision(WarrantStatus.PENDING, hash, null,
                "ap-9", "0 of 1", null)));
        room.next(MessageType.ACK, WAIT);
        assertThat(decision).isNotDone();
        room.deliver("32", 1, decision(null, new WarrantDecision(WarrantStatus.ALLOWED, hash, "w-7", "ap-9",
                "1 of 1", null)));
        assertThat(decision.get(5, TimeUnit.SECONDS).status()).isEqualTo(WarrantStatus.ALLOWED);
        assertThat(messages).isEmpty();
    }

    @Test
    void closeEndsTheSessionAndFailsLaterSends() throws Exception {
        connect();
        client.close();
        assertThat(client.send(Envelope.builder().fromAgent("echo-1").toAgent("x").messageType(MessageType.EVENT)
                .topic("t").build())).isCompletedExceptionally();
    }

    private Envelope taskRequest(String taskId, long epoch) {
        TaskSpec task = new TaskSpec(taskId, null, "say it back", null, List.of("echo"), List.of("echo-1"), null,
                null, null, null, epoch, JsonNodeFactory.instance.textNode("hello"));
        return Envelope.builder().fromAgent(Envelope.ORCHESTRATOR).toAgent("echo-1").messageType(MessageType.TASK_REQUEST)
                .requiresResponse(true).payload(codec.toPayload(task)).build();
    }

    private Envelope decision(String correlationId, WarrantDecision d) {
        return Envelope.builder().fromAgent(Envelope.ORCHESTRATOR).toAgent("echo-1")
                .messageType(MessageType.WARRANT_DECISION).correlationId(correlationId).payload(codec.toPayload(d)).build();
    }
}
