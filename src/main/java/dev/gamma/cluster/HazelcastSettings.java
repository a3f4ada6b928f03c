package dev.gamma.cluster;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import dev.gamma.config.ClusterConfig;
import dev.gamma.config.HostPort;
import java.io.ObjectInputFilter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast member configuration for {@code cluster:}, built in code so no XML file can disagree with it. The
 * member port serves the member protocol alone (advanced network with one member endpoint: no client protocol, no
 * REST, no memcache), and Java deserialization is limited to the classes Hazelcast itself sends (its exceptions
 * travel as serialized Java objects); Gamma's own values are sealed bytes and vertx-hazelcast's are
 * {@code DataSerializable}, which this filter does not cover (see docs/cluster.md#security).
 */
final class HazelcastSettings {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSettings.class);
    /** Packages whose classes may arrive Java-serialized: Hazelcast's, and the JDK's used by its exceptions. */
    /** What a Java-serialized object from the cluster may be at most (exceptions with their stack traces). */
    static final String SERIAL_LIMITS = "maxdepth=32;maxrefs=20000;maxbytes=1048576;maxarray=100000";
    static final List<String> DESERIALIZABLE_PREFIXES = List.of(
            "com.hazelcast.", "java.lang.", "java.util.", "java.math.", "java.time.", "java.net.", "[");

    private HazelcastSettings() {}

    /** @param members host:port of every member to contact for tcp-ip or dns discovery (ignored for multicast) */
    static Config config(ClusterConfig cluster, List<String> members) {
        Config config = new Config().setClusterName(cluster.name());
        network(config, cluster, members);
        properties(config, cluster);
        maps(config);
        deserialization(config);
        return config;
    }

    /**
     * Blocking (DNS): the members to contact. For tcp-ip, the listed ones and this node (a list shared by every
     * node may name itself; Hazelcast skips its own address). For dns, every A/AAAA record of the name at the
     * cluster port, resolved once at start; a name that does not resolve yet (no replica is ready) leaves this
     * node to start a cluster that the next ones find.
     */
    static List<String> members(ClusterConfig cluster) {
        Set<String> members = new LinkedHashSet<>();
        if (cluster.discovery().equals("tcp-ip")) {
            members.addAll(cluster.members());
        } else if (cluster.discovery().equals("dns")) {
            try {
                members.addAll(resolve(cluster.dnsName(), cluster.bind().port()));
                LOG.info("cluster.dns-name {} resolved to {}", cluster.dnsName(), members);
            } catch (UnknownHostException e) {
                LOG.warn("cluster.dns-name {} does not resolve ({}); starting as the first node",
                        cluster.dnsName(), e.getMessage());
            }
        }
        if (!cluster.discovery().equals("multicast") && !isWildcard(cluster.bind().host())) {
            members.add(cluster.bind().toString());
        }
        return List.copyOf(members);
    }

    /** Blocking: {@code name}'s addresses as host:port members, in the resolver's order. */
    static List<String> resolve(String name, int port) throws UnknownHostException {
        List<String> members = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(name)) {
            members.add(new HostPort(address.getHostAddress(), port).toString());
        }
        return members;
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static void network(Config config, ClusterConfig cluster, List<String> members) {
        HostPort bind = cluster.bind();
        // the classic network section is unused once the advanced one is on; nothing in it may join either
        JoinConfig classic = config.getNetworkConfig().getJoin();
        classic.getAutoDetectionConfig().setEnabled(false);
        classic.getMulticastConfig().setEnabled(false);
        classic.getTcpIpConfig().setEnabled(false);
        if (!cluster.publicAddress().isEmpty()) {
            // vertx-hazelcast reads the public host for the event bus from here
            config.getNetworkConfig().setPublicAddress(cluster.publicAddress());
        }
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        // the port is part of the address other nodes list: never silently take the next one
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig().setPort(bind.port())
                .setPortAutoIncrement(false);
        if (!cluster.publicAddress().isEmpty()) {
            member.setPublicAddress(cluster.publicAddress());
        }
        network.setMemberEndpointConfig(member);
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(cluster.discovery().equals("multicast"));
        join.getTcpIpConfig().setEnabled(!cluster.discovery().equals("multicast")).setMembers(members);
    }

    private static void deserialization(Config config) {
        ClassFilter allowed = new ClassFilter();
        DESERIALIZABLE_PREFIXES.forEach(allowed::addPrefixes);
        // the third-party libraries Hazelcast bundles live under its prefix too
        ClassFilter refused = new ClassFilter().addPrefixes("com.hazelcast.shaded.");
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setDefaultsDisabled(true).setWhitelist(allowed).setBlacklist(refused));
        limitObjectGraphs();
    }

    /**
     * Bounds every Java deserialization in this JVM (Gamma itself uses none): an object graph a stranger sends,
     * made of allowed classes, cannot nest deep, hold many objects or be large.
     */
    static synchronized void limitObjectGraphs() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(SERIAL_LIMITS));
        }
    }

    private static void properties(Config config, ClusterConfig cluster) {
        String host = cluster.bind().host();
        if (!isWildcard(host)) {
            // listen on the given interface only (Hazelcast's own traffic is not encrypted) and announce that
            // address, instead of Hazelcast's default of every interface
            config.setProperty("hazelcast.local.localAddress", host);
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        long timeout = Math.max(1, (cluster.nodeTimeout().toMillis() + 999) / 1000);
        config.setProperty("hazelcast.phone.home.enabled", "false"); // a node never calls home
        config.setProperty("hazelcast.logging.type", "slf4j"); // into Gamma's logback, under com.hazelcast
        // Gamma leaves the cluster itself (Crosstalk.leave) in its own shutdown, after removing its players
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a heartbeat every second, and a member silent for node-timeout is dropped (its players with it)
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(timeout));
        // look for the other half of a split every 5 s (defaults 300 s, then 120 s), so a healed network
        // merges within seconds; the first look waits 10 s so that nodes started together can join normally
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        // gather join requests for 1 s rather than 5 s: a node joins a running cluster promptly; nodes that
        // start at the same instant and form two clusters are merged by the check above
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "5");
        // a leaving member hands its partitions over; the data is small, and container runtimes kill a process
        // 10 s after asking it to stop (default 600 s)
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "8");
    }

    private static void maps(Config config) {
        // what vertx-hazelcast's default-cluster.xml sets for its own structures (event-bus subscriptions, HA)
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        // players: owned by their node, which re-puts them; after a split each side's entries are added back
        config.addMapConfig(new MapConfig(HazelcastPlayerRegistry.MAP).setBackupCount(1)
                .setMergePolicyConfig(new MergePolicyConfig().setPolicy(PutIfAbsentMergePolicy.class.getName())));
        config.addMapConfig(new MapConfig(HazelcastNodeDirectory.MAP).setBackupCount(1));
        // routes are few and precious: a copy on every member (up to 7), and after a split the later change of
        // a host wins (that needs per-entry update times)
        for (String name : List.of(HazelcastRouteStore.MAP, HazelcastRouteStore.TOMBSTONES)) {
            config.addMapConfig(new MapConfig(name).setBackupCount(MapConfig.MAX_BACKUP_COUNT)
                    .setPerEntryStatsEnabled(true)
                    .setMergePolicyConfig(new MergePolicyConfig().setPolicy(LatestUpdateMergePolicy.class.getName())));
        }
    }
}
