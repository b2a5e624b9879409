package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow text can make the compiler read only sub-flows inside the flows directory, and on the server it never hears
 * another file's contents back: imports that leave the directory (by path or by symbolic link) are refused naming
 * only the import, and a broken sub-flow is summarised at the import line.
 */
class ImportScopeTest {

    private static final String SECRET = "db-password: hunter2-do-not-show";

    @TempDir
    Path root;
    Path flows;
    Path outside;

    @BeforeEach
    void layout() throws Exception {
        flows = Files.createDirectories(root.resolve("flows"));
        Files.createDirectories(flows.resolve("lib"));
        outside = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.yaml"), SECRET + "\n");
        Files.writeString(outside.resolve("sub.yaml"), """
                subflow: sub
                start: a
                steps:
                  a: {return: done}
                """);
    }

    private static String flowImporting(String path) {
        return """
                flow: f
                imports: [%s]
                start: a
                steps:
                  a: {hangup: {}}
                """.formatted(path);
    }

    /** Compiles as the server does for a text published through the API. */
    private List<String> publish(String text) {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile("f.yaml", text, flows));
        assertThat(e).as("the text must be refused").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void anAbsoluteImportIsRefusedWithoutReadingIt() {
        List<String> out = publish(flowImporting(outside.resolve("secret.yaml").toString()));
        assertThat(out).singleElement().asString().startsWith("f.yaml:2:11: error: import '")
                .contains("is an absolute path").doesNotContain("hunter2");
    }

    @Test
    void anImportClimbingOutOfTheFlowsDirectoryIsRefused() {
        List<String> out = publish(flowImporting("../elsewhere/secret.yaml"));
        assertThat(out).containsExactly("f.yaml:2:11: error: import '../elsewhere/secret.yaml' leaves the flows"
                + " directory (hint: imports are relative to the importing file and stay inside flows/, for example"
                + " imports: [lib/account-menu.yaml])");
    }

    @Test
    void aSymbolicLinkOutOfTheFlowsDirectoryIsRefusedForFilesAndFolders() throws Exception {
        Files.createSymbolicLink(flows.resolve("lib/linked.yaml"), outside.resolve("secret.yaml"));
        Files.createSymbolicLink(flows.resolve("shared"), outside);
        assertThat(publish(flowImporting("lib/linked.yaml"))).singleElement().asString()
                .contains("'lib/linked.yaml' leads outside the flows directory through a symbolic link")
                .doesNotContain("hunter2");
        assertThat(publish(flowImporting("shared/sub.yaml"))).singleElement().asString()
                .contains("'shared/sub.yaml' leads outside the flows directory through a symbolic link");
    }

    @Test
    void aSymbolicLinkInsideTheFlowsDirectoryIsFollowed() throws Exception {
        Files.writeString(flows.resolve("lib/real.yaml"), Files.readString(outside.resolve("sub.yaml")));
        Files.createSymbolicLink(flows.resolve("lib/alias.yaml"), flows.resolve("lib/real.yaml"));
        CompiledFlow flow = FlowCompiler.compile("f.yaml", flowImporting("lib/alias.yaml"), flows);
        assertThat(flow.subflows()).containsKey("sub");
    }

    @Test
    void onTheServerABrokenSubflowIsSummarisedAtTheImportAndNeverQuoted() throws Exception {
        Files.writeString(flows.resolve("lib/broken.yaml"), "subflow: broken\n" + SECRET + "\nstart: a\n");
        List<String> out = publish(flowImporting("lib/broken.yaml"));
        assertThat(out).singleElement().asString()
                .startsWith("f.yaml:2:11: error: imported file 'lib/broken.yaml' has ")
                .contains("the first at line ")
                .doesNotContain("hunter2").doesNotContain("db-password").doesNotContain(flows.toString());
    }

    @Test
    void onTheCommandLineTheDesignerSeesTheSubflowsOwnDiagnostics() throws Exception {
        Files.writeString(flows.resolve("lib/broken.yaml"), "subflow: broken\nstart: a\nsteps:\n  a: {nope: 1}\n");
        Path flowFile = flows.resolve("f.yaml");
        Files.writeString(flowFile, flowImporting("lib/broken.yaml"));
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                () -> FlowCompiler.compile(flowFile));
        assertThat(e.diagnostics()).anySatisfy(d -> assertThat(d.file()).endsWith("lib/broken.yaml"));
    }

    @Test
    void aHostFileIsNeverEchoedWhateverTheImportLooksLike() {
        for (String attempt : List.of("/etc/passwd", "../../../../../../etc/passwd", "lib/../../elsewhere/secret.yaml",
                "~/secret.yaml", "lib/\u0000x.yaml", "lib/%2e%2e/secret.yaml", "")) {
            FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                    () -> FlowCompiler.compile("f.yaml", flowImporting("'" + attempt + "'"), flows));
            assertThat(e).as(attempt).isNotNull();
            assertThat(e.diagnostics()).as(attempt).allSatisfy(d -> {
                assertThat(d.file()).isEqualTo("f.yaml");
                assertThat(d.toString()).doesNotContain("root:x:0").doesNotContain("hunter2");
            });
        }
    }

    @Test
    void aPromptNameThatIsAPathIsACompileError() {
        for (String name : List.of("../../etc/passwd", "/etc/passwd", "digits/../../x", ".hidden", "a//b", "a\\b")) {
            FlowCompileException e = catchThrowableOfType(FlowCompileException.class,
                    () -> FlowCompiler.compile("f.yaml", """
                            flow: f
                            start: a
                            steps:
                              a: {play: ['%s'], next: b}
                              b: {hangup: {}}
                            """.formatted(name)));
            assertThat(e).as(name).isNotNull();
            assertThat(e.diagnostics()).as(name).extracting(Diagnostic::message)
                    .anySatisfy(m -> assertThat(m).contains("is not a prompt name"));
        }
    }
}
