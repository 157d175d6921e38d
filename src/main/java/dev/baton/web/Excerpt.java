package dev.baton.web;

/** What an error message may quote of a caller's input: the start of it, never a huge value. */
public final class Excerpt {

  static final int MAX = 60;

  private Excerpt() {}

  /** The value itself when short, else its first characters and its length. */
  public static String of(Object value) {
    return of(value, MAX);
  }

  /** As {@link #of(Object)}, for longer texts such as a parser's message (which may quote the input). */
  public static String of(Object value, int max) {
    String text = String.valueOf(value);
    return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " characters)";
  }
}
