package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h:5432/db?user=u&password=p%40ss&ssl=true | jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true",
        "jdbc:h2:file:./data/orders;USER=sa;PASSWORD=secret;MODE=MySQL | jdbc:h2:file:./data/orders;USER=sa;PASSWORD=***;MODE=MySQL",
        "jdbc:mariadb://u:pa@ss@h:3306/db                               | jdbc:mariadb://u:***@h:3306/db",
        "jdbc:mysql://(host=h,port=3306,user=u,password=pw)/db          | jdbc:mysql://(host=h,port=3306,user=u,password=***)/db",
        "jdbc:postgresql://h/db?sslpassword=key&sslmode=verify-full     | jdbc:postgresql://h/db?sslpassword=***&sslmode=verify-full",
        "jdbc:mysql://h/db?user=u&Password=x&trustStorePassword=y      | jdbc:mysql://h/db?user=u&Password=***&trustStorePassword=***",
        "Failed to get driver instance for jdbcUrl=jdbc:x://h/db?pwd=z  | Failed to get driver instance for jdbcUrl=jdbc:x://h/db?pwd=***",
        "jdbc:postgresql://h:5432/db?user=a@b                          | jdbc:postgresql://h:5432/db?user=a@b",
        "jdbc:postgresql://h:5432?user=a@b.c                           | jdbc:postgresql://h:5432?user=a@b.c",
        "jdbc:h2:mem:orders;password=                                  | jdbc:h2:mem:orders;password=",
        "jdbc:h2:file:./data/orders                                    | jdbc:h2:file:./data/orders",
    })
    void hidesThePasswordOfEveryUrlForm(String url, String shown) {
        assertThat(new Redaction(null, url).apply(url)).isEqualTo(shown);
        assertThat(Redaction.redactUrls(url)).isEqualTo(shown);
    }

    @Test
    void hidesTheSecretsItFoundWhereverTheyRecur() {
        Redaction redaction = new Redaction("Option-Secret", "jdbc:x://h/db?password=p%40ssw0rd",
                "jdbc:y://bob:Info-Secret@h/db");
        assertThat(redaction.apply("no user bob with Option-Secret, p%40ssw0rd, p@ssw0rd or Info-Secret"))
                .isEqualTo("no user bob with ***, ***, *** or ***");
    }

    @Test
    void aShortSecretIsHiddenInUrlsButNotInOrdinaryWords() {
        Redaction redaction = new Redaction("abc", "jdbc:x://h/db?password=abc");
        assertThat(redaction.apply("abcde at jdbc:x://h/db?password=abc"))
                .isEqualTo("abcde at jdbc:x://h/db?password=***");
    }

    @Test
    void anUnparsedCommandLineGivesItsPasswordsAway() {
        Redaction redaction = Redaction.ofArgs(new String[] {
            "--db", "jdbc:x://h/db?password=Url-Secret", "--password", "Option-Secret", "extra"});
        assertThat(redaction.apply("Unmatched arguments: Option-Secret, Url-Secret"))
                .isEqualTo("Unmatched arguments: ***, ***");
        assertThat(Redaction.ofArgs(new String[] {"--password=Other-Secret"}).apply("Other-Secret")).isEqualTo("***");
    }

    @Test
    void nullStaysNull() {
        assertThat(new Redaction(null).apply(null)).isNull();
    }
}
