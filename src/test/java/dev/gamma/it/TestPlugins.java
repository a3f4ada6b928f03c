package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Plugin jars built the way a plugin's own build would: Java source compiled against Gamma, jarred with its
 * service file. A marker plugin leaves a file in a directory each time its code runs, so a test can tell which.
 */
final class TestPlugins {
    private TestPlugins() {}

    /**
     * A jar at {@code jar} with one factory for handler {@code name} that writes {@code markers/<name>.initialized},
     * {@code .constructed} and {@code .created} when its class is initialized, the factory constructed and a
     * handler created. {@code annotated}: the name comes from {@code @HandlerName}, else from {@code name()} alone.
     */
    static Path markerJar(Path jar, String name, Path markers, boolean annotated) {
        String pkg = "test.plugin." + name.replaceAll("[^a-z0-9]", "");
        String source = """
                package %1$s;

                import dev.gamma.pipeline.PacketHandler;
                import dev.gamma.pipeline.PacketHandlerFactory;
                import java.nio.file.Files;
                import java.nio.file.Path;

                %2$s
                public final class Factory implements PacketHandlerFactory {
                    static {
                        mark("initialized");
                    }

                    public Factory() {
                        mark("constructed");
                    }

                    %3$s

                    @Override
                    public PacketHandler create() {
                        mark("created");
                        return (packet, context) -> { };
                    }

                    private static void mark(String what) {
                        try {
                            Files.writeString(Path.of(%4$s).resolve("%5$s." + what), what);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """.formatted(pkg,
                annotated ? "@dev.gamma.pipeline.HandlerName(\"" + name + "\")" : "",
                annotated ? "" : "@Override public String name() { return \"" + name + "\"; }",
                javaString(markers.toAbsolutePath().toString()), name);
        return build(jar, pkg + ".Factory", source);
    }

    /** A jar whose only factory, {@code className}, has {@code source}; only its owner may change it or its directory. */
    static Path build(Path jar, String className, String source) {
        try {
            Path work = Files.createTempDirectory("plugin-src");
            Path file = work.resolve("src").resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Path classes = Files.createDirectories(work.resolve("classes"));
            int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
                    classes.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
            assertThat(compiled).as("%s compiles", className).isZero();
            Path services = classes.resolve("META-INF/services/dev.gamma.pipeline.PacketHandlerFactory");
            Files.createDirectories(services.getParent());
            Files.writeString(services, className + "\n");
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
                for (Path entry : files(classes)) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(entry));
                    jarOut.closeEntry();
                }
            }
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(jar.toAbsolutePath().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The marker files written so far, by name. */
    static List<String> marks(Path markers) {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
