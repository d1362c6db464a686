package io.takt.acquisition.opcua;

import io.takt.platform.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a server's address space so that an integrator can find the node ids to put in a tag list
 * ({@code ./takt acquire browse}). Connects with the same security settings as the source would.
 */
public final class OpcUaBrowser {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaBrowser.class);

    /** The Objects folder, where a server's own content starts. */
    public static final String OBJECTS_FOLDER = NodeIds.ObjectsFolder.toParseableString();

    /** A guard against servers with huge or endless (cyclic) address spaces. */
    public static final int MAX_NODES = 5_000;

    private final OpcUaSourceSettings settings;

    /** A browser that connects like a source with {@code settings} (its tag list is ignored). */
    public OpcUaBrowser(OpcUaSourceSettings settings) {
        this.settings = settings;
    }

    /**
     * The tree under {@code startNodeId} (null for the Objects folder), {@code depth} levels deep
     * (0 is the start node alone). Connects, browses and disconnects.
     */
    public BrowsedNode browse(String startNodeId, int depth) throws OpcUaConnectionException {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be 0 or more, not " + depth);
        }
        String start = startNodeId == null ? OBJECTS_FOLDER : startNodeId;
        if (!NodeAddress.isValid(start)) {
            throw new ConfigException(List.of("start node '" + start + "' is not a node id such as ns=2;s=Line1 or i=85"));
        }
        try (OpcUaPki pki = OpcUaPki.open(settings.pkiDirectory())) {
            OpcUaConnector connector = new OpcUaConnector(settings, pki, refusal -> { });
            OpcUaClient client = connector.connect();
            try {
                return new Walk(client, depth).root(start);
            } finally {
                OpcUaConnector.disconnectQuietly(client);
            }
        } catch (IOException e) {
            throw new OpcUaConnectionException("Cannot use the PKI directory " + settings.pkiDirectory() + ": "
                    + e.getMessage(), e);
        } catch (UaException e) {
            throw new OpcUaConnectionException("Browsing " + start + " on " + settings.endpointUrl() + " failed: "
                    + OpcUaFailure.statusName(e.getStatusCode()) + " " + e.getMessage(), e);
        }
    }

    /** One browse run: the visited set and data type names live as long as it does. */
    private static final class Walk {
        private final OpcUaClient client;
        private final int maxDepth;
        private final Set<NodeId> visited = new HashSet<>();
        private final Map<NodeId, String> dataTypeNames = new HashMap<>();

        Walk(OpcUaClient client, int maxDepth) {
            this.client = client;
            this.maxDepth = maxDepth;
        }

        BrowsedNode root(String start) throws UaException {
            NodeId nodeId = NodeAddress.resolve(start, client.getNamespaceTable())
                    .orElseThrow(() -> new UaException(org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NodeIdUnknown,
                            "namespace of " + start + " is not on this server"));
            List<DataValue> values = read(List.of(nodeId), AttributeId.BrowseName, AttributeId.NodeClass);
            String name = values.get(0).value().value() instanceof QualifiedName q ? q.name() : start;
            Object nodeClassValue = values.get(1).value().value();
            NodeClass nodeClass = nodeClassValue instanceof Integer i ? NodeClass.from(i) : NodeClass.Object;
            visited.add(nodeId);
            return node(nodeId, name, nodeClass, variableDetails(nodeClass, List.of(nodeId)).get(0), 0);
        }

        private BrowsedNode node(NodeId nodeId, String name, NodeClass nodeClass, String[] details, int level)
                throws UaException {
            List<BrowsedNode> children = level < maxDepth ? children(nodeId, level + 1) : List.of();
            return new BrowsedNode(nodeId.toParseableString(), name, nodeClass.name(), details[0], details[1],
                    children);
        }

        private List<BrowsedNode> children(NodeId parent, int level) throws UaException {
            List<ReferenceDescription> references = new ArrayList<>();
            for (ReferenceDescription ref : client.getAddressSpace().browse(parent)) {
                if (ref.getNodeClass() == NodeClass.Method || !ref.getNodeId().isLocal()) {
                    continue;
                }
                NodeId child = ref.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
                if (child == null || visited.contains(child)) {
                    continue;
                }
                if (visited.size() >= MAX_NODES) {
                    LOG.warn("Browse stopped after {} nodes; start lower in the tree or browse less deep", MAX_NODES);
                    break;
                }
                visited.add(child);
                references.add(ref);
            }
            List<NodeId> variables = references.stream().filter(r -> r.getNodeClass() == NodeClass.Variable)
                    .map(r -> r.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow())
                    .collect(Collectors.toList());
            List<String[]> details = variableDetails(NodeClass.Variable, variables);
            List<BrowsedNode> children = new ArrayList<>();
            int variableIndex = 0;
            for (ReferenceDescription ref : references) {
                NodeId child = ref.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
                String[] childDetails = ref.getNodeClass() == NodeClass.Variable ? details.get(variableIndex++)
                        : new String[] {"", ""};
                children.add(node(child, ref.getBrowseName().name(), ref.getNodeClass(), childDetails, level));
            }
            return children;
        }

        /** Data type name and access level of each variable, in one read. */
        private List<String[]> variableDetails(NodeClass nodeClass, List<NodeId> nodeIds) throws UaException {
            if (nodeClass != NodeClass.Variable || nodeIds.isEmpty()) {
                return nodeIds.stream().map(n -> new String[] {"", ""}).collect(Collectors.toList());
            }
            List<DataValue> values = read(nodeIds, AttributeId.DataType, AttributeId.AccessLevel);
            List<String[]> details = new ArrayList<>();
            for (int i = 0; i < nodeIds.size(); i++) {
                Object dataType = values.get(2 * i).value().value();
                Object access = values.get(2 * i + 1).value().value();
                details.add(new String[] {
                    dataType instanceof NodeId type ? dataTypeName(type) : "",
                    access instanceof UByte level ? accessText(level) : ""});
            }
            return details;
        }

        private String dataTypeName(NodeId type) throws UaException {
            String known = dataTypeNames.get(type);
            if (known == null) {
                Object name = read(List.of(type), AttributeId.BrowseName).get(0).value().value();
                known = name instanceof QualifiedName q ? q.name() : type.toParseableString();
                dataTypeNames.put(type, known);
            }
            return known;
        }

        private List<DataValue> read(List<NodeId> nodeIds, AttributeId... attributes) throws UaException {
            List<ReadValueId> reads = new ArrayList<>();
            for (NodeId nodeId : nodeIds) {
                for (AttributeId attribute : attributes) {
                    reads.add(new ReadValueId(nodeId, attribute.uid(), null, QualifiedName.NULL_VALUE));
                }
            }
            DataValue[] results = client.read(0.0, TimestampsToReturn.Neither, reads).getResults();
            return results == null ? List.of() : List.of(results);
        }

        private static String accessText(UByte level) {
            Set<AccessLevel> levels = AccessLevel.fromValue(level);
            boolean read = levels.contains(AccessLevel.CurrentRead);
            boolean write = levels.contains(AccessLevel.CurrentWrite);
            if (read && write) {
                return "read/write";
            }
            return read ? "read" : write ? "write" : "none";
        }
    }
}
