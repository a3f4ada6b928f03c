package dev.gamma.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Turns YAML text into a {@link Tree} with line numbers. Uses snakeyaml's node API ({@code compose}) because
 * loading into plain maps, as vertx-config-yaml does, forgets where each value was written.
 */
final class YamlTreeReader {
    private static final int MAX_DEPTH = 32;

    private final String file;
    private final Problems problems;
    /** The nodes being converted, to catch an alias that refers to the node it is in. */
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    YamlTreeReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The document's tree; an empty map for an empty file or when the YAML cannot be parsed. */
    Tree read(byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        Node root;
        try (Reader reader = new UnicodeReader(new ByteArrayInputStream(bytes))) {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            syntaxProblem(e);
            return Tree.Mapping.empty(Origin.file(file));
        } catch (ReaderException e) {
            String character = String.format(" (character 0x%x)", e.getCodePoint());
            problems.add(Origin.line(file, lineAt(bytes, e.getPosition())), "",
                    "invalid YAML: " + e.getMessage() + character);
            return Tree.Mapping.empty(Origin.file(file));
        } catch (IOException | RuntimeException e) {
            problems.add(Origin.file(file), "", "invalid YAML: " + e.getMessage());
            return Tree.Mapping.empty(Origin.file(file));
        }
        Tree tree = root == null ? null : convert(root, "", 0);
        return tree == null ? Tree.Mapping.empty(Origin.line(file, 1)) : tree;
    }

    private void syntaxProblem(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder what = new StringBuilder("invalid YAML: ");
        what.append(e.getProblem() != null ? e.getProblem() : "cannot parse");
        if (mark != null) {
            what.append(" (column ").append(mark.getColumn() + 1);
            if (e.getContext() != null && e.getContextMark() != null) {
                what.append(", ").append(e.getContext()).append(" from line ").append(e.getContextMark().getLine() + 1);
            }
            what.append(')');
        }
        problems.add(mark == null ? Origin.file(file) : origin(mark), "", what.toString());
    }

    /** The 1-based line of the {@code position}-th code point, for errors that only know the position. */
    private static int lineAt(byte[] bytes, int position) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return 1 + (int) text.codePoints().limit(Math.max(0, position)).filter(c -> c == '\n').count();
    }

    private Tree convert(Node node, String path, int depth) {
        Origin origin = origin(node.getStartMark());
        if (depth > MAX_DEPTH || !open.add(node)) {
            problems.add(origin, path, depth > MAX_DEPTH ? "nested too deeply" : "contains itself (a recursive alias)");
            return null; // already reported: the caller leaves the value out
        }
        try {
            return convertOpen(node, path, depth, origin);
        } finally {
            open.remove(node);
        }
    }

    private Tree convertOpen(Node node, String path, int depth, Origin origin) {
        if (node instanceof ScalarNode scalar) {
            boolean isNull = scalar.getTag().equals(Tag.NULL);
            return new Tree.Scalar(isNull ? null : scalar.getValue(), origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<Tree> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Tree converted = convert(sequence.getValue().get(i), path + "[" + i + "]", depth + 1);
                if (converted != null) {
                    items.add(converted);
                }
            }
            return new Tree.Sequence(items, origin);
        }
        return mapping((MappingNode) node, path, depth);
    }

    private Tree mapping(MappingNode node, String path, int depth) {
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Origin keyOrigin = origin(tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(keyOrigin, path, "a key must be a plain name, not a list or a map");
                continue;
            }
            String key = keyNode.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            Tree.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(keyOrigin, keyPath, "set twice (first on line " + earlier.keyOrigin().line() + ")");
                continue;
            }
            Tree value = convert(tuple.getValueNode(), keyPath, depth + 1);
            if (value != null) {
                entries.put(key, new Tree.Entry(keyOrigin, value));
            }
        }
        return new Tree.Mapping(entries, origin(node.getStartMark()));
    }

    private Origin origin(Mark mark) {
        return Origin.line(file, mark.getLine() + 1);
    }
}
