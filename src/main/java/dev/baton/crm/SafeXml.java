package dev.baton.crm;

import dev.baton.web.ApiProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses a webhook's XML without DTDs, external entities or XInclude (no XXE, no "billion laughs"), and
 * with the JDK's secure-processing limits; the body is already capped at 1 MB by {@link WebhookBody#read}.
 */
final class SafeXml {

  private static final DocumentBuilderFactory FACTORY = factory();

  private SafeXml() {}

  /** The document, or a 400 naming the line and column where the XML breaks. */
  static Document parse(byte[] body) {
    if (body.length == 0) {
      throw ApiProblem.badRequest("body: empty; send the SOAP envelope");
    }
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // no parser chatter on stderr
      builder.setEntityResolver((publicId, systemId) -> {
        throw new IOException("external entities are not allowed");
      });
      return builder.parse(new ByteArrayInputStream(body));
    } catch (SAXParseException e) {
      throw ApiProblem.badRequest("body: malformed XML at line " + e.getLineNumber() + ", column "
          + e.getColumnNumber() + " (" + e.getMessage() + "); send the SOAP envelope as Salesforce sends it");
    } catch (Exception e) {
      throw ApiProblem.badRequest("body: could not be read as XML (" + e.getMessage() + ")");
    }
  }

  private static DocumentBuilderFactory factory() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's XML parser cannot be made safe", e);
    }
  }
}
