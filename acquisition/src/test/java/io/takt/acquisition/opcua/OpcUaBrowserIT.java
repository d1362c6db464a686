package io.takt.acquisition.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Browsing a real server's address space to find node ids, as {@code ./takt acquire browse} will. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpcUaBrowserIT {

    @TempDir
    Path tmp;

    private PlantTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = PlantTestServer.create(tmp.resolve("server-pki")).start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void shouldFindThePlantVariablesUnderTheObjectsFolder() throws Exception {
        // Given a browser with the same settings as a secure source (and no tags yet: that is what browsing is for)
        TestPki.serverTrustsGateway(server, tmp.resolve("gateway-pki"));
        TestPki.gatewayTrustsServer(server, tmp.resolve("gateway-pki"));
        OpcUaBrowser browser = new OpcUaBrowser(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki"))
                .build());

        // When it browses three levels below Objects (Line1 / Press1 / variables)
        BrowsedNode objects = browser.browse(null, 3);

        // Then the press's variables are there with node id, data type and access level
        assertThat(objects.nodeId()).isEqualTo("i=85");
        List<BrowsedNode> variables = objects.flatten().stream().filter(BrowsedNode::isVariable)
                .filter(n -> n.nodeId().startsWith("ns=2;"))
                .toList();
        assertThat(variables).extracting(BrowsedNode::nodeId).contains(
                "ns=2;s=Line1.Press1.State", "ns=2;s=Line1.Press1.Temperature", "ns=2;s=Line1.Press1.Recipe");
        BrowsedNode state = variables.stream().filter(v -> v.browseName().equals("State")).findFirst().orElseThrow();
        assertThat(state).isEqualTo(new BrowsedNode("ns=2;s=Line1.Press1.State", "State", "Variable", "Int32",
                "read", List.of()));
        // and the printable form shows the path with one node a line, indented by level
        assertThat(objects.toText()).contains(
                "    Press1  ns=2;s=Line1.Press1  Object" + System.lineSeparator()
                        + "      State  ns=2;s=Line1.Press1.State  Variable  Int32  read");
    }

    @Test
    void shouldStopAtTheRequestedDepthFromAGivenStartNode() throws Exception {
        // Given an insecure browser starting at the press
        OpcUaBrowser browser = new OpcUaBrowser(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki"))
                .insecure().build());

        // When browsing zero and one level deep
        BrowsedNode alone = browser.browse("ns=2;s=Line1.Press1", 0);
        BrowsedNode withChildren = browser.browse("ns=2;s=Line1.Press1", 1);

        // Then depth 0 is the node alone, depth 1 adds its seven variables
        assertThat(alone.children()).isEmpty();
        assertThat(alone.browseName()).isEqualTo("Press1");
        assertThat(withChildren.children()).hasSize(7).allMatch(BrowsedNode::isVariable);
    }

    @Test
    void shouldRefuseAStartNodeThatIsNotANodeId() {
        // Given a browser
        OpcUaBrowser browser = new OpcUaBrowser(TestPki.settings("opcua-press1", server, tmp.resolve("gateway-pki"))
                .insecure().build());

        // When asked to start at something that is not a node id, Then it says so before connecting
        assertThatThrownBy(() -> browser.browse("Line1/Press1", 2))
                .hasMessageContaining("start node 'Line1/Press1' is not a node id");
    }
}
