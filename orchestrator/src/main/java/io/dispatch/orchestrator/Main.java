package io.dispatch.orchestrator;

/** The entry point. The only place that reads the real environment and exits. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code = Orchestrator.production().run(args, System.getenv(), System.out, System.err);
    System.exit(code);
  }
}
