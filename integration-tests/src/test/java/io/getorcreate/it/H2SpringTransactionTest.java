package io.getorcreate.it;

class H2SpringTransactionTest extends SpringTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
