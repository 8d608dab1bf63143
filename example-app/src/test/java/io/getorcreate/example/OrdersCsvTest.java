package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader keeps every good line, whatever the bad ones around it look like. */
class OrdersCsvTest {
    private static final String HEADER = String.join(",", OrdersCsv.HEADER);

    private final List<OrderRow> rows = new ArrayList<>();
    private final List<OrdersCsv.BadLine> bad = new ArrayList<>();

    private void read(String... lines) throws IOException {
        OrdersCsv.read(new StringReader(String.join("\r\n", lines) + "\r\n"), rows::add, bad::add);
    }

    private List<String> orderNumbers() {
        return rows.stream().map(OrderRow::orderNumber).toList();
    }

    @Test
    void anUnterminatedQuoteCostsItsOwnLineEvenWithMoreQuotesFurtherOn() throws IOException {
        read(HEADER,
                "Q-1,a@example.com,\"Doe, Ann\",SKU-1,Thing,Books,,1",
                "Q-2,b@example.com,\"Bob,SKU-2,Thing,Books,,1",
                "Q-3,c@example.com,Cy,SKU-3,Thing,Books,,1",
                "Q-4,d@example.com,\"Di\",SKU-4,\"Thing\",Books,x;y,2",
                "Q-5,e@example.com,Ed,SKU-5,\"Open,Books,,1");
        assertThat(orderNumbers()).containsExactly("Q-1", "Q-3", "Q-4");
        assertThat(bad).extracting(OrdersCsv.BadLine::line).containsExactly(3L, 6L);
        assertThat(bad.get(0).problem()).startsWith("a quoted value is not closed");
        assertThat(rows.get(0).customerName()).isEqualTo("Doe, Ann");
        assertThat(rows.get(2).tags()).containsExactly("x", "y");
        assertThat(rows).extracting(OrderRow::line).containsExactly(2L, 4L, 5L);
    }

    @Test
    void textAfterAClosingQuoteIsNamed() throws IOException {
        read(HEADER, "T-1,a@example.com,\"Ann\"x,SKU-1,Thing,Books,,1", "T-2,b@example.com,\"A \"\"B\"\"\",S,P,C,,1");
        assertThat(bad).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.problem()).startsWith("text after the closing quote");
        });
        assertThat(rows).singleElement().extracting(OrderRow::customerName).isEqualTo("A \"B\"");
    }

    @Test
    void anUnquotedLineIsSplitAtItsCommasAndTrimmed() throws IOException {
        read(HEADER, "  S-1 , a@example.com ,\tAnn Lee,S,P,C, x ; y ,1 ", "S-2,b@example.com,B,S,P,C,,1,",
                "S-3,c@example.com,,S,,C,,2");
        assertThat(orderNumbers()).containsExactly("S-1", "S-3");
        assertThat(rows.get(0).customerEmail()).isEqualTo("a@example.com");
        assertThat(rows.get(0).customerName()).isEqualTo("Ann Lee");
        assertThat(rows.get(0).tags()).containsExactly("x", "y");
        assertThat(rows.get(1).customerName()).isEmpty();
        assertThat(bad).singleElement().extracting(OrdersCsv.BadLine::problem)
                .isEqualTo("expected 8 fields, found 9");
    }

    @Test
    void aValueCannotSpanLines() throws IOException {
        read(HEADER, "M-1,a@example.com,\"Two", "lines\",SKU-1,Thing,Books,,1", "M-2,b@example.com,B,S,P,C,,1");
        assertThat(orderNumbers()).containsExactly("M-2");
        assertThat(bad).extracting(OrdersCsv.BadLine::line).containsExactly(2L, 3L);
    }

    @Test
    void bytesThatAreNotUtf8MakeTheirLineMalformed() throws IOException {
        byte[] latin1 = (HEADER + "\nU-1,j@example.com,Jos\u00e9,S,P,C,,1\nU-2,a@example.com,Ann,S,P,C,,1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OrdersCsv.read(OrdersCsv.open(new ByteArrayInputStream(latin1)), rows::add, bad::add);
        assertThat(bad).singleElement().extracting(OrdersCsv.BadLine::line).isEqualTo(2L);
        assertThat(orderNumbers()).containsExactly("U-2");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsFine() throws IOException {
        read("\uFEFF" + HEADER, "", "B-1,a@example.com,Ann,S,P,C,,1");
        assertThat(orderNumbers()).containsExactly("B-1");
        assertThat(bad).isEmpty();
    }

    @Test
    void theHeaderIsRequired() {
        assertThatThrownBy(() -> OrdersCsv.read(new StringReader(""), rows::add, bad::add))
                .hasMessageStartingWith("the file is empty");
        assertThatThrownBy(() -> read("id,email"))
                .hasMessage("the first line must be the header " + HEADER + " but is id,email");
    }
}
