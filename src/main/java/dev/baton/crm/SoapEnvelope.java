package dev.baton.crm;

import java.util.List;

/**
 * The SOAP 1.1 answers of the Salesforce outbound message endpoint: {@code notificationsResponse} with
 * {@code Ack}, or a fault. Salesforce only reads Ack; what happened to each notification is in an XML
 * comment for people reading the answer (ids are checked, so a comment cannot be broken out of).
 */
final class SoapEnvelope {

  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String OUTBOUND_NS = "http://soap.sforce.com/2005/09/outbound";
  static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private SoapEnvelope() {}

  static String ack(List<String> outcomes) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<soapenv:Envelope xmlns:soapenv=\"").append(SOAP_NS).append("\">\n")
        .append("  <soapenv:Body>\n");
    for (String outcome : outcomes) {
      xml.append("    <!-- ").append(outcome.replace("--", "- -")).append(" -->\n");
    }
    return xml.append("    <notificationsResponse xmlns=\"").append(OUTBOUND_NS).append("\">\n")
        .append("      <Ack>true</Ack>\n")
        .append("    </notificationsResponse>\n")
        .append("  </soapenv:Body>\n")
        .append("</soapenv:Envelope>\n").toString();
  }

  /** A fault: {@code soapenv:Client} for the sender's mistakes (4xx), {@code soapenv:Server} otherwise. */
  static String fault(boolean client, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NS + "\">\n"
        + "  <soapenv:Body>\n"
        + "    <soapenv:Fault>\n"
        + "      <faultcode>soapenv:" + (client ? "Client" : "Server") + "</faultcode>\n"
        + "      <faultstring>" + escape(message) + "</faultstring>\n"
        + "    </soapenv:Fault>\n"
        + "  </soapenv:Body>\n"
        + "</soapenv:Envelope>\n";
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        default -> escaped.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
      }
    }
    return escaped.toString();
  }
}
