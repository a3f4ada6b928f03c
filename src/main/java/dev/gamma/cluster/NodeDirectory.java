package dev.gamma.cluster;

import java.util.List;

/** The members of the cluster, this one included. */
public interface NodeDirectory {

    String selfId();

    List<NodeInfo> nodes();
}
