package dev.flashsale.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field added to an event after its schema version was first published. Events written before it lack the field,
 * so readers get {@code null} and must cope; writers leave it out when they have no value. Every other field of an
 * event is required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD })
public @interface OptionalField {
}
