package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.getorcreate.Column;
import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
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
        Map<String, List<Integer>> keyColumns = new LinkedHashMap<>();
        int idIndex = -1;
        for (int i = 0; i < components.size(); i++) {
            RecordComponentElement component = components.get(i);
            Element at = fieldOf(record, component);
            String name = component.getSimpleName().toString();

            ColumnType type = columnType(component.asType());
            if (type == null) {
                error(at, null, null, Messages.unsupportedType(component.asType().toString()));
            }

            String column = Names.snakeCase(name);
            Column columnAnnotation = component.getAnnotation(Column.class);
            if (columnAnnotation != null) {
                column = columnAnnotation.name();
                if (!Names.isIdentifier(column)) {
                    AnnotationMirror mirror = annotation(at, Column.class);
                    error(at, mirror, value(mirror, "name"), Messages.invalidColumnName(column));
                }
            }
            String other = columnOwners.putIfAbsent(column.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                error(at, null, null, Messages.duplicateColumn(column, other));
            }

            boolean isId = component.getAnnotation(Id.class) != null;
            if (isId) {
                if (idIndex >= 0) {
                    error(at, annotation(at, Id.class), null, Messages.MORE_THAN_ONE_ID);
                } else {
                    idIndex = i;
                }
                if (!isIdType(component.asType())) {
                    error(at, annotation(at, Id.class), null, Messages.ID_TYPE);
                }
            }
            Lookup lookup = component.getAnnotation(Lookup.class);
            if (lookup != null) {
                if (isId) {
                    error(at, annotation(at, Lookup.class), null, Messages.ID_IS_LOOKUP);
                }
                keyColumns.computeIfAbsent(lookup.value(), k -> new ArrayList<>()).add(i);
            }
            boolean notNull = lookup != null || isId || component.asType().getKind().isPrimitive()
                    || hasNotNull(component) || hasNotNull(at);
            columns.add(new ColumnModel(name, column, TypeName.get(component.asType()),
                    type == null ? ColumnType.STRING : type, notNull));
        }
        if (keyColumns.isEmpty()) {
            error(record, null, null, Messages.NO_LOOKUP);
        }
        if (failed) {
            return Optional.empty();
        }
        List<KeyModel> keys = new ArrayList<>();
        keyColumns.forEach((name, cols) -> keys.add(new KeyModel(name, cols)));
        ClassName recordName = ClassName.get(record);
        ClassName dao = ClassName.get(recordName.packageName(), String.join("_", recordName.simpleNames()) + "Dao");
        return Optional.of(new EntityModel(recordName, dao, table, columns, idIndex, keys));
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
