package dev.baton.engine;

import org.springframework.context.annotation.Configuration;

/**
 * Names the JDK's own XML datatype factory. Camunda makes a new one for every timer duration it reads (a boundary
 * timer's P10D, a retry cycle), and without this property each lookup searches every jar on the classpath for a
 * provider: 4 % of the CPU a renewal survey storm cost (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class JdkDatatypeFactory {

  private static final String PROPERTY = "javax.xml.datatype.DatatypeFactory";

  static {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
    }
  }
}
