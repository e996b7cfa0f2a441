/** One error family for the domain; lib/http and lib/actions map it once. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldErrors, message = "Some fields are invalid") {
    super(400, "validation_failed", message, fields);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in or send a valid API token") {
    super(401, "unauthenticated", message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "Your role may not do this") {
    super(403, "forbidden", message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = "Record") {
    super(404, "not_found", `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message = "This record was changed by someone else; reload and try again", fields?: FieldErrors) {
    super(409, "conflict", message, fields);
  }
}
export class GateBlockedError extends AppError {
  constructor(message: string, fields: FieldErrors) {
    super(422, "gate_blocked", message, fields);
  }
}
export class RateLimitedError extends AppError {
  constructor(
    message = "Too many requests; try again later",
    readonly retryAfterSeconds?: number,
  ) {
    super(429, "rate_limited", message);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `The request body is larger than ${Math.round(limitBytes / 1024)} kB`);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message = "Send the body as Content-Type: application/json") {
    super(415, "unsupported_media_type", message);
  }
}
