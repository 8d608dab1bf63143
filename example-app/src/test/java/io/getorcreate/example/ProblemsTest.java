package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * The plain words for what the file system said. (A permission problem cannot be caused for real here: the
 * tests may run as root, who may read and write anything.)
 */
class ProblemsTest {
    @Test
    void saysWhatWentWrongInPlainWords() {
        assertThat(Problems.reading(new NoSuchFileException("nope.csv"))).isEqualTo("the file does not exist");
        assertThat(Problems.reading(new AccessDeniedException("secret.csv"))).isEqualTo("permission denied");
        assertThat(Problems.writing(new AccessDeniedException("/ro/.out.csv.tmp"))).isEqualTo("permission denied");
        assertThat(Problems.writing(new FileSystemException("/mnt/cd/out.csv", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(Problems.reading(new IOException("Stale file handle"))).isEqualTo("Stale file handle");
    }
}
