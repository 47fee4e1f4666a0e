package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.report.ReportFormat;
import dev.rotor.report.ReportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes the report of a run from the journal: the whole run folder, one tenant's folder, or one
 * format to stdout or a file.
 */
@Command(
    name = "report",
    description = {
      "Writes the report of a run from the journal.",
      "With no --format, rewrites the run folder <reports>/<plan>/<run-id>/ (JSON, CSV, HTML,",
      "Markdown, manifest.json, manifest.sig), or with --tenant the folder tenants/<name>/ in it."
    },
    mixinStandardHelpOptions = true,
    subcommands = {ReportVerifyCommand.class, ReportHistoryCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "2:bad usage, or no such run or tenant in the journal",
      "4:internal error"
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "RUN_ID", arity = "0..1", description = "The run.")
  @Nullable String runId;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json, csv, html or md: write this one format (to stdout unless --out).")
  @Nullable String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write one format (default: stdout; format from the extension).")
  @Nullable Path out;

  @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant.")
  @Nullable String tenant;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (runId == null) {
      err.println("rotor report: give a RUN_ID (see 'rotor runs'), or 'verify' or 'history'.");
      return ExitCodes.INVALID;
    }
    RotorConfig rotorConfig = config.load();
    try (Journal journal = Journal.open(rotorConfig.store())) {
      return format == null && out == null
          ? writeFolder(journal, rotorConfig, runId)
          : writeOne(journal, runId, ReportFormat.parse(formatName()));
    } catch (IllegalArgumentException e) {
      err.println("rotor report: " + e.getMessage());
      return ExitCodes.INVALID;
    }
  }

  private int writeFolder(Journal journal, RotorConfig rotorConfig, String run) {
    Path dir =
        tenant == null
            ? ReportWriter.writeAll(journal, run, rotorConfig)
            : ReportWriter.writeTenant(journal, run, tenant, rotorConfig);
    spec.commandLine().getOut().println(dir);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private int writeOne(Journal journal, String run, ReportFormat reportFormat) throws IOException {
    if (out == null) {
      OutputStream stdout = new BufferedOutputStream(System.out);
      ReportWriter.write(journal, run, tenant, reportFormat, stdout);
      stdout.flush();
      return ExitCodes.OK;
    }
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
      ReportWriter.write(journal, run, tenant, reportFormat, file);
    }
    return ExitCodes.OK;
  }

  private String formatName() {
    if (format != null) {
      return format;
    }
    String name = out == null ? "" : String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "json" : name.substring(dot + 1);
  }
}
