package io.getorcreate.processor;

import com.google.auto.service.AutoService;
import io.getorcreate.Entity;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Writes a {@code <Record>Dao} for every {@code @Entity} record. Thin: the parser reports what is
 * wrong and builds the model; the writer turns the model into code.
 */
@AutoService(Processor.class)
public final class EntityProcessor extends AbstractProcessor {

    /** Called by javac, which finds the processor through its service entry. */
    public EntityProcessor() {}

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Entity.class.getCanonicalName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        EntityParser parser = new EntityParser(reporter);
        DaoWriter writer = new DaoWriter(
                processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null);
        for (Element element : round.getElementsAnnotatedWith(Entity.class)) {
            try {
                Optional<EntityModel> model = parser.parse(element);
                if (model.isPresent()) {
                    writer.write(model.get(), element).writeTo(processingEnv.getFiler());
                }
            } catch (IOException | RuntimeException e) {
                reporter.report(element, Message.UNEXPECTED, e);
            }
        }
        return false;
    }
}
