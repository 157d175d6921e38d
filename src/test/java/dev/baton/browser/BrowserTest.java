package dev.baton.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that drives headless chromium. Without chromium it is skipped on a developer's machine, and
 * fails under CI (CI=true), where `.ci/run` installs it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserAvailable.class)
public @interface BrowserTest {}
