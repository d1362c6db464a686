package io.takt.acquisition.opcua;

import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.UaRuntimeException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A configured node id as text, in either the index form ({@code ns=2;s=X}) or the URI form
 * ({@code nsu=urn:plant;s=X}). The URI form is resolved against the server's namespace table at
 * each (re)subscription, because a restarted server may hand out different namespace indices.
 */
final class NodeAddress {

    private NodeAddress() {
    }

    /** Whether {@code text} parses as a node id in one of the two forms. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (UaRuntimeException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** The node id now, or empty when the namespace URI is not (yet) in the server's table. */
    static Optional<NodeId> resolve(String text, NamespaceTable namespaces) {
        return parse(text).toNodeId(namespaces);
    }

    private static ExpandedNodeId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank node id");
        }
        ExpandedNodeId id = ExpandedNodeId.parse(text.strip());
        if (!id.isLocal()) {
            throw new IllegalArgumentException("node id on another server: " + text);
        }
        return id;
    }
}
