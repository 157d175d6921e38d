package dev.baton.tasklist;

import dev.baton.engine.DeclaredUserTask;
import dev.baton.engine.UserTaskExtension;
import dev.baton.engine.UserTaskListeners;
import dev.baton.mail.MailFormats;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Dates as staff read them in a form's text: when a user task is created, each of these dates it can see gets a
 * task-local twin named {@code <date>Text} written in the company's language ("Dec 1, 2026",
 * {@link MailFormats#day}), the way the deal's value is written for the forms ({@code dealValue}). A form's text
 * shows {@code {{renewalDateText}}}; its date fields keep the ISO value, which form-js shows in its own picker.
 */
@Component
class ReadableFormDates implements UserTaskExtension {

  /** The dates that forms show in their text or in read-only fields (forms/README.md, "Showing values to staff"). */
  static final List<String> DATES = List.of("closeDate", "contractStart", "contractEnd", "renewalDate", "kickoffDate",
      "contractSentOn", "valueReviewOn", "nextReviewOn");
  static final String SUFFIX = "Text";

  private final MailFormats formats;

  ReadableFormDates(MailFormats formats) {
    this.formats = formats;
  }

  @Override
  public List<String> problems(DeclaredUserTask task) {
    return List.of();
  }

  @Override
  public UserTaskListeners listeners(DeclaredUserTask task) {
    return new UserTaskListeners(this::write, null, null, null, null, null);
  }

  private void write(DelegateTask task) {
    for (String date : DATES) {
      Object value = task.getVariable(date);
      if (value != null && !value.toString().isBlank()) {
        task.setVariableLocal(date + SUFFIX, formats.day(value));
      }
    }
  }
}
