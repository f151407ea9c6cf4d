package org.symbi.app.ui.agents;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.governance.AgentToken;
import org.symbi.protocol.AgentCard;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens and dial-out declarations on a real room. */
class AgentAccessViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private AgentAccessViewModel model;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        model = new AgentAccessViewModel(room.context());
    }

    @AfterEach
    void close() {
        room.close();
    }

    @Test
    void issuesATokenTheRoomAccepts() {
        model.tokenAgentIdProperty().set(" coder-7 ");
        model.tokenCapabilitiesProperty().set("git, java  review");
        model.tokenRepositoriesProperty().set("symbi-core");

        assertThat(model.issueTokenCommand().execute()).isTrue();
        room.drain();

        String token = model.tokenProperty().get();
        AgentToken claims = room.room().tokens().verify(token);
        assertThat(claims.agentId()).isEqualTo("coder-7");
        assertThat(claims.capabilities()).containsExactlyInAnyOrder("git", "java", "review");
        assertThat(claims.repositoryAccess()).containsExactly("symbi-core");
        assertThat(model.tokenNoteProperty().get()).contains("coder-7").contains("15 minutes")
                .contains("accepted once").contains(room.room().gateway().address());
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void aBadAgentIdGetsNoToken() {
        model.tokenAgentIdProperty().set("no spaces please");
        model.issueTokenCommand().execute();
        room.drain();

        assertThat(model.tokenProperty().get()).isEmpty();
        assertThat(model.errorProperty().get()).contains("is not an agent id");

        model.tokenAgentIdProperty().set("orchestrator");
        model.issueTokenCommand().execute();
        assertThat(model.errorProperty().get()).contains("room's own id");
    }

    @Test
    void aBadDialOutAddressIsRefusedAndNothingIsRegistered() {
        model.remoteAgentIdProperty().set("remote-1");
        for (String bad : List.of("", "http://10.0.0.5:9000/agent", "ws://", "ws://host:9000/agent#x", "ws://a b")) {
            model.remoteUrlProperty().set(bad);
            model.connectRemoteCommand().execute();
            room.drain();
            assertThat(model.errorProperty().get()).as(bad).isNotEmpty();
        }
        model.remoteUrlProperty().set("http://10.0.0.5:9000/agent");
        model.connectRemoteCommand().execute();
        assertThat(model.errorProperty().get()).contains("ws:// or wss://");

        assertThat(room.room().kernel().registry().find("remote-1")).isEmpty();
        assertThatThrownBy(() -> AgentAccessViewModel.dialOutAddress("ws:///path"))
                .hasMessageContaining("names no host");
    }

    @Test
    void aRemoteAgentIsDeclaredWithItsAddressForTheRoomToDial() {
        model.remoteUrlProperty().set("ws://127.0.0.1:9/agent");
        model.remoteAgentIdProperty().set("remote-1");
        model.remoteCapabilitiesProperty().set("java,review");

        model.connectRemoteCommand().execute();
        room.drain();

        AgentCard card = room.room().kernel().registry().find("remote-1").orElseThrow().card();
        assertThat(card.endpoint()).isEqualTo("ws://127.0.0.1:9/agent");
        assertThat(card.capabilities()).containsExactly("java", "review");
        assertThat(model.infoProperty().get()).contains("dials remote-1 at ws://127.0.0.1:9/agent");
    }

    @Test
    void anAgentThatConnectsItselfIsNotTurnedIntoADialedOne() {
        room.room().kernel().registry().register(AgentCard.of("coder", "coder", List.of("java")));
        model.remoteUrlProperty().set("ws://127.0.0.1:9/agent");
        model.remoteAgentIdProperty().set("coder");

        model.connectRemoteCommand().execute();
        room.drain();

        assertThat(model.errorProperty().get()).contains("already registered and connects to the room itself");
        assertThat(room.room().kernel().registry().find("coder").orElseThrow().card().endpoint()).isNull();
    }
}
