/**
 * Django's {@code get_or_create()} for Java records: the annotations that describe a table, the
 * {@link io.getorcreate.Outcome} that generated DAOs return, and the exceptions they throw.
 *
 * <p>Mark a record with {@link io.getorcreate.Entity}, its database-generated key with
 * {@link io.getorcreate.Id} and its natural key(s) with {@link io.getorcreate.Lookup}; the annotation
 * processor ({@code io.getorcreate:getorcreate-processor}) writes a {@code <Record>Dao} beside it:
 *
 * <pre>{@code
 * @Entity
 * public record Customer(@Id Long id, @Lookup String email, String name) {}
 *
 * CustomerDao customers = new CustomerDao(jdbi);
 * Outcome<Customer> outcome = customers.getOrCreateByEmail("ana@example.com", d -> d.name("Ana"));
 * }</pre>
 *
 * <p>Every exception a DAO throws, bad arguments aside, is a
 * {@link io.getorcreate.GetOrCreateException}; all are unchecked. The package
 * {@code io.getorcreate.internal} is what generated code calls and is not API.
 */
package io.getorcreate;
