package io.switchboard.callflow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The flow files named on a command line: files as given, directories searched for *.yaml / *.yml, with their
 * {@code lib/} folder of sub-flows.
 */
final class FlowFiles {

    private FlowFiles() {}

    /** The files, or null after printing why the arguments are wrong. */
    static List<Path> find(List<String> args, PrintStream err) {
        if (args.isEmpty()) {
            err.println("name flow files or directories");
            return null;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                for (Path dir : Files.isDirectory(p.resolve("lib")) ? List.of(p, p.resolve("lib")) : List.of(p)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                                .forEach(files::add);
                    } catch (IOException e) {
                        err.println(dir + ": cannot list: " + e.getMessage());
                        return null;
                    }
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println(arg + ": no such file or directory");
                return null;
            }
        }
        return files;
    }
}
