package dev.slbcert.emulator;

/** An error answer of the SLB API: HTTP status, error code and message. */
final class ApiError extends Exception {
  private final int httpStatus;
  private final String code;

  ApiError(int httpStatus, String code, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }

  static ApiError missing(String parameter) {
    return new ApiError(
        400,
        "MissingParameter",
        "The input parameter \"" + parameter
            + "\" that is mandatory for processing this request is not supplied.");
  }

  static ApiError invalid(String parameter, String why) {
    return new ApiError(400, "InvalidParameter", "The specified parameter \"" + parameter + "\" is not valid: " + why);
  }
}
