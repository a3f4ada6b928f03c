package dev.gamma.admin;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.Crosstalk;
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
 */
public record AdminServices(
        Crosstalk crosstalk, ClusterCommands commands, BooleanSupplier ready, Path routeBaseDir,
        Supplier<String> metrics) {

    /** Without node metrics: {@code /metrics} answers an empty exposition. */
    public AdminServices(Crosstalk crosstalk, ClusterCommands commands, BooleanSupplier ready, Path routeBaseDir) {
        this(crosstalk, commands, ready, routeBaseDir, () -> "");
    }
}
