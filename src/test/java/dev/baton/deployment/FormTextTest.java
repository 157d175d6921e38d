package dev.baton.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Camunda Forms in forms/ show staff. A form's text component renders Markdown (images and links
 * included) after filling in its {{ }} templates, so a value from outside (a CRM's account name, a
 * customer's words, an API caller's text) templated there would be rendered: an image reference in a
 * customer's name would load an external image in every staff browser. Such values are shown in
 * read-only fields, which display plain text; templates hold only values Baton sets in a fixed format.
 */
class FormTextTest {

  /**
   * Computed by Baton (segment, offsets) or dates and amounts checked where they enter, dates as people write them
   * (tasklist.ReadableFormDates: {@code renewalDateText}, never the ISO {@code renewalDate}).
   */
  static final Set<String> FIXED_FORMAT = Set.of("segment", "handoffSlaDays", "kickoffBusinessDays",
      "timeToValueTargetDays", "closeDateText", "contractStartText", "contractEndText", "renewalDateText",
      "kickoffDateText", "contractSentOnText", "amount", "currency", "dealValue");

  static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

  @Test
  void textFromOutsideIsNeverRenderedAsMarkdown() throws IOException {
    List<String> templated = new ArrayList<>();
    for (Path form : forms()) {
      for (JsonNode component : components(new ObjectMapper().readTree(form.toFile()))) {
        String type = component.path("type").asText();
        if (type.equals("text") || type.equals("html")) {
          Matcher m = TEMPLATE.matcher(component.path(type.equals("text") ? "text" : "content").asText());
          while (m.find()) {
            if (!FIXED_FORMAT.contains(m.group(1))) {
              templated.add(form.getFileName() + " " + component.path("id").asText() + ": {{" + m.group(1) + "}}");
            }
          }
        }
      }
    }
    assertThat(templated).as("show these in read-only fields instead").isEmpty();
  }

  static List<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
    }
  }

  static List<JsonNode> components(JsonNode container) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }
}
