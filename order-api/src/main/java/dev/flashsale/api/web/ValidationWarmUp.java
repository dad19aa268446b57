package dev.flashsale.api.web;

import jakarta.validation.Validator;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Builds the validator's constraint metadata of every controller and of the requests they take while the API starts,
 * before it takes requests. The validator builds it on first use, and every request that arrives before it is built
 * builds it again: right after a start, with a sale already on, the requests in flight spent a third of the first
 * second doing so, interpreted, and none of them was answered within it. Not in the read-model rebuild, which takes
 * no requests.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ValidationWarmUp implements SmartInitializingSingleton {

    private static final String OWN_PACKAGE = "dev.flashsale.";

    private final RequestMappingHandlerMapping handlers;
    private final Validator validator;

    ValidationWarmUp(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
            Validator validator) {
        this.handlers = handlers;
        this.validator = validator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<Class<?>> controllers = new LinkedHashSet<>();
        handlers.getHandlerMethods().values().forEach(method -> controllers.add(method.getBeanType()));
        validatedBy(controllers).forEach(validator::getConstraintsForClass);
    }

    /**
     * The controllers of this project and, transitively through their methods' parameters, record components and
     * type arguments, the types of this project they read.
     */
    public static Set<Class<?>> validatedBy(Collection<Class<?>> controllers) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> controller : controllers) {
            collect(controller, types);
            for (Method method : controller.getDeclaredMethods()) {
                for (Type parameter : method.getGenericParameterTypes()) {
                    collect(parameter, types);
                }
            }
        }
        return types;
    }

    private static void collect(Type type, Set<Class<?>> types) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), types);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, types);
            }
        } else if (type instanceof Class<?> plain && plain.getName().startsWith(OWN_PACKAGE) && types.add(plain)
                && plain.isRecord()) {
            for (RecordComponent component : plain.getRecordComponents()) {
                collect(component.getGenericType(), types);
            }
        }
    }
}
