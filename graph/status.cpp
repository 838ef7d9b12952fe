#include "graph/status.h"

namespace kg {

std::string Status::ToString() const {
  const char* kind = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: kind = "not found"; break;
    case Code::kInvalidArgument: kind = "invalid argument"; break;
    case Code::kCorruption: kind = "bad data"; break;
    case Code::kIOError: kind = "I/O error"; break;
    case Code::kBusy: kind = "busy"; break;
    case Code::kTimeout: kind = "limit reached"; break;
    case Code::kNotSupported: kind = "not supported"; break;
    case Code::kAborted: kind = "aborted"; break;
  }
  return std::string(kind) + ": " + msg_;
}

int Status::ExitCode() const {
  switch (code_) {
    case Code::kOk: return 0;
    case Code::kInvalidArgument: return 64;
    case Code::kNotSupported: return 64;
    case Code::kCorruption: return 65;
    case Code::kNotFound: return 65;
    case Code::kIOError: return 74;
    case Code::kBusy: return 75;
    case Code::kTimeout: return 75;
    case Code::kAborted: return 70;
  }
  return 70;
}

}  // namespace kg
