package dev.gamma.config;

import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the loader's {@link io.vertx.config.ConfigRetriever} merges: the config file's bytes (the {@code file} store,
 * read through Vert.x's file system) and the {@code GAMMA_*} variables (a {@code json} store holding the
 * environment the loader was given, which, like a process's own, does not change while it runs).
 *
 * <p>The file store uses the {@code raw} format rather than vertx-config-yaml's {@code yaml}: Gamma parses the YAML
 * itself ({@link YamlTreeReader}) because a problem must name its line, and the {@code yaml} format's JSON has no
 * lines. That format also fails on a file holding only comments (at every scan), turns {@code 1.20} into 1.2,
 * {@code 0123} into 83 and {@code yes} into true, silently keeps the last of a key set twice, and a list that holds
 * itself ({@code &a [*a]}) overflows the stack of the retriever's change check on the event loop.
 */
final class ConfigSource {
    private static final String FILE = "file";
    private static final String ENV = "env";

    private ConfigSource() {}

    /** The stores; {@code scanMillis} 0 reads once, on request. */
    static ConfigRetrieverOptions options(Path file, Map<String, String> env, long scanMillis) {
        JsonObject variables = new JsonObject();
        env.forEach((name, value) -> {
            if (name.startsWith(EnvOverrides.PREFIX)) {
                variables.put(name, value);
            }
        });
        // Optional: an unreadable file then yields no bytes instead of failing the whole retrieval, which the
        // retriever would log at every scan; the loader reports it, once per change. Absolute: a relative path
        // missing on disk would otherwise be looked up on the class path.
        JsonObject fileStore = new JsonObject().put("path", file.toAbsolutePath().toString())
                .put("raw.key", FILE).put("raw.type", "binary");
        return new ConfigRetrieverOptions()
                .setIncludeDefaultStores(false)
                .setScanPeriod(scanMillis)
                .addStore(new ConfigStoreOptions().setType("file").setFormat("raw").setOptional(true)
                        .setConfig(fileStore))
                .addStore(new ConfigStoreOptions().setType("json").setConfig(new JsonObject().put(ENV, variables)));
    }

    /** The file's bytes from a retrieval; when it has none, one more read tells why. */
    static Future<FileContent> content(Vertx vertx, Path file, JsonObject retrieved) {
        if (retrieved.containsKey(FILE)) {
            return Future.succeededFuture(FileContent.of(retrieved.getBinary(FILE)));
        }
        return vertx.fileSystem().readFile(file.toAbsolutePath().toString())
                .map(buffer -> FileContent.of(buffer.getBytes()))
                .otherwise(FileContent::unreadable);
    }

    /** The {@code GAMMA_*} variables of a retrieval. */
    static EnvOverrides env(JsonObject retrieved) {
        Map<String, String> variables = new HashMap<>();
        retrieved.getJsonObject(ENV, new JsonObject())
                .forEach(entry -> variables.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new EnvOverrides(variables);
    }
}
