package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/spring.md shows code that SpringTransactionTest runs: every Java block in it must stand verbatim
 * in one of the files of io.getorcreate.it.spring, so that the doc cannot drift from what was tested.
 */
class SpringDocTest {
    private static final Path DOC = Path.of("..", "docs", "spring.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "io", "getorcreate", "it", "spring");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockIsCodeThatTheTestsRun() throws IOException {
        String doc = Files.readString(DOC);
        List<String> sources = new ArrayList<>();
        try (var files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                sources.add(Files.readString(file));
            }
        }
        Matcher block = JAVA_BLOCK.matcher(doc);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = block.group(1);
            assertThat(sources).as("docs/spring.md block %d:%n%s", blocks, code)
                    .anyMatch(source -> source.contains(code));
        }
        assertThat(blocks).as("Java blocks in docs/spring.md").isGreaterThanOrEqualTo(4);
    }
}
