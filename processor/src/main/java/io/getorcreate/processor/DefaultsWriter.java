package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.getorcreate.internal.RowValues;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;

/**
 * Writes a DAO's {@code Defaults} class: one fluent setter per component but the id, each writing into the
 * runtime's {@code RowValues}. Reads the model only.
 */
final class DefaultsWriter {
    /** The nested class's simple name. */
    static final String NAME = "Defaults";

    private DefaultsWriter() {}


    static TypeSpec write(EntityModel model) {
        ClassName defaults = model.dao().nestedClass(NAME);
        TypeSpec.Builder type = TypeSpec.classBuilder(defaults)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The values besides the key: what a get-or-create inserts ({@code defaults}), and what an\n"
                        + "update-or-create writes ({@code values}) or adds when it creates ({@code createOnly}). A\n"
                        + "component left unset is left out of the statement, so an INSERT leaves the column to its\n"
                        + "database default and an UPDATE leaves it as it is. Setting a component of the key being\n"
                        + "looked up throws {@link IllegalArgumentException}.\n")
                .addField(RowValues.class, "values", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RowValues.class, "values")
                        .addStatement("this.values = values")
                        .build())
                .addMethod(MethodSpec.methodBuilder("applying")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(ParameterizedTypeName.get(Consumer.class, RowValues.class))
                        .addParameter(ParameterizedTypeName.get(ClassName.get(Consumer.class), defaults), "defaults")
                        .addStatement("return defaults == null ? null : values -> defaults.accept(new $T(values))", defaults)
                        .build())
                .addMethod(MethodSpec.methodBuilder("applyingEach")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addTypeVariable(com.palantir.javapoet.TypeVariableName.get("K"))
                        .returns(ParameterizedTypeName.get(ClassName.get(BiConsumer.class),
                                com.palantir.javapoet.TypeVariableName.get("K"), ClassName.get(RowValues.class)))
                        .addParameter(ParameterizedTypeName.get(ClassName.get(BiConsumer.class),
                                com.palantir.javapoet.TypeVariableName.get("K"), defaults), "defaults")
                        .addStatement("return defaults == null ? null : (key, values) -> defaults.accept(key, new $T(values))",
                                defaults)
                        .build());
        for (int i = 0; i < model.columns().size(); i++) {
            if (i == model.idIndex()) {
                continue;
            }
            ColumnModel column = model.columns().get(i);
            type.addMethod(MethodSpec.methodBuilder(column.component())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(defaults)
                    .addParameter(column.javaType(), column.component())
                    .addStatement("this.values.set($L, $L)", i, column.component())
                    .addStatement("return this")
                    .build());
        }
        return type.build();
    }
}
