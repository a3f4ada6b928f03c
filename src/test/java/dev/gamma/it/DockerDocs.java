package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Docker commands the README and docs/docker.md give, as {@code DockerClusterIT} runs them. */
final class DockerDocs {
    static final Path README = Path.of("README.md");
    static final Path DOCKER_DOC = Path.of("docs", "docker.md");
    static final String MORE_FILE = "docker-compose.more.yml";
    private static final String QUICK_START = "### In Docker";
    private static final String MORE_NODES = "## More nodes";

    /**
     * docs/docker.md's "more nodes": the compose file it shows, its two commands (up with both files, then down
     * with both), and the fourth node's published ports and crosstalk address.
     */
    record MoreNodes(String composeFile, String up, String down, List<Integer> ports, String crosstalkHost) {}

    private DockerDocs() {}

    /** The commands of the README's Docker quick start, each of which docs/docker.md gives too. */
    static List<String> quickStart() throws IOException {
        List<String> readme = Files.readAllLines(README);
        int heading = readme.indexOf(readme.stream().filter(l -> l.startsWith(QUICK_START)).findFirst()
                .orElseThrow(() -> new AssertionError(README + " has no section " + QUICK_START)));
        List<String> commands = commandsOf(block(readme, heading, "```sh"));
        assertThat(commands).as("the quick start").isNotEmpty()
                .anyMatch(c -> c.startsWith(ComposeCluster.DOCUMENTED + " up"));
        String doc = Files.readString(DOCKER_DOC);
        assertThat(commands).as("the README's quick start, as " + DOCKER_DOC + " gives it").allMatch(doc::contains);
        return commands;
    }

    static MoreNodes moreNodes() throws IOException {
        List<String> doc = Files.readAllLines(DOCKER_DOC);
        int section = doc.indexOf(MORE_NODES);
        assertThat(section).as(DOCKER_DOC + " section " + MORE_NODES).isNotNegative();
        int end = section + 1;
        while (end < doc.size() && !doc.get(end).startsWith("## ")) {
            end++;
        }
        List<String> lines = doc.subList(section, end);
        String composeFile = String.join("\n", block(lines, 0, "```yaml")) + "\n";
        List<String> commands = commandsOf(lines).stream().filter(c -> c.startsWith(ComposeCluster.DOCUMENTED)).toList();
        assertThat(commands).as("the more-nodes commands: up with both files, then down with both").hasSize(2)
                .allMatch(c -> c.contains(" -f " + MORE_FILE + " "));
        assertThat(commands.get(0)).contains(" up -d ");
        assertThat(commands.get(1)).endsWith(" down");
        Matcher ports = Pattern.compile("\"(\\d+):25565\", \"127\\.0\\.0\\.1:(\\d+):8080\"").matcher(composeFile);
        assertThat(ports.find()).as("the fourth node's published ports in\n" + composeFile).isTrue();
        Matcher address = Pattern.compile("crosstalk: \\{ipv4_address: ([0-9.]+)").matcher(composeFile);
        assertThat(address.find()).as("the fourth node's crosstalk address in\n" + composeFile).isTrue();
        return new MoreNodes(composeFile, commands.get(0), commands.get(1),
                List.of(Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2))), address.group(1));
    }

    /** The lines of the first fenced block opened by {@code fence} at or after line {@code from}. */
    private static List<String> block(List<String> lines, int from, String fence) {
        int open = lines.subList(from, lines.size()).indexOf(fence);
        assertThat(open).as("a " + fence + " block").isNotNegative();
        int first = from + open + 1;
        return lines.subList(first, first + lines.subList(first, lines.size()).indexOf("```"));
    }

    /** Shell lines without blank lines, comment lines and trailing comments. */
    private static List<String> commandsOf(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.replaceAll("\\s+#.*", "")).toList();
    }
}
