package io.takt.acquisition.simulator.opcua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.takt.acquisition.simulator.plant.MachineDescription;
import io.takt.acquisition.simulator.plant.Plant;
import io.takt.acquisition.simulator.plant.PlantListener;
import io.takt.acquisition.simulator.plant.TagDefinition;
import io.takt.acquisition.simulator.plant.TagType;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/**
 * The plant as an OPC UA address space: {@code Objects/Plant/<Line>/<Machine>/<Tag>} with string
 * node ids {@code <Line>.<Machine>.<Tag>} in namespace {@value #NAMESPACE_URI}; quality tags sit in
 * a {@code Quality} folder below their machine ({@code Line1.Gauge1.Quality.Thickness}).
 *
 * <p>Values are pushed, not polled: each plant change is written to its node (for Read) and handed
 * straight to the monitored items on that node, with the simulated time as source timestamp, so a
 * subscriber sees every change however short-lived.
 */
public final class PlantNamespace extends ManagedNamespaceWithLifecycle implements PlantListener {

    public static final String NAMESPACE_URI = "urn:takt:simulator";

    /** A variable node and the monitored items watching its value. */
    private record Binding(UaVariableNode node, TagType type, List<DataItem> items) {
    }

    private final Plant plant;
    private final SubscriptionModel otherAttributes;
    private final Map<String, Binding> bindings;

    public PlantNamespace(OpcUaServer server, Plant plant) {
        super(server, NAMESPACE_URI);
        this.plant = plant;
        this.bindings = new HashMap<>(plant.machines().size() * 16);
        // Items on attributes other than Value (or on folders) are rare and static: Milo's sampling
        // model serves them.
        this.otherAttributes = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(otherAttributes);
        getLifecycleManager().addStartupTask(this::buildAddressSpace);
        getLifecycleManager().addStartupTask(() -> plant.addListener(this));
        getLifecycleManager().addShutdownTask(() -> plant.removeListener(this));
    }

    /** How many variables the address space holds. */
    public int variableCount() {
        return bindings.size();
    }

    private void buildAddressSpace() {
        UaFolderNode root = folder("Plant", "Plant");
        root.addReference(new Reference(root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(),
                false));
        Map<String, UaFolderNode> lineFolders = new LinkedHashMap<>();
        for (MachineDescription machine : plant.machines()) {
            UaFolderNode line = lineFolders.computeIfAbsent(machine.line(), id -> child(root, id, id));
            UaFolderNode machineFolder = child(line, machine.id(), machine.name());
            Map<String, Object> values = plant.tagValues(machine.id());
            UaFolderNode quality = null;
            for (TagDefinition tag : machine.tags()) {
                UaFolderNode parent = machineFolder;
                String browseName = tag.name();
                if (tag.name().startsWith(TagDefinition.QUALITY_PREFIX)) {
                    if (quality == null) {
                        quality = child(machineFolder, machine.id() + ".Quality", "Quality");
                    }
                    parent = quality;
                    browseName = tag.name().substring(TagDefinition.QUALITY_PREFIX.length());
                }
                String nodeId = machine.id() + "." + tag.name();
                UaVariableNode node = variable(nodeId, browseName, tag.type(),
                        dataValue(tag.type(), values.get(tag.name()), plant.now()));
                parent.addOrganizes(node);
                bindings.put(nodeId, new Binding(node, tag.type(), new CopyOnWriteArrayList<>()));
            }
        }
    }

    private UaFolderNode folder(String nodeId, String browseName) {
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(nodeId), newQualifiedName(browseName),
                LocalizedText.english(browseName));
        getNodeManager().addNode(folder);
        return folder;
    }

    private UaFolderNode child(UaFolderNode parent, String nodeId, String browseName) {
        UaFolderNode folder = folder(nodeId, browseName);
        parent.addOrganizes(folder);
        return folder;
    }

    private UaVariableNode variable(String nodeId, String browseName, TagType type, DataValue initial) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(newNodeId(nodeId))
                .setBrowseName(newQualifiedName(browseName))
                .setDisplayName(LocalizedText.english(browseName))
                .setDataType(dataType(type))
                .setAccessLevel(AccessLevel.CurrentRead)
                .setUserAccessLevel(AccessLevel.CurrentRead)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setValue(initial)
                .build();
        getNodeManager().addNode(node);
        return node;
    }

    private static NodeId dataType(TagType type) {
        return switch (type) {
            case INT32 -> NodeIds.Int32;
            case UINT16 -> NodeIds.UInt16;
            case UINT32 -> NodeIds.UInt32;
            case STRING -> NodeIds.String;
            case DOUBLE -> NodeIds.Double;
        };
    }

    private static DataValue dataValue(TagType type, Object value, Instant sourceTime) {
        Object wire = switch (type) {
            case UINT16 -> UShort.valueOf(((Long) value).intValue());
            case UINT32 -> UInteger.valueOf((Long) value);
            default -> value;
        };
        return new DataValue(new Variant(wire), StatusCode.GOOD, new DateTime(sourceTime), DateTime.now());
    }

    @Override
    public void onTagChanged(String machineId, String tag, Object value, Instant time) {
        Binding binding = bindings.get(machineId + "." + tag);
        if (binding == null) {
            return;
        }
        DataValue dataValue = dataValue(binding.type(), value, time);
        binding.node().setValue(dataValue);
        for (DataItem item : binding.items()) {
            item.setValue(dataValue);
        }
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        List<DataItem> sampled = new ArrayList<>();
        for (DataItem item : items) {
            Binding binding = valueBinding(item);
            if (binding == null) {
                sampled.add(item);
            } else {
                binding.items().add(item);
                // A new item reports the current value at once, as OPC UA requires.
                item.setValue(binding.node().getValue());
            }
        }
        if (!sampled.isEmpty()) {
            otherAttributes.onDataItemsCreated(sampled);
        }
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        // Pushed items do not sample, so a new sampling interval changes nothing for them.
        otherAttributes.onDataItemsModified(items.stream().filter(i -> valueBinding(i) == null).toList());
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        List<DataItem> sampled = new ArrayList<>();
        for (DataItem item : items) {
            Binding binding = valueBinding(item);
            if (binding == null) {
                sampled.add(item);
            } else {
                binding.items().remove(item);
            }
        }
        if (!sampled.isEmpty()) {
            otherAttributes.onDataItemsDeleted(sampled);
        }
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        otherAttributes.onMonitoringModeChanged(items);
    }

    private Binding valueBinding(DataItem item) {
        NodeId nodeId = item.getReadValueId().getNodeId();
        if (!AttributeId.Value.uid().equals(item.getReadValueId().getAttributeId())
                || !getNamespaceIndex().equals(nodeId.getNamespaceIndex())
                || !(nodeId.getIdentifier() instanceof String id)) {
            return null;
        }
        return bindings.get(id);
    }
}
