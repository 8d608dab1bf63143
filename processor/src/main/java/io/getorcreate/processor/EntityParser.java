package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.getorcreate.Column;
import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
import io.getorcreate.internal.ColumnSpec;
import io.getorcreate.internal.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
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
import javax.tools.Diagnostic;

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

    private final Messager messager;
    private boolean failed;

    EntityParser(Messager messager) {
        this.messager = messager;
    }

    /** The model, or empty after reporting every error found. */
    Optional<EntityModel> parse(Element element) {
        failed = false;
        if (element.getKind() != ElementKind.RECORD) {
            error(element, annotation(element, Entity.class), null, Messages.NOT_A_RECORD);
            return Optional.empty();
        }
        TypeElement record = (TypeElement) element;
        checkVisibility(record);
        if (!record.getTypeParameters().isEmpty()) {
            error(record, null, null, Messages.GENERIC_RECORD);
        }

        AnnotationMirror entity = annotation(record, Entity.class);
        String table = record.getAnnotation(Entity.class).table();
        if (table.isEmpty()) {
            table = Names.snakeCase(record.getSimpleName().toString());
        }
        if (!Names.isIdentifier(table)) {
            error(record, entity, value(entity, "table"), Messages.invalidTableName(table));
        }

        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (components.size() > 64) {
            error(record, null, null, Messages.TOO_MANY_COMPONENTS);
        }
        List<ColumnModel> columns = new ArrayList<>();
        Map<String, String> columnOwners = new LinkedHashMap<>();
        // A bare @Lookup is a key of its own; named ones gather by name. Keyed by name or by component.
        Map<String, KeyModel.Builder> keyColumns = new LinkedHashMap<>();
        int idIndex = -1;
        for (int i = 0; i < components.size(); i++) {
            RecordComponentElement component = components.get(i);
            Element at = fieldOf(record, component);
            String name = component.getSimpleName().toString();
            TypeMirror javaType = component.asType();

            ColumnType type = columnType(javaType);
            if (type == null) {
                error(at, null, null, Messages.unsupportedType(name, javaType.toString()));
            }

            String column = Names.snakeCase(name);
            Column columnAnnotation = component.getAnnotation(Column.class);
            int length = ColumnSpec.UNSET;
            int precision = ColumnSpec.UNSET;
            int scale = ColumnSpec.UNSET;
            if (columnAnnotation != null) {
                AnnotationMirror mirror = annotation(at, Column.class);
                if (!columnAnnotation.name().isEmpty()) {
                    column = columnAnnotation.name();
                    if (!Names.isIdentifier(column)) {
                        error(at, mirror, value(mirror, "name"), Messages.invalidColumnName(name, column));
                    }
                }
                length = columnAnnotation.length();
                precision = columnAnnotation.precision();
                scale = columnAnnotation.scale();
                if (type != null) {
                    checkSizes(at, mirror, name, javaType, type, length, precision, scale);
                }
            }
            String other = columnOwners.putIfAbsent(column.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                error(at, null, null, Messages.duplicateColumn(name, column, other));
            }

            boolean isId = component.getAnnotation(Id.class) != null;
            if (isId) {
                if (idIndex >= 0) {
                    error(at, annotation(at, Id.class), null,
                            Messages.moreThanOneId(name, components.get(idIndex).getSimpleName().toString()));
                } else {
                    idIndex = i;
                }
                if (!isIdType(javaType)) {
                    error(at, annotation(at, Id.class), null, Messages.idType(name, javaType.toString()));
                }
            }
            Lookup lookup = component.getAnnotation(Lookup.class);
            if (lookup != null) {
                if (isId) {
                    error(at, annotation(at, Lookup.class), null, Messages.idIsLookup(name));
                }
                if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
                    error(at, annotation(at, Lookup.class), null, Messages.inexactLookup(name, javaType.toString()));
                }
                String keyName = lookup.value();
                keyColumns.computeIfAbsent(keyName.isEmpty() ? "component " + name : "name " + keyName,
                        k -> new KeyModel.Builder(keyName)).add(i);
            }
            boolean notNull = lookup != null || isId || javaType.getKind().isPrimitive()
                    || hasNotNull(component) || hasNotNull(at);
            columns.add(new ColumnModel(name, column, TypeName.get(javaType),
                    type == null ? ColumnType.STRING : type, notNull, length, precision, scale));
        }
        if (keyColumns.isEmpty()) {
            error(record, null, null, Messages.NO_LOOKUP);
        }
        if (failed) {
            return Optional.empty();
        }
        List<KeyModel> keys = new ArrayList<>();
        keyColumns.values().forEach(key -> keys.add(key.build()));
        ClassName recordName = ClassName.get(record);
        ClassName dao = ClassName.get(recordName.packageName(), String.join("_", recordName.simpleNames()) + "Dao");
        return Optional.of(new EntityModel(recordName, dao, table, columns, idIndex, keys));
    }

    /** {@code @Column(length)} fits strings and byte arrays, precision and scale fit BigDecimal, each with sane values. */
    private void checkSizes(Element at, AnnotationMirror mirror, String name, TypeMirror javaType, ColumnType type,
            int length, int precision, int scale) {
        if (length != ColumnSpec.UNSET) {
            if (type != ColumnType.STRING && type != ColumnType.BYTES) {
                error(at, mirror, value(mirror, "length"),
                        Messages.attributeDoesNotFit(name, "length", javaType.toString(), "String and byte[]"));
            } else if (length < 1) {
                error(at, mirror, value(mirror, "length"), Messages.invalidLength(name, length));
            }
        }
        boolean decimal = type == ColumnType.BIG_DECIMAL;
        if (precision != ColumnSpec.UNSET && !decimal) {
            error(at, mirror, value(mirror, "precision"),
                    Messages.attributeDoesNotFit(name, "precision", javaType.toString(), "BigDecimal"));
        }
        if (scale != ColumnSpec.UNSET && !decimal) {
            error(at, mirror, value(mirror, "scale"),
                    Messages.attributeDoesNotFit(name, "scale", javaType.toString(), "BigDecimal"));
        }
        if (!decimal) {
            return;
        }
        if (precision != ColumnSpec.UNSET && precision < 1) {
            error(at, mirror, value(mirror, "precision"), Messages.invalidPrecision(name, precision));
        } else if (scale != ColumnSpec.UNSET && scale < 0) {
            error(at, mirror, value(mirror, "scale"), Messages.invalidScale(name, scale));
        } else if (scale != ColumnSpec.UNSET && precision == ColumnSpec.UNSET) {
            error(at, mirror, value(mirror, "scale"), Messages.scaleWithoutPrecision(name));
        } else if (scale > precision) {
            error(at, mirror, value(mirror, "scale"), Messages.scaleAbovePrecision(name, scale, precision));
        }
    }

    private void checkVisibility(TypeElement record) {
        // The record and every type around it must be visible from the DAO in the same package.
        for (Element e = record; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e instanceof TypeElement type && (type.getNestingKind() == NestingKind.LOCAL
                    || type.getNestingKind() == NestingKind.ANONYMOUS)) {
                error(record, null, null, Messages.LOCAL_RECORD);
                return;
            }
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                error(record, null, null, Messages.PRIVATE_RECORD);
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

    private void error(Element element, AnnotationMirror mirror, AnnotationValue value, String message) {
        failed = true;
        if (mirror == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        } else if (value == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror, value);
        }
    }
}
