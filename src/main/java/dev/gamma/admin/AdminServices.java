package dev.gamma.admin;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.FleetAccess;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the admin API reads and acts on.
 *
 * @param ready        true once the node serves players ({@code GET /ready} answers 503 before)
 * @param routeBaseDir where favicon paths in a {@code PUT /api/routes/{host}} body are read from (the config
 *                     file's directory)
 * @param metrics      this node's metrics in the Prometheus text format, for {@code GET /metrics}
 * @param access       the fleet-wide access list of {@code /api/access}, or null for a node without one (the API
 *                     then has no {@code /api/access})
 */
public record AdminServices(
        Crosstalk crosstalk, ClusterCommands commands, BooleanSupplier ready, Path routeBaseDir,
        Supplier<String> metrics, FleetAccess access) {

    /** Without a fleet-wide access list. */
    public AdminServices(Crosstalk crosstalk, ClusterCommands commands, BooleanSupplier ready, Path routeBaseDir,
            Supplier<String> metrics) {
        this(crosstalk, commands, ready, routeBaseDir, metrics, null);
    }

    /** Without node metrics: {@code /metrics} answers an empty exposition. */
    public AdminServices(Crosstalk crosstalk, ClusterCommands commands, BooleanSupplier ready, Path routeBaseDir) {
        this(crosstalk, commands, ready, routeBaseDir, () -> "");
    }
}
