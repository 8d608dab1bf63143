package shop;

import io.getorcreate.*;

/** A nested record, and component names that the DAO's own names must not clash with. */
public class Shop {
    @Entity
    record OrderLine(@Lookup("line") java.util.UUID defaults, @Lookup("line") int values, java.math.BigDecimal store) {}
}
