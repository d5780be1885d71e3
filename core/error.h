// Typed errors raised inside the engine; front ends turn each kind into an exit status or an HTTP
// status, so the kind says who can fix the problem (the user's command, their input, the index).
#pragma once

#include <stdexcept>
#include <string>

namespace depeche {

// Base of every error Depeche raises on purpose. what() is one line a user can act on.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line or request is wrong (unknown option value, malformed filter).
class UsageError : public Error {
 public:
  using Error::Error;
};

// Input data is unreadable or malformed; the message names the file and line.
class InputError : public Error {
 public:
  using Error::Error;
};

// The index is missing, locked, corrupt or of an incompatible schema version.
class IndexError : public Error {
 public:
  using Error::Error;
};

// Documented process exit statuses, shared by every subcommand.
enum ExitStatus : int {
  kExitOk = 0,
  kExitFailure = 1,        // an engine or system error stopped the command
  kExitUsage = 2,          // bad command line
  kExitInputRejected = 3,  // the command finished but rejected some input records
  kExitInterrupted = 130,  // stopped by SIGINT/SIGTERM after saving what was done
};

}  // namespace depeche
