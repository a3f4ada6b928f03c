package dev.gamma.pipeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a plugin's {@link PacketHandlerFactory} is listed under in routes' {@code handlers: [...]}. Gamma reads
 * it without running any of the plugin's code, and constructs the factory only once a route names it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HandlerName {
    String value();
}
