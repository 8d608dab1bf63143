package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.getorcreate.Column;
import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
import io.getorcreate.internal.ColumnSpec;
import io.getorcreate.internal.ColumnType;
import io.getorcreate.internal.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Turns an {@code @Entity} element into an {@link EntityModel}, reporting every problem it finds on
 * the element it is about. Problems about a component are reported on the private field javac
 * declares for it, which (unlike the component itself on javac 17) carries a file and line.
 */
final class EntityParser {
    private static final Set<String> NOT_NULL_ANNOTATIONS = Set.of("NonNull", "NotNull");
    private static final Map<String, ColumnType> DECLARED_TYPES = Map.ofEntries(
            Map.entry("java.lang.String", ColumnType.STRING),
            Map.entry("java.lang.Boolean", ColumnType.BOOLEAN),
            Map.entry("java.lang.Short", ColumnType.SHORT),
            Map.entry("java.lang.Integer", ColumnType.INT),
            Map.entry("java.lang.Long", ColumnType.LONG),
            Map.entry("java.lang.Double", ColumnType.DOUBLE),
            Map.entry("java.lang.Float", ColumnType.FLOAT),
            Map.entry("java.math.BigDecimal", ColumnType.BIG_DECIMAL),
            Map.entry("java.time.LocalDate", ColumnType.LOCAL_DATE),
            Map.entry("java.time.LocalDateTime", ColumnType.LOCAL_DATE_TIME),
            Map.entry("java.time.LocalTime", ColumnType.LOCAL_TIME),
            Map.entry("java.time.Instant", ColumnType.INSTANT),
            Map.entry("java.time.OffsetDateTime", ColumnType.OFFSET_DATE_TIME),
            Map.entry("java.util.UUID", ColumnType.UUID));
    /** The runtime keeps column sets as 64-bit masks. */
    private static final int MAX_COMPONENTS = 64;

    private final Reporter reporter;

    EntityParser(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The model, or empty after reporting every error found. */
    Optional<EntityModel> parse(Element element) {
        reporter.failedAndReset();
        if (element.getKind() != ElementKind.RECORD) {
            reporter.report(element, annotation(element, Entity.class), Message.NOT_A_RECORD);
            return Optional.empty();
        }
        TypeElement record = (TypeElement) element;
        checkVisibility(record);
        if (!record.getTypeParameters().isEmpty()) {
            reporter.report(record, Message.GENERIC_RECORD);
        }
        String table = tableName(record);

        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (components.size() > MAX_COMPONENTS) {
            reporter.report(record, Message.TOO_MANY_COMPONENTS);
        }
        Components parsed = new Components();
        for (RecordComponentElement component : components) {
            parsed.add(component, fieldOf(record, component));
        }
        if (parsed.keys.isEmpty()) {
            reporter.report(record, Message.NO_LOOKUP);
        }
        if (reporter.failedAndReset()) {
            return Optional.empty();
        }
        List<KeySpec> keys = new ArrayList<>();
        parsed.keys.values().forEach(key -> keys.add(new KeySpec(key.name, key.columns)));
        ClassName recordName = ClassName.get(record);
        ClassName dao = ClassName.get(recordName.packageName(), String.join("_", recordName.simpleNames()) + "Dao");
        return Optional.of(new EntityModel(recordName, dao, table, parsed.columns, parsed.idIndex, keys));
    }

    private String tableName(TypeElement record) {
        String table = record.getAnnotation(Entity.class).table();
        if (table.isEmpty()) {
            table = Names.snakeCase(record.getSimpleName().toString());
        }
        if (!Names.isIdentifier(table)) {
            AnnotationMirror entity = annotation(record, Entity.class);
            AnnotationValue value = value(entity, "table");
            if (value == null) {
                reporter.report(record, entity, Message.INVALID_TABLE_NAME, table);
            } else {
                reporter.report(record, entity, value, Message.INVALID_TABLE_NAME, table);
            }
        }
        return table;
    }

    /** The components met so far: their columns, the id, the keys. */
    private final class Components {
        final List<ColumnModel> columns = new ArrayList<>();
        final Map<String, String> columnOwners = new LinkedHashMap<>();
        // A bare @Lookup is a key of its own; named ones gather by name.
        final Map<String, Key> keys = new LinkedHashMap<>();
        int idIndex = EntityModel.NO_ID;
        String idName;

        void add(RecordComponentElement component, Element at) {
            int index = columns.size();
            String name = component.getSimpleName().toString();
            TypeMirror javaType = component.asType();
            ColumnType type = columnType(javaType);
            if (type == null) {
                reporter.report(at, Message.UNSUPPORTED_TYPE, name, javaType);
            }

            String column = Names.snakeCase(name);
            Column sizes = component.getAnnotation(Column.class);
            if (sizes != null) {
                column = columnName(at, name, sizes, column);
                if (type != null) {
                    checkSizes(at, name, javaType, type, sizes);
                }
            }
            String other = columnOwners.putIfAbsent(column.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                reporter.report(at, Message.DUPLICATE_COLUMN, name, column, other);
            }

            boolean isId = component.getAnnotation(Id.class) != null;
            if (isId) {
                addId(at, name, javaType, index);
            }
            Lookup lookup = component.getAnnotation(Lookup.class);
            if (lookup != null) {
                addToKey(at, name, javaType, type, isId, lookup.value(), index);
            }
            boolean notNull = lookup != null || isId || javaType.getKind().isPrimitive()
                    || hasNotNull(component) || hasNotNull(at);
            ColumnSpec spec = new ColumnSpec(name, column, type == null ? ColumnType.STRING : type, notNull,
                    javaType.getKind().isPrimitive(), sizes == null ? ColumnSpec.UNSET : sizes.length(),
                    sizes == null ? ColumnSpec.UNSET : sizes.precision(), sizes == null ? ColumnSpec.UNSET : sizes.scale());
            columns.add(new ColumnModel(spec, TypeName.get(javaType)));
        }

        private void addId(Element at, String name, TypeMirror javaType, int index) {
            AnnotationMirror id = annotation(at, Id.class);
            if (idIndex != EntityModel.NO_ID) {
                reporter.report(at, id, Message.MORE_THAN_ONE_ID, name, idName);
            } else {
                idIndex = index;
                idName = name;
            }
            if (!isIdType(javaType)) {
                reporter.report(at, id, Message.ID_TYPE, name, javaType);
            }
        }

        private void addToKey(Element at, String name, TypeMirror javaType, ColumnType type, boolean isId,
                String keyName, int index) {
            AnnotationMirror lookup = annotation(at, Lookup.class);
            if (isId) {
                reporter.report(at, lookup, Message.ID_IS_LOOKUP, name);
            }
            if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
                reporter.report(at, lookup, Message.INEXACT_LOOKUP, name, javaType);
            }
            keys.computeIfAbsent(keyName.isEmpty() ? "component " + name : "name " + keyName, k -> new Key(keyName))
                    .columns.add(index);
        }
    }

    /** One key as its components are met. */
    private static final class Key {
        final String name;
        final List<Integer> columns = new ArrayList<>();

        Key(String name) {
            this.name = name;
        }
    }

    private String columnName(Element at, String component, Column column, String snakeCase) {
        if (column.name().isEmpty()) {
            return snakeCase;
        }
        if (!Names.isIdentifier(column.name())) {
            AnnotationMirror mirror = annotation(at, Column.class);
            reporter.report(at, mirror, value(mirror, "name"), Message.INVALID_COLUMN_NAME, component, column.name());
        }
        return column.name();
    }

    /** {@code @Column(length)} fits strings and byte arrays, precision and scale fit BigDecimal, each with sane values. */
    private void checkSizes(Element at, String name, TypeMirror javaType, ColumnType type, Column column) {
        AnnotationMirror mirror = annotation(at, Column.class);
        int length = column.length();
        int precision = column.precision();
        int scale = column.scale();
        if (length != ColumnSpec.UNSET) {
            if (type != ColumnType.STRING && type != ColumnType.BYTES) {
                reporter.report(at, mirror, value(mirror, "length"), Message.ATTRIBUTE_DOES_NOT_FIT, name, javaType,
                        "length", "String and byte[]");
            } else if (length < 1) {
                reporter.report(at, mirror, value(mirror, "length"), Message.INVALID_LENGTH, name, length);
            }
        }
        boolean decimal = type == ColumnType.BIG_DECIMAL;
        if (precision != ColumnSpec.UNSET && !decimal) {
            reporter.report(at, mirror, value(mirror, "precision"), Message.ATTRIBUTE_DOES_NOT_FIT, name, javaType,
                    "precision", "BigDecimal");
        }
        if (scale != ColumnSpec.UNSET && !decimal) {
            reporter.report(at, mirror, value(mirror, "scale"), Message.ATTRIBUTE_DOES_NOT_FIT, name, javaType,
                    "scale", "BigDecimal");
        }
        if (!decimal) {
            return;
        }
        if (precision != ColumnSpec.UNSET && precision < 1) {
            reporter.report(at, mirror, value(mirror, "precision"), Message.INVALID_PRECISION, name, precision);
        } else if (scale != ColumnSpec.UNSET && scale < 0) {
            reporter.report(at, mirror, value(mirror, "scale"), Message.INVALID_SCALE, name, scale);
        } else if (scale != ColumnSpec.UNSET && precision == ColumnSpec.UNSET) {
            reporter.report(at, mirror, value(mirror, "scale"), Message.SCALE_WITHOUT_PRECISION, name);
        } else if (scale > precision) {
            reporter.report(at, mirror, value(mirror, "scale"), Message.SCALE_ABOVE_PRECISION, name, scale, precision);
        }
    }

    private void checkVisibility(TypeElement record) {
        // The record and every type around it must be visible from the DAO in the same package.
        for (Element e = record; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement type && (type.getNestingKind() == NestingKind.LOCAL
                    || type.getNestingKind() == NestingKind.ANONYMOUS)) {
                reporter.report(record, Message.LOCAL_RECORD);
                return;
            }
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.report(record, Message.PRIVATE_RECORD);
                return;
            }
        }
    }

    private static ColumnType columnType(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return ColumnType.BOOLEAN;
            case SHORT:
                return ColumnType.SHORT;
            case INT:
                return ColumnType.INT;
            case LONG:
                return ColumnType.LONG;
            case DOUBLE:
                return ColumnType.DOUBLE;
            case FLOAT:
                return ColumnType.FLOAT;
            case ARRAY:
                return ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? ColumnType.BYTES : null;
            case DECLARED:
                TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
                if (element.getKind() == ElementKind.ENUM) {
                    return ColumnType.ENUM;
                }
                return DECLARED_TYPES.get(element.getQualifiedName().toString());
            default:
                return null;
        }
    }

    private static boolean isIdType(TypeMirror type) {
        if (type.getKind() == TypeKind.LONG || type.getKind() == TypeKind.INT) {
            return true;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        String name = ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
        return name.equals("java.lang.Long") || name.equals("java.lang.Integer");
    }

    // JSpecify's @NonNull is a type-use annotation; Jakarta's and JetBrains' sit on the component or field.
    private static boolean hasNotNull(Element element) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            if (NOT_NULL_ANNOTATIONS.contains(m.getAnnotationType().asElement().getSimpleName().toString())) {
                return true;
            }
        }
        for (AnnotationMirror m : element.asType().getAnnotationMirrors()) {
            if (NOT_NULL_ANNOTATIONS.contains(m.getAnnotationType().asElement().getSimpleName().toString())) {
                return true;
            }
        }
        return false;
    }

    private static Element fieldOf(TypeElement record, RecordComponentElement component) {
        for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(component.getSimpleName())
                    && !field.getModifiers().contains(Modifier.STATIC)) {
                return field;
            }
        }
        return component;
    }

    private static AnnotationMirror annotation(Element element, Class<?> type) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(type.getName())) {
                return m;
            }
        }
        return null;
    }

    private static AnnotationValue value(AnnotationMirror mirror, String name) {
        if (mirror == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
