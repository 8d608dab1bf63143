package io.getorcreate.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Message}s, one method per kind of location, and remembers whether any was an
 * error. javac places a diagnostic on the most precise location it is given: the annotation value,
 * else the annotation, else the element.
 */
final class Reporter {
    private final Messager messager;
    private boolean failed;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void report(Element element, Message message, Object... args) {
        record(message);
        messager.printMessage(message.kind(), message.format(args), element);
    }

    void report(Element element, AnnotationMirror annotation, Message message, Object... args) {
        record(message);
        messager.printMessage(message.kind(), message.format(args), element, annotation);
    }

    void report(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        record(message);
        messager.printMessage(message.kind(), message.format(args), element, annotation, value);
    }

    /** Whether an error was reported since the last call, which starts afresh. */
    boolean failedAndReset() {
        boolean was = failed;
        failed = false;
        return was;
    }

    private void record(Message message) {
        failed |= message.kind() == Diagnostic.Kind.ERROR;
    }
}
