package io.takt.deploy;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure while a command starts (bad config, port in use, broker unreachable) into one
 * clear line on stderr and exit code 1, instead of a stack trace an operator has to decode.
 * The stack trace is still available with {@code TAKT_DEBUG=1}.
 */
final class StartupFailureHandler implements IExecutionExceptionHandler {

    static final int EXIT_STARTUP_FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        cmd.getErr().println(cmd.getColorScheme().errorText("takt " + cmd.getCommandName() + ": " + describe(e)));
        if (System.getenv("TAKT_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        return EXIT_STARTUP_FAILED;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
