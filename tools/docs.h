// Documentation generated from the commands' own help text (docs.cpp).
#pragma once

#include <string>

namespace kg::cli {

// Writes the kg(1) man page (troff) to stdout: every command's usage,
// description and options as `kg <command> --help` prints them, the exit codes
// and the environment.
int PrintManPage();

// Writes a completion script for `shell` ("bash" or "zsh") to stdout: the
// commands and each command's flags, from the same help text. 64 for another shell.
int PrintCompletion(const std::string& shell);

}  // namespace kg::cli
