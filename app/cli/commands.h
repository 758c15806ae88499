#pragma once

namespace np::cli {

/// Runs the command-line tool: `neural-playground-cli <command> [options]`. Returns the exit code.
int run(int argc, char **argv);

}  // namespace np::cli
