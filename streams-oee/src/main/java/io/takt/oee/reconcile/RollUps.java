package io.takt.oee.reconcile;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.takt.oee.OeeStores;
import io.takt.schemas.EquipmentLevel;
import io.takt.schemas.EquipmentRef;

/**
 * Line ({@code site.area.line}), area ({@code site.area}) and site windows as the sums of their
 * machines' windows; complete only when every member's window is.
 */
final class RollUps {

    /** Receives each roll-up window. */
    interface Sink {
        void accept(String equipmentId, EquipmentLevel level, WindowTally tally);
    }

    private record Node(String id, EquipmentLevel level) {
    }

    private final Map<Node, Map<String, WindowTally>> byNode = new LinkedHashMap<>();

    /** Adds a machine's windows to its line, area and site; a machine of unknown place adds to none. */
    void add(EquipmentRef machine, Collection<WindowTally> windows) {
        if (machine == null) {
            return;
        }
        String area = machine.getSite() + "." + machine.getArea();
        for (Node node : new Node[] {new Node(area + "." + machine.getLine(), EquipmentLevel.LINE),
                new Node(area, EquipmentLevel.AREA), new Node(machine.getSite(), EquipmentLevel.SITE)}) {
            Map<String, WindowTally> nodeWindows = byNode.computeIfAbsent(node, n -> new LinkedHashMap<>());
            for (WindowTally member : windows) {
                String key = OeeStores.kpiKey(node.id(), member.kind, member.start);
                WindowTally sum = nodeWindows.get(key);
                if (sum == null) {
                    sum = new WindowTally(member.kind, member.start, member.end, member.shiftId);
                    sum.members = 0;
                    nodeWindows.put(key, sum);
                }
                sum.addMember(member);
                sum.members++;
            }
        }
    }

    void forEach(Sink sink) {
        byNode.forEach((node, windows) -> windows.values().forEach(w -> sink.accept(node.id(), node.level(), w)));
    }
}
