package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the RACI mails call a form's values: the labels the person saw on the real forms. */
class TaskFormTest {

  @Test
  void theHandoffReviewIsNamedByItsLabelsAndItsChoiceByTheChosenOptionsLabel() throws Exception {
    TaskForm form;
    try (InputStream schema = Files.newInputStream(Path.of("forms/handoff-review.form"))) {
      form = TaskForm.parse(schema);
    }

    assertThat(form.label("checklistReview")).isEqualTo("The checklist is");
    assertThat(form.field("checklistReview").orElseThrow().choice()).isTrue();
    assertThat(form.field("checklistReview").orElseThrow().options())
        .containsEntry("sent-back", "Incomplete: send it back to the Sales Rep");
    assertThat(form.label("missingItems")).isEqualTo("What is missing");
    assertThat(form.label("contractStart")).isEqualTo("Contract start");
  }

  @Test
  void aValueTheFormHasNoFieldForIsNamedByItsKeyInWords() {
    assertThat(TaskForm.humanise("internalNote")).isEqualTo("Internal note");
    assertThat(TaskForm.humanise("kickoff_date")).isEqualTo("Kickoff date");
    assertThat(TaskForm.humanise("x")).isEqualTo("X");
  }
}
