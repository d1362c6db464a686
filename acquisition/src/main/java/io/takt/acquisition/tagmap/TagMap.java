package io.takt.acquisition.tagmap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The gateway's tag map: which tag of which source feeds which equipment, and what it means. Loaded
 * and validated once at start-up; a bad map fails with every problem named by file, line and key.
 */
public final class TagMap {

    private final Path file;
    private final Gateway gateway;
    private final Map<String, Equipment> equipment;
    private final List<SourceDefinition> sources;
    private final List<TagDefinition> tags;

    TagMap(Path file, Gateway gateway, Map<String, Equipment> equipment, List<SourceDefinition> sources,
            List<TagDefinition> tags) {
        this.file = file;
        this.gateway = gateway;
        this.equipment = Map.copyOf(equipment);
        this.sources = List.copyOf(sources);
        this.tags = List.copyOf(tags);
    }

    /**
     * Reads and validates a tag map.
     *
     * @param file   the YAML file
     * @param checks the source types' own checks of their connection settings and addresses
     * @throws TagMapException listing every problem found
     */
    public static TagMap load(Path file, ConnectionCheck... checks) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Problems problems = new Problems(name);
        Node root = compose(file, problems);
        if (root == null) {
            if (problems.isEmpty()) {
                problems.add(1, "(file)", "the tag map is empty");
            }
            throw new TagMapException(problems.sorted());
        }
        TagMap map = new TagMapReader(problems).read(new NodeView(root, "", problems), file);
        for (ConnectionCheck check : checks) {
            map.sources.stream().filter(s -> s.type() == check.type())
                    .forEach(s -> check.check(s, map.tagsOf(s.id())).forEach(problems::add));
        }
        if (!problems.isEmpty()) {
            throw new TagMapException(problems.sorted());
        }
        return map;
    }

    private static Node compose(Path file, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            problems.add(line, "(file)", "not valid YAML: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problems.add(1, "(file)", "not valid YAML: " + e.getMessage());
            return null;
        } catch (IOException e) {
            throw new TagMapException("Cannot read tag map " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** By equipment id. */
    public Map<String, Equipment> equipment() {
        return equipment;
    }

    public List<SourceDefinition> sources() {
        return sources;
    }

    public Optional<SourceDefinition> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every tag, in file order. */
    public List<TagDefinition> tags() {
        return tags;
    }

    /** The tags one source reads, in file order. */
    public List<TagDefinition> tagsOf(String sourceId) {
        return tags.stream().filter(t -> t.source().equals(sourceId)).toList();
    }
}
