package io.getorcreate.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The same table, mapped the way a Spring Data JPA user maps it. */
@Entity
@Table(name = "bench_item")
public class HItem {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "name", nullable = false, unique = true)
    String name;

    @Column(name = "note")
    String note;

    protected HItem() {}

    HItem(String name) {
        this.name = name;
    }
}
