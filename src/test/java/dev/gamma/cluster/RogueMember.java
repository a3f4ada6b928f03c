package dev.gamma.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;

/**
 * A stranger that joins a cluster knowing only its name and an address: a plain Hazelcast member without the
 * secret, as an attacker on the same network would start one.
 */
final class RogueMember implements AutoCloseable {
    private final HazelcastInstance hazelcast;

    RogueMember(String clusterName, int port, List<Integer> memberPorts) {
        this(clusterName, port, memberPorts, null);
    }

    /** @param claimedNodeId the Vert.x node id this member claims in its attribute, as any member can (or null) */
    RogueMember(String clusterName, int port, List<Integer> memberPorts, String claimedNodeId) {
        Config config = new Config().setClusterName(clusterName);
        if (claimedNodeId != null) {
            config.getMemberAttributeConfig().setAttribute(HazelcastCrosstalk.NODE_ID_ATTRIBUTE, claimedNodeId);
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // keeps up with the members' heartbeats, as anyone who reads their traffic would
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        var join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(memberPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        this.hazelcast = Hazelcast.newHazelcastInstance(config);
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    IMap<Object, Object> map(String name) {
        return hazelcast.getMap(name);
    }

    int members() {
        return hazelcast.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
